//! Retries with the same idempotency key, no retries where the outcome would be unknown,
//! `Retry-After`, and timeouts.

use std::time::{Duration, Instant};

use payspec_tests::SpecExamples;
use payspec_tests::test_runtime;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The test runtime with fast retries.
fn retrying() -> payspec_paypal::runtime::Runtime {
    test_runtime().with_retry(payspec_paypal::runtime::RetryPolicy {
        max_attempts: 3,
        max_elapsed: Duration::from_secs(10),
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(2),
    })
}

#[tokio::test]
async fn a_503_then_201_retries_with_the_same_idempotency_key() {
    let server = MockServer::start().await;
    let refund = SpecExamples::load("paypal")
        .success_example("refundCapturedPayment")
        .1;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(&refund))
        .mount(&server)
        .await;

    let client = payspec_paypal::Client::new(&server.uri(), retrying());
    let result = client
        .refund_captured_payment()
        .capture_id("1DL556911D1752055")
        .send()
        .await
        .unwrap();
    assert_eq!(result.status().as_u16(), 201);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let keys: Vec<_> = requests
        .iter()
        .map(|r| r.headers.get("paypal-request-id").cloned())
        .collect();
    let key = keys[0].clone().expect("a key was generated for the call");
    assert_eq!(keys[1].as_ref(), Some(&key), "the retry reuses the key");
    assert_eq!(uuid_version(key.to_str().unwrap()), Some('4'));
}

#[tokio::test]
async fn a_caller_supplied_key_is_kept_and_a_new_call_gets_a_new_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "8724fd24-5489-4a5d-90fd-0604df7d3b83", "type": "refund", "transaction_id": "fe26475d-ec3e-4884-9553-f7356683f7f9", "status": "processing", "currency": "USD", "amount": 1, "target_type": "payment-method", "reconciliation_id": "7jZXl4gBUNl0CnaLEnfXbt", "transaction_reconciliation_id": "aLEnfXbt7jZXl4gBUNl0Cn", "settled": false, "created_at": "2013-07-16T19:23:00Z", "updated_at": "2013-07-16T19:23:00Z"})))
        .mount(&server)
        .await;
    let client = payspec_gr4vy::Client::new(&server.uri(), retrying());
    let refund = || {
        client
            .refund_transaction()
            .transaction_id("fe26475d-ec3e-4884-9553-f7356683f7f9")
            .body(payspec_gr4vy::types::TransactionRefundCreate::default())
    };
    refund()
        .idempotency_key("order-1234-refund-1")
        .send()
        .await
        .unwrap();
    refund().send().await.unwrap();
    refund().send().await.unwrap();
    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys[0], "order-1234-refund-1");
    assert_ne!(keys[1], keys[2], "each logical call has its own key");
}

#[tokio::test]
async fn retry_after_is_respected() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1").set_body_json(json!({"type": "error", "code": "too_many_requests", "status": 429, "message": "slow down"})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let refund = SpecExamples::load("gr4vy").success_example("getRefund").1;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&refund))
        .mount(&server)
        .await;
    let client = payspec_gr4vy::Client::new(&server.uri(), retrying());
    let started = Instant::now();
    client
        .get_refund()
        .refund_id("8724fd24-5489-4a5d-90fd-0604df7d3b83")
        .send()
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_cybersource_refund_that_times_out_is_not_retried_and_its_outcome_is_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pts/v2/payments/6461731521426399003473/refunds"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let client = payspec_cybersource::Client::new(&server.uri(), retrying())
        .with_timeout(Duration::from_millis(200));
    let error = client
        .refund_payment()
        .id("6461731521426399003473")
        .body(payspec_cybersource::types::RefundRequest::default())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            payspec_runtime::Failure::from_error(&error),
            Some(payspec_runtime::Failure::OutcomeUnknown { message, request_id: None }) if message.contains("refund_payment")
        ),
        "{error:?}"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "never sent twice"
    );
}

#[tokio::test]
async fn a_cybersource_502_is_not_retried_and_its_outcome_is_unknown() {
    let server = MockServer::start().await;
    let body = json!({"submitTimeUtc": "2022-03-01T22:19:12Z", "status": "SERVER_ERROR", "reason": "SERVER_TIMEOUT", "message": "Error - General system failure."});
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("v-c-correlation-id", "cs-7f3e-502")
                .set_body_json(body),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = payspec_cybersource::Client::new(&server.uri(), retrying());
    let error = client
        .capture_payment()
        .id("6461731521426399003473")
        .body(payspec_cybersource::types::CapturePaymentRequest::default())
        .send()
        .await
        .unwrap_err();
    // The answer's correlation id survives, for the support ticket that finds out.
    match payspec_runtime::Failure::from_error(&error) {
        Some(payspec_runtime::Failure::OutcomeUnknown {
            message,
            request_id,
        }) => {
            assert!(message.contains("HTTP 502"), "{message}");
            assert_eq!(request_id.as_deref(), Some("cs-7f3e-502"));
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_server_hits_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = payspec_maverick::Client::new(&server.uri(), retrying())
        .with_timeout(Duration::from_millis(150));
    let started = Instant::now();
    let error = client.get_payment().id(883).send().await.unwrap_err();
    match &error {
        payspec_maverick::Error::CommunicationError(e) => assert!(e.is_timeout(), "{e}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "gave up early: {:?}",
        started.elapsed()
    );
    // A read is safe to repeat: every attempt timed out.
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

fn uuid_version(key: &str) -> Option<char> {
    key.split('-').nth(2)?.chars().next()
}
