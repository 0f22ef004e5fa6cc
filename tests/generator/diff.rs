//! `cargo xtask diff` over whole-spec cases (`tests/fixtures/diff/<case>/{base,head}.yaml`): both
//! output formats are pinned, and every change class appears in some case. The rule-by-rule
//! corpus is `diff_pairs.rs`.

use std::path::Path;

use xtask::diff::{self, FailOn, Report};

fn review(case: &Path) -> Report {
    let read = |name: &str| std::fs::read_to_string(case.join(name)).ok();
    let name = case.file_name().unwrap().to_str().unwrap();
    let report = diff::compare(
        name,
        read("base.yaml").as_deref(),
        read("head.yaml").as_deref(),
    );
    Report {
        base: "main".into(),
        crates: vec![report],
    }
}

#[test]
fn fixture_pairs() {
    let root = xtask::workspace_root().join("tests/fixtures/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|case| case.join("base.yaml").exists() || case.join("head.yaml").exists())
        .collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_str().unwrap().to_owned();
        let report = review(&case);
        insta::assert_snapshot!(format!("{name}.md"), diff::markdown(&report));
        insta::assert_snapshot!(format!("{name}.json"), diff::json(&report));
    }
}

#[test]
fn fail_on_levels() {
    let root = xtask::workspace_root().join("tests/fixtures/diff");
    let classes = review(&root.join("contract_classes"));
    assert!(classes.fails(FailOn::Breaking));
    // spec_wide bumps its crate version as needed, but removes a server (breaking).
    let wide = review(&root.join("spec_wide"));
    assert!(wide.fails(FailOn::Breaking));
    let unchanged = Report {
        base: "main".into(),
        crates: vec![],
    };
    assert!(!unchanged.fails(FailOn::Warning));
}

#[test]
fn a_new_spec_is_all_additions() {
    let source = std::fs::read_to_string(
        xtask::workspace_root().join("tests/fixtures/diff/spec_wide/base.yaml"),
    )
    .unwrap();
    let report = diff::compare("fresh", None, Some(&source));
    assert!(
        report
            .contract
            .iter()
            .all(|c| c.level != diff::Level::Breaking),
        "{:#?}",
        report.contract
    );
    assert!(
        report
            .api
            .iter()
            .all(|c| c.impact == diff::Impact::Additive)
    );
    assert_eq!(
        report.required_version, None,
        "a new crate starts at its declared version"
    );
    assert!(report.version_ok);
}
