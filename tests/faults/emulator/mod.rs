//! A local server that behaves like one provider's refunds. Without idempotency keys
//! (CyberSource, Maverick) refunds are recorded under the merchant reference the request carries,
//! and the provider's own lookup (transaction search, payment listing) finds them; with keys
//! (PayPal, Gr4vy) a repeated key is answered with the stored refund, as the providers document;
//! Stripe stores whatever it answered under the key, a 500 included ([`stripe`]); Adyen answers
//! `received` and reports the outcome only by signed notification ([`adyen`]).
//! Each request may meet a fault, drawn from a seeded generator, before or after it is processed,
//! and so may each delivery of a notification.

pub mod adyen;
mod stripe;
mod wire;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};

use wire::{Answer, Request};

/// Which provider's API the emulator speaks. Keyed providers answer with their spec's own
/// success example, with the refund's id, amount and status filled in.
#[derive(Clone, Debug)]
pub enum Flavor {
    CyberSource,
    Maverick,
    PayPal { refund: Value },
    Gr4vy { refund: Value, transaction: Value },
    Stripe { refund: Value },
    Adyen { refund: Value },
}

/// What happens to one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Closed without an answer, before processing.
    ResetBefore,
    /// Processed, then closed without an answer.
    DropAfter,
    /// 503 with `Retry-After: 0`, not processed.
    UnavailableBefore,
    /// Processed, then answered 500.
    ErrorAfter,
    /// Began processing and failed before the refund was made; answered 500 (stored under the
    /// key by Stripe).
    ErrorWithin,
    /// 429 with `Retry-After: 0`, not processed.
    RateLimited,
    /// Processed, then answered only after the client's timeout.
    SlowAfter,
    /// A notification delivery that never arrives (it is delivered again later).
    NotificationLost,
    /// A notification delivered twice.
    NotificationDuplicated,
    /// A notification preceded by a forged copy of it.
    NotificationForged,
}

const FAULTS: [Fault; 7] = [
    Fault::ResetBefore,
    Fault::DropAfter,
    Fault::UnavailableBefore,
    Fault::ErrorAfter,
    Fault::ErrorWithin,
    Fault::RateLimited,
    Fault::SlowAfter,
];

/// How far the processing of one request gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Execution {
    Completes,
    /// Completes, and a 500 is answered after it.
    FailsAfter,
    /// Fails before it changes anything; a 500 is answered.
    FailsWithin,
}

/// One refund the provider made.
#[derive(Clone, Debug)]
pub struct Made {
    pub id: u64,
    pub target: String,
    pub reference: String,
    pub amount: String,
}

#[derive(Default)]
struct State {
    refunds: Vec<Made>,
    faults: HashMap<Fault, usize>,
    rng: Option<fastrand::Rng>,
    /// Stripe's answers stored under their idempotency keys.
    stripe_keys: HashMap<String, stripe::Stored>,
    /// Adyen's notifications not yet accepted by the merchant's endpoint.
    outbox: Vec<Vec<u8>>,
    /// Forged notifications the merchant's endpoint accepted.
    forgeries_accepted: usize,
}

/// A running emulator.
#[derive(Clone)]
pub struct Emulator {
    pub base_url: String,
    flavor: Flavor,
    fault_rate: f64,
    slow: Duration,
    state: Arc<Mutex<State>>,
}

