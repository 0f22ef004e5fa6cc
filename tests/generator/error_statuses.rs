//! Error statuses at run time, on the client generated from `tests/fixtures/strictness.yaml`:
//! `404` is documented without a body beside typed `400` and `500`; every answer without a body
//! reaches the caller with its status, never as a failure to parse a body.

use payspec_runtime::{Runtime, Secret};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixture_client::{Client, Credentials, Error, types};

async fn refund_answered_with(answer: ResponseTemplate) -> Error<types::Problem> {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(answer)
        .mount(&server)
        .await;
    let runtime = Runtime::new(Credentials::bearer_auth(Secret::new("test-key")));
    Client::new(&server.uri(), runtime)
        .create_refund()
        .payment_id("pay_1")
        .body(
            types::RefundRequest::builder()
                .amount(types::MoneyInput::builder().value(100).currency("USD")),
        )
        .send()
        .await
        .expect_err("an error status")
}

#[tokio::test]
async fn a_bodyless_status_beside_typed_ones_is_an_unexpected_response_with_its_status() {
    match refund_answered_with(ResponseTemplate::new(404)).await {
        Error::UnexpectedResponse(response) => assert_eq!(response.status(), 404),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_typed_status_with_its_body_is_an_error_response() {
    let answer = ResponseTemplate::new(400).set_body_json(serde_json::json!({"message": "no"}));
    match refund_answered_with(answer).await {
        Error::ErrorResponse(value) => {
            assert_eq!(value.status(), 400);
            assert_eq!(value.message, "no");
        }
        other => panic!("expected ErrorResponse, got {other:?}"),
    }
}

/// progenitor alone reports an empty body for a typed status as `InvalidResponsePayload`,
/// which carries no status. (A 5xx is not used here: the fixture has no idempotency key, so the
/// runtime reports any 5xx to its write as an unknown outcome before the body is read.)
#[tokio::test]
async fn a_typed_status_with_an_empty_body_is_an_unexpected_response_with_its_status() {
    for answer in [
        ResponseTemplate::new(400),
        ResponseTemplate::new(400).set_body_string(" \n"),
    ] {
        match refund_answered_with(answer).await {
            Error::UnexpectedResponse(response) => assert_eq!(response.status(), 400),
            other => panic!("expected UnexpectedResponse, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_typed_status_with_a_body_that_is_not_the_documented_one_is_an_invalid_payload() {
    let answer = ResponseTemplate::new(400).set_body_string("<html>bad gateway</html>");
    match refund_answered_with(answer).await {
        Error::InvalidResponsePayload(body, _) => assert!(body.starts_with(b"<html>")),
        other => panic!("expected InvalidResponsePayload, got {other:?}"),
    }
}
