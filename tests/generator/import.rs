//! `cargo xtask import` over `tests/fixtures/import/` (Swagger 2.0 and OpenAPI 3.1 JSON) and the
//! audit fixtures' OpenAPI 3.0 YAML: the spec it writes lints with only `TODO` warnings and
//! generates, and carries none of the provider's prose.

use std::path::PathBuf;

use xtask::lint::Severity;

fn fixture(path: &str) -> PathBuf {
    xtask::workspace_root().join("tests/fixtures").join(path)
}

/// Imports, then checks the YAML lints clean but for TODOs and generates a crate.
fn import(provider: &str, reference: &str, operations: &[&str]) -> String {
    let document = xtask::lower::read(&fixture(reference)).unwrap();
    let operations: Vec<String> = operations.iter().map(|s| s.to_string()).collect();
    let imported = xtask::import::import(provider, document, &operations).unwrap();
    let yaml = xtask::import::to_yaml(&imported.document);
    let file = format!("specs/{provider}.yaml");
    let parsed = xtask::yaml::Document::parse(&yaml).unwrap();
    assert_eq!(
        parsed.value, imported.document,
        "the YAML reads back as written"
    );
    for finding in xtask::lint::lint(&file, &parsed) {
        assert!(
            finding.severity() == Severity::Warning
                && finding
                    .diagnostic
                    .message
                    .starts_with("left to fill in: TODO"),
            "{finding}\n{yaml}"
        );
    }
    let spec = xtask::spec::parse(&file, provider, &yaml).unwrap_or_else(|e| panic!("{e:?}"));
    xtask::generate::crate_files(&spec).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        !yaml.contains("PROSE-SENTINEL"),
        "provider prose copied:\n{yaml}"
    );
    yaml
}

#[test]
fn swagger_2_with_inline_bodies() {
    let yaml = import(
        "shop",
        "import/swagger-2.0.json",
        &["POST /payments", "GET /payments/{paymentId}"],
    );
    insta::assert_snapshot!("import_swagger.yaml", yaml);
}

#[test]
fn openapi_31_with_nullable_and_default_responses() {
    let yaml = import(
        "vault",
        "import/openapi-3.1.json",
        &["post /cards", "GET /cards/{id}"],
    );
    insta::assert_snapshot!("import_openapi31.yaml", yaml);
}

#[test]
fn openapi_30_yaml() {
    let yaml = import("acme", "audit/reference-3.0.yaml", &["GET /refunds/{id}"]);
    assert!(yaml.contains("operationId: getRefund"), "{yaml}");
    assert!(
        !yaml.contains("listRefunds"),
        "only the chosen operation:\n{yaml}"
    );
}

#[test]
fn unknown_operations_are_named() {
    let document = xtask::lower::read(&fixture("import/openapi-3.1.json")).unwrap();
    let error = xtask::import::import("vault", document, &["DELETE /cards".into()]).unwrap_err();
    assert!(
        error.starts_with("`DELETE /cards` is not in the reference; it has: "),
        "{error}"
    );
    assert!(error.contains("GET /cards/{card_id}"), "{error}");
}

#[test]
fn an_existing_spec_is_replaced_only_with_force() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("specs")).unwrap();
    std::fs::write(root.path().join("specs/vault.yaml"), "kept\n").unwrap();
    let reference = fixture("import/openapi-3.1.json");
    let ops = ["GET /cards/{id}".to_owned()];
    let error = xtask::import::run(root.path(), "vault", &reference, &ops, false).unwrap_err();
    assert!(error.contains("--force"), "{error}");
    assert_eq!(
        std::fs::read_to_string(root.path().join("specs/vault.yaml")).unwrap(),
        "kept\n"
    );
    xtask::import::run(root.path(), "vault", &reference, &ops, true).unwrap();
    let written = std::fs::read_to_string(root.path().join("specs/vault.yaml")).unwrap();
    assert!(written.starts_with("openapi: 3.0.3\n"), "{written}");
}
