//! Exactly-once refunds under fault injection. For each provider an emulator records refunds
//! under the idempotency key (PayPal, Gr4vy, Adyen) or the reference derived from it
//! (CyberSource, Maverick; Stripe's metadata, with its answers, a 500 included, stored under the
//! key) that each request carries, and injects faults (resets, answers dropped after processing,
//! 5xx before, during and after processing, 429, slow answers) into every request, lookups
//! included, from a fixed seed. An application loop follows the documented rule
//! (`payspec::Outcome`) for 300 logical refunds per provider; the provider must end with
//! exactly one refund per logical refund, each known to the application. Adyen has no lookup:
//! its emulator delivers signed notifications (lost, duplicated or preceded by a forgery) to an
//! endpoint that verifies them into an inbox, and each refund must become final from it.
//!
//! `PAYSPEC_SOAK=<refunds>` runs a longer soak with that many logical refunds per provider.

mod emulator;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use emulator::{Emulator, Flavor};
use payspec::runtime::{Auth, RetryPolicy, Runtime, Scheme, Secret};
use payspec::webhooks::{AdyenNotifications, Notifications};
use payspec::{
    Currency, IdempotencyKey, Money, Outcome, PollPolicy, Provider, Refund, RefundProvider,
    RefundRequest, RefundStatus, Resolution, Target,
};
use payspec_tests::SpecExamples;

const SEED: u64 = 0x5eed_2026;
const FAULT_RATE: f64 = 0.6;
/// The client's timeout for one attempt; slow answers come after twice that.
const TIMEOUT: Duration = Duration::from_millis(150);
/// The application's patience: how many steps (sends and lookups) one logical refund may take
/// before it counts as unresolved. At this fault rate a CyberSource refund takes up to about 40
/// (the table's last column), because a resolution needs a search and a lookup that both
/// escape the faults; the bound only keeps a livelock from hanging the suite.
const MAX_STEPS: usize = 1_000;

fn runtime() -> Runtime {
    Runtime::new(Auth::every(Scheme::bearer(Secret::new("key"))))
        .with_timeout(TIMEOUT)
        .with_retry(RetryPolicy {
            max_attempts: 3,
            max_elapsed: Duration::from_secs(2),
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        })
}

fn adapter(flavor: &Flavor, base_url: &str) -> Box<dyn RefundProvider> {
    let lag = TIMEOUT * 3;
    match flavor {
        Flavor::PayPal { .. } => Box::new(payspec::providers::paypal::PayPal::new(
            payspec::clients::paypal::Client::new(base_url, runtime()),
        )),
        Flavor::Gr4vy { .. } => Box::new(payspec::providers::gr4vy::Gr4vy::new(
            payspec::clients::gr4vy::Client::new(base_url, runtime()),
        )),
        Flavor::CyberSource => Box::new(
            payspec::providers::cybersource::CyberSource::new(
                payspec::clients::cybersource::Client::new(base_url, runtime()),
            )
            .with_lookup_lag(lag),
        ),
        Flavor::Stripe { .. } => Box::new(
            payspec::providers::stripe::Stripe::new(payspec::clients::stripe::Client::new(
                base_url,
                runtime(),
            ))
            .with_lookup_lag(lag),
        ),
        Flavor::Adyen { .. } => Box::new(payspec::providers::adyen::Adyen::new(
            payspec::clients::adyen::Client::new(base_url, runtime()),
            emulator::adyen::MERCHANT_ACCOUNT,
        )),
        Flavor::Maverick => Box::new(
            payspec::providers::maverick::Maverick::new(
                payspec::clients::maverick::Client::new(base_url, runtime()),
                24,
                Currency::USD,
            )
            .with_lookup_lag(lag),
        ),
    }
}

/// How long the application waits for the outcome of a refund at a provider that reports
/// outcomes only by notification.
const NOTIFIED_WAIT: PollPolicy = PollPolicy {
    initial_delay: Duration::from_millis(5),
    max_delay: Duration::from_millis(50),
    max_wait: Duration::from_secs(10),
};

/// The application's Adyen webhook endpoint: verifies each body with the merchant's HMAC key
/// and pushes its updates into `inbox`; a body that fails verification is refused and applies
/// nothing.
fn adyen_endpoint(inbox: Notifications) -> emulator::adyen::Endpoint {
    let verifier = AdyenNotifications::new(Secret::new(emulator::adyen::HMAC_KEY)).unwrap();
    Arc::new(move |body: &[u8]| match verifier.verify(body) {
        Ok(updates) => {
            inbox.extend(updates);
            true
        }
        Err(_) => false,
    })
}

