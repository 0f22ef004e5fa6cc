//! `cargo xtask diff` over whole-spec cases (`tests/fixtures/diff/<case>/{base,head}.yaml`): both
//! output formats are pinned, and every change class appears in some case. The rule-by-rule
//! corpus is `diff_pairs.rs`.

use std::path::Path;

use xtask::diff::{self, FailOn, Level, Report};

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

fn spec_wide_base() -> String {
    std::fs::read_to_string(xtask::workspace_root().join("tests/fixtures/diff/spec_wide/base.yaml"))
        .unwrap()
}

#[test]
fn a_new_spec_is_one_line_per_half() {
    let report = diff::compare("fresh", None, Some(&spec_wide_base()));
    let lines: Vec<_> = report
        .contract
        .iter()
        .map(|c| (c.level, c.what.as_str()))
        .collect();
    assert_eq!(
        lines,
        [(Level::NonBreaking, "provider added with 1 operation(s)")]
    );
    assert_eq!(report.api.len(), 1, "{:#?}", report.api);
    assert_eq!(report.api[0].impact, diff::Impact::Additive);
    assert_eq!(
        report.required_version, None,
        "a new crate starts at its declared version"
    );
    assert!(report.version_ok);
    let gone = diff::compare("fresh", Some(&spec_wide_base()), None);
    assert_eq!(gone.contract.len(), 1, "{:#?}", gone.contract);
    assert_eq!(gone.contract[0].level, Level::Breaking);
    assert_eq!(gone.api[0].impact, diff::Impact::Breaking);
}

#[test]
fn a_head_that_does_not_parse_is_one_located_finding() {
    let broken = spec_wide_base().replace("  /refunds/{id}:\n", "  /refunds/{id}: [\n");
    let report = diff::compare("broken", Some(&spec_wide_base()), Some(&broken));
    assert_eq!(report.contract.len(), 1, "{:#?}", report.contract);
    let finding = &report.contract[0];
    assert_eq!(finding.level, Level::Breaking);
    assert!(
        finding
            .what
            .starts_with("the changed spec does not load: specs/broken.yaml:11:18: invalid YAML"),
        "{}",
        finding.what
    );
    assert!(report.api.is_empty());
}

#[test]
fn a_broken_base_does_not_stop_the_review_of_its_fix() {
    // The base fails the spec checks (a misspelled key) but still reads.
    let base = spec_wide_base().replace(
        "      summary: Get a refund\n",
        "      sumary: Get a refund\n",
    );
    let head = spec_wide_base().replace(
        "        id: {type: string}",
        "        id: {type: string}\n        fee: {type: integer}",
    );
    let report = diff::compare("fixed", Some(&base), Some(&head));
    let whats: Vec<_> = report
        .contract
        .iter()
        .map(|c| (c.level, c.what.as_str()))
        .collect();
    assert_eq!(whats.len(), 3, "{whats:#?}");
    assert_eq!(whats[0].0, Level::Info);
    assert!(
        whats[0]
            .1
            .starts_with("the base spec does not load: specs/fixed.yaml:"),
        "{}",
        whats[0].1
    );
    assert!(
        whats[1..].iter().all(
            |(level, what)| *level == Level::NonBreaking && what.ends_with("field `fee` added")
        ),
        "{whats:#?}"
    );
    assert!(report.api.is_empty(), "the Rust half needs both crates");
    assert!(
        !Report {
            base: "main".into(),
            crates: vec![report]
        }
        .fails(FailOn::Breaking)
    );
    // A base that is not even YAML: the head is reviewed as a new provider.
    let report = diff::compare("fixed", Some("paths: ["), Some(&head));
    let levels: Vec<_> = report.contract.iter().map(|c| c.level).collect();
    assert_eq!(
        levels,
        [Level::Info, Level::NonBreaking],
        "{:#?}",
        report.contract
    );
}

#[test]
fn a_generator_crash_is_a_located_finding() {
    // An object-typed header parameter: a valid spec progenitor cannot generate.
    let head = spec_wide_base().replace(
        "        - {name: id, in: path, required: true, schema: {type: string}}",
        "        - {name: id, in: path, required: true, schema: {type: string}}\n        - {name: X-Meta, in: header, required: false, schema: {type: object, properties: {a: {type: string}}}}",
    );
    let report = diff::compare("crash", Some(&spec_wide_base()), Some(&head));
    let problem = report
        .contract
        .iter()
        .find(|c| {
            c.what
                .starts_with("the changed spec does not load: specs/crash.yaml")
        })
        .unwrap_or_else(|| panic!("{:#?}", report.contract));
    assert_eq!(problem.level, Level::Breaking);
    assert!(
        report
            .contract
            .iter()
            .any(|c| c.what.contains("header X-Meta")),
        "the contract half is still reviewed: {:#?}",
        report.contract
    );
}

#[test]
fn review_reads_yml_and_json_specs_and_follows_renames() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
    };
    let specs = root.join("specs");
    std::fs::create_dir(&specs).unwrap();
    let base = spec_wide_base();
    std::fs::write(specs.join("acme.yaml"), &base).unwrap();
    std::fs::write(specs.join("kept.yml"), &base).unwrap();
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    // acme.yaml renamed with its content unchanged; kept.yml changed; a JSON spec added.
    std::fs::rename(specs.join("acme.yaml"), specs.join("acme-pay.yaml")).unwrap();
    std::fs::write(
        specs.join("kept.yml"),
        base.replace("getRefund", "fetchRefund"),
    )
    .unwrap();
    let json = xtask::yaml::Document::parse(&base).unwrap().value;
    std::fs::write(
        specs.join("fresh.json"),
        serde_json::to_string(&json).unwrap(),
    )
    .unwrap();
    let report = diff::review(root, "HEAD").unwrap();
    let summary: Vec<(String, Vec<String>)> = report
        .crates
        .iter()
        .map(|c| {
            (
                c.provider.clone(),
                c.contract.iter().map(|x| x.what.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "acme-pay".to_owned(),
                vec!["spec renamed from `specs/acme.yaml` to `specs/acme-pay.yaml`".to_owned()]
            ),
            (
                "fresh".to_owned(),
                vec!["provider added with 1 operation(s)".to_owned()]
            ),
            (
                "kept".to_owned(),
                vec!["operationId `getRefund` renamed to `fetchRefund`".to_owned()]
            ),
        ]
    );
    assert!(
        report.crates[0].contract[0]
            .risk
            .as_deref()
            .unwrap()
            .contains("`payspec-acme-pay`")
    );
}

#[test]
fn every_provider_spec_rewritten_as_json_is_unchanged() {
    let specs = xtask::workspace_root().join("specs");
    for provider in xtask::spec::providers(&xtask::workspace_root()).unwrap() {
        let yaml = std::fs::read_to_string(specs.join(format!("{provider}.yaml"))).unwrap();
        let document = xtask::yaml::Document::parse(&yaml).unwrap().value;
        let json = serde_json::to_string(&document).unwrap();
        let changes = diff::contract_changes(&yaml, &json).unwrap();
        assert!(changes.is_empty(), "{provider}: {changes:#?}");
    }
}
