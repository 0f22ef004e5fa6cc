use payspec_adyen::{Client, Credentials, types};
use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_tests::{SpecExamples, drifted_server, exercise};
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PAYMENT: &str = "993617894903480A";
const KEY: &str = "37ca9c97-d1d1-4c62-89e8-706891a563ed";
const API_KEY: &str = "AQE-test-api-key";

/// How these tests authenticate: Adyen's `X-API-Key`, from the spec's `ApiKeyAuth` scheme.
fn runtime() -> Runtime {
    Runtime::new(Credentials::api_key_auth(Secret::new(API_KEY))).with_retry(RetryPolicy::none())
}

fn client(base: &str) -> Client {
    Client::new(base, runtime())
}

fn body<T: serde::de::DeserializeOwned>(example: serde_json::Value) -> T {
    serde_json::from_value(example).expect("the example fits the generated type")
}

#[tokio::test]
async fn refund_captured_payment() {
    let spec = SpecExamples::load("adyen");
    let headers = [("Idempotency-Key", KEY)];
    exercise(
        &spec,
        "refundCapturedPayment",
        &headers,
        |base, example| async move {
            client(&base)
                .refund_captured_payment()
                .payment_psp_reference(PAYMENT)
                .idempotency_key(KEY)
                .body(body::<types::PaymentRefundRequest>(example))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn cancel_authorised_payment() {
    let spec = SpecExamples::load("adyen");
    let headers = [("Idempotency-Key", KEY)];
    exercise(
        &spec,
        "cancelAuthorisedPayment",
        &headers,
        |base, example| async move {
            client(&base)
                .cancel_authorised_payment()
                .payment_psp_reference(PAYMENT)
                .idempotency_key(KEY)
                .body(body::<types::PaymentCancelRequest>(example))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn capture_authorised_payment() {
    let spec = SpecExamples::load("adyen");
    let headers = [("Idempotency-Key", KEY)];
    exercise(
        &spec,
        "captureAuthorisedPayment",
        &headers,
        |base, example| async move {
            client(&base)
                .capture_authorised_payment()
                .payment_psp_reference(PAYMENT)
                .idempotency_key(KEY)
                .body(body::<types::PaymentCaptureRequest>(example))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn refund_or_cancel_payment() {
    let spec = SpecExamples::load("adyen");
    let headers = [("Idempotency-Key", KEY)];
    exercise(
        &spec,
        "refundOrCancelPayment",
        &headers,
        |base, example| async move {
            client(&base)
                .refund_or_cancel_payment()
                .payment_psp_reference(PAYMENT)
                .idempotency_key(KEY)
                .body(body::<types::PaymentReversalRequest>(example))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn every_modification_carries_an_idempotency_key_without_being_given_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/payments/{PAYMENT}/refunds")))
        .and(header_exists("Idempotency-Key"))
        .and(header("x-api-key", API_KEY))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "merchantAccount": "AcmeShopECOM", "paymentPspReference": PAYMENT,
            "pspReference": "993617894906488C", "status": "received",
            "amount": {"currency": "EUR", "value": 2500},
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = types::PaymentRefundRequest::builder()
        .merchant_account("AcmeShopECOM")
        .amount(types::AmountInput {
            currency: "EUR".parse().unwrap(),
            value: 2500,
        });
    let refund = client(&server.uri())
        .refund_captured_payment()
        .payment_psp_reference(PAYMENT)
        .body(request)
        .send()
        .await
        .unwrap();
    assert_eq!(refund.status, types::ModificationStatus::Received);
    assert_eq!(refund.amount.value, 2500);
    let sent = &server.received_requests().await.unwrap()[0];
    let key = sent.headers["Idempotency-Key"].to_str().unwrap();
    assert_eq!(key.len(), 36, "a UUID: {key}");
}

#[tokio::test]
async fn a_refund_reason_is_sent_with_its_space() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/payments/{PAYMENT}/refunds")))
        .and(header("content-type", "application/json"))
        .and(wiremock::matchers::body_partial_json(serde_json::json!({
            "merchantRefundReason": "CUSTOMER REQUEST",
            "amount": {"currency": "JPY", "value": 1500},
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "merchantAccount": "AcmeShopECOM", "paymentPspReference": PAYMENT,
            "pspReference": "993617894906488C", "status": "received",
            "amount": {"currency": "JPY", "value": 1500}, "merchantRefundReason": "CUSTOMER REQUEST",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let refund = client(&server.uri())
        .refund_captured_payment()
        .payment_psp_reference(PAYMENT)
        .body(
            types::PaymentRefundRequest::builder()
                .merchant_account("AcmeShopECOM")
                .merchant_refund_reason(Some(types::MerchantRefundReason::CustomerRequest))
                .amount(types::AmountInput {
                    currency: "JPY".parse().unwrap(),
                    value: 1500,
                }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        refund.merchant_refund_reason,
        Some(types::MerchantRefundReason::CustomerRequest)
    );
}

#[tokio::test]
async fn a_reference_longer_than_adyen_takes_is_refused_before_sending() {
    let long = "r".repeat(81);
    let error = serde_json::from_value::<types::PaymentCancelRequest>(serde_json::json!({
        "merchantAccount": "AcmeShopECOM", "reference": long,
    }))
    .unwrap_err();
    assert!(error.to_string().contains("80"), "{error}");
}

#[tokio::test]
async fn an_unknown_status_and_field_still_parse() {
    let spec = SpecExamples::load("adyen");
    let server = drifted_server(&spec, "refundCapturedPayment", "/status", "processed").await;
    let refund = client(&server.uri())
        .refund_captured_payment()
        .payment_psp_reference(PAYMENT)
        .body(body::<types::PaymentRefundRequest>(
            spec.request_example("refundCapturedPayment"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refund.status,
        types::ModificationStatus::Unknown("processed".into())
    );
    assert_eq!(refund.psp_reference, "993617894906488C");
}
