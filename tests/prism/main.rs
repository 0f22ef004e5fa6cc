//! Every operation of every generated client, sent through the real runtime to Prism, which
//! validates method, path, headers, security and body against the spec. Each operation first
//! proves that Prism rejects a deliberately invalid request.

mod adyen;
mod harness;
mod random;
mod stripe;

use harness::{Prism, assert_accepted, assert_rejects};
use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_tests::SpecExamples;
use serde::de::DeserializeOwned;

fn example<T: DeserializeOwned>(spec: &SpecExamples, operation: &str) -> T {
    serde_json::from_value(spec.request_example(operation))
        .expect("the example fits the generated type")
}

/// Gr4vy's own authentication: a JWT signed with the test key for every request.
fn gr4vy_runtime() -> Runtime {
    let key = std::fs::read_to_string(
        xtask::workspace_root().join("crates/payspec-runtime/tests/fixtures/gr4vy-test-key.pem"),
    )
    .unwrap();
    let jwt = payspec_gr4vy::Credentials::bearer_auth(&Secret::new(key), "merchant").unwrap();
    Runtime::new(jwt).with_retry(RetryPolicy::none())
}

fn bearer() -> Runtime {
    Runtime::new(payspec_runtime::Auth::every(
        payspec_runtime::Scheme::bearer(Secret::new("prism-test-key")),
    ))
    .with_retry(RetryPolicy::none())
}

#[tokio::test]
async fn cybersource() {
    use payspec_cybersource::{Client, types};
    let prism = Prism::start("cybersource");
    let spec = SpecExamples::load("cybersource");
    let signer = payspec_cybersource::Credentials::http_signature(
        "merchant",
        "key",
        Secret::new("c2VjcmV0"),
    )
    .unwrap();
    let client = Client::new(
        &prism.base_url,
        Runtime::new(signer).with_retry(RetryPolicy::none()),
    );
    let auth = [
        ("v-c-merchant-id", "merchant"),
        ("signature", "keyid=\"key\""),
    ];
    // Every CyberSource body has `clientReferenceInformation.code`, a string.
    let bad = r#"{"clientReferenceInformation": {"code": 42}}"#;
    let id = "6461731521426399003473";

    for (method, path) in [
        ("POST", "/pts/v2/payments".to_owned()),
        ("PATCH", format!("/pts/v2/payments/{id}")),
        ("POST", format!("/pts/v2/payments/{id}/captures")),
        ("POST", format!("/pts/v2/payments/{id}/reversals")),
        ("POST", format!("/pts/v2/payments/{id}/refunds")),
        ("POST", format!("/pts/v2/captures/{id}/refunds")),
        ("POST", format!("/pts/v2/refresh-payment-status/{id}")),
        ("POST", format!("/pts/v2/payments/{id}/voids")),
        ("POST", format!("/pts/v2/captures/{id}/voids")),
        ("POST", format!("/pts/v2/refunds/{id}/voids")),
    ] {
        assert_rejects(&prism, method, &path, &auth, Some(bad)).await;
    }
    assert_rejects(
        &prism,
        "GET",
        &format!("/tss/v2/transactions/{id}"),
        &[],
        None,
    )
    .await;
    // A search's `limit` is an integer.
    let bad_search = r#"{"query": "clientReferenceInformation.code:REF123", "limit": "ten"}"#;
    assert_rejects(&prism, "POST", "/tss/v2/searches", &auth, Some(bad_search)).await;
    assert_rejects(&prism, "GET", "/tss/v2/searches/87e1e4bd", &[], None).await;

    let r = client
        .create_payment()
        .body(example::<types::CreatePaymentRequest>(
            &spec,
            "createPayment",
        ))
        .send()
        .await;
    assert_accepted("createPayment", r);
    let r = client
        .increment_auth()
        .id(id)
        .body(example::<types::IncrementAuthRequest>(
            &spec,
            "incrementAuth",
        ))
        .send()
        .await;
    assert_accepted("incrementAuth", r);
    let r = client
        .refresh_payment_status()
        .id(id)
        .body(example::<types::RefreshPaymentStatusRequest>(
            &spec,
            "refreshPaymentStatus",
        ))
        .send()
        .await;
    assert_accepted("refreshPaymentStatus", r);
    let r = client
        .capture_payment()
        .id(id)
        .body(example::<types::CapturePaymentRequest>(
            &spec,
            "capturePayment",
        ))
        .send()
        .await;
    assert_accepted("capturePayment", r);
    let r = client
        .auth_reversal()
        .id(id)
        .body(example::<types::AuthReversalRequest>(&spec, "authReversal"))
        .send()
        .await;
    assert_accepted("authReversal", r);
    let r = client
        .refund_payment()
        .id(id)
        .body(example::<types::RefundRequest>(&spec, "refundPayment"))
        .send()
        .await;
    assert_accepted("refundPayment", r);
    let r = client
        .refund_capture()
        .id(id)
        .body(example::<types::RefundRequest>(&spec, "refundCapture"))
        .send()
        .await;
    assert_accepted("refundCapture", r);
    assert_accepted(
        "getTransaction",
        client.get_transaction().id(id).send().await,
    );
    let r = client
        .void_payment()
        .id(id)
        .body(example::<types::VoidRequest>(&spec, "voidPayment"))
        .send()
        .await;
    assert_accepted("voidPayment", r);
    let r = client
        .void_capture()
        .id(id)
        .body(example::<types::VoidRequest>(&spec, "voidCapture"))
        .send()
        .await;
    assert_accepted("voidCapture", r);
    let r = client
        .void_refund()
        .id(id)
        .body(example::<types::VoidRequest>(&spec, "voidRefund"))
        .send()
        .await;
    assert_accepted("voidRefund", r);
    let r = client
        .create_search()
        .body(example::<types::CreateSearchRequest>(&spec, "createSearch"))
        .send()
        .await;
    assert_accepted("createSearch", r);
    assert_accepted(
        "getSearch",
        client
            .get_search()
            .search_id("87e1e4bd-cac2-49b1-919a-4d5e29a2e55d")
            .send()
            .await,
    );
}

