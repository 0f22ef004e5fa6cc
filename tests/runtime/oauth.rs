//! PayPal's OAuth2 client credentials: one fetch for many callers, refresh, 401 handling.

use std::time::Duration;

use payspec_paypal::Client;
use payspec_paypal::Credentials;
use payspec_paypal::runtime::{Failure, RetryPolicy, Runtime, Secret};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const REFUND: &str = "/v2/payments/refunds/74C09851BT735224L";

fn client(server: &MockServer) -> Client {
    // The spec's token URL, `/v1/oauth2/token`, resolved against the client's base URL.
    let credentials = Credentials::oauth2("client-id", Secret::new("client-secret"));
    Client::new(
        &server.uri(),
        Runtime::new(credentials).with_retry(RetryPolicy::none()),
    )
}

fn token(access_token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "scope": "https://uri.paypal.com/services/payments/refund",
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
    }))
}

async fn mount_token(server: &MockServer, response: ResponseTemplate, times: u64) {
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        // HTTP Basic of client-id:client-secret, and the documented form body.
        .and(header(
            "authorization",
            "Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQ=",
        ))
        .and(wiremock::matchers::body_string(
            "grant_type=client_credentials",
        ))
        .respond_with(response)
        .up_to_n_times(times)
        .expect(times)
        .mount(server)
        .await;
}

fn unauthorized() -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_json(json!({
        "name": "AUTHENTICATION_FAILURE",
        "message": "Authentication failed due to invalid authentication credentials.",
        "debug_id": "90957fca61718"
    }))
}

async fn mount_refund(server: &MockServer, bearer: &str, status: u16) {
    let response = match status {
        401 => unauthorized(),
        _ => ResponseTemplate::new(status)
            .set_body_json(json!({"id": "74C09851BT735224L", "status": "COMPLETED"})),
    };
    Mock::given(method("GET"))
        .and(path(REFUND))
        .and(header("authorization", format!("Bearer {bearer}").as_str()))
        .respond_with(response)
        .mount(server)
        .await;
}

/// How a call ended that did not succeed.
#[derive(Debug, PartialEq)]
enum Refused {
    /// The runtime ended it.
    Runtime(Failure),
    /// The provider answered this status.
    Status(u16),
}

async fn get_refund(client: &Client) -> Result<u16, Refused> {
    match client
        .get_refund()
        .refund_id("74C09851BT735224L")
        .send()
        .await
    {
        Ok(response) => Ok(response.status().as_u16()),
        Err(error) => Err(match Failure::from_error(&error) {
            Some(failure) => Refused::Runtime(failure),
            None => Refused::Status(error.status().expect("an answer").as_u16()),
        }),
    }
}

#[tokio::test]
async fn fifty_concurrent_calls_share_one_token_fetch() {
    let server = MockServer::start().await;
    mount_token(
        &server,
        token("t1", 3600).set_delay(Duration::from_millis(200)),
        1,
    )
    .await;
    mount_refund(&server, "t1", 200).await;
    let client = client(&server);
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        calls.spawn(async move { get_refund(&client).await });
    }
    while let Some(result) = calls.join_next().await {
        assert_eq!(result.unwrap(), Ok(200));
    }
}

#[tokio::test]
async fn an_expiring_token_is_refreshed() {
    let server = MockServer::start().await;
    // A 2 s token is refreshed after half its life.
    mount_token(&server, token("t1", 2), 1).await;
    mount_refund(&server, "t1", 200).await;
    let client = client(&server);
    assert_eq!(get_refund(&client).await, Ok(200));
    assert_eq!(
        get_refund(&client).await,
        Ok(200),
        "still fresh: no second fetch"
    );
    server.reset().await;
    mount_token(&server, token("t2", 3600), 1).await;
    mount_refund(&server, "t2", 200).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(get_refund(&client).await, Ok(200));
}

#[tokio::test]
async fn a_401_refreshes_the_token_once_and_retries() {
    let server = MockServer::start().await;
    mount_token(&server, token("revoked", 3600), 1).await;
    mount_refund(&server, "revoked", 401).await;
    let client = client(&server);
    // The first fetch is consumed; the forced refresh gets the next token.
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(token("t2", 3600))
        .expect(1)
        .mount(&server)
        .await;
    mount_refund(&server, "t2", 200).await;
    assert_eq!(get_refund(&client).await, Ok(200));
    let api_calls = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == REFUND)
        .count();
    assert_eq!(api_calls, 2);
}

#[tokio::test]
async fn a_second_401_is_returned_without_another_refresh() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(token("t", 3600))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(REFUND))
        .respond_with(unauthorized())
        .expect(2)
        .mount(&server)
        .await;
    assert_eq!(
        get_refund(&client(&server)).await,
        Err(Refused::Status(401))
    );
}

/// A failed fetch sends nothing and is reported as such (retryable, nothing applied); it is not
/// cached, so the next call fetches again.
#[tokio::test]
async fn a_failed_fetch_sends_nothing_and_is_not_cached() {
    let server = MockServer::start().await;
    mount_token(&server, ResponseTemplate::new(500), 1).await;
    Mock::given(method("GET"))
        .and(path(REFUND))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "74C09851BT735224L"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let error = get_refund(&client).await.unwrap_err();
    assert!(
        matches!(&error, Refused::Runtime(Failure::Unauthenticated(why)) if why.contains("500")),
        "{error:?}"
    );
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(token("t1", 3600))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(get_refund(&client).await, Ok(200));
}

/// A refused token fetch is an authentication failure, and the API receives nothing.
#[tokio::test]
async fn a_refused_token_fetch_sends_nothing() {
    let server = MockServer::start().await;
    mount_token(&server, unauthorized(), 1).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let error = get_refund(&client(&server)).await.unwrap_err();
    assert!(
        matches!(&error, Refused::Runtime(Failure::Unauthenticated(why)) if why.contains("401")),
        "{error:?}"
    );
}

/// A hanging token endpoint holds no lock: concurrent callers share one fetch, bounded by the
/// runtime's timeout, and all fail together with nothing sent.
#[tokio::test]
async fn a_hanging_token_endpoint_fails_every_caller_within_one_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(token("t1", 3600).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let credentials = Credentials::oauth2("client-id", Secret::new("client-secret"));
    let runtime = Runtime::new(credentials)
        .with_retry(RetryPolicy::none())
        .with_timeout(Duration::from_millis(300));
    let client = Client::new(&server.uri(), runtime);
    let started = std::time::Instant::now();
    let calls = (0..8).map(|_| get_refund(&client));
    for result in futures::future::join_all(calls).await {
        let error = result.unwrap_err();
        assert!(
            matches!(error, Refused::Runtime(Failure::Unauthenticated(_))),
            "{error:?}"
        );
    }
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    let fetches = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/v1/oauth2/token")
        .count();
    assert_eq!(fetches, 1, "one fetch shared by every caller");
}