/// How one logical refund ended for the application.
enum Ended {
    Refunded(Refund),
    Failed(payspec::Error),
    Unresolved,
}

/// A refund made at a provider that reports outcomes only by notification, waited for until
/// it is final by the notifications in `inbox`; any other end as it is.
async fn settled(provider: &dyn RefundProvider, inbox: &Notifications, end: Ended) -> Ended {
    match end {
        Ended::Refunded(refund)
            if !refund.status.is_final() && !provider.capabilities().outcomes.lookup() =>
        {
            match inbox.wait_for_final(provider, refund, NOTIFIED_WAIT).await {
                Ok(refund) if refund.status.is_final() => Ended::Refunded(refund),
                Ok(_) => Ended::Unresolved,
                Err(error) => Ended::Failed(error),
            }
        }
        other => other,
    }
}

/// The documented rule: resend only what did not move money; resolve every unknown outcome and
/// resend only after "not made". `steps` counts the sends and lookups it took.
async fn refund_once(
    provider: &dyn RefundProvider,
    request: &RefundRequest,
    steps: &mut usize,
) -> Ended {
    'send: while *steps < MAX_STEPS {
        *steps += 1;
        let error = match provider.refund(request).await {
            Ok(refund) => return Ended::Refunded(refund),
            Err(error) => error,
        };
        match error.outcome() {
            Outcome::Unknown => {
                while *steps < MAX_STEPS {
                    *steps += 1;
                    match provider.resolve(request).await {
                        Ok(Resolution::Made(refund)) => return Ended::Refunded(refund),
                        Ok(Resolution::NotMade) => continue 'send,
                        Ok(Resolution::Pending(wait)) => tokio::time::sleep(wait).await,
                        Err(e) if e.is_retryable() => {
                            tokio::time::sleep(Duration::from_millis(5)).await
                        }
                        Err(e) => return Ended::Failed(e),
                    }
                }
            }
            _ if error.is_retryable() => {
                tokio::time::sleep(error.retry_after().unwrap_or(Duration::from_millis(5))).await
            }
            _ => return Ended::Failed(error),
        }
    }
    Ended::Unresolved
}

#[derive(Debug, Default)]
struct Tally {
    logical: usize,
    faults: usize,
    duplicates: usize,
    lost: usize,
    unresolved: usize,
    wrong_id: usize,
    /// Refunds the application saw fail, though the provider never fails one.
    wrong_status: usize,
    /// Forged notifications the application accepted.
    forgeries_accepted: usize,
    /// The most sends and lookups one logical refund took.
    most_steps: usize,
}

/// The target of the `i`th logical refund, in the form each provider's ids take.
fn target(provider: Provider, i: usize) -> Target {
    match provider {
        Provider::PayPal => Target::Capture(format!("CAP{i}")),
        Provider::Gr4vy => Target::Payment(format!("10000000-0000-4000-8000-{i:012}")),
        Provider::Stripe => Target::Payment(format!("pi_3PqG1rLkdIwHu7ix{i:06}")),
        Provider::Adyen => Target::Payment(format!("99361789{i:08}")),
        _ => Target::Payment(format!("{}", 100 + i)),
    }
}

/// The advice the suite exists to rule out: resend an unknown outcome with the same key.
async fn resend_unknown(provider: &dyn RefundProvider, request: &RefundRequest) -> Ended {
    for _ in 0..MAX_STEPS {
        match provider.refund(request).await {
            Ok(refund) => return Ended::Refunded(refund),
            Err(e) if e.is_retryable() || e.is_outcome_unknown() => {}
            Err(e) => return Ended::Failed(e),
        }
    }
    Ended::Unresolved
}

/// Which application loop a run uses.
#[derive(Clone, Copy)]
enum Policy {
    Documented,
    ResendUnknown,
}