impl Emulator {
    /// Starts one on a free loopback port; `fault_rate` of the requests meet a fault, and a
    /// slow answer comes after `slow`.
    pub async fn start(flavor: Flavor, seed: u64, fault_rate: f64, slow: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let emulator = Emulator {
            base_url: format!("http://{}", listener.local_addr().unwrap()),
            flavor,
            fault_rate,
            slow,
            state: Arc::new(Mutex::new(State {
                rng: Some(fastrand::Rng::with_seed(seed)),
                ..State::default()
            })),
        };
        let server = emulator.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = server.clone();
                tokio::spawn(async move { server.serve(stream).await });
            }
        });
        emulator
    }

    /// Every refund made so far.
    pub fn refunds(&self) -> Vec<Made> {
        self.state.lock().unwrap().refunds.clone()
    }

    /// How many faults of each kind were injected.
    pub fn faults(&self) -> HashMap<Fault, usize> {
        self.state.lock().unwrap().faults.clone()
    }

    /// Forged notifications the merchant's endpoint accepted (never, when it verifies them).
    pub fn forgeries_accepted(&self) -> usize {
        self.state.lock().unwrap().forgeries_accepted
    }

    /// One of `faults`, or none, at the fault rate.
    fn draw(&self, faults: &[Fault]) -> Option<Fault> {
        let mut state = self.state.lock().unwrap();
        let rng = state.rng.as_mut().unwrap();
        let fault = (rng.f64() < self.fault_rate).then(|| faults[rng.usize(..faults.len())]);
        if let Some(fault) = fault {
            *state.faults.entry(fault).or_default() += 1;
        }
        fault
    }

    async fn serve(&self, mut stream: TcpStream) {
        let Some(request) = wire::read_request(&mut stream).await else {
            return;
        };
        let fault = self.draw(&FAULTS);
        let answer = match fault {
            Some(Fault::ResetBefore) => return,
            Some(Fault::UnavailableBefore) => self.error(503, "unavailable"),
            Some(Fault::RateLimited) => self.error(429, "slow down"),
            // Processed; the answer is a 500 (which Stripe also stores under the key).
            Some(Fault::ErrorAfter) => {
                self.handle(&request, Execution::FailsAfter);
                self.error(500, "oops")
            }
            Some(Fault::ErrorWithin) => self.handle(&request, Execution::FailsWithin),
            _ => self.handle(&request, Execution::Completes),
        };
        match fault {
            // Processed; the answer is lost with the connection.
            Some(Fault::DropAfter) => {}
            Some(Fault::SlowAfter) => {
                tokio::time::sleep(self.slow).await;
                wire::write(&mut stream, &answer).await;
            }
            _ => wire::write(&mut stream, &answer).await,
        }
    }

    /// An error answer in the provider's form.
    fn error(&self, status: u16, message: &str) -> Answer {
        match self.flavor {
            Flavor::Stripe { .. } => stripe::error(status, message),
            _ => Answer::new(status, json!({ "message": message })),
        }
    }

    /// Processes `request` as far as `execution` lets it.
    fn handle(&self, request: &Request, execution: Execution) -> Answer {
        if let Flavor::Stripe { refund } = &self.flavor {
            return self.stripe(refund, request, execution);
        }
        if execution == Execution::FailsWithin {
            return self.error(500, "oops");
        }
        let (method, path, key) = (
            request.method.as_str(),
            request.path.as_str(),
            request.key.as_deref(),
        );
        let body = &request.json();
        let segments: Vec<&str> = path.split('?').next().unwrap().split('/').collect();
        let (status, body) = match (&self.flavor, method, segments.as_slice()) {
            (
                Flavor::PayPal { refund },
                "POST",
                ["", "v2", "payments", "captures", id, "refund"],
            ) => {
                let amount = &body["amount"]["value"];
                let (made, replayed) = self.record_keyed(id, key, amount);
                let mut answer = refund.clone();
                answer["id"] = json!(self.public_id(&made));
                answer["status"] = json!("COMPLETED");
                answer["amount"] = json!({"currency_code": "USD", "value": made.amount});
                (if replayed { 200 } else { 201 }, answer)
            }
            (Flavor::Gr4vy { refund, .. }, "POST", ["", "transactions", id, "refunds"]) => {
                let (made, _) = self.record_keyed(id, key, &json!(body["amount"].to_string()));
                let mut answer = refund.clone();
                answer["id"] = json!(self.public_id(&made));
                answer["transaction_id"] = json!(made.target);
                answer["status"] = json!("succeeded");
                answer["amount"] = json!(made.amount.parse::<i64>().unwrap());
                answer["currency"] = json!("USD");
                (201, answer)
            }
            (Flavor::Gr4vy { transaction, .. }, "GET", ["", "transactions", id]) => {
                let mut answer = transaction.clone();
                answer["id"] = json!(id);
                answer["currency"] = json!("USD");
                (200, answer)
            }
            (Flavor::Adyen { refund }, "POST", ["", "payments", id, "refunds"]) => {
                self.adyen_refund(refund, id, key, body)
            }
            (Flavor::Maverick, "POST", ["", "payment", id, "refund"]) => {
                let made = self.record(id, &body["externalId"], &body["amount"]);
                (200, maverick_refund(&made))
            }
            (Flavor::Maverick, "GET", ["", "payment"]) => {
                let (reference, parent) = (
                    request.query("filter[externalId][eq]"),
                    request.query("filter[parent.id][eq]"),
                );
                let items: Vec<Value> = self
                    .refunds()
                    .iter()
                    .filter(|m| reference.as_deref().is_none_or(|r| r == m.reference))
                    .filter(|m| parent.as_deref().is_none_or(|p| p == m.target))
                    .map(maverick_refund)
                    .collect();
                (200, json!({"items": items}))
            }
            (Flavor::CyberSource, "POST", ["", "pts", "v2", "payments", id, "refunds"]) => {
                let made = self.record(
                    id,
                    &body["clientReferenceInformation"]["code"],
                    &body["orderInformation"]["amountDetails"]["totalAmount"],
                );
                (201, cybersource_refund(&made))
            }
            (Flavor::CyberSource, "POST", ["", "tss", "v2", "searches"]) => {
                let query = body["query"].as_str().unwrap_or_default();
                let code = query.strip_prefix("clientReferenceInformation.code:");
                let summaries: Vec<Value> = self
                    .refunds()
                    .iter()
                    .filter(|m| Some(m.reference.as_str()) == code)
                    .map(|m| json!({"id": m.id.to_string(), "clientReferenceInformation": {"code": m.reference}}))
                    .collect();
                (
                    201,
                    json!({"count": summaries.len(), "_embedded": {"transactionSummaries": summaries}}),
                )
            }
            (Flavor::CyberSource, "GET", ["", "tss", "v2", "transactions", id]) => {
                match self.refunds().into_iter().find(|m| m.id.to_string() == *id) {
                    Some(made) => (200, cybersource_transaction(&made)),
                    None => (404, json!({"message": "not found"})),
                }
            }
            _ => (404, json!({"message": format!("no route {method} {path}")})),
        };
        Answer::new(status, body)
    }

    /// The id the provider shows for `made`, in its own form.
    pub fn public_id(&self, made: &Made) -> String {
        match self.flavor {
            Flavor::PayPal { .. } => format!("R{}", made.id),
            Flavor::Gr4vy { .. } => format!("00000000-0000-4000-8000-{:012}", made.id),
            Flavor::Stripe { .. } => format!("re_{}", made.id),
            Flavor::Adyen { .. } => format!("88{:014}", made.id),
            Flavor::CyberSource | Flavor::Maverick => made.id.to_string(),
        }
    }

    /// Records a refund under its idempotency key, or finds the one already recorded under it;
    /// both under one lock, as a provider's key store would.
    fn record_keyed(&self, target: &str, key: Option<&str>, amount: &Value) -> (Made, bool) {
        let key = key.expect("a keyed provider gets its idempotency key");
        let mut state = self.state.lock().unwrap();
        match state.refunds.iter().find(|m| m.reference == key) {
            Some(made) => (made.clone(), true),
            None => (record(&mut state, target, &json!(key), amount), false),
        }
    }

    fn record(&self, target: &str, reference: &Value, amount: &Value) -> Made {
        record(&mut self.state.lock().unwrap(), target, reference, amount)
    }
}

