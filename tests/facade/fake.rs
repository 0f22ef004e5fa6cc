use std::time::Duration;

use payspec::fake::FakeProvider;
use payspec::{
    Currency, DeclineReason, ErrorKind, Money, PollPolicy, RefundProvider, RefundStatus, Target,
    wait_for_final,
};

use super::{assert_kind, request};

fn usd() -> Option<Money> {
    Some(Money::new(500, Currency::USD))
}

#[tokio::test]
async fn magic_references_choose_the_outcome() {
    let fake = FakeProvider::new();
    for (id, status) in [
        ("fake_succeeded", RefundStatus::Succeeded),
        ("fake_pending", RefundStatus::Pending),
        ("fake_failed", RefundStatus::Failed),
        ("fake_review", RefundStatus::RequiresReview),
    ] {
        let mut request = request(payspec::Provider::Fake, Target::Payment(id.into()), usd());
        request.idempotency_key = payspec::IdempotencyKey::new(id).unwrap();
        assert_eq!(fake.refund(&request).await.unwrap().status, status, "{id}");
    }
    for (id, kind) in [
        (
            "fake_declined_exceeds",
            ErrorKind::Declined(DeclineReason::ExceedsRefundableAmount),
        ),
        (
            "fake_declined_refunded",
            ErrorKind::Declined(DeclineReason::AlreadyFullyRefunded),
        ),
        (
            "fake_declined_window",
            ErrorKind::Declined(DeclineReason::RefundWindowExpired),
        ),
        (
            "fake_declined_not_captured",
            ErrorKind::Declined(DeclineReason::NotCaptured),
        ),
        (
            "fake_declined_disputed",
            ErrorKind::Declined(DeclineReason::Disputed),
        ),
        (
            "fake_declined_currency",
            ErrorKind::Declined(DeclineReason::CurrencyMismatch),
        ),
        ("fake_conflict", ErrorKind::Conflict),
        ("fake_rate_limited", ErrorKind::RateLimited),
        ("fake_transient", ErrorKind::Transient),
        ("fake_integrity", ErrorKind::Integrity),
        ("no_such_payment", ErrorKind::NotFound),
    ] {
        let mut request = request(payspec::Provider::Fake, Target::Payment(id.into()), usd());
        request.idempotency_key = payspec::IdempotencyKey::new(id).unwrap();
        assert_kind(fake.refund(&request).await, &kind, id);
    }
}

#[tokio::test]
async fn an_unknown_outcome_is_resolved_by_retrying_with_the_same_key() {
    let fake = FakeProvider::new();
    let request = request(
        payspec::Provider::Fake,
        Target::Payment("fake_outcome_unknown".into()),
        usd(),
    );
    let error = assert_kind(
        fake.refund(&request).await,
        &ErrorKind::OutcomeUnknown,
        "first try",
    );
    assert!(error.is_outcome_unknown());
    let refund = fake.refund(&request).await.unwrap();
    assert!(
        refund.replayed,
        "the same key returns the refund that was applied"
    );
    assert_eq!(refund.amount, usd());
}

#[tokio::test]
async fn wait_for_final_polls_until_the_refund_settles() {
    let fake = FakeProvider::new();
    let pending = fake
        .refund(&request(
            payspec::Provider::Fake,
            Target::Capture("fake_pending".into()),
            None,
        ))
        .await
        .unwrap();
    assert_eq!(pending.status, RefundStatus::Pending);
    let policy = PollPolicy {
        initial_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_wait: Duration::from_secs(2),
    };
    let settled = wait_for_final(&fake, pending, policy).await.unwrap();
    assert_eq!(settled.status, RefundStatus::Succeeded);
}

#[tokio::test]
async fn invalid_requests_never_reach_the_provider() {
    let fake = FakeProvider::new();
    let negative = request(
        payspec::Provider::Fake,
        Target::Payment("fake_succeeded".into()),
        Some(Money::new(-1, Currency::USD)),
    );
    assert_kind(
        fake.refund(&negative).await,
        &ErrorKind::InvalidInput,
        "negative",
    );
    let empty = request(payspec::Provider::Fake, Target::Payment(" ".into()), usd());
    assert_kind(
        fake.refund(&empty).await,
        &ErrorKind::InvalidInput,
        "empty id",
    );
    assert!(payspec::IdempotencyKey::new("").is_err());
    assert!(payspec::IdempotencyKey::new("x".repeat(65)).is_err());
}

#[tokio::test]
async fn payspec_routes_each_request_to_the_provider_it_names() {
    let payspec = payspec::Payspec::new().with(FakeProvider::new());
    let refund = payspec
        .refund(&request(
            payspec::Provider::Fake,
            Target::Payment("fake_pending".into()),
            usd(),
        ))
        .await
        .unwrap();
    let policy = PollPolicy {
        initial_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_wait: Duration::from_secs(2),
    };
    assert_eq!(
        payspec.wait_for_final(refund, policy).await.unwrap().status,
        RefundStatus::Succeeded
    );

    let elsewhere = request(
        payspec::Provider::PayPal,
        Target::Capture("fake_succeeded".into()),
        usd(),
    );
    assert_kind(
        payspec.refund(&elsewhere).await,
        &ErrorKind::Unsupported,
        "PayPal not configured",
    );
    assert!(
        payspec
            .capabilities(payspec::Provider::Fake)
            .is_some_and(|c| c.partial_refunds)
    );
    assert!(payspec.capabilities("fake-eu").is_none());
}
