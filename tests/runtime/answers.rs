//! What the runtime does with an answer before the generated client reads it: redirects are not
//! followed (a redirected write could be applied twice, or carry signed headers elsewhere), and a
//! body beyond the limit is not read.

use payspec_runtime::Failure;
use payspec_tests::{SpecExamples, test_runtime};
use progenitor_client::Error;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A CyberSource refund answered with a redirect to `elsewhere`.
async fn redirected_refund(
    client: payspec_cybersource::Client,
) -> Error<payspec_cybersource::types::Error> {
    let body =
        serde_json::from_value(SpecExamples::load("cybersource").request_example("refundPayment"))
            .expect("the example fits the request type");
    client
        .refund_payment()
        .id("6461731521426399003473")
        .body::<payspec_cybersource::types::RefundRequest>(body)
        .send()
        .await
        .expect_err("a redirect is not a refund")
}

async fn redirecting_to(elsewhere: &MockServer) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(307).insert_header(
            "location",
            format!("{}/pts/v2/payments/1/refunds", elsewhere.uri()),
        ))
        .mount(&server)
        .await;
    server
}

async fn receiving_nothing() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_cross_origin_redirect_of_a_write_is_not_followed() {
    let elsewhere = receiving_nothing().await;
    let server = redirecting_to(&elsewhere).await;
    let client = payspec_cybersource::Client::new(&server.uri(), test_runtime());
    match redirected_refund(client).await {
        Error::UnexpectedResponse(response) => {
            assert_eq!(response.status(), 307);
            // Read whole by the runtime, the answer still says where it came from.
            let sent_to = format!(
                "{}/pts/v2/payments/6461731521426399003473/refunds",
                server.uri()
            );
            assert_eq!(response.url().as_str(), sent_to);
        }
        other => panic!("expected the redirect itself, got {other:?}"),
    }
}

/// A caller's own HTTP client may follow redirects; the runtime refuses what comes back from
/// another URL, and for a write without idempotency keys the outcome is unknown. The other
/// origin's request id is not the provider's, so none is kept.
#[tokio::test]
async fn an_answer_from_another_url_is_refused() {
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("v-c-correlation-id", "not-the-providers")
                .set_body_json(serde_json::json!({"id": "1"})),
        )
        .mount(&elsewhere)
        .await;
    let server = redirecting_to(&elsewhere).await;
    payspec_runtime::install_crypto_provider();
    let client = payspec_cybersource::Client::new_with_client(
        &server.uri(),
        reqwest::Client::new(),
        test_runtime(),
    );
    let error = redirected_refund(client).await;
    assert!(
        matches!(Failure::from_error(&error), Some(Failure::OutcomeUnknown { message, request_id: None }) if message.contains("another URL")),
        "{error:?}"
    );
}

/// An answer beyond the limit is not read, but its request id is kept.
#[tokio::test]
async fn an_answer_beyond_the_body_limit_is_not_read() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Paypal-Debug-Id", "f00d1e")
                .set_body_string("x".repeat(64 * 1024)),
        )
        .mount(&server)
        .await;
    let runtime = test_runtime().with_max_response_bytes(16 * 1024);
    let client = payspec_paypal::Client::new(&server.uri(), runtime);
    let error = client
        .get_refund()
        .refund_id("74C09851BT735224L")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        Failure::from_error(&error),
        Some(Failure::BadAnswer {
            message: format!("was answered with more than {} bytes", 16 * 1024),
            request_id: Some("f00d1e".into()),
        })
    );
}