async fn run(
    flavor: Flavor,
    provider: Provider,
    refunds: usize,
    seed: u64,
    policy: Policy,
) -> Tally {
    let adapter_flavor = flavor.clone();
    let emulator = Emulator::start(flavor, seed, FAULT_RATE, TIMEOUT * 2).await;
    let adapter = adapter(&adapter_flavor, &emulator.base_url);
    let inbox = Notifications::new();
    if let Flavor::Adyen { .. } = adapter_flavor {
        emulator.deliver_notifications(adyen_endpoint(inbox.clone()));
    }
    let requests: Vec<RefundRequest> = (0..refunds)
        .map(|i| {
            RefundRequest::new(
                provider,
                target(provider, i),
                Some(Money::new(100 + i as i64, Currency::USD)),
                IdempotencyKey::new(format!("refund-{i}")).unwrap(),
            )
        })
        .collect();
    let mut ended = Vec::new();
    for batch in requests.chunks(25) {
        let runs = batch.iter().map(|r| async {
            let mut steps = 0;
            let end = match policy {
                Policy::Documented => {
                    let end = refund_once(adapter.as_ref(), r, &mut steps).await;
                    settled(adapter.as_ref(), &inbox, end).await
                }
                Policy::ResendUnknown => resend_unknown(adapter.as_ref(), r).await,
            };
            (end, steps)
        });
        ended.extend(futures::future::join_all(runs).await);
    }
    let made = emulator.refunds();
    let mut per_reference: HashMap<&str, Vec<&emulator::Made>> = HashMap::new();
    for refund in &made {
        per_reference
            .entry(&refund.reference)
            .or_default()
            .push(refund);
    }
    let mut tally = Tally {
        logical: refunds,
        faults: emulator.faults().values().sum(),
        forgeries_accepted: emulator.forgeries_accepted(),
        ..Tally::default()
    };
    for (request, (end, steps)) in requests.iter().zip(ended) {
        tally.most_steps = tally.most_steps.max(steps);
        let reference = request.idempotency_key.reference(50);
        let at_provider = per_reference.get(reference.as_str()).map_or(0, Vec::len);
        tally.duplicates += at_provider.saturating_sub(1);
        match end {
            Ended::Refunded(refund) => {
                let known = emulator.public_id(per_reference[reference.as_str()][0]);
                tally.wrong_id += usize::from(refund.id.as_deref() != Some(known.as_str()));
                tally.wrong_status += usize::from(refund.status == RefundStatus::Failed);
            }
            Ended::Failed(error) => {
                tally.lost += usize::from(at_provider > 0);
                assert_ne!(error.outcome(), Outcome::Unknown, "{error}");
            }
            Ended::Unresolved => tally.unresolved += 1,
        }
    }
    tally
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_refund_happens_exactly_once_under_faults() {
    let refunds = std::env::var("PAYSPEC_SOAK")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut total_faults = 0;
    println!(
        "| provider | logical refunds | faults | duplicates | lost | unresolved | most steps |"
    );
    println!("|---|---|---|---|---|---|---|");
    let paypal = SpecExamples::load("paypal");
    let gr4vy = SpecExamples::load("gr4vy");
    let stripe = SpecExamples::load("stripe");
    let adyen = SpecExamples::load("adyen");
    let providers = [
        (Flavor::CyberSource, Provider::CyberSource, SEED),
        (Flavor::Maverick, Provider::Maverick, SEED + 1),
        (
            Flavor::PayPal {
                refund: paypal.success_example("refundCapturedPayment").1,
            },
            Provider::PayPal,
            SEED + 2,
        ),
        (
            Flavor::Gr4vy {
                refund: gr4vy.success_example("refundTransaction").1,
                transaction: gr4vy.success_example("getTransaction").1,
            },
            Provider::Gr4vy,
            SEED + 3,
        ),
        (
            Flavor::Stripe {
                refund: stripe.success_example("createRefund").1,
            },
            Provider::Stripe,
            SEED + 4,
        ),
        (
            Flavor::Adyen {
                refund: adyen.success_example("refundCapturedPayment").1,
            },
            Provider::Adyen,
            SEED + 5,
        ),
    ];
    // The providers run side by side; each emulator's faults come from its own seed.
    let runs = providers
        .into_iter()
        .map(|(flavor, provider, seed)| async move {
            let tally = run(flavor, provider, refunds, seed, Policy::Documented).await;
            (provider, tally)
        });
    for (provider, tally) in futures::future::join_all(runs).await {
        println!(
            "| {provider} | {} | {} | {} | {} | {} | {} |",
            tally.logical,
            tally.faults,
            tally.duplicates,
            tally.lost,
            tally.unresolved,
            tally.most_steps
        );
        total_faults += tally.faults;
        assert_eq!(
            (
                tally.duplicates,
                tally.lost,
                tally.unresolved,
                tally.wrong_id,
                tally.wrong_status,
                tally.forgeries_accepted
            ),
            (0, 0, 0, 0, 0, 0),
            "{provider}: {tally:?}"
        );
    }
    assert!(total_faults >= 1000, "only {total_faults} faults injected");
}

/// The suite can fail: resending unknown outcomes to a provider without keys duplicates refunds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resending_unknown_outcomes_duplicates_refunds() {
    let tally = run(
        Flavor::Maverick,
        Provider::Maverick,
        60,
        SEED,
        Policy::ResendUnknown,
    )
    .await;
    assert!(tally.duplicates > 0, "{tally:?}");
}
