//! Adyen through Prism: the four payment modifications, with the `X-API-Key` header Prism
//! checks, and random answers and error bodies drawn from the response schemas.

use std::collections::BTreeMap;

use payspec_adyen::{Client, Credentials, types};
use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_tests::SpecExamples;

use super::example;
use super::harness::{Prism, assert_accepted, assert_rejects};

const PAYMENT: &str = "993617894903480A";
const AUTH: [(&str, &str); 1] = [("x-api-key", "x")];

/// How these tests authenticate: Adyen's `X-API-Key`, from the spec's `ApiKeyAuth` scheme.
fn client(prism: &Prism) -> Client {
    let credentials = Credentials::api_key_auth(Secret::new("prism-test-key"));
    let runtime = Runtime::new(credentials).with_retry(RetryPolicy::none());
    Client::new(&prism.base_url, runtime)
}

#[tokio::test]
async fn adyen() {
    let prism = Prism::start("adyen");
    let spec = SpecExamples::load("adyen");
    let client = client(&prism);

    // `amount.value` is an integer of minor units, and `merchantAccount` is required.
    let bad_amount =
        r#"{"merchantAccount": "AcmeShopECOM", "amount": {"currency": "EUR", "value": "25.00"}}"#;
    for operation in ["refunds", "captures"] {
        let path = format!("/payments/{PAYMENT}/{operation}");
        assert_rejects(&prism, "POST", &path, &AUTH, Some(bad_amount)).await;
    }
    for operation in ["cancels", "reversals"] {
        let path = format!("/payments/{PAYMENT}/{operation}");
        assert_rejects(&prism, "POST", &path, &AUTH, Some(r#"{"reference": "r"}"#)).await;
    }
    let body = r#"{"merchantAccount": "AcmeShopECOM"}"#;
    let path = format!("/payments/{PAYMENT}/cancels");
    assert_rejects(&prism, "POST", &path, &[], Some(body)).await;

    let r = client
        .refund_captured_payment()
        .payment_psp_reference(PAYMENT)
        .body(example::<types::PaymentRefundRequest>(
            &spec,
            "refundCapturedPayment",
        ))
        .send()
        .await;
    assert_accepted("refundCapturedPayment", r);
    let r = client
        .capture_authorised_payment()
        .payment_psp_reference(PAYMENT)
        .body(example::<types::PaymentCaptureRequest>(
            &spec,
            "captureAuthorisedPayment",
        ))
        .send()
        .await;
    assert_accepted("captureAuthorisedPayment", r);
    let r = client
        .cancel_authorised_payment()
        .payment_psp_reference(PAYMENT)
        .body(example::<types::PaymentCancelRequest>(
            &spec,
            "cancelAuthorisedPayment",
        ))
        .send()
        .await;
    assert_accepted("cancelAuthorisedPayment", r);
    let r = client
        .refund_or_cancel_payment()
        .payment_psp_reference(PAYMENT)
        .body(example::<types::PaymentReversalRequest>(
            &spec,
            "refundOrCancelPayment",
        ))
        .send()
        .await;
    assert_accepted("refundOrCancelPayment", r);
}

#[tokio::test]
async fn adyen_random_responses_parse() {
    let prism = Prism::start_dynamic("adyen");
    let spec = SpecExamples::load("adyen");
    let client = client(&prism);
    let mut counts = BTreeMap::new();
    for _ in 0..super::random::DRAWS {
        let mut parsed = |operation, ok: bool| {
            assert!(ok, "adyen {operation}: a random response did not parse");
            *counts.entry(operation).or_insert(0) += 1;
        };
        let r = client
            .refund_captured_payment()
            .payment_psp_reference(PAYMENT)
            .body(example::<types::PaymentRefundRequest>(
                &spec,
                "refundCapturedPayment",
            ))
            .send()
            .await;
        parsed("refundCapturedPayment", r.is_ok());
        let r = client
            .capture_authorised_payment()
            .payment_psp_reference(PAYMENT)
            .body(example::<types::PaymentCaptureRequest>(
                &spec,
                "captureAuthorisedPayment",
            ))
            .send()
            .await;
        parsed("captureAuthorisedPayment", r.is_ok());
        let r = client
            .cancel_authorised_payment()
            .payment_psp_reference(PAYMENT)
            .body(example::<types::PaymentCancelRequest>(
                &spec,
                "cancelAuthorisedPayment",
            ))
            .send()
            .await;
        parsed("cancelAuthorisedPayment", r.is_ok());
        let r = client
            .refund_or_cancel_payment()
            .payment_psp_reference(PAYMENT)
            .body(example::<types::PaymentReversalRequest>(
                &spec,
                "refundOrCancelPayment",
            ))
            .send()
            .await;
        parsed("refundOrCancelPayment", r.is_ok());
    }
    super::random::report("adyen", &counts, 4);
    let read = super::random::error_bodies::<types::ServiceError>(&prism, "adyen", &AUTH).await;
    assert_eq!(read, 20, "every documented error status of every operation");
}
