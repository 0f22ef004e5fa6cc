//! The committed fixture clients are what the generator makes of their specs: each
//! `tests/fixtures/<name>.yaml` has its client in `tests/fixtures/<name>/`, compiled into this test
//! binary. Like snapshots, they are rewritten when `INSTA_UPDATE=always`.

/// The fixture specs with a committed client.
const FIXTURES: [&str; 3] = ["strictness", "constructs", "openapi31"];

#[test]
fn fixture_clients_match_the_generator() {
    let root = xtask::workspace_root();
    let update = std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always");
    for name in FIXTURES {
        let file = format!("tests/fixtures/{name}.yaml");
        let source = std::fs::read_to_string(root.join(&file)).unwrap();
        let spec = xtask::spec::parse(&file, name, &source)
            .unwrap_or_else(|e| panic!("{file} is valid: {e:?}"));
        let files = xtask::generate::crate_files(&spec)
            .unwrap_or_else(|e| panic!("{file} generates: {e:?}"));
        // The manifest and licence files are not compiled here; the code and README are.
        let compiled =
            |path: &std::path::Path| path.ends_with("src/lib.rs") || path.ends_with("README.md");
        for file in files.iter().filter(|f| compiled(&f.path)) {
            let committed = root
                .join("tests/fixtures")
                .join(file.path.strip_prefix("generated").unwrap());
            if update {
                std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
                std::fs::write(&committed, &file.contents).unwrap();
            }
            assert!(
                std::fs::read_to_string(&committed).is_ok_and(|c| c == file.contents),
                "{} is stale: run `INSTA_UPDATE=always cargo test -p payspec-tests --test generator`",
                committed.display()
            );
        }
    }
}
