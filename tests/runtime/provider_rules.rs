//! Provider semantics declared in a spec's `info` and honoured by the runtime, against a local
//! server: the provider's retry-hint header (`Stripe-Should-Retry`), and a 5xx answered under an
//! idempotency key that the provider keeps and replays (an unknown outcome, never resent), and
//! the request id an unknown outcome keeps.

use std::time::Duration;

use payspec_runtime::{Auth, KeyedServerError, Provider, RetryPolicy, Runtime};
use progenitor_client::Error;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What a generated crate writes for a spec declaring `x-payspec-idempotency-header`,
/// `x-payspec-retry-hint-header` and `x-payspec-keyed-server-error: unknown`.
const REPLAYING: Provider = Provider {
    name: "replaying",
    idempotency_header: Some("Idempotency-Key"),
    writes: &["create_refund"],
    security: &[],
    retry_hint_header: Some("Should-Retry"),
    keyed_server_error: KeyedServerError::Unknown,
    request_id_header: Some("Request-Id"),
};

/// The same provider with today's default: a keyed 5xx may be resent under the key.
const RESENDING: Provider = Provider {
    keyed_server_error: KeyedServerError::Resend,
    ..REPLAYING
};

/// A provider without idempotency keys.
const KEYLESS: Provider = Provider {
    idempotency_header: None,
    ..RESENDING
};

/// Sends one POST `create_refund` as a generated client would: prepare, execute, check.
async fn create_refund(provider: &Provider, server: &MockServer) -> Result<u16, Error<()>> {
    let runtime = Runtime::new(Auth::none()).with_retry(RetryPolicy {
        max_attempts: 3,
        max_elapsed: Duration::from_secs(10),
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_secs(1),
    });
    let http = payspec_runtime::http_client("payspec-tests").unwrap();
    let mut request = http
        .post(format!("{}/refunds", server.uri()))
        .body("{}")
        .build()
        .unwrap();
    runtime.prepare::<()>(provider, &mut request, "create_refund")?;
    let result = runtime
        .execute(provider, &http, &server.uri(), request, "create_refund")
        .await;
    runtime.check_outcome::<()>(provider, &result, "create_refund")?;
    Ok(result.map_err(Error::CommunicationError)?.status().as_u16())
}

/// Answers `first` once, then 201.
async fn server_answering(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(first)
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    server
}

async fn keys_sent(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .map_or("-".into(), |v| v.to_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn a_false_hint_forbids_a_retry_the_status_would_allow() {
    let server =
        server_answering(ResponseTemplate::new(503).insert_header("Should-Retry", "false")).await;
    assert_eq!(create_refund(&RESENDING, &server).await.unwrap(), 503);
    assert_eq!(keys_sent(&server).await.len(), 1);
}

#[tokio::test]
async fn a_true_hint_allows_a_retry_under_the_same_key_the_status_would_not() {
    let server =
        server_answering(ResponseTemplate::new(409).insert_header("Should-Retry", "true")).await;
    assert_eq!(create_refund(&RESENDING, &server).await.unwrap(), 201);
    let keys = keys_sent(&server).await;
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "the retry carries the same key");

    // Without the hint, a 409 is final.
    let server = server_answering(ResponseTemplate::new(409)).await;
    assert_eq!(create_refund(&RESENDING, &server).await.unwrap(), 409);
    assert_eq!(keys_sent(&server).await.len(), 1);
}

#[tokio::test]
async fn a_true_hint_never_retries_a_write_without_a_key() {
    let server =
        server_answering(ResponseTemplate::new(409).insert_header("Should-Retry", "true")).await;
    assert_eq!(create_refund(&KEYLESS, &server).await.unwrap(), 409);
    assert_eq!(keys_sent(&server).await, ["-"]);
}

#[tokio::test]
async fn a_keyed_5xx_the_provider_replays_is_returned_as_answered_and_not_resent() {
    let server = server_answering(ResponseTemplate::new(500)).await;
    assert_eq!(create_refund(&REPLAYING, &server).await.unwrap(), 500);
    assert_eq!(keys_sent(&server).await.len(), 1, "never resent");
}

#[tokio::test]
async fn a_keyed_5xx_is_resent_under_the_same_key_by_default() {
    let server = server_answering(ResponseTemplate::new(500)).await;
    assert_eq!(create_refund(&RESENDING, &server).await.unwrap(), 201);
    let keys = keys_sent(&server).await;
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
}

#[tokio::test]
async fn the_providers_hint_overrides_its_replay_rule() {
    let server =
        server_answering(ResponseTemplate::new(500).insert_header("Should-Retry", "true")).await;
    assert_eq!(create_refund(&REPLAYING, &server).await.unwrap(), 201);
    assert_eq!(keys_sent(&server).await.len(), 2);
}

/// A keyless write answered with a 5xx is an unknown outcome that keeps the answer's request id
/// for the support ticket; an id that could not be quoted as it is (spaces, too long) is dropped.
#[tokio::test]
async fn an_unknown_outcome_keeps_the_answers_request_id() {
    let long = "r".repeat(201);
    for (sent, kept) in [
        ("req_42", Some("req_42")),
        (" req_43 ", Some("req_43")),
        ("two words", None),
        (long.as_str(), None),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(502).insert_header("Request-Id", sent))
            .expect(1)
            .mount(&server)
            .await;
        let error = create_refund(&KEYLESS, &server).await.unwrap_err();
        match payspec_runtime::Failure::from_error(&error) {
            Some(failure @ payspec_runtime::Failure::OutcomeUnknown { .. }) => {
                assert_eq!(failure.request_id(), kept, "{sent:?}");
                assert!(failure.message().contains("HTTP 502"), "{failure}");
            }
            other => panic!("expected an unknown outcome, got {other:?}"),
        }
    }
}
