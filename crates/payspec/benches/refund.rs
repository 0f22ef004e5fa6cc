//! `cargo bench -p payspec`: a refund through the facade (PayPal adapter, generated client,
//! runtime) against the same refund written by hand with reqwest, to the same local server, in
//! the same process. Reports the mean per call and the ratio.

use std::time::{Duration, Instant};

use payspec::providers::paypal::PayPal;
use payspec::runtime::{Auth, RetryPolicy, Runtime, Scheme, Secret};
use payspec::{Currency, IdempotencyKey, Money, RefundProvider, RefundRequest, Target};
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROUNDS: usize = 30;
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
    // Alternate rounds so that drift in the machine's load hits both sides alike; the median of
    // the per-round ratios ignores rounds disturbed by something else on the machine.
    let (mut facade_time, mut hand_time) = (Duration::ZERO, Duration::ZERO);
    let mut ratios = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let start = Instant::now();
        for n in 0..CALLS_PER_ROUND {
            by_hand(&http, &server.uri(), round * CALLS_PER_ROUND + n).await;
        }
        let hand = start.elapsed();
        let start = Instant::now();
        for n in 0..CALLS_PER_ROUND {
            facade(&provider, round * CALLS_PER_ROUND + n).await;
        }
        let facade = start.elapsed();
        ratios.push(facade.as_secs_f64() / hand.as_secs_f64());
        (hand_time, facade_time) = (hand_time + hand, facade_time + facade);
    }
    ratios.sort_by(f64::total_cmp);
    let calls = (ROUNDS * CALLS_PER_ROUND) as u32;
    println!("{calls} refunds each, to a local server, in {ROUNDS} alternating rounds");
    println!(
        "hand-written reqwest (baseline): {:>8.1} µs per call",
        (hand_time / calls).as_secs_f64() * 1e6
    );
    println!(
        "payspec facade:                  {:>8.1} µs per call",
        (facade_time / calls).as_secs_f64() * 1e6
    );
    println!(
        "ratio facade / baseline, median: {:>8.3}",
        ratios[ROUNDS / 2]
    );
}