fn record(state: &mut State, target: &str, reference: &Value, amount: &Value) -> Made {
    let made = Made {
        id: 9000 + state.refunds.len() as u64,
        target: target.to_owned(),
        reference: reference.as_str().unwrap_or_default().to_owned(),
        amount: amount.as_str().unwrap_or_default().to_owned(),
    };
    state.refunds.push(made.clone());
    made
}

fn maverick_refund(made: &Made) -> Value {
    json!({
        "id": made.id, "amount": made.amount, "type": "Return",
        "parent": {"id": made.target.parse::<i64>().unwrap()}, "terminal": {"id": 24},
        "externalId": made.reference, "status": {"status": "Approved", "reason": null},
    })
}

fn cybersource_refund(made: &Made) -> Value {
    json!({
        "id": made.id.to_string(), "status": "PENDING",
        "clientReferenceInformation": {"code": made.reference},
        "refundAmountDetails": {"refundAmount": made.amount, "currency": "USD"},
    })
}

fn cybersource_transaction(made: &Made) -> Value {
    json!({
        "id": made.id.to_string(),
        "applicationInformation": {"status": "TRANSMITTED"},
        "clientReferenceInformation": {"code": made.reference},
        "orderInformation": {"amountDetails": {"totalAmount": made.amount, "currency": "USD"}},
    })
}
