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
        let findings = xtask::lint::lint_file(&root, &provider).findings;
        assert!(findings.is_empty(), "{provider}: {findings:#?}");
    }
}

/// The strictness fixture without one operation's summary.
fn without_a_summary() -> String {
    let source =
        std::fs::read_to_string(xtask::workspace_root().join("tests/fixtures/strictness.yaml"))
            .unwrap();
    let shorter = source.replacen("      summary: Refund a payment\n", "", 1);
    assert_ne!(shorter, source, "the fixture has that summary");
    shorter
}

#[test]
fn documentation_findings_warn_in_gen_and_stop_it_only_when_strict() {
    use xtask::spec::{Mode, parse_bytes};
    let source = without_a_summary();
    let file = "specs/strictness.yaml";
    let spec = parse_bytes(file, "strictness", source.as_bytes(), Mode::Lenient)
        .expect("a missing summary does not stop gen");
    let warnings: Vec<String> = spec
        .warnings
        .iter()
        .map(|w| w.labelled("warning"))
        .collect();
    assert!(
        warnings.len() == 1
            && warnings[0]
                .contains(": warning: POST /payments/{payment_id}/refunds has no `summary`"),
        "{warnings:#?}"
    );
    xtask::generate::crate_files(&spec).expect("and the client is generated");

    let errors = parse_bytes(file, "strictness", source.as_bytes(), Mode::Strict)
        .expect_err("--strict stops on it");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.contains("has no `summary`"),
        "{}",
        errors[0]
    );

    let doc = xtask::yaml::Document::parse(&source).unwrap();
    let lint = xtask::lint::lint(file, &doc);
    assert!(
        lint.len() == 1 && lint[0].severity() == xtask::lint::Severity::Error,
        "lint still counts it as an error: {lint:#?}"
    );
}

#[test]
fn one_run_reports_syntax_structure_and_lint_problems_together() {
    let fixture = xtask::workspace_root().join("tests/fixtures/broken/several_problems.yaml");
    let checked = xtask::spec::check(
        "specs/several_problems.yaml",
        &std::fs::read(fixture).unwrap(),
    );
    let findings: Vec<String> = checked.findings.iter().map(ToString::to_string).collect();
    let expected = [
        // YAML: the document is still read, with the first value kept.
        "specs/several_problems.yaml:12:11: error: duplicate key `description`",
        // openapiv3's model of OpenAPI 3.0.
        "specs/several_problems.yaml:8:32: error: not a valid OpenAPI 3.0 document here: invalid type: string \"maybe\"",
        // The preflight.
        "specs/several_problems.yaml:15:24: error: `$ref: #/components/schemas/Refnud` does not resolve",
        // Documentation rules.
        "specs/several_problems.yaml:5:5: error: GET /refunds/{id} has no `summary`",
        "specs/several_problems.yaml:9:7: error: GET /refunds/{id} documents no error response",
        "specs/several_problems.yaml:19:5: warning: `schemas/Refund` is never referenced",
    ];
    for line in expected {
        assert!(
            findings.iter().any(|f| f.starts_with(line)),
            "missing {line}\n{findings:#?}"
        );
    }
}

#[test]
fn a_file_that_is_not_utf8_is_located_at_its_first_bad_byte() {
    let bytes = b"openapi: 3.0.3\ninfo:\n  title: Caf\xe9\n";
    let checked = xtask::spec::check("specs/latin1.yaml", bytes);
    assert!(checked.document.is_none());
    let findings: Vec<String> = checked.findings.iter().map(ToString::to_string).collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(
        findings[0].starts_with("specs/latin1.yaml:3:13: error: not UTF-8: byte 0xE9"),
        "{findings:#?}"
    );
}

#[test]
fn x_payspec_verbatim_is_refused_where_the_generator_would_not_honour_it() {
    let source = "\
openapi: 3.0.3
info: {title: Verbatim, version: '1'}
paths: {}
components:
  schemas:
    Event: {type: object, x-payspec-verbatim: true}
    Wrapper:
      type: object
      properties:
        event: {$ref: '#/components/schemas/Event'}
        inline: {type: object, x-payspec-verbatim: true}
        flagged: {$ref: '#/components/schemas/Flagged'}
    Flagged: {type: object, x-payspec-verbatim: 'yes'}
";
    let findings: Vec<String> = xtask::spec::check("specs/verbatim.yaml", source.as_bytes())
        .findings
        .iter()
        .map(ToString::to_string)
        .filter(|f| f.contains("x-payspec-verbatim"))
        .collect();
    assert_eq!(
        findings,
        [
            "specs/verbatim.yaml:13:29: error: `x-payspec-verbatim` must be `true` (or left out), not \"yes\"",
            "specs/verbatim.yaml:11:32: error: `x-payspec-verbatim` belongs on a schema under `components/schemas`, referred to by `$ref`",
        ],
        "{findings:#?}"
    );
}
