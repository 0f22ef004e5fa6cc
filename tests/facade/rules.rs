//! Provider semantics from each provider's declared rules (amounts in `amounts.rs`): reasons
//! map per provider; plain ids are classified; request ids come from the answer's headers; a
//! server error under an idempotency key is classified by the provider's rule.

use payspec::providers::{adyen, cybersource, gr4vy, maverick, paypal, stripe};
use payspec::rules::Reasons;
use payspec::{
    Currency, ErrorKind, Money, Outcome, Provider, RefundProvider, RefundReason, RefundStatus,
    Target,
};
use payspec_tests::test_runtime;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{request, serving};

#[test]
fn reasons_map_onto_each_providers_field_or_list() {
    let other = RefundReason::Other("item never arrived".into());
    let all = [
        RefundReason::Duplicate,
        RefundReason::Fraudulent,
        RefundReason::RequestedByCustomer,
        other.clone(),
    ];
    let values = |reasons: Reasons| -> Vec<Option<String>> {
        all.iter().map(|r| reasons.value(r).ok()).collect()
    };
    let some = |v: [&str; 4]| v.map(|s| Some(s.to_owned())).to_vec();
    assert_eq!(values(paypal::RULES.reasons), [None, None, None, None]);
    assert_eq!(values(maverick::RULES.reasons), [None, None, None, None]);
    for text in [cybersource::RULES.reasons, gr4vy::RULES.reasons] {
        assert_eq!(
            values(text),
            some([
                "duplicate",
                "fraudulent",
                "requested by customer",
                "item never arrived"
            ])
        );
    }
    let mut stripe = some(["duplicate", "fraudulent", "requested_by_customer", ""]);
    stripe[3] = None;
    assert_eq!(values(stripe::RULES.reasons), stripe);
    assert_eq!(
        values(adyen::RULES.reasons),
        some(["DUPLICATE", "FRAUD", "CUSTOMER REQUEST", "OTHER"])
    );
    assert_eq!(
        stripe::RULES.reasons.value(&other).unwrap_err().kind(),
        &ErrorKind::Unsupported
    );
}

fn paypal_at(server: &MockServer) -> paypal::PayPal {
    paypal::PayPal::new(payspec::clients::paypal::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn cybersource_at(server: &MockServer) -> cybersource::CyberSource {
    cybersource::CyberSource::new(payspec::clients::cybersource::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

#[tokio::test]
async fn what_a_provider_cannot_carry_is_refused_before_sending() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED"})).await;
    let capture = || Target::Capture("1DL556911D1752055".into());
    let with_reason =
        request(Provider::PayPal, capture(), None).with_reason(RefundReason::Duplicate);
    let huf = request(
        Provider::PayPal,
        capture(),
        Some(Money::new(150_050, Currency::HUF)),
    );
    let error = paypal_at(&server).refund(&with_reason).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Unsupported, "{error}");
    assert_eq!(error.provider(), Some(Provider::PayPal));
    let error = paypal_at(&server).refund(&huf).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{error}");
    assert!(error.message().contains("never rounded"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());

    // The note to the payer is PayPal's own field, apart from the reason.
    let noted = request(Provider::PayPal, capture(), None).with_note_to_payer("Sorry");
    paypal_at(&server).refund(&noted).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        json!({"note_to_payer": "Sorry"})
    );
}

#[tokio::test]
async fn an_echoed_amount_the_rules_cannot_read_is_not_believed() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED", "amount": {"currency_code": "HUF", "value": "1500.50"}})).await;
    let huf = request(
        Provider::PayPal,
        Target::Capture("1DL556911D1752055".into()),
        Some(Money::new(150_000, Currency::HUF)),
    );
    let error = paypal_at(&server).refund(&huf).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::OutcomeUnknown, "{error}");
}

#[tokio::test]
async fn a_plain_id_is_classified_or_refused() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED"})).await;
    // PayPal refunds only captures, so a plain id is a capture.
    let plain = request(
        Provider::PayPal,
        Target::Id(" 1DL556911D1752055 ".into()),
        None,
    );
    paypal_at(&server).refund(&plain).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.url.path(),
        "/v2/payments/captures/1DL556911D1752055/refund"
    );

    // CyberSource refunds both and has no prefixes: it cannot tell, so nothing is sent.
    let server = serving(201, &json!({})).await;
    let plain = request(
        Provider::CyberSource,
        Target::Id("6461731521426399003473".into()),
        Some(Money::new(100, Currency::USD)),
    );
    let error = cybersource_at(&server).refund(&plain).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Serves `body` with `status` and one extra header.
async fn serving_with_header(
    status: u16,
    body: &serde_json::Value,
    header: (&str, &str),
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(body)
                .insert_header(header.0, header.1),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn request_ids_come_from_the_answers_headers() {
    let capture = || Target::Capture("1DL556911D1752055".into());
    let server = serving_with_header(
        201,
        &json!({"id": "R1", "status": "PENDING"}),
        ("PayPal-Debug-Id", "b5f9d4c1e2a37"),
    )
    .await;
    let refund = paypal_at(&server)
        .refund(&request(Provider::PayPal, capture(), None))
        .await
        .unwrap();
    assert_eq!(
        (refund.status, refund.request_id.as_deref()),
        (RefundStatus::Pending, Some("b5f9d4c1e2a37"))
    );

    // On an error the header wins over the body's `debug_id`.
    let server = serving_with_header(
        422,
        &json!({"name": "UNPROCESSABLE_ENTITY", "debug_id": "from-body", "details": [{"issue": "REFUND_AMOUNT_EXCEEDED"}]}),
        ("PayPal-Debug-Id", "from-header"),
    )
    .await;
    let error = paypal_at(&server)
        .refund(&request(Provider::PayPal, capture(), None))
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("from-header"));
    assert!(
        error.to_string().contains("[request id from-header]"),
        "{error}"
    );

    // CyberSource's correlation id on a documented refusal.
    let server = serving_with_header(
        400,
        &json!({"status": "INVALID_REQUEST", "reason": "INVALID_AMOUNT", "message": "bad amount"}),
        ("v-c-correlation-id", "cs-7f3e"),
    )
    .await;
    let error = cybersource_at(&server)
        .refund(&request(
            Provider::CyberSource,
            Target::Payment("6461731521426399003473".into()),
            Some(Money::new(100, Currency::USD)),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("cs-7f3e"), "{error}");
}

#[tokio::test]
async fn a_server_error_is_classified_by_the_providers_idempotency_rule() {
    // PayPal stores nothing under the key for a 5xx: nothing moved, resend.
    let server = serving(503, &json!({})).await;
    let error = paypal_at(&server)
        .refund(&request(
            Provider::PayPal,
            Target::Capture("1DL556911D1752055".into()),
            None,
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.outcome()),
        (&ErrorKind::Transient, Outcome::NotApplied)
    );
    assert!(error.is_retryable());
    assert!(paypal::RULES.resends_server_errors());

    // CyberSource has no keys: the refund may have been made.
    let server = serving(503, &json!({})).await;
    let error = cybersource_at(&server)
        .refund(&request(
            Provider::CyberSource,
            Target::Payment("6461731521426399003473".into()),
            Some(Money::new(100, Currency::USD)),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.outcome()),
        (&ErrorKind::OutcomeUnknown, Outcome::Unknown)
    );
    assert!(!error.is_retryable());
    assert!(!cybersource::RULES.resends_server_errors());
}