#[tokio::test]
async fn gr4vy() {
    use payspec_gr4vy::{Client, types};
    let prism = Prism::start("gr4vy");
    let spec = SpecExamples::load("gr4vy");
    let client = Client::new(&prism.base_url, gr4vy_runtime());
    let (transaction, refund) = (
        "fe26475d-ec3e-4884-9553-f7356683f7f9",
        "8724fd24-5489-4a5d-90fd-0604df7d3b83",
    );
    let auth = [("authorization", "Bearer x")];

    assert_rejects(
        &prism,
        "POST",
        &format!("/transactions/{transaction}/refunds"),
        &auth,
        Some(r#"{"amount": -1}"#),
    )
    .await;
    assert_rejects(
        &prism,
        "GET",
        &format!("/transactions/not-a-uuid/refunds/{refund}"),
        &auth,
        None,
    )
    .await;
    assert_rejects(&prism, "GET", "/refunds/not-a-uuid", &auth, None).await;

    let r = client
        .refund_transaction()
        .transaction_id(transaction)
        .body(example::<types::TransactionRefundCreate>(
            &spec,
            "refundTransaction",
        ))
        .send()
        .await;
    assert_accepted("refundTransaction", r);
    let r = client
        .get_transaction_refund()
        .transaction_id(transaction)
        .refund_id(refund)
        .send()
        .await;
    assert_accepted("getTransactionRefund", r);
    assert_accepted(
        "getRefund",
        client.get_refund().refund_id(refund).send().await,
    );
}

#[tokio::test]
async fn paypal() {
    use payspec_paypal::{Client, types};
    let prism = Prism::start("paypal");
    let spec = SpecExamples::load("paypal");
    let client = Client::new(&prism.base_url, bearer());
    let auth = [("authorization", "Bearer x")];

    let bad = r#"{"amount": {"value": "ten", "currency_code": "USD"}}"#;
    assert_rejects(
        &prism,
        "POST",
        "/v2/payments/captures/1DL556911D1752055/refund",
        &auth,
        Some(bad),
    )
    .await;
    assert_rejects(
        &prism,
        "GET",
        "/v2/payments/refunds/74C09851BT735224L",
        &[],
        None,
    )
    .await;

    let r = client
        .refund_captured_payment()
        .capture_id("1DL556911D1752055")
        .prefer(types::RefundCapturedPaymentPrefer::ReturnRepresentation)
        .body(example::<types::RefundRequest>(
            &spec,
            "refundCapturedPayment",
        ))
        .send()
        .await;
    assert_accepted("refundCapturedPayment", r);
    assert_accepted(
        "getRefund",
        client
            .get_refund()
            .refund_id("74C09851BT735224L")
            .send()
            .await,
    );
}

#[tokio::test]
async fn maverick() {
    use payspec_maverick::{Client, types};
    let prism = Prism::start("maverick");
    let spec = SpecExamples::load("maverick");
    let client = Client::new(&prism.base_url, bearer());
    let auth = [("authorization", "Bearer x")];

    assert_rejects(
        &prism,
        "POST",
        "/payment/882/refund",
        &auth,
        Some(r#"{"amount": "1.99"}"#),
    )
    .await;
    assert_rejects(&prism, "GET", "/payment/not-a-number", &auth, None).await;

    let r = client
        .refund_payment()
        .id(882)
        .body(example::<types::RefundBody>(&spec, "refundPayment"))
        .send()
        .await;
    assert_accepted("refundPayment", r);
    assert_accepted("getPayment", client.get_payment().id(883).send().await);
}
