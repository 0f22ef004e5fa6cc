//! The Stripe adapter against Stripe's documented answers: form pairs on the wire, reasons from
//! its fixed list, statuses including `requires_action`, every documented error body, a 500
//! stored under the key as an unknown outcome, and `resolve` by listing the payment's refunds
//! for the metadata reference (never by replaying).

use std::collections::BTreeMap;
use std::time::Duration;

use payspec::providers::stripe::Stripe;
use payspec::{
    Currency, DeclineReason, ErrorKind, Money, Outcome, Provider, RefundProvider, RefundReason,
    RefundStatus, Resolution, Target,
};
use payspec_tests::{SpecExamples, test_runtime};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{assert_kind, request, serving};

const PI: &str = "pi_3PqG1rLkdIwHu7ix1cX9kL2p";

fn stripe(server: &MockServer) -> Stripe {
    Stripe::new(payspec::clients::stripe::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn refund_body(status: &str, amount: i64, currency: &str) -> Value {
    json!({"id": "re_1", "object": "refund", "amount": amount, "created": 1722600000,
           "currency": currency, "status": status,
           "metadata": {"payspec_reference": "refund-order-1234"}})
}

/// The form pairs of the only request the server received.
async fn sent_pairs(server: &MockServer) -> BTreeMap<String, String> {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request");
    url::form_urlencoded::parse(&requests[0].body)
        .into_owned()
        .collect()
}

#[tokio::test]
async fn a_refund_sends_the_target_amount_reason_and_reference_as_form_pairs() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(refund_body("succeeded", 1500, "eur"))
                .insert_header("Request-Id", "req_Lk3nP9sQ2rT5vW"),
        )
        .mount(&server)
        .await;
    let request = request(
        Provider::Stripe,
        Target::Id(PI.into()),
        Some(Money::new(1500, Currency::EUR)),
    )
    .with_reason(RefundReason::RequestedByCustomer)
    .with_merchant_reference("order-6735");
    let refund = stripe(&server).refund(&request).await.unwrap();
    assert_eq!(
        (refund.status, refund.id.as_deref(), refund.amount),
        (
            RefundStatus::Succeeded,
            Some("re_1"),
            Some(Money::new(1500, Currency::EUR))
        )
    );
    assert_eq!(refund.request_id.as_deref(), Some("req_Lk3nP9sQ2rT5vW"));
    assert!(!refund.replayed);
    let pairs = sent_pairs(&server).await;
    let expected: BTreeMap<String, String> = [
        ("payment_intent", PI),
        ("amount", "1500"),
        ("reason", "requested_by_customer"),
        ("metadata[payspec_reference]", "refund-order-1234"),
        ("metadata[merchant_reference]", "order-6735"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(pairs, expected);
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.headers.get("Idempotency-Key").unwrap(),
        "refund-order-1234"
    );
}

#[tokio::test]
async fn charges_are_refunded_by_charge_and_a_replay_is_reported() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(refund_body("pending", 500, "isk"))
                .insert_header("Idempotent-Replayed", "true"),
        )
        .mount(&server)
        .await;
    // ISK: 5 krónur are 500 on Stripe's wire.
    let request = request(
        Provider::Stripe,
        Target::Id("ch_3PqG1rLkdIwHu7ix1fGZ2mVt".into()),
        Some(Money::new(5, Currency::ISK)),
    );
    let refund = stripe(&server).refund(&request).await.unwrap();
    assert_eq!(refund.amount, Some(Money::new(5, Currency::ISK)));
    assert!(refund.replayed);
    let pairs = sent_pairs(&server).await;
    assert_eq!(pairs["charge"], "ch_3PqG1rLkdIwHu7ix1fGZ2mVt");
    assert_eq!(pairs["amount"], "500");
    assert!(!pairs.contains_key("payment_intent"));
}

#[tokio::test]
async fn every_status_maps() {
    for (raw, expected) in [
        ("pending", RefundStatus::Pending),
        ("requires_action", RefundStatus::RequiresAction),
        ("succeeded", RefundStatus::Succeeded),
        ("failed", RefundStatus::Failed),
        ("canceled", RefundStatus::Cancelled),
        ("something_new", RefundStatus::Pending),
    ] {
        let server = serving(200, &refund_body(raw, 1500, "usd")).await;
        let refund = stripe(&server).get_refund("re_1").await.unwrap();
        assert_eq!((refund.status, refund.raw_status.as_str()), (expected, raw));
    }
}

