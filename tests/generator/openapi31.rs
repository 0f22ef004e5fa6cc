//! An OpenAPI 3.1 spec is lowered to 3.0.3 on the way in and generates a client: the one from
//! `tests/fixtures/openapi31.yaml`, committed in `tests/fixtures/openapi31/` (kept current by
//! `fixture_clients.rs`) and compiled here.

use serde_json::json;

use crate::openapi31_client::types;

const SPEC: &str = "tests/fixtures/openapi31.yaml";

#[test]
fn lowering_is_noted_and_the_spec_lints_clean() {
    let source = std::fs::read(xtask::workspace_root().join(SPEC)).unwrap();
    let checked = xtask::spec::check(SPEC, &source);
    assert!(checked.findings.is_empty(), "{:#?}", checked.findings);
    let notes = checked.notes.join("\n");
    for change in [
        "`const`",
        "`examples: [...]`",
        "exclusiveMinimum",
        "`type: [X, \"null\"]`",
        "info/summary",
    ] {
        assert!(notes.contains(change), "no note about {change}:\n{notes}");
    }
}

#[test]
fn a_type_list_with_null_is_an_option_const_an_enum_and_exclusive_zero_nonzero() {
    let request: types::RefundRequest = serde_json::from_value(json!({
        "amount": 150, "currency": "EUR", "note": null, "kind": "refund"
    }))
    .unwrap();
    assert_eq!(request.note, None);
    assert_eq!(request.kind, types::RefundRequestKind::Refund);
    assert_eq!(request.amount.get(), 150);
    let zero = serde_json::from_value::<types::RefundRequest>(
        json!({"amount": 0, "currency": "EUR", "kind": "refund"}),
    );
    assert!(zero.is_err(), "exclusiveMinimum: 0 accepted 0");
    let refund: types::Refund =
        serde_json::from_value(json!({"id": "r", "amount": 1, "note": "🎉", "kind": "refund"}))
            .unwrap();
    assert_eq!(refund.note.as_deref(), Some("🎉"));
}

#[test]
fn exclusive_bounds_are_kept() {
    let source = std::fs::read(xtask::workspace_root().join(SPEC)).unwrap();
    let document = xtask::spec::check(SPEC, &source).document.unwrap().value;
    let amount = &document["components"]["schemas"]["RefundRequest"]["properties"]["amount"];
    assert_eq!(amount["minimum"], json!(0));
    assert_eq!(amount["exclusiveMinimum"], json!(true));
    assert_eq!(amount["maximum"], json!(1000000));
    assert_eq!(amount["exclusiveMaximum"], json!(true));
}
