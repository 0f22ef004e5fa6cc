//! Stripe's refunds: `POST /v1/refunds` takes form pairs (`payment_intent` or `charge`,
//! `amount`, `metadata[...]`) under an `Idempotency-Key`. Once a request under a key has begun
//! executing, whatever Stripe answered is stored under that key, a 500 included, and every later
//! request with the key and the same parameters gets that answer again (`Idempotent-Replayed:
//! true`); other parameters under a used key are refused with an `idempotency_error`. Requests
//! turned away before executing (429, 503, resets) store nothing. `GET /v1/refunds` lists the
//! refunds of a payment intent or charge, newest first, a page at a time (`limit`,
//! `starting_after`, `has_more`); `GET /v1/refunds/{id}` retrieves one.

use serde_json::{Value, json};

use super::wire::{Answer, Request};
use super::{Emulator, Execution, Made, record};

/// What Stripe keeps under one idempotency key.
pub struct Stored {
    /// The form body of the first request, which later ones must repeat.
    form: Vec<u8>,
    status: u16,
    body: Value,
}

/// Stripe's error body.
pub fn error(status: u16, message: &str) -> Answer {
    let kind = match status {
        400..=499 => "invalid_request_error",
        _ => "api_error",
    };
    Answer::new(status, json!({"error": {"type": kind, "message": message}}))
}

/// Refunds per page when the request names no `limit` (Stripe's default).
const DEFAULT_LIMIT: usize = 10;

impl Emulator {
    /// Answers one Stripe request, processed as far as `execution` lets it.
    pub(super) fn stripe(
        &self,
        example: &Value,
        request: &Request,
        execution: Execution,
    ) -> Answer {
        let path = request.path.split('?').next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("POST", ["", "v1", "refunds"]) => self.stripe_create(example, request, execution),
            _ if execution == Execution::FailsWithin => error(500, "oops"),
            ("GET", ["", "v1", "refunds"]) => self.stripe_list(example, request),
            ("GET", ["", "v1", "refunds", id]) => {
                match self.refunds().iter().find(|m| self.public_id(m) == *id) {
                    Some(made) => {
                        Answer::new(200, stripe_refund(example, made, &self.public_id(made)))
                    }
                    None => {
                        let mut answer = error(404, &format!("No such refund: '{id}'"));
                        answer.body["error"]["code"] = json!("resource_missing");
                        answer
                    }
                }
            }
            _ => error(
                404,
                &format!("Unrecognized request URL ({} {path})", request.method),
            ),
        }
    }

    /// Makes the refund (unless the execution fails within), or answers again what is stored
    /// under the request's key; the answer is stored and the refund made under one lock, as in
    /// Stripe's key store.
    fn stripe_create(&self, example: &Value, request: &Request, execution: Execution) -> Answer {
        let form: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
            .into_owned()
            .collect();
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let Some(target) = field("payment_intent").or_else(|| field("charge")) else {
            return error(400, "Must provide either `payment_intent` or `charge`.");
        };
        let mut state = self.state.lock().unwrap();
        if let Some(key) = &request.key {
            if let Some(stored) = state.stripe_keys.get(key) {
                if stored.form != request.body {
                    let mut answer = error(
                        400,
                        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                    );
                    answer.body["error"]["type"] = json!("idempotency_error");
                    return answer;
                }
                let mut answer = Answer::new(stored.status, stored.body.clone());
                answer.headers.push(("Idempotent-Replayed", "true"));
                return answer;
            }
        }
        let answer = if execution == Execution::FailsWithin {
            error(500, "oops")
        } else {
            let reference = field("metadata[payspec_reference]").unwrap_or_default();
            let amount = field("amount").unwrap_or_default();
            let made = record(&mut state, &target, &json!(reference), &json!(amount));
            match execution {
                Execution::FailsAfter => error(500, "oops"),
                _ => Answer::new(200, stripe_refund(example, &made, &self.public_id(&made))),
            }
        };
        if let Some(key) = &request.key {
            let stored = Stored {
                form: request.body.clone(),
                status: answer.status,
                body: answer.body.clone(),
            };
            state.stripe_keys.insert(key.clone(), stored);
        }
        answer
    }

    /// One page of the refunds of the payment intent or charge the query names, newest first.
    fn stripe_list(&self, example: &Value, request: &Request) -> Answer {
        let payment_intent = request.query("payment_intent");
        let charge = request.query("charge");
        let limit = request
            .query("limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(DEFAULT_LIMIT);
        let after = request.query("starting_after");
        let newest_first: Vec<(Made, String)> = self
            .refunds()
            .into_iter()
            .rev()
            .filter(|m| payment_intent.as_deref().is_none_or(|p| p == m.target))
            .filter(|m| charge.as_deref().is_none_or(|c| c == m.target))
            .map(|m| {
                let id = self.public_id(&m);
                (m, id)
            })
            .collect();
        let start = match &after {
            Some(after) => match newest_first.iter().position(|(_, id)| id == after) {
                Some(at) => at + 1,
                None => return error(400, &format!("No such refund: '{after}'")),
            },
            None => 0,
        };
        let rest = &newest_first[start..];
        let page: Vec<Value> = rest
            .iter()
            .take(limit)
            .map(|(made, id)| stripe_refund(example, made, id))
            .collect();
        Answer::new(
            200,
            json!({"object": "list", "url": "/v1/refunds", "has_more": rest.len() > limit, "data": page}),
        )
    }
}

/// The spec's refund example with the refund's own id, target, amount, status and metadata.
fn stripe_refund(example: &Value, made: &Made, id: &str) -> Value {
    let mut refund = example.clone();
    refund["id"] = json!(id);
    refund["amount"] = json!(made.amount.parse::<i64>().unwrap());
    refund["currency"] = json!("usd");
    refund["status"] = json!("succeeded");
    refund["metadata"] = json!({"payspec_reference": made.reference});
    if let Some(fields) = refund.as_object_mut() {
        fields.remove("pending_reason");
    }
    let target = if made.target.starts_with("pi_") {
        "payment_intent"
    } else {
        "charge"
    };
    refund[target] = json!(made.target);
    refund
}