#[tokio::test]
async fn what_stripe_cannot_take_is_refused_before_sending() {
    let server = serving(200, &refund_body("succeeded", 1, "usd")).await;
    let adapter = stripe(&server);
    let other = request(Provider::Stripe, Target::Id(PI.into()), None)
        .with_reason(RefundReason::Other("never arrived".into()));
    let error = adapter.refund(&other).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Unsupported, "{error}");
    for (money, why) in [
        (Money::new(1_550, Currency::MGA), "MGA is zero-decimal"),
        (Money::new(5_124, Currency::KWD), "multiples of 10"),
    ] {
        let refused = request(Provider::Stripe, Target::Id(PI.into()), Some(money));
        let error = adapter.refund(&refused).await.unwrap_err();
        assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{why}: {error}");
        assert_eq!(error.outcome(), Outcome::NotSent, "{why}");
    }
    let unknown_id = request(Provider::Stripe, Target::Id("re_1".into()), None);
    let error = adapter.refund(&unknown_id).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn every_documented_error_body_maps() {
    let spec = SpecExamples::load("stripe");
    for (status, example) in spec
        .response_examples("createRefund")
        .into_iter()
        .filter(|(s, _)| *s >= 400)
    {
        let expected = match status {
            400 => ErrorKind::Declined(DeclineReason::AlreadyFullyRefunded),
            401 | 403 => ErrorKind::Authentication,
            402 => ErrorKind::Declined(DeclineReason::Other),
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            424 | 500 => ErrorKind::OutcomeUnknown,
            429 => ErrorKind::RateLimited,
            other => panic!("undocumented status {other}"),
        };
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(&example)
                    .insert_header("Request-Id", "req_err"),
            )
            .mount(&server)
            .await;
        let error = assert_kind(
            stripe(&server)
                .refund(&request(Provider::Stripe, Target::Id(PI.into()), None))
                .await,
            &expected,
            &format!("HTTP {status}"),
        );
        assert_eq!(error.request_id(), Some("req_err"), "HTTP {status}");
        assert_eq!(error.provider(), Some(Provider::Stripe));
    }
}

#[tokio::test]
async fn a_500_under_the_key_is_unknown_and_the_retry_hint_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"error": {"type": "api_error", "message": "An unknown error occurred."}}))
                .insert_header("Stripe-Should-Retry", "true"),
        )
        .mount(&server)
        .await;
    let error = stripe(&server)
        .refund(&request(Provider::Stripe, Target::Id(PI.into()), None))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.outcome()),
        (&ErrorKind::OutcomeUnknown, Outcome::Unknown)
    );
    assert!(!error.is_retryable(), "resolve first, never resend blindly");
}

/// A server that stored a 500 under the key for creates, and lists `listed` for the payment.
async fn stored_500_and_listing(listed: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .and(wiremock::matchers::header(
            "Idempotency-Key",
            "refund-order-1234",
        ))
        .respond_with(ResponseTemplate::new(500).set_body_json(
            json!({"error": {"type": "api_error", "message": "An unknown error occurred."}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/refunds"))
        .and(query_param("payment_intent", PI))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list", "url": "/v1/refunds", "has_more": false, "data": listed
        })))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn resolve_finds_the_refund_by_its_metadata_reference_without_replaying() {
    let mut other = refund_body("succeeded", 700, "eur");
    other["id"] = json!("re_other");
    other["metadata"] = json!({"payspec_reference": "another-refund"});
    let server = stored_500_and_listing(json!([other, refund_body("pending", 1500, "eur")])).await;
    let adapter = stripe(&server);
    let request = request(
        Provider::Stripe,
        Target::Id(PI.into()),
        Some(Money::new(1500, Currency::EUR)),
    );
    let error = adapter.refund(&request).await.unwrap_err();
    assert_eq!(error.outcome(), Outcome::Unknown);
    let Resolution::Made(refund) = adapter.resolve(&request).await.unwrap() else {
        panic!("the listed refund carries the reference");
    };
    assert_eq!(
        (refund.id.as_deref(), refund.status),
        (Some("re_1"), RefundStatus::Pending)
    );
    let requests = server.received_requests().await.unwrap();
    let posts = requests
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .count();
    assert_eq!(posts, 1, "resolve lists, it never replays the stored 500");
}

#[tokio::test]
async fn when_the_search_shows_nothing_the_resend_goes_under_a_fresh_key() {
    let server = stored_500_and_listing(json!([])).await;
    Mock::given(method("POST"))
        .and(path("/v1/refunds"))
        .and(wiremock::matchers::header(
            "Idempotency-Key",
            "refund-order-1234~1",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(refund_body(
            "succeeded",
            1500,
            "eur",
        )))
        .mount(&server)
        .await;
    let adapter = stripe(&server).with_lookup_lag(Duration::ZERO);
    let request = request(
        Provider::Stripe,
        Target::Id(PI.into()),
        Some(Money::new(1500, Currency::EUR)),
    );
    assert_eq!(
        adapter.refund(&request).await.unwrap_err().outcome(),
        Outcome::Unknown
    );
    assert_eq!(
        adapter.resolve(&request).await.unwrap(),
        Resolution::NotMade
    );
    let refund = adapter.refund(&request).await.unwrap();
    assert_eq!(refund.status, RefundStatus::Succeeded);
}

#[tokio::test]
async fn a_search_within_the_lag_is_pending() {
    let server = stored_500_and_listing(json!([])).await;
    let adapter = stripe(&server);
    let request = request(Provider::Stripe, Target::Id(PI.into()), None);
    let _ = adapter.refund(&request).await;
    assert!(matches!(
        adapter.resolve(&request).await.unwrap(),
        Resolution::Pending(_)
    ));
}
