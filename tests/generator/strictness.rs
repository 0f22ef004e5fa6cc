//! Request types never drop a field and refuse empty strings where the spec sets `minLength`;
//! response types stay tolerant; a component on both sides is two types. Checked on the client
//! generated from `tests/fixtures/strictness.yaml` (kept in `tests/fixtures/strictness/`).

use serde_json::json;

use crate::fixture_client::types;

fn request(extra: serde_json::Value) -> serde_json::Value {
    let mut body = json!({
        "amount": {"value": 100, "currency": "USD"},
        "reason": "duplicate",
        "destination": {"iban": "DE89370400440532013000"},
    });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    body
}

fn refused<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: serde_json::Value) -> String {
    serde_json::from_value::<T>(value)
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn a_request_type_refuses_an_unknown_field_and_names_it() {
    let error =
        refused::<types::RefundRequest>(request(json!({"tokenizedCard": {"number": "4111"}})));
    assert!(error.contains("unknown field `tokenizedCard`"), "{error}");
    let nested =
        refused::<types::RefundRequest>(request(json!({"items": [{"sku": "a", "size": "L"}]})));
    assert!(nested.contains("unknown field `size`"), "{nested}");
    let either = refused::<types::RefundRequest>(request(
        json!({"destination": {"iban": "DE89", "bic": "X"}}),
    ));
    assert!(
        either.contains("matches no form of Destination: as CardDestination: unknown field `bic`")
            && either.contains("as BankDestination: unknown field `bic`"),
        "{either}"
    );
    let known: types::RefundRequest = serde_json::from_value(request(json!({}))).unwrap();
    assert_eq!(serde_json::to_value(&known).unwrap(), request(json!({})));
}

#[test]
fn a_response_type_accepts_unknown_fields_and_values() {
    let refund: types::Refund = serde_json::from_value(json!({
        "id": "ref_1",
        "status": "PARTIALLY_REFUNDED",
        "amount": {"value": 100, "currency": "USD", "exponent": 2},
        "acquirer_reference_number": "123",
    }))
    .unwrap();
    assert_eq!(
        refund.status,
        types::RefundStatus::Unknown("PARTIALLY_REFUNDED".into())
    );
    let error: types::Problem =
        serde_json::from_value(json!({"message": "no", "debug_id": "x"})).unwrap();
    assert_eq!(error.message, "no");
}

/// `Money` is in the request and in the response: the response keeps the name and stays
/// tolerant, the request gets the strict `MoneyInput`.
#[test]
fn a_component_on_both_sides_is_strict_in_requests_and_tolerant_in_responses() {
    let money = json!({"value": 100, "currency": "USD", "exponent": 2});
    let tolerant: types::Money = serde_json::from_value(money.clone()).unwrap();
    assert_eq!(tolerant.value, 100);
    let error = refused::<types::MoneyInput>(money.clone());
    assert!(error.contains("unknown field `exponent`"), "{error}");
    let error = refused::<types::RefundRequest>(json!({"amount": money}));
    assert!(error.contains("unknown field `exponent`"), "{error}");
    let request = types::RefundRequest::builder()
        .amount(types::MoneyInput::builder().value(100).currency("USD"))
        .try_into();
    let request: types::RefundRequest = request.unwrap();
    assert_eq!(request.amount.value, 100);
}

/// `minLength: 1` alone, with `maxLength` and with `pattern`: `""` is refused when
/// deserializing and when building.
#[test]
fn min_length_refuses_the_empty_string() {
    for field in ["reason", "note", "code"] {
        let error = refused::<types::RefundRequest>(request(json!({field: ""})));
        assert!(
            error.contains("shorter than 1 character"),
            "{field}: {error}"
        );
    }
    assert!(types::RefundRequestReason::try_from("").is_err());
    assert!(types::RefundRequestNote::try_from("").is_err());
    assert!(types::RefundRequestCode::try_from("").is_err());
    assert!(types::CreateRefundReference::try_from("").is_err());
    assert!(types::RefundRequestCode::try_from("A").is_ok());
}

/// The operation builder refuses an empty `minLength: 1` parameter before sending anything.
#[tokio::test]
async fn min_length_refuses_an_empty_parameter_before_sending() {
    let runtime = payspec_runtime::Runtime::new(crate::fixture_client::Credentials::bearer_auth(
        payspec_runtime::Secret::new("test-key"),
    ));
    let error = crate::fixture_client::Client::new("http://127.0.0.1:9", runtime)
        .create_refund()
        .payment_id("pay_1")
        .reference("")
        .body(
            types::RefundRequest::builder()
                .amount(types::MoneyInput::builder().value(1).currency("USD")),
        )
        .send()
        .await
        .expect_err("an empty reference is refused");
    match error {
        crate::fixture_client::Error::InvalidRequest(message) => {
            assert!(message.contains("for reference failed"), "{message}")
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}
