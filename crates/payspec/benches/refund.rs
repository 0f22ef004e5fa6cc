//! `cargo bench -p payspec`: a refund through the facade (PayPal adapter, generated client,
//! runtime) against the same refund written by hand with reqwest, to the same local server, in
//! the same process. Reports wall and CPU time (all threads, Linux) per call and the median ratios.
//!
//! `cargo bench -p payspec -- --rounds 300` runs longer (for `perf record`); the default is 30.

use std::time::{Duration, Instant};

use payspec::providers::paypal::PayPal;
use payspec::runtime::{Auth, RetryPolicy, Runtime, Scheme, Secret};
use payspec::{Currency, IdempotencyKey, Money, RefundProvider, RefundRequest, Target};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

const DEFAULT_ROUNDS: usize = 30;
const CALLS_PER_ROUND: usize = 100;

async fn facade(provider: &PayPal, n: usize) {
    let request = RefundRequest::new(
        payspec::Provider::PayPal,
        Target::Capture("1DL556911D1752055".into()),
        Some(Money::new(1000, Currency::USD)),
        IdempotencyKey::new(format!("bench-{n}")).unwrap(),
    );
    let refund = provider.refund(&request).await.expect("refund succeeds");
    assert_eq!(refund.amount, Some(Money::new(1000, Currency::USD)));
}

async fn by_hand(http: &reqwest::Client, base: &str, n: usize) {
    let response = http
        .post(format!(
            "{base}/v2/payments/captures/1DL556911D1752055/refund"
        ))
        .bearer_auth("bench-token")
        .header("PayPal-Request-Id", format!("bench-{n}"))
        .header("Prefer", "return=representation")
        .json(&json!({"amount": {"currency_code": "USD", "value": "10.00"}}))
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .expect("request succeeds");
    assert_eq!(response.status().as_u16(), 201);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["amount"]["value"], "10.00");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let rounds = rounds();
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "74C09851BT735224L", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "10.00"}
        })))
        .mount(&server)
        .await;
    let runtime = Runtime::new(Auth::every(Scheme::bearer(Secret::new("bench-token"))))
        .with_retry(RetryPolicy::none());
    let provider = PayPal::new(payspec::clients::paypal::Client::new(
        &server.uri(),
        runtime,
    ));
    // The same HTTP client settings as the generated client's, and the same per-request timeout
    // as the runtime's: the comparison measures payspec's own work, not reqwest configuration.
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(15))
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap();

    // Warm up connection pools on both sides.
    for n in 0..100 {
        facade(&provider, n).await;
        by_hand(&http, &server.uri(), n).await;
    }
    // Alternate rounds, and which side goes first in each, so that drift in the machine's load
    // and any order effect hit both sides alike; the median of the per-round ratios ignores
    // rounds disturbed by something else on the machine. CPU time (every thread of the process,
    // the local server's included) is far less disturbed by other work on the machine than
    // wall time.
    let mut totals = [Cost::ZERO; 2];
    let (mut wall_ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut costs = [Cost::ZERO; 2];
        for side in [round % 2, 1 - round % 2] {
            let start = Mark::now();
            for n in 0..CALLS_PER_ROUND {
                let n = round * CALLS_PER_ROUND + n;
                match side {
                    HAND => by_hand(&http, &server.uri(), n).await,
                    _ => facade(&provider, n).await,
                }
            }
            costs[side] = start.cost();
        }
        let [hand, facade] = costs;
        wall_ratios.push(facade.wall.as_secs_f64() / hand.wall.as_secs_f64());
        if let (Some(facade_cpu), Some(hand_cpu)) = (facade.cpu, hand.cpu) {
            cpu_ratios.push(facade_cpu.as_secs_f64() / hand_cpu.as_secs_f64());
        }
        for side in [HAND, FACADE] {
            totals[side] = totals[side].plus(costs[side]);
        }
    }
    let calls = (rounds * CALLS_PER_ROUND) as u32;
    println!("{calls} refunds each, to a local server, in {rounds} alternating rounds");
    for (name, side) in [
        ("hand-written reqwest (baseline)", HAND),
        ("payspec facade", FACADE),
    ] {
        let cost = totals[side];
        let cpu = cost.cpu.map_or("n/a".into(), |cpu| {
            format!("{:.1}", (cpu / calls).as_secs_f64() * 1e6)
        });
        println!(
            "{name:<32} {:>8.1} µs per call, {cpu:>6} µs CPU per call",
            (cost.wall / calls).as_secs_f64() * 1e6
        );
    }
    println!(
        "ratio facade / baseline, median: {:>8.3}",
        median(wall_ratios)
    );
    if !cpu_ratios.is_empty() {
        println!(
            "CPU ratio, median:               {:>8.3}",
            median(cpu_ratios)
        );
    }
    // The ratio moves with the machine (an idle one wakes the server's thread slowly, which
    // costs both sides alike); the difference is payspec's own work.
    if let (Some(facade), Some(hand)) = (totals[FACADE].cpu, totals[HAND].cpu) {
        let extra = facade.saturating_sub(hand) / calls;
        println!(
            "facade's extra CPU per call:     {:>8.1} µs",
            extra.as_secs_f64() * 1e6
        );
    }
}

const HAND: usize = 0;
const FACADE: usize = 1;

/// Wall time and, where the platform tells, the CPU time of every thread of the process.
#[derive(Clone, Copy)]
struct Cost {
    wall: Duration,
    cpu: Option<Duration>,
}

impl Cost {
    const ZERO: Cost = Cost {
        wall: Duration::ZERO,
        cpu: Some(Duration::ZERO),
    };

    fn plus(self, other: Cost) -> Self {
        Cost {
            wall: self.wall + other.wall,
            cpu: self.cpu.zip(other.cpu).map(|(a, b)| a + b),
        }
    }
}

/// When a measurement started.
struct Mark {
    at: Instant,
    cpu: Option<Duration>,
}

impl Mark {
    fn now() -> Self {
        Mark {
            cpu: process_cpu(),
            at: Instant::now(),
        }
    }

    fn cost(&self) -> Cost {
        Cost {
            wall: self.at.elapsed(),
            cpu: process_cpu()
                .zip(self.cpu)
                .map(|(end, start)| end.saturating_sub(start)),
        }
    }
}

/// The CPU time the process's threads have run (Linux: `/proc/self/task/*/schedstat`, in ns).
fn process_cpu() -> Option<Duration> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The number of rounds: `--rounds N` among the arguments (cargo adds `--bench`), else 30.
fn rounds() -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|arg| arg == "--rounds")
        .map(|i| {
            args.get(i + 1)
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .expect("--rounds takes a positive number")
        })
        .unwrap_or(DEFAULT_ROUNDS)
}
