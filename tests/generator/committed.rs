//! Fixture clients committed under `tests/fixtures/<name>/` and compiled into this test crate:
//! like snapshots, they must be what the generator makes of `tests/fixtures/<name>.yaml`, and
//! are rewritten when `INSTA_UPDATE=always`.

/// Asserts the committed client (README and source; the manifest is not kept) for the spec at
/// `spec` (relative to the workspace root) is current, or rewrites it when updating.
pub fn assert_current(spec: &str, provider: &str) {
    let root = xtask::workspace_root();
    let source = std::fs::read_to_string(root.join(spec)).unwrap();
    let spec = xtask::spec::parse(spec, provider, &source).expect("the fixture spec is valid");
    let files = xtask::generate::crate_files(&spec).expect("the fixture spec generates");
    let update = std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always");
    for file in files.iter().filter(|f| !f.path.ends_with("Cargo.toml")) {
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
