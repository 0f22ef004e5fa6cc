//! PayPal through Prism: every operation's example request validated (after a deliberately
//! invalid one is rejected), and random responses drawn from the spec parsed.

use std::collections::BTreeMap;

use payspec_tests::SpecExamples;

use super::harness::{Prism, assert_accepted, assert_rejects};
use super::random::{draw, error_bodies, report};
use super::{bearer, example};

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
async fn paypal_random_responses_parse() {
    use payspec_paypal::{Client, types};
    let prism = Prism::start_dynamic("paypal");
    let spec = SpecExamples::load("paypal");
    let client = Client::new(&prism.base_url, bearer());
    let (authorization, capture, refund) = (
        "0VF52814937998046",
        "1DL556911D1752055",
        "74C09851BT735224L",
    );
    let mut counts = BTreeMap::new();
    draw!(
        counts,
        "getAuthorization",
        client
            .get_authorization()
            .authorization_id(authorization)
            .send()
    );
    draw!(
        counts,
        "captureAuthorizedPayment",
        client
            .capture_authorized_payment()
            .authorization_id(authorization)
            .body(example::<types::CaptureRequest>(
                &spec,
                "captureAuthorizedPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "reauthorizeAuthorizedPayment",
        client
            .reauthorize_authorized_payment()
            .authorization_id(authorization)
            .body(example::<types::ReauthorizeRequest>(
                &spec,
                "reauthorizeAuthorizedPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "voidAuthorizedPayment",
        client
            .void_authorized_payment()
            .authorization_id(authorization)
            .send()
    );
    draw!(
        counts,
        "getCapture",
        client.get_capture().capture_id(capture).send()
    );
    draw!(
        counts,
        "refundCapturedPayment",
        client
            .refund_captured_payment()
            .capture_id(capture)
            .body(example::<types::RefundRequest>(
                &spec,
                "refundCapturedPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "getRefund",
        client.get_refund().refund_id(refund).send()
    );
    report("paypal", &counts, 7);
    let auth = [("authorization", "Bearer x")];
    let read = error_bodies::<types::Error>(&prism, "paypal", &auth).await;
    println!("paypal: {read} random error bodies parsed");
}
