//! Generated clients authenticate with their `Credentials` as their specs declare, against a
//! local server: PayPal's OAuth2 client credentials (the spec's relative token URL resolved
//! against the base URL, HTTP Basic on the token request, the token as a bearer on the call),
//! and the provider's request id read from the answer's headers.

use payspec_paypal::runtime::{Runtime, Secret};
use payspec_paypal::{Client, Credentials};
use payspec_tests::SpecExamples;
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn paypal_fetches_a_token_from_the_spec_token_url_and_sends_it_as_a_bearer() {
    let server = MockServer::start().await;
    // base64("client-id:client-secret")
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .and(header(
            "authorization",
            "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=",
        ))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "A21AAF", "expires_in": 32400})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let refund = SpecExamples::load("paypal").success_example("getRefund").1;
    Mock::given(method("GET"))
        .and(path("/v2/payments/refunds/74C09851BT735224L"))
        .and(header("authorization", "Bearer A21AAF"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(&refund)
                .insert_header("Paypal-Debug-Id", "f3c8e8b1a9d2c"),
        )
        .expect(2)
        .mount(&server)
        .await;

    let credentials = Credentials::oauth2("client-id", Secret::new("client-secret"));
    let client = Client::new(&server.uri(), Runtime::new(credentials));
    for _ in 0..2 {
        let response = client
            .get_refund()
            .refund_id("74C09851BT735224L")
            .send()
            .await
            .expect("authenticated with the fetched token");
        assert_eq!(
            payspec_paypal::request_id(response.headers()),
            Some("f3c8e8b1a9d2c")
        );
    }
    assert_eq!(payspec_paypal::REQUEST_ID_HEADER, Some("Paypal-Debug-Id"));
}

#[tokio::test]
async fn paypal_request_id_is_read_from_an_error_answer_too() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "t", "expires_in": 60})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(
                    json!({"name": "RESOURCE_NOT_FOUND", "message": "none", "debug_id": "d1"}),
                )
                .insert_header("Paypal-Debug-Id", "d1"),
        )
        .mount(&server)
        .await;
    let credentials = Credentials::oauth2("client-id", Secret::new("client-secret"));
    let client = Client::new(&server.uri(), Runtime::new(credentials));
    let error = client
        .get_refund()
        .refund_id("missing")
        .send()
        .await
        .unwrap_err();
    let progenitor_client::Error::ErrorResponse(answer) = error else {
        panic!("a documented error: {error}");
    };
    assert_eq!(payspec_paypal::request_id(answer.headers()), Some("d1"));
}
