//! Each spec under `tests/fixtures/broken/` holds constructs that would crash or mislead
//! progenitor; the generator must name every place and fix in one run (documentation findings
//! as warnings after the errors), and leave generated/ untouched.

use std::path::Path;

use xtask::generate;

#[test]
fn broken_specs_get_a_clear_error_and_leave_generated_untouched() {
    insta::glob!("../fixtures/broken", "*.yaml", |fixture| {
        let dir = tempfile::tempdir().unwrap();
        let name = fixture.file_stem().unwrap().to_str().unwrap();
        std::fs::create_dir_all(dir.path().join("specs")).unwrap();
        std::fs::copy(fixture, dir.path().join(format!("specs/{name}.yaml"))).unwrap();
        let sentinel = dir.path().join(format!("generated/{name}/src/lib.rs"));
        std::fs::create_dir_all(sentinel.parent().unwrap()).unwrap();
        std::fs::write(&sentinel, "// the previous generation\n").unwrap();

        let error = generate::regenerate(dir.path(), &[]).expect_err("a broken spec must fail");
        assert_eq!(
            std::fs::read_to_string(&sentinel).unwrap(),
            "// the previous generation\n"
        );
        assert_eq!(
            files_under(&dir.path().join("generated")),
            1,
            "nothing else was written"
        );
        insta::assert_snapshot!(error.to_string());
    });
}

fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
}
