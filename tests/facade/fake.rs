use std::time::{Duration, Instant};

use payspec::fake::FakeProvider;
use payspec::{
    Currency, DeclineReason, ErrorKind, Money, OutcomeReporting, Payspec, PollPolicy,
    RefundProvider, RefundStatus, Resolution, Target, wait_for_final,
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
        ("fake_requires_action", RefundStatus::RequiresAction),
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

fn quick() -> PollPolicy {
    PollPolicy {
        initial_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_wait: Duration::from_secs(2),
    }
}

#[tokio::test]
async fn a_pending_refund_has_succeeded_by_its_first_lookup_and_requires_action_stays() {
    let fake = FakeProvider::new();
    let pending = fake
        .refund(&request(
            payspec::Provider::Fake,
            Target::Payment("fake_pending".into()),
            usd(),
        ))
        .await
        .unwrap();
    let looked_up = fake
        .get_refund(pending.id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(
        (looked_up.status, looked_up.raw_status.as_str()),
        (RefundStatus::Succeeded, "SUCCEEDED")
    );

    let mut waiting = request(
        payspec::Provider::Fake,
        Target::Payment("fake_requires_action".into()),
        usd(),
    );
    waiting.idempotency_key = payspec::IdempotencyKey::new("action").unwrap();
    let refund = fake.refund(&waiting).await.unwrap();
    assert_eq!(refund.raw_status, "REQUIRES_ACTION");
    let id = refund.id.clone().unwrap();
    for _ in 0..2 {
        assert_eq!(
            fake.get_refund(&id).await.unwrap().status,
            RefundStatus::RequiresAction
        );
    }
    // The customer acted: the provider says so, and lookups agree.
    fake.notify(&refund, RefundStatus::Succeeded).unwrap();
    assert_eq!(
        fake.get_refund(&id).await.unwrap().status,
        RefundStatus::Succeeded
    );
}

/// Reporting like Adyen: no lookup, and a wait completes only from a pushed update, which
/// names the account, the payment, the reference and the amount of the refund.
#[tokio::test]
async fn a_fake_reporting_by_notification_completes_waits_from_the_inbox() {
    let fake = FakeProvider::new().reporting(OutcomeReporting::Notification);
    let payspec = Payspec::new()
        .with(FakeProvider::new())
        .with_account("fake-eu", fake.clone());
    assert_eq!(
        payspec.capabilities("fake-eu").unwrap().outcomes,
        OutcomeReporting::Notification
    );
    let refund = payspec
        .refund(
            &request(
                "fake-eu",
                Target::Payment("fake_requires_action".into()),
                usd(),
            )
            .with_merchant_reference("order-77"),
        )
        .await
        .unwrap();
    let id = refund.id.clone().unwrap();
    assert_kind(
        fake.get_refund(&id).await,
        &ErrorKind::Unsupported,
        "no lookup",
    );
    assert_kind(
        wait_for_final(&fake, refund.clone(), quick()).await,
        &ErrorKind::Unsupported,
        "a wait without an inbox cannot end",
    );

    let started = Instant::now();
    let (settled, update) = tokio::join!(payspec.wait_for_final(refund.clone(), quick()), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let update = fake.notify(&refund, RefundStatus::Failed).unwrap();
        payspec.notifications().push(update.clone());
        update
    });
    let settled = settled.unwrap();
    assert!(started.elapsed() < quick().max_wait, "woken by the push");
    assert_eq!(
        (settled.status, settled.raw_status.as_str()),
        (RefundStatus::Failed, "FAILED")
    );
    assert_eq!(settled.account.as_str(), "fake-eu");
    assert_eq!(
        (
            update.account.as_str(),
            update.provider,
            update.refund_id.as_str()
        ),
        ("fake-eu", payspec::Provider::Fake, id.as_str())
    );
    assert_eq!(update.payment_id.as_deref(), Some("fake_requires_action"));
    assert_eq!(update.merchant_reference.as_deref(), Some("order-77"));
    assert_eq!(update.amount, usd());
    let again = fake.notify(&refund, RefundStatus::Failed).unwrap();
    assert_ne!(
        again.event_id, update.event_id,
        "each notification is its own event"
    );
}

#[tokio::test]
async fn an_update_completes_only_the_wait_of_its_own_account_and_refund() {
    let fake = FakeProvider::new().reporting(OutcomeReporting::LookupAndNotification);
    let payspec = Payspec::new()
        .with(fake.clone())
        .with_account("fake-eu", fake.clone());
    let made = |account: &'static str, key: &'static str| {
        let mut request = request(
            account,
            Target::Payment("fake_requires_action".into()),
            usd(),
        );
        request.idempotency_key = payspec::IdempotencyKey::new(key).unwrap();
        request
    };
    let ours = payspec.refund(&made("fake", "ours")).await.unwrap();
    let theirs = payspec.refund(&made("fake-eu", "theirs")).await.unwrap();
    payspec
        .notifications()
        .push(fake.notify(&theirs, RefundStatus::Succeeded).unwrap());
    let policy = PollPolicy {
        max_wait: Duration::from_millis(100),
        ..quick()
    };
    let still = payspec.wait_for_final(ours, policy).await.unwrap();
    assert_eq!(still.status, RefundStatus::RequiresAction);

    let stranger = payspec::Refund::new(
        payspec::Provider::Fake,
        Some("fake_refund_99".into()),
        RefundStatus::Pending,
        "PENDING",
    );
    assert_eq!(
        fake.notify(&stranger, RefundStatus::Succeeded)
            .unwrap_err()
            .kind(),
        &ErrorKind::NotFound
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_with_one_key_make_one_refund() {
    let fake = FakeProvider::new();
    let request = request(
        payspec::Provider::Fake,
        Target::Payment("fake_succeeded".into()),
        usd(),
    );
    let tasks = (0..32).map(|_| {
        let (fake, request) = (fake.clone(), request.clone());
        tokio::spawn(async move { fake.refund(&request).await })
    });
    let refunds = futures::future::join_all(tasks).await;
    let refunds: Vec<_> = refunds.into_iter().map(|r| r.unwrap().unwrap()).collect();
    assert_eq!(refunds.iter().filter(|r| !r.replayed).count(), 1);
    assert!(refunds.iter().all(|r| r.id == refunds[0].id));
}

#[tokio::test]
async fn an_unknown_outcome_at_a_fake_without_lookups_is_resolved_by_replay() {
    let fake = FakeProvider::new().reporting(OutcomeReporting::Notification);
    let request = request(
        payspec::Provider::Fake,
        Target::Payment("fake_outcome_unknown".into()),
        usd(),
    );
    assert_kind(
        fake.refund(&request).await,
        &ErrorKind::OutcomeUnknown,
        "first try",
    );
    match fake.resolve(&request).await.unwrap() {
        Resolution::Made(refund) => assert_eq!(refund.status, RefundStatus::Pending),
        other => panic!("expected the recorded refund, got {other:?}"),
    }
}
