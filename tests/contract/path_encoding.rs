//! Path parameters are percent-encoded, and values that would change the endpoint are refused.

use payspec_paypal::{Client, Error};
use payspec_tests::test_runtime;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test]
async fn reserved_characters_stay_inside_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(|request: &Request| {
        request.url.path() == "/v2/payments/captures/a%2Fb%3Fc%23d%2F..%2Fe%25/refund"
            && request.url.query().is_none()
    })
    .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "R1"})))
    .expect(1)
    .mount(&server)
    .await;
    let refund = Client::new(&server.uri(), test_runtime())
        .refund_captured_payment()
        .capture_id("a/b?c#d/../e%")
        .send()
        .await
        .unwrap();
    assert_eq!(refund.id.as_deref(), Some("R1"));
}

#[tokio::test]
async fn dot_segments_and_empty_values_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(|_: &Request| true)
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    for value in ["..", ".", ""] {
        let error = Client::new(&server.uri(), test_runtime())
            .refund_captured_payment()
            .capture_id(value)
            .send()
            .await
            .unwrap_err();
        match error {
            Error::InvalidRequest(message) => assert!(message.contains("capture_id"), "{message}"),
            other => panic!("expected InvalidRequest for {value:?}, got {other:?}"),
        }
    }
}
