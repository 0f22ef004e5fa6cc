use payspec_paypal::{Client, types};
use payspec_tests::{SpecExamples, drifted_server, exercise, test_runtime};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn refund_captured_payment() {
    let spec = SpecExamples::load("paypal");
    let headers = [
        ("PayPal-Request-Id", "7b92603e-77ed-4896-8e78-5dea2050476a"),
        ("Prefer", "return=representation"),
    ];
    exercise(
        &spec,
        "refundCapturedPayment",
        &headers,
        |base, body| async move {
            Client::new(&base, test_runtime())
                .refund_captured_payment()
                .capture_id("1DL556911D1752055")
                .pay_pal_request_id("7b92603e-77ed-4896-8e78-5dea2050476a")
                .prefer(types::RefundCapturedPaymentPrefer::ReturnRepresentation)
                .body(serde_json::from_value::<types::RefundRequest>(body).unwrap())
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn get_refund() {
    let spec = SpecExamples::load("paypal");
    exercise(&spec, "getRefund", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_refund()
            .refund_id("74C09851BT735224L")
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn a_full_refund_sends_an_empty_object() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/payments/captures/1DL556911D1752055/refund"))
        .and(body_json(json!({})))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": "R1", "status": "COMPLETED"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let refund = Client::new(&server.uri(), test_runtime())
        .refund_captured_payment()
        .capture_id("1DL556911D1752055")
        .send()
        .await
        .unwrap();
    assert_eq!(refund.status, Some(types::RefundStatus::Completed));
}

#[tokio::test]
async fn an_unknown_status_and_field_still_parse() {
    let spec = SpecExamples::load("paypal");
    let server = drifted_server(&spec, "getRefund", "/status", "PARTIALLY_REVERSED").await;
    let refund = Client::new(&server.uri(), test_runtime())
        .get_refund()
        .refund_id("74C09851BT735224L")
        .send()
        .await
        .unwrap();
    let status = refund.status.clone().unwrap();
    assert_eq!(
        status,
        types::RefundStatus::Unknown("PARTIALLY_REVERSED".into())
    );
    assert_eq!(status.to_string(), "PARTIALLY_REVERSED");
    assert_eq!(
        serde_json::to_value(&status).unwrap(),
        Value::from("PARTIALLY_REVERSED")
    );
    assert_eq!(refund.id.as_deref(), Some("74C09851BT735224L"));
}

const AUTHORIZATION: &str = "0VF52814937998046";

#[tokio::test]
async fn get_authorization() {
    let spec = SpecExamples::load("paypal");
    exercise(&spec, "getAuthorization", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_authorization()
            .authorization_id(AUTHORIZATION)
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn capture_authorized_payment() {
    let spec = SpecExamples::load("paypal");
    let headers = [("Prefer", "return=representation")];
    exercise(
        &spec,
        "captureAuthorizedPayment",
        &headers,
        |base, body| async move {
            Client::new(&base, test_runtime())
                .capture_authorized_payment()
                .authorization_id(AUTHORIZATION)
                .prefer(types::CaptureAuthorizedPaymentPrefer::ReturnRepresentation)
                .body(serde_json::from_value::<types::CaptureRequest>(body).unwrap())
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn reauthorize_authorized_payment() {
    let spec = SpecExamples::load("paypal");
    exercise(
        &spec,
        "reauthorizeAuthorizedPayment",
        &[],
        |base, body| async move {
            Client::new(&base, test_runtime())
                .reauthorize_authorized_payment()
                .authorization_id(AUTHORIZATION)
                .body(serde_json::from_value::<types::ReauthorizeRequest>(body).unwrap())
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn void_authorized_payment() {
    let spec = SpecExamples::load("paypal");
    let headers = [("Prefer", "return=representation")];
    exercise(
        &spec,
        "voidAuthorizedPayment",
        &headers,
        |base, _| async move {
            Client::new(&base, test_runtime())
                .void_authorized_payment()
                .authorization_id(AUTHORIZATION)
                .prefer(types::VoidAuthorizedPaymentPrefer::ReturnRepresentation)
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn get_capture() {
    let spec = SpecExamples::load("paypal");
    exercise(&spec, "getCapture", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_capture()
            .capture_id("1DL556911D1752055")
            .send()
            .await
    })
    .await;
}
