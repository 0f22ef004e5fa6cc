//! Adyen's refunds and their notifications. `POST /payments/{paymentPspReference}/refunds`
//! under an `Idempotency-Key` answers `received` with the refund's own `pspReference` (a
//! repeated key answers the stored refund); there is no lookup: the outcome arrives only in a
//! `REFUND` notification, each item signed with the merchant's HMAC key, which Adyen delivers to
//! the merchant's endpoint again and again until the endpoint accepts it. Deliveries meet
//! faults of their own: lost (delivered again later), duplicated, and preceded by a forged copy
//! (the outcome turned into a failure, the signature left as it was).

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use super::{Emulator, Fault, Made};

/// The merchant's HMAC key, in hex as the Customer Area shows it; the test's verifier holds the
/// same key.
pub const HMAC_KEY: &str = "7A1C4B2E9F30D8A6C5B4E3F2A1908776D5C4B3A29180F7E6D5C4B3A291807F6E";

/// The merchant account refunds are made for.
pub const MERCHANT_ACCOUNT: &str = "AcmeShopECOM";

/// The merchant's webhook endpoint: takes one raw notification body and says whether it
/// accepted it (Adyen delivers a refused one again).
pub type Endpoint = Arc<dyn Fn(&[u8]) -> bool + Send + Sync>;

/// What can happen to one delivery.
const DELIVERY_FAULTS: [Fault; 3] = [
    Fault::NotificationLost,
    Fault::NotificationDuplicated,
    Fault::NotificationForged,
];

/// How often undelivered notifications are sent again.
const REDELIVERY: Duration = Duration::from_millis(10);

impl Emulator {
    /// Makes the refund of payment `payment` for the request's key (or finds the one made under
    /// it), and queues its notification when it is new; the answer is the spec's example with
    /// the refund filled in.
    pub(super) fn adyen_refund(
        &self,
        example: &Value,
        payment: &str,
        key: Option<&str>,
        body: &Value,
    ) -> (u16, Value) {
        let value = &body["amount"]["value"];
        let (made, replayed) = self.record_keyed(payment, key, &json!(value.to_string()));
        if !replayed {
            let notification = self.refund_notification(&made, body["reference"].as_str());
            self.state.lock().unwrap().outbox.push(notification);
        }
        let mut answer = example.clone();
        answer["merchantAccount"] = json!(MERCHANT_ACCOUNT);
        answer["paymentPspReference"] = json!(made.target);
        answer["pspReference"] = json!(self.public_id(&made));
        answer["reference"] = body["reference"].clone();
        answer["status"] = json!("received");
        answer["amount"] = json!({"currency": "USD", "value": made.amount.parse::<i64>().unwrap()});
        if let Some(fields) = answer.as_object_mut() {
            fields.remove("lineItems");
            fields.remove("store");
            fields.remove("merchantRefundReason");
        }
        (201, answer)
    }

    /// A successful `REFUND` notification batch for `made`, signed as Adyen signs each item.
    fn refund_notification(&self, made: &Made, reference: Option<&str>) -> Vec<u8> {
        let psp_reference = self.public_id(made);
        let reference = reference.unwrap_or_default();
        let signing = [
            psp_reference.as_str(),
            &made.target,
            MERCHANT_ACCOUNT,
            reference,
            &made.amount,
            "USD",
            "REFUND",
            "true",
        ]
        .join(":");
        let key: Vec<u8> = (0..HMAC_KEY.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&HMAC_KEY[i..i + 2], 16).unwrap())
            .collect();
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(signing.as_bytes());
        let signature = STANDARD.encode(mac.finalize().into_bytes());
        let item = json!({
            "pspReference": psp_reference, "originalReference": made.target,
            "merchantAccountCode": MERCHANT_ACCOUNT, "merchantReference": reference,
            "amount": {"value": made.amount.parse::<i64>().unwrap(), "currency": "USD"},
            "eventCode": "REFUND", "success": "true", "eventDate": "2026-08-01T12:00:00+02:00",
            "additionalData": {"hmacSignature": signature},
        });
        let batch =
            json!({"live": "false", "notificationItems": [{"NotificationRequestItem": item}]});
        serde_json::to_vec(&batch).unwrap()
    }

    /// Delivers queued notifications to `endpoint` until each is accepted, with faults drawn
    /// from the emulator's generator; runs as long as the test.
    pub fn deliver_notifications(&self, endpoint: Endpoint) {
        let emulator = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(REDELIVERY).await;
                let queued = std::mem::take(&mut emulator.state.lock().unwrap().outbox);
                let mut undelivered = Vec::new();
                for body in queued {
                    let accepted = match emulator.draw(&DELIVERY_FAULTS) {
                        Some(Fault::NotificationLost) => false,
                        Some(Fault::NotificationDuplicated) => endpoint(&body) | endpoint(&body),
                        Some(Fault::NotificationForged) => {
                            if endpoint(&forged(&body)) {
                                emulator.state.lock().unwrap().forgeries_accepted += 1;
                            }
                            endpoint(&body)
                        }
                        _ => endpoint(&body),
                    };
                    if !accepted {
                        undelivered.push(body);
                    }
                }
                emulator.state.lock().unwrap().outbox.extend(undelivered);
            }
        });
    }
}

/// `body` with its outcome turned into a failure and its signature left as it was.
fn forged(body: &[u8]) -> Vec<u8> {
    let mut batch: Value = serde_json::from_slice(body).unwrap();
    batch["notificationItems"][0]["NotificationRequestItem"]["success"] = json!("false");
    serde_json::to_vec(&batch).unwrap()
}
