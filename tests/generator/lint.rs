//! `cargo xtask lint` findings for fixtures that break each rule.

#[test]
fn lint_findings() {
    insta::glob!("../fixtures/lint", "*.yaml", |fixture| {
        let source = std::fs::read_to_string(fixture).unwrap();
        let name = format!("specs/{}", fixture.file_name().unwrap().to_str().unwrap());
        let doc = xtask::yaml::Document::parse(&source).unwrap();
        let findings: Vec<String> = xtask::lint::lint(&name, &doc)
            .iter()
            .map(ToString::to_string)
            .collect();
        insta::assert_snapshot!(findings.join("\n"));
    });
}

#[test]
fn the_project_specs_have_no_findings() {
    let root = xtask::workspace_root();
    for provider in xtask::spec::providers(&root).unwrap() {
        let findings = xtask::lint::lint_file(&root, &provider);
        assert!(findings.is_empty(), "{provider}: {findings:#?}");
    }
}
