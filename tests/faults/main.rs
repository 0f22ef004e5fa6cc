//! Exactly-once refunds under fault injection. For each provider without idempotency keys, an
//! emulator records refunds under the merchant reference each request carries and injects
//! faults (resets, answers dropped after processing, 5xx before and after processing, 429, slow
//! answers) into every request, lookups included, from a fixed seed. An application loop
//! follows the documented rule (`payspec::Outcome`) for 300 logical refunds per provider; the
//! provider must end with exactly one refund per logical refund, each known to the application.
//!
//! `PAYSPEC_SOAK=<refunds>` runs a longer soak with that many logical refunds per provider.

mod emulator;

use std::collections::HashMap;
use std::time::Duration;

use emulator::{Emulator, Flavor};
use payspec::runtime::{Auth, RetryPolicy, Runtime, Secret, sign};
use payspec::{
    Currency, IdempotencyKey, Money, Outcome, Provider, Refund, RefundProvider, RefundRequest,
    Resolution, Target,
};

const SEED: u64 = 0x5eed_2026;
const FAULT_RATE: f64 = 0.6;
/// The client's timeout for one attempt; slow answers come after twice that.
const TIMEOUT: Duration = Duration::from_millis(150);
/// How many steps (sends and lookups) one logical refund may take before it counts as unresolved.
const MAX_STEPS: usize = 60;

fn runtime() -> Runtime {
    Runtime::new(Auth::signed(sign::BearerKey::new(Secret::new("key"))))
        .with_timeout(TIMEOUT)
        .with_retry(RetryPolicy {
            max_attempts: 3,
            max_elapsed: Duration::from_secs(2),
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        })
}

fn adapter(flavor: Flavor, base_url: &str) -> Box<dyn RefundProvider> {
    let lag = TIMEOUT * 3;
    match flavor {
        Flavor::CyberSource => Box::new(
            payspec::providers::cybersource::CyberSource::new(payspec_cybersource::Client::new(
                base_url,
                runtime(),
            ))
            .with_lookup_lag(lag),
        ),
        Flavor::Maverick => Box::new(
            payspec::providers::maverick::Maverick::new(
                payspec_maverick::Client::new(base_url, runtime()),
                24,
                Currency::USD,
            )
            .with_lookup_lag(lag),
        ),
    }
}

/// How one logical refund ended for the application.
enum Ended {
    Refunded(Refund),
    Failed(payspec::Error),
    Unresolved,
}

/// The documented rule: resend only what did not move money; resolve every unknown outcome and
/// resend only after "not made".
async fn refund_once(provider: &dyn RefundProvider, request: &RefundRequest) -> Ended {
    let mut steps = 0;
    'send: while steps < MAX_STEPS {
        steps += 1;
        let error = match provider.refund(request).await {
            Ok(refund) => return Ended::Refunded(refund),
            Err(error) => error,
        };
        match error.outcome() {
            Outcome::Unknown => {
                while steps < MAX_STEPS {
                    steps += 1;
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
}

async fn run(flavor: Flavor, provider: Provider, refunds: usize, seed: u64) -> Tally {
    let emulator = Emulator::start(flavor, seed, FAULT_RATE, TIMEOUT * 2).await;
    let adapter = adapter(flavor, &emulator.base_url);
    let requests: Vec<RefundRequest> = (0..refunds)
        .map(|i| {
            RefundRequest::new(
                provider,
                Target::Payment(format!("{}", 100 + i)),
                Some(Money::new(100 + i as i64, Currency::USD)),
                IdempotencyKey::new(format!("refund-{i}")).unwrap(),
            )
        })
        .collect();
    let mut ended = Vec::new();
    for batch in requests.chunks(25) {
        let runs = batch.iter().map(|r| refund_once(adapter.as_ref(), r));
        ended.extend(futures_join(runs).await);
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
        ..Tally::default()
    };
    for (request, end) in requests.iter().zip(ended) {
        let reference = request.idempotency_key.reference(50);
        let at_provider = per_reference.get(reference.as_str()).map_or(0, Vec::len);
        tally.duplicates += at_provider.saturating_sub(1);
        match end {
            Ended::Refunded(refund) => {
                let known = per_reference[reference.as_str()][0].id.to_string();
                tally.wrong_id += usize::from(refund.id.as_deref() != Some(known.as_str()));
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

/// Runs the futures concurrently on this task and returns their outputs in order.
async fn futures_join<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let handles: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    // Sequential awaits would serialise the slow faults; poll them together instead.
    let mut pending: Vec<_> = handles.into_iter().map(Some).collect();
    let mut results: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (slot, result) in pending.iter_mut().zip(results.iter_mut()) {
            if let Some(future) = slot {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(output) => {
                        *result = Some(output);
                        *slot = None;
                    }
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs.extend(results.into_iter().map(Option::unwrap));
    outputs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_refund_happens_exactly_once_under_faults() {
    let refunds = std::env::var("PAYSPEC_SOAK")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut total_faults = 0;
    println!("| provider | logical refunds | faults | duplicates | lost | unresolved |");
    println!("|---|---|---|---|---|---|");
    for (flavor, provider, seed) in [
        (Flavor::CyberSource, Provider::CyberSource, SEED),
        (Flavor::Maverick, Provider::Maverick, SEED + 1),
    ] {
        let tally = run(flavor, provider, refunds, seed).await;
        println!(
            "| {provider} | {} | {} | {} | {} | {} |",
            tally.logical, tally.faults, tally.duplicates, tally.lost, tally.unresolved
        );
        total_faults += tally.faults;
        assert_eq!(
            (
                tally.duplicates,
                tally.lost,
                tally.unresolved,
                tally.wrong_id
            ),
            (0, 0, 0, 0),
            "{provider}: {tally:?}"
        );
    }
    assert!(total_faults >= 1000, "only {total_faults} faults injected");
}
