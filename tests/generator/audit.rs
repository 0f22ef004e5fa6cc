//! `cargo xtask audit` over `tests/fixtures/audit/`: one small provider spec (`ours.yaml`) and
//! the same reference written three ways (OpenAPI 3.0 YAML, OpenAPI 3.1 JSON, Swagger 2.0 JSON),
//! holding a finding of every kind.

use std::path::PathBuf;

use xtask::audit::{self, Audit, Class, Kind};

fn fixture(name: &str) -> PathBuf {
    xtask::workspace_root()
        .join("tests/fixtures/audit")
        .join(name)
}

fn audit_against(reference: &str) -> Audit {
    let source = std::fs::read_to_string(fixture("ours.yaml")).unwrap();
    let ours = xtask::yaml::Document::parse(&source).unwrap().value;
    let read = xtask::lower::read(&fixture(reference)).unwrap();
    let lowered = xtask::lower::lower(read).unwrap();
    let mut audit = audit::compare("acme", reference, &ours, &lowered.document);
    audit.notes = lowered.notes;
    audit
}

#[test]
fn reports_are_pinned() {
    let audit = audit_against("reference-3.0.yaml");
    insta::assert_snapshot!("audit.md", audit::markdown(&audit));
    insta::assert_snapshot!("audit.json", audit::json(&audit));
}

#[test]
fn the_three_formats_give_the_same_audit() {
    let findings = |audit: &Audit| serde_json::to_value(&audit.operations).unwrap();
    let base = audit_against("reference-3.0.yaml");
    for reference in ["reference-3.1.json", "reference-2.0.json"] {
        let other = audit_against(reference);
        assert_eq!(findings(&other), findings(&base), "{reference}");
        assert_eq!(other.not_covered, base.not_covered, "{reference}");
        assert_eq!(other.only_ours, base.only_ours, "{reference}");
        assert!(
            !other.notes.is_empty(),
            "{reference}: lowering changed nothing?"
        );
    }
}

#[test]
fn every_kind_of_finding_is_found() {
    let audit = audit_against("reference-3.0.yaml");
    let findings: Vec<_> = audit
        .operations
        .iter()
        .flat_map(|op| &op.findings)
        .collect();
    for kind in [
        Kind::OnlyInReference,
        Kind::OnlyInOurs,
        Kind::Type,
        Kind::Format,
        Kind::Enum,
        Kind::Length,
        Kind::Range,
        Kind::Pattern,
        Kind::Required,
        Kind::Nullable,
        Kind::Status,
        Kind::ErrorBody,
    ] {
        assert!(
            findings.iter().any(|f| f.kind == kind),
            "no {kind:?} finding"
        );
    }
    let stricter = |field: &str, kind: Kind| {
        findings
            .iter()
            .any(|f| f.class == Class::StricterResponse && f.field == field && f.kind == kind)
    };
    // Each way our response schema refuses what the reference allows.
    assert!(stricter("amount.value", Kind::Pattern));
    assert!(stricter("amount.currency", Kind::Length));
    assert!(stricter("settled_amount", Kind::Range));
    assert!(stricter("type", Kind::Required));
    assert!(stricter("code", Kind::Type));
    assert!(stricter("reason", Kind::Nullable));
    assert!(stricter("id", Kind::Format));
    // Request differences and open string enums are never "stricter responses".
    assert!(
        !findings.iter().any(|f| f.class == Class::StricterResponse
            && (f.place == "request" || f.kind == Kind::Enum))
    );
}

#[test]
fn coverage_counts_reference_leaves() {
    let audit = audit_against("reference-2.0.json");
    let create = audit
        .operations
        .iter()
        .find(|op| op.operation_id == "createRefund")
        .unwrap();
    // Request: the idempotency header, amount.value, amount.currency, reason and note of 7
    // (metadata.order_id and metadata.channel are missing).
    assert_eq!((create.request.covered, create.request.total), (5, 7));
    // Response: 9 of the 11 leaves of Refund (fee.value and reconciliation_id are missing).
    assert_eq!((create.response.covered, create.response.total), (9, 11));
    let (request, response) = audit.overall();
    assert_eq!((request.covered, request.total), (5, 7));
    assert_eq!((response.covered, response.total), (18, 22));
    assert_eq!(audit.not_covered, ["`GET /refunds` (listRefunds)"]);
    assert_eq!(
        audit.only_ours,
        ["`POST /payments/{id}/void` (voidPayment)"]
    );
    // 23 of 29: 79.3%.
    assert!(audit.fails_under(80.0));
    assert!(!audit.fails_under(79.0));
}

#[test]
fn json_with_surrogate_pair_escapes_is_read() {
    let text = std::fs::read_to_string(fixture("reference-3.1.json")).unwrap();
    assert!(
        text.contains("\\ud83e\\udd80"),
        "the fixture carries an escaped emoji"
    );
    let document = xtask::lower::read(&fixture("reference-3.1.json")).unwrap();
    let note = &document["components"]["schemas"]["RefundRequest"]["properties"]["note"];
    assert_eq!(note["examples"][0], "Duplicate order 🦀");
}

#[test]
fn a_reference_audited_against_itself_is_fully_covered() {
    let reference = xtask::lower::read(&fixture("reference-3.0.yaml")).unwrap();
    let audit = audit::compare("acme", "itself", &reference, &reference);
    assert!(audit.operations.iter().all(|op| op.findings.is_empty()));
    let (request, response) = audit.overall();
    assert_eq!(request.covered, request.total);
    assert_eq!(response.covered, response.total);
    assert!(audit.not_covered.is_empty() && audit.only_ours.is_empty());
}

#[test]
fn run_reads_the_providers_spec_from_the_workspace() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("specs")).unwrap();
    std::fs::copy(fixture("ours.yaml"), root.path().join("specs/acme.yaml")).unwrap();
    let audit = audit::run(root.path(), "acme", &fixture("reference-2.0.json")).unwrap();
    assert_eq!(audit.reference, "reference-2.0.json");
    assert_eq!(audit.operations.len(), 2);
    let missing = audit::run(root.path(), "nobody", &fixture("reference-2.0.json")).unwrap_err();
    assert!(missing.contains("specs/nobody.yaml"), "{missing}");
}
