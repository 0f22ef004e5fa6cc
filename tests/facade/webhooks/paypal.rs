//! PayPal's notifications, verified through its verification call on a local server.

use payspec::webhooks::PayPalNotifications;
use payspec::{Currency, Money, RefundStatus};
use payspec_tests::test_runtime;
use serde_json::json;
use wiremock::matchers::{body_partial_json, body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{fixture, rejected};

const PAYPAL_HEADERS: [(&str, &str); 5] = [
    ("PAYPAL-AUTH-ALGO", "SHA256withRSA"),
    (
        "PAYPAL-CERT-URL",
        "https://api-m.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
    ),
    (
        "PAYPAL-TRANSMISSION-ID",
        "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
    ),
    (
        "PAYPAL-TRANSMISSION-SIG",
        "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==",
    ),
    ("PAYPAL-TRANSMISSION-TIME", "2023-11-14T22:13:21Z"),
];

async fn paypal_answering(status: &str) -> (MockServer, PayPalNotifications) {
    let server = MockServer::start().await;
    let event: serde_json::Value =
        serde_json::from_slice(&fixture("paypal_capture_refunded.json")).unwrap();
    Mock::given(method("POST"))
        .and(path("/v1/notifications/verify-webhook-signature"))
        .and(body_partial_json(json!({
            "auth_algo": "SHA256withRSA",
            "transmission_id": "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
            "transmission_time": "2023-11-14T22:13:21Z",
            "webhook_id": "1JE4291016473214C",
            "webhook_event": event,
        })))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"verification_status": status})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = payspec_paypal::Client::new(&server.uri(), test_runtime());
    (
        server,
        PayPalNotifications::new(client, "1JE4291016473214C"),
    )
}

#[tokio::test]
async fn paypal_success_through_the_verification_call() {
    let (_server, paypal) = paypal_answering("SUCCESS").await;
    let updates = paypal
        .verify(
            PAYPAL_HEADERS.as_slice(),
            &fixture("paypal_capture_refunded.json"),
        )
        .await
        .unwrap();
    let update = &updates[0];
    assert_eq!(update.refund_id, "74C09851BT735224L");
    assert_eq!(
        (update.status, update.raw_status.as_str()),
        (RefundStatus::Succeeded, "COMPLETED")
    );
    assert_eq!(update.amount, Some(Money::new(5000, Currency::USD)));
    assert_eq!(update.payment_id.as_deref(), Some("1DL556911D1752055"));
    assert_eq!(
        update.merchant_reference.as_deref(),
        Some("refund-order-1234")
    );
    assert_eq!(update.event_type, "PAYMENT.CAPTURE.REFUNDED");
}

/// PayPal checks the event as it delivered it: fields it added since the spec was written, its
/// field order, spacing, escapes and number spellings reach the verification call unchanged.
#[tokio::test]
async fn paypal_gets_the_event_back_byte_for_byte() {
    let delivered = r#"{"id":"WH-2WR32451HC0233532-67976317FL4543714", "zts": 1.50e1,
        "event_type": "PAYMENT.CAPTURE.REFUNDED", "summary": "A 50 \u0055SD refund",
        "create_time": "2022-02-07T16:40:15Z", "resource_type": "refund",
        "resource": {"status": "COMPLETED", "id": "74C09851BT735224L",
                     "amount": {"value": "50.00", "currency_code": "USD"}, "links": []}}"#;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/notifications/verify-webhook-signature"))
        .and(body_string_contains(format!(
            r#""webhook_event":{delivered}"#
        )))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"verification_status": "SUCCESS"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let paypal = PayPalNotifications::new(
        payspec_paypal::Client::new(&server.uri(), test_runtime()),
        "1JE4291016473214C",
    );
    let updates = paypal
        .verify(
            PAYPAL_HEADERS.as_slice(),
            format!(" {delivered}\n").as_bytes(),
        )
        .await
        .unwrap();
    assert_eq!(updates[0].refund_id, "74C09851BT735224L");
    assert_eq!(updates[0].amount, Some(Money::new(5000, Currency::USD)));
}

#[tokio::test]
async fn paypal_failure_or_a_failed_call_applies_nothing() {
    let (_server, paypal) = paypal_answering("FAILURE").await;
    rejected(
        paypal
            .verify(
                PAYPAL_HEADERS.as_slice(),
                &fixture("paypal_capture_refunded.json"),
            )
            .await,
        "FAILURE",
    );

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let paypal = PayPalNotifications::new(
        payspec_paypal::Client::new(&server.uri(), test_runtime()),
        "1JE4291016473214C",
    );
    let error = paypal
        .verify(
            PAYPAL_HEADERS.as_slice(),
            &fixture("paypal_capture_refunded.json"),
        )
        .await
        .unwrap_err();
    assert!(
        error.is_retryable(),
        "a 500 means: let PayPal deliver it again: {error}"
    );

    let missing = &PAYPAL_HEADERS[1..];
    let error = rejected(
        paypal
            .verify(missing, &fixture("paypal_capture_refunded.json"))
            .await,
        "header missing",
    );
    assert!(error.message().contains("PAYPAL-AUTH-ALGO"), "{error}");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no call without the headers"
    );
}
