//! CyberSource through Prism: every operation's example request validated (after a deliberately
//! invalid one is rejected), and random responses drawn from the spec parsed.

use std::collections::BTreeMap;

use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_tests::SpecExamples;

use super::example;
use super::harness::{Prism, assert_accepted, assert_rejects};
use super::random::{draw, error_bodies, report};

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
async fn cybersource_random_responses_parse() {
    use payspec_cybersource::{Client, types};
    let prism = Prism::start_dynamic("cybersource");
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
    let id = "6461731521426399003473";
    let mut counts = BTreeMap::new();
    draw!(
        counts,
        "createPayment",
        client
            .create_payment()
            .body(example::<types::CreatePaymentRequest>(
                &spec,
                "createPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "incrementAuth",
        client
            .increment_auth()
            .id(id)
            .body(example::<types::IncrementAuthRequest>(
                &spec,
                "incrementAuth"
            ))
            .send()
    );
    draw!(
        counts,
        "refreshPaymentStatus",
        client
            .refresh_payment_status()
            .id(id)
            .body(example::<types::RefreshPaymentStatusRequest>(
                &spec,
                "refreshPaymentStatus"
            ))
            .send()
    );
    draw!(
        counts,
        "capturePayment",
        client
            .capture_payment()
            .id(id)
            .body(example::<types::CapturePaymentRequest>(
                &spec,
                "capturePayment"
            ))
            .send()
    );
    draw!(
        counts,
        "authReversal",
        client
            .auth_reversal()
            .id(id)
            .body(example::<types::AuthReversalRequest>(&spec, "authReversal"))
            .send()
    );
    draw!(
        counts,
        "refundPayment",
        client
            .refund_payment()
            .id(id)
            .body(example::<types::RefundRequest>(&spec, "refundPayment"))
            .send()
    );
    draw!(
        counts,
        "refundCapture",
        client
            .refund_capture()
            .id(id)
            .body(example::<types::RefundRequest>(&spec, "refundCapture"))
            .send()
    );
    draw!(
        counts,
        "getTransaction",
        client.get_transaction().id(id).send()
    );
    report("cybersource", &counts, 8);
    let auth = [
        ("v-c-merchant-id", "merchant"),
        ("signature", "keyid=\"key\""),
    ];
    let read = error_bodies::<types::Error>(&prism, "cybersource", &auth).await;
    println!("cybersource: {read} random error bodies parsed");
}
