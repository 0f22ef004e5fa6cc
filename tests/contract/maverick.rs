use payspec_maverick::{Client, types};
use payspec_tests::{SpecExamples, drifted_server, exercise, test_runtime};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn refund_payment() {
    let spec = SpecExamples::load("maverick");
    exercise(&spec, "refundPayment", &[], |base, body| async move {
        Client::new(&base, test_runtime())
            .refund_payment()
            .id(882)
            .body(serde_json::from_value::<types::RefundBody>(body).unwrap())
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn get_payment() {
    let spec = SpecExamples::load("maverick");
    exercise(&spec, "getPayment", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_payment()
            .id(883)
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn the_card_form_of_a_refund_sends_the_card_data() {
    let card_refund = json!({
        "terminal": {"id": 24},
        "amount": "1.99",
        "source": "Internet",
        "level": 1,
        "card": {"name": "Jane Doe", "number": "5309570000002257", "exp": "12/30", "cvv": "123"},
        "ip": {"address": "216.73.161.60"}
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/payment/882/refund"))
        .and(body_json(&card_refund))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 883, "amount": "1.99", "type": "Return", "status": {"status": "Approved"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let body: types::RefundBody = serde_json::from_value(card_refund.clone()).unwrap();
    assert!(
        matches!(body, types::RefundBody::CardRefundRequest(_)),
        "{body:?}"
    );
    let refund = Client::new(&server.uri(), test_runtime())
        .refund_payment()
        .id(882)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        refund.status.status,
        types::TransactionStatusValue::Approved
    );
}

#[tokio::test]
async fn an_unknown_status_and_field_still_parse() {
    let spec = SpecExamples::load("maverick");
    let server = drifted_server(&spec, "getPayment", "/status/status", "Settled").await;
    let payment = Client::new(&server.uri(), test_runtime())
        .get_payment()
        .id(883)
        .send()
        .await
        .unwrap();
    assert_eq!(
        payment.status.status,
        types::TransactionStatusValue::Unknown("Settled".into())
    );
    assert_eq!(payment.amount.as_str(), "1.99");
}
