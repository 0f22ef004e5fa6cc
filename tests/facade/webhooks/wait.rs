//! `wait_for_final` for providers that report outcomes by notification, by lookup, or both.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use payspec::fake::FakeProvider;
use payspec::providers::stripe;
use payspec::webhooks::Notifications;
use payspec::{
    BoxFuture, Capabilities, Error, OutcomeReporting, Payspec, PollPolicy, Provider, Refund,
    RefundProvider, RefundRequest, RefundStatus, Resolution, Rules, Target,
};

use super::{stripe_update, stripe_update_for};

const REFUND_ID: &str = "re_3OqP2K2eZvKYlo2C0aBcDeFg";

/// A Stripe-like provider whose lookups always answer "pending".
#[derive(Clone)]
struct Stalled {
    outcomes: OutcomeReporting,
    pending: Refund,
    lookups: Arc<AtomicUsize>,
}

impl RefundProvider for Stalled {
    fn rules(&self) -> &'static Rules {
        &stripe::RULES
    }

    fn capabilities(&self) -> Capabilities {
        let mut capabilities = stripe::RULES.capabilities;
        capabilities.outcomes = self.outcomes;
        capabilities
    }

    fn refund<'a>(&'a self, _: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move { Ok(self.pending.clone()) })
    }

    fn get_refund<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        self.lookups.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(self.pending.clone()) })
    }

    fn resolve<'a>(&'a self, _: &'a RefundRequest) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(async { Ok(Resolution::NotMade) })
    }
}

/// A pending Stripe refund, as the adapter would have returned it.
async fn pending() -> Refund {
    let fake = FakeProvider::new();
    let request = crate::request(Provider::Fake, Target::Payment("fake_pending".into()), None);
    let mut refund = fake.refund(&request).await.unwrap();
    refund.provider = Provider::Stripe;
    refund.account = Provider::Stripe.into();
    refund.id = Some(REFUND_ID.into());
    assert_eq!(refund.status, RefundStatus::Pending);
    refund
}

async fn stalled(outcomes: OutcomeReporting) -> Stalled {
    Stalled {
        outcomes,
        pending: pending().await,
        lookups: Arc::default(),
    }
}

fn policy() -> PollPolicy {
    PollPolicy {
        initial_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_wait: Duration::from_secs(5),
    }
}

/// Pushes the verified `refund.updated` (succeeded) into `inbox` after `delay`.
fn push_later(inbox: &Notifications, delay: Duration) {
    let inbox = inbox.clone();
    let update = stripe_update("stripe_refund_updated");
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        inbox.push(update);
    });
}

#[tokio::test]
async fn notification_only_waits_for_the_pushed_update() {
    let provider = stalled(OutcomeReporting::Notification).await;
    let inbox = Notifications::new();
    inbox.push(stripe_update("stripe_refund_created"));
    push_later(&inbox, Duration::from_millis(50));
    let started = Instant::now();
    let settled = inbox
        .wait_for_final(&provider, provider.pending.clone(), policy())
        .await
        .unwrap();
    assert_eq!(
        (settled.status, settled.raw_status.as_str()),
        (RefundStatus::Succeeded, "succeeded")
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "woken by the push, not the deadline"
    );
    assert_eq!(
        provider.lookups.load(Ordering::SeqCst),
        0,
        "no lookup exists"
    );
}

#[tokio::test]
async fn notification_only_without_an_inbox_is_a_clear_error() {
    let provider = stalled(OutcomeReporting::Notification).await;
    let error = payspec::wait_for_final(&provider, provider.pending.clone(), policy())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), &payspec::ErrorKind::Unsupported);
    assert!(error.message().contains("only by notification"), "{error}");
}

#[tokio::test]
async fn with_both_the_first_answer_wins() {
    let provider = stalled(OutcomeReporting::LookupAndNotification).await;
    let payspec = Payspec::new().with(provider.clone());
    push_later(payspec.notifications(), Duration::from_millis(100));
    let started = Instant::now();
    let settled = payspec
        .wait_for_final(provider.pending.clone(), policy())
        .await
        .unwrap();
    assert_eq!(settled.status, RefundStatus::Succeeded);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "woken by the push"
    );
    assert!(
        provider.lookups.load(Ordering::SeqCst) >= 1,
        "looked up meanwhile"
    );
}

#[tokio::test]
async fn an_update_that_arrived_first_answers_at_once() {
    let provider = stalled(OutcomeReporting::LookupAndNotification).await;
    let inbox = Notifications::new();
    inbox.push(stripe_update("stripe_refund_updated"));
    let settled = inbox
        .wait_for_final(&provider, provider.pending.clone(), policy())
        .await
        .unwrap();
    assert_eq!(settled.status, RefundStatus::Succeeded);
    assert_eq!(provider.lookups.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn lookup_only_ignores_the_inbox_and_gives_up_at_the_deadline() {
    let provider = stalled(OutcomeReporting::Lookup).await;
    let inbox = Notifications::new();
    inbox.push(stripe_update("stripe_refund_updated"));
    let short = PollPolicy {
        max_wait: Duration::from_millis(100),
        ..policy()
    };
    let last = inbox
        .wait_for_final(&provider, provider.pending.clone(), short)
        .await
        .unwrap();
    assert_eq!(last.status, RefundStatus::Pending, "the last state seen");
    assert!(provider.lookups.load(Ordering::SeqCst) >= 2);
}

#[tokio::test]
async fn an_update_reaches_only_the_wait_of_its_account() {
    let us = stalled(OutcomeReporting::Notification).await;
    let eu = stalled(OutcomeReporting::Notification).await;
    let payspec = Payspec::new()
        .with_account("stripe-us", us.clone())
        .with_account("stripe-eu", eu.clone());
    // The EU endpoint's verifier received the final update of a refund with this id.
    payspec.notifications().push(stripe_update_for(
        "stripe-eu".into(),
        "stripe_refund_updated",
    ));
    let short = PollPolicy {
        max_wait: Duration::from_millis(100),
        ..policy()
    };
    let mut pending_eu = eu.pending.clone();
    pending_eu.account = "stripe-eu".into();
    let mut pending_us = us.pending.clone();
    pending_us.account = "stripe-us".into();
    let settled = payspec.wait_for_final(pending_eu, short).await.unwrap();
    assert_eq!(
        (settled.status, settled.account.as_str()),
        (RefundStatus::Succeeded, "stripe-eu")
    );
    let other = payspec.wait_for_final(pending_us, short).await.unwrap();
    assert_eq!(
        (other.status, other.account.as_str()),
        (RefundStatus::Pending, "stripe-us"),
        "another account's update is not this refund's"
    );
}

#[tokio::test]
async fn an_update_signed_by_another_provider_is_not_applied() {
    let provider = stalled(OutcomeReporting::Notification).await;
    let inbox = Notifications::new();
    let mut foreign = stripe_update("stripe_refund_updated");
    foreign.provider = Provider::Adyen;
    inbox.push(foreign);
    let short = PollPolicy {
        max_wait: Duration::from_millis(100),
        ..policy()
    };
    let last = inbox
        .wait_for_final(&provider, provider.pending.clone(), short)
        .await
        .unwrap();
    assert_eq!(last.status, RefundStatus::Pending);
}
