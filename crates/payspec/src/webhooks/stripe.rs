//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]`, an HMAC-SHA256 of
//! `<t>.<raw body>` keyed with the endpoint's signing secret (`whsec_...`).

use std::time::{Duration, SystemTime};

use payspec_runtime::Secret;
use serde_json::Value;

use super::notification::{
    check_timestamp, json_body, provider_units, rejected, signed_by, text,
    timestamped_hmac_verifier, unix_seconds, unreadable,
};
use super::{DEFAULT_TOLERANCE, Headers, RefundUpdate};
use crate::error::Error;
use crate::provider::{Account, Provider};

/// The event types whose object is a refund.
const REFUND_EVENTS: [&str; 4] = [
    "refund.created",
    "refund.updated",
    "refund.failed",
    "charge.refund.updated",
];

/// Verifies Stripe webhook deliveries to one endpoint.
///
/// ```
/// use payspec::runtime::Secret;
/// use payspec::webhooks::StripeNotifications;
///
/// let stripe = StripeNotifications::new(Secret::new("whsec_new"))
///     .with_secret(Secret::new("whsec_rolled")) // both valid while the old one expires
///     .with_tolerance(std::time::Duration::from_secs(120));
/// let error = stripe.verify(&[("Stripe-Signature", "t=1,v1=00")], b"{}").unwrap_err();
/// assert_eq!(error.kind(), &payspec::ErrorKind::Authentication);
/// assert!(!format!("{stripe:?}").contains("whsec"));
/// ```
#[derive(Clone, Debug)]
pub struct StripeNotifications {
    account: Account,
    secrets: Vec<Secret>,
    tolerance: Duration,
}

timestamped_hmac_verifier!(StripeNotifications, Provider::Stripe);

impl StripeNotifications {
    /// Verifies a delivery (its headers and raw body) as of `now`, and returns the refund update
    /// it carries: none for other event types.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Authentication`] when `Stripe-Signature` is missing, malformed, matches
    /// no secret, or was signed further than the tolerance from `now`;
    /// [`crate::ErrorKind::InvalidInput`] for a signed body that is not a Stripe event. Nothing
    /// is applied either way.
    pub fn verify_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Vec<RefundUpdate>, Error> {
        let header = headers
            .header("Stripe-Signature")
            .ok_or_else(|| rejected(Provider::Stripe, "no Stripe-Signature header"))?;
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for (key, value) in header.split(',').filter_map(|part| part.split_once('=')) {
            match key.trim() {
                "t" => timestamp = Some(value.trim()),
                "v1" => signatures.push(value.trim()),
                _ => {}
            }
        }
        let (Some(timestamp), false) = (timestamp, signatures.is_empty()) else {
            return Err(rejected(
                Provider::Stripe,
                "Stripe-Signature has no `t=` timestamp or no `v1=` signature",
            ));
        };
        let seconds = unix_seconds(Provider::Stripe, "Stripe-Signature timestamp", timestamp)?;
        signed_by(
            Provider::Stripe,
            &self.secrets,
            timestamp,
            body,
            &signatures,
            "v1 signature in Stripe-Signature",
        )?;
        check_timestamp(Provider::Stripe, seconds, now, self.tolerance)?;
        let event = json_body(Provider::Stripe, body)?;
        update(&self.account, &event).map(|update| update.into_iter().collect())
    }
}

/// The refund update a Stripe event carries, if it is a refund event.
fn update(account: &Account, event: &Value) -> Result<Option<RefundUpdate>, Error> {
    let event_type = text(event, "/type")
        .ok_or_else(|| unreadable(Provider::Stripe, "the event has no `type`"))?;
    if !REFUND_EVENTS.contains(&event_type.as_str()) {
        return Ok(None);
    }
    let refund = event.pointer("/data/object").unwrap_or(&Value::Null);
    let missing = |field: &str| {
        unreadable(
            Provider::Stripe,
            format!("{event_type}: data.object.{field} is missing"),
        )
    };
    let refund_id = text(refund, "/id").ok_or_else(|| missing("id"))?;
    let raw_status = text(refund, "/status").ok_or_else(|| missing("status"))?;
    let amount = match (
        refund.get("amount").and_then(Value::as_i64),
        text(refund, "/currency"),
    ) {
        (Some(value), Some(code)) => Some(provider_units(Provider::Stripe, value, &code)?),
        _ => None,
    };
    Ok(Some(RefundUpdate {
        account: account.clone(),
        provider: Provider::Stripe,
        refund_id,
        status: crate::providers::stripe::status(&raw_status),
        raw_status,
        event_type,
        event_id: text(event, "/id"),
        amount,
        payment_id: text(refund, "/payment_intent").or_else(|| text(refund, "/charge")),
        merchant_reference: None,
    }))
}
