//! A local server that behaves like one provider's refunds. Without idempotency keys
//! (CyberSource, Maverick) refunds are recorded under the merchant reference the request carries,
//! and the provider's own lookup (transaction search, payment listing) finds them; with keys
//! (PayPal, Gr4vy) a repeated key is answered with the stored refund, as the providers document.
//! Each request may meet a fault, drawn from a seeded generator, before or after it is processed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Which provider's API the emulator speaks. Keyed providers answer with their spec's own
/// success example, with the refund's id, amount and status filled in.
#[derive(Clone, Debug)]
pub enum Flavor {
    CyberSource,
    Maverick,
    PayPal { refund: Value },
    Gr4vy { refund: Value, transaction: Value },
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
    /// 429 with `Retry-After: 0`, not processed.
    RateLimited,
    /// Processed, then answered only after the client's timeout.
    SlowAfter,
}

const FAULTS: [Fault; 6] = [
    Fault::ResetBefore,
    Fault::DropAfter,
    Fault::UnavailableBefore,
    Fault::ErrorAfter,
    Fault::RateLimited,
    Fault::SlowAfter,
];

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

    fn draw(&self) -> Option<Fault> {
        let mut state = self.state.lock().unwrap();
        let rng = state.rng.as_mut().unwrap();
        let fault = (rng.f64() < self.fault_rate).then(|| FAULTS[rng.usize(..FAULTS.len())]);
        if let Some(fault) = fault {
            *state.faults.entry(fault).or_default() += 1;
        }
        fault
    }

    async fn serve(&self, mut stream: TcpStream) {
        let Some((method, path, key, body)) = read_request(&mut stream).await else {
            return;
        };
        let fault = self.draw();
        let answer = match fault {
            Some(Fault::ResetBefore) => return,
            Some(Fault::UnavailableBefore) => (503, json!({"message": "unavailable"})),
            Some(Fault::RateLimited) => (429, json!({"message": "slow down"})),
            _ => self.handle(&method, &path, key.as_deref(), &body),
        };
        match fault {
            // Processed; the answer is lost with the connection.
            Some(Fault::DropAfter) => {}
            Some(Fault::ErrorAfter) => write(&mut stream, 500, &json!({"message": "oops"})).await,
            Some(Fault::SlowAfter) => {
                tokio::time::sleep(self.slow).await;
                write(&mut stream, answer.0, &answer.1).await;
            }
            _ => write(&mut stream, answer.0, &answer.1).await,
        }
    }

    fn handle(&self, method: &str, path: &str, key: Option<&str>, body: &Value) -> (u16, Value) {
        let segments: Vec<&str> = path.split('?').next().unwrap().split('/').collect();
        match (&self.flavor, method, segments.as_slice()) {
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
            (Flavor::Maverick, "POST", ["", "payment", id, "refund"]) => {
                let made = self.record(id, &body["externalId"], &body["amount"]);
                (200, maverick_refund(&made))
            }
            (Flavor::Maverick, "GET", ["", "payment"]) => {
                let query = path.split_once('?').map_or("", |(_, q)| q);
                let wanted = |name: &str| {
                    query
                        .split('&')
                        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
                        .map(decode)
                };
                let (reference, parent) = (
                    wanted("filter%5BexternalId%5D%5Beq%5D"),
                    wanted("filter%5Bparent.id%5D%5Beq%5D"),
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
        }
    }

    /// The id the provider shows for `made`, in its own form.
    pub fn public_id(&self, made: &Made) -> String {
        match self.flavor {
            Flavor::PayPal { .. } => format!("R{}", made.id),
            Flavor::Gr4vy { .. } => format!("00000000-0000-4000-8000-{:012}", made.id),
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

fn decode(text: &str) -> String {
    text.replace("%5B", "[")
        .replace("%5D", "]")
        .replace("%2D", "-")
}

/// Method, path, idempotency key (PayPal's or Gr4vy's header) and JSON body of one request.
async fn read_request(stream: &mut TcpStream) -> Option<(String, String, Option<String>, Value)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut request_line = lines.next()?.split(' ');
    let (method, path) = (
        request_line.next()?.to_owned(),
        request_line.next()?.to_owned(),
    );
    let headers: Vec<(&str, &str)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(name, value)| (name, value.trim()))
        .collect();
    let header = |wanted: &str| {
        headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| value.to_string())
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let key = header("paypal-request-id").or_else(|| header("idempotency-key"));
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let body = serde_json::from_slice(&buffer[head_end..head_end + length]).unwrap_or(Value::Null);
    Some((method, path, key, body))
}

async fn write(stream: &mut TcpStream, status: u16, body: &Value) {
    let body = body.to_string();
    let retry = if matches!(status, 429 | 503) {
        "Retry-After: 0\r\n"
    } else {
        ""
    };
    let response = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{retry}Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}
