//! Specs that would generate broken or crashing code, or exceed a stated limit, are refused by
//! lint and gen with their place and, for a limit, the limit's value.

use serde_json::{Value, json};

/// The findings for `document` (written as JSON, which the spec reader takes).
fn findings(document: &Value) -> Vec<String> {
    let text = serde_json::to_string(document).unwrap();
    xtask::spec::check("specs/hostile.yaml", text.as_bytes())
        .findings
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn spec(schemas: Value, paths: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Hostile", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

fn has(findings: &[String], text: &str) -> bool {
    findings.iter().any(|f| f.contains(text))
}

#[test]
fn empty_enums_and_required_cycles_are_refused_where_they_are() {
    let fixture = xtask::workspace_root().join("tests/fixtures/broken/hostile.yaml");
    let checked = xtask::spec::check("specs/hostile.yaml", &std::fs::read(fixture).unwrap());
    let findings: Vec<String> = checked.findings.iter().map(ToString::to_string).collect();
    assert!(
        has(
            &findings,
            "specs/hostile.yaml:9:71: error: `enum: []` admits no value"
        ),
        "{findings:#?}"
    );
    let cycles: Vec<&String> = findings
        .iter()
        .filter(|f| f.contains("no finite value"))
        .collect();
    assert_eq!(cycles.len(), 1, "one cycle, reported once: {findings:#?}");
    assert!(
        cycles[0].starts_with("specs/hostile.yaml:")
            && cycles[0].contains("`Charge` → `Refund` → `Payment` → `Charge`"),
        "{cycles:#?}"
    );
}

#[test]
fn optional_nullable_or_array_edges_break_a_cycle() {
    let schemas = json!({
        "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}},
        "List": {"type": "object", "required": ["items"],
                 "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/List"}}}},
        "Maybe": {"type": "object", "required": ["next"],
                  "properties": {"next": {"nullable": true, "allOf": [{"$ref": "#/components/schemas/Maybe"}]}}},
    });
    let found = findings(&spec(schemas, json!({})));
    assert!(!has(&found, "no finite value"), "{found:#?}");
}

#[test]
fn a_ref_chain_beyond_the_limit_is_refused_once_where_it_starts() {
    let limit = xtask::lint::MAX_REF_CHAIN;
    let mut schemas = serde_json::Map::new();
    for i in 0..=limit {
        schemas.insert(
            format!("A{i}"),
            json!({"$ref": format!("#/components/schemas/A{}", i + 1)}),
        );
    }
    schemas.insert(format!("A{}", limit + 1), json!({"type": "string"}));
    let found = findings(&spec(Value::Object(schemas.clone()), json!({})));
    let chains: Vec<&String> = found.iter().filter(|f| f.contains("hops")).collect();
    assert_eq!(chains.len(), 1, "{found:#?}");
    assert!(chains[0].contains(&format!(
        "`A0` starts a chain of more than {limit} `$ref` hops"
    )));

    schemas.remove("A0");
    let found = findings(&spec(Value::Object(schemas), json!({})));
    assert!(!has(&found, "hops"), "{limit} hops are allowed: {found:#?}");
}

#[test]
fn schemas_nested_beyond_the_limit_are_refused() {
    let limit = xtask::lint::MAX_SCHEMA_DEPTH;
    let nested = |depth: usize| {
        (0..depth).fold(
            json!({"type": "string"}),
            |inner, _| json!({"type": "array", "items": inner}),
        )
    };
    let found = findings(&spec(json!({"Deep": nested(limit + 1)}), json!({})));
    assert!(
        has(
            &found,
            &format!("schema `Deep` nests deeper than {limit} levels, the limit")
        ),
        "{found:#?}"
    );
    let found = findings(&spec(json!({"Deep": nested(limit)}), json!({})));
    assert!(!has(&found, "nests deeper"), "{found:#?}");
}

#[test]
fn more_operations_than_the_limit_are_refused() {
    let limit = xtask::lint::MAX_OPERATIONS;
    let paths: serde_json::Map<String, Value> = (0..=limit)
        .map(|i| (format!("/r{i}"), json!({"get": {"operationId": format!("get{i}"), "responses": {"200": {"description": "ok"}}}})))
        .collect();
    let found = findings(&spec(json!({}), Value::Object(paths)));
    assert!(
        has(
            &found,
            &format!("{} operations, more than the limit of {limit}", limit + 1)
        ),
        "{:#?}",
        &found[..3]
    );
}

#[test]
fn a_file_beyond_the_size_limit_is_refused_before_it_is_read() {
    let bytes = vec![b' '; xtask::lint::MAX_FILE_BYTES + 1];
    let found: Vec<String> = xtask::spec::check("specs/huge.yaml", &bytes)
        .findings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("more than the limit of 67108864 (64 MiB)"),
        "{found:#?}"
    );
}
