//! Gr4vy: `X-Gr4vy-Webhook-Signatures` (comma-separated hex, one per active secret) holds
//! HMAC-SHA256s of `<X-Gr4vy-Webhook-Timestamp>.<raw body>` keyed with the subscription's
//! secret; `X-Gr4vy-Webhook-ID` names the event across retries. Refund events (`refund.*`)
//! carry the refund as the API returns it in `target`.

use std::time::{Duration, SystemTime};

use payspec_gr4vy::types;
use payspec_runtime::Secret;
use serde_json::Value;

use super::notification::{
    check_timestamp, json_body, provider_units, rejected, signed_by, text,
    timestamped_hmac_verifier, unix_seconds, unreadable,
};
use super::{DEFAULT_TOLERANCE, Headers, RefundUpdate};
use crate::error::Error;
use crate::provider::{Account, Provider};

/// Verifies Gr4vy webhook deliveries to one subscription.
///
/// ```
/// use payspec::runtime::Secret;
/// use payspec::webhooks::Gr4vyNotifications;
///
/// let gr4vy = Gr4vyNotifications::new(Secret::new("subscription-secret"));
/// let headers = [("X-Gr4vy-Webhook-Signatures", "00"), ("X-Gr4vy-Webhook-Timestamp", "1")];
/// assert!(gr4vy.verify(&headers, b"{}").is_err());
/// ```
#[derive(Clone, Debug)]
pub struct Gr4vyNotifications {
    account: Account,
    secrets: Vec<Secret>,
    tolerance: Duration,
}

timestamped_hmac_verifier!(Gr4vyNotifications, Provider::Gr4vy);

impl Gr4vyNotifications {
    /// Verifies a delivery (its headers and raw body) as of `now`, and returns the refund update
    /// it carries: none for other events.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Authentication`] when a signature header is missing or malformed, no
    /// signature matches a secret, or the timestamp is further than the tolerance from `now`;
    /// [`crate::ErrorKind::InvalidInput`] for a signed body that is not a Gr4vy event. Nothing is
    /// applied either way.
    pub fn verify_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Vec<RefundUpdate>, Error> {
        let header = |name: &str| {
            headers
                .header(name)
                .ok_or_else(|| rejected(Provider::Gr4vy, format!("no {name} header")))
        };
        let signatures: Vec<&str> = header("X-Gr4vy-Webhook-Signatures")?
            .split(',')
            .map(str::trim)
            .collect();
        let timestamp = header("X-Gr4vy-Webhook-Timestamp")?.trim();
        let seconds = unix_seconds(Provider::Gr4vy, "X-Gr4vy-Webhook-Timestamp", timestamp)?;
        // Gr4vy's SDKs sign the timestamp as a number: `0123` is signed as `123`.
        signed_by(
            Provider::Gr4vy,
            &self.secrets,
            &seconds.to_string(),
            body,
            &signatures,
            "signature in X-Gr4vy-Webhook-Signatures",
        )?;
        check_timestamp(Provider::Gr4vy, seconds, now, self.tolerance)?;
        let event = json_body(Provider::Gr4vy, body)?;
        let event_id = headers.header("X-Gr4vy-Webhook-ID").map(str::to_owned);
        update(&self.account, &event, event_id).map(|update| update.into_iter().collect())
    }
}

/// The refund update a Gr4vy event carries, if its target is a refund.
fn update(
    account: &Account,
    event: &Value,
    event_id: Option<String>,
) -> Result<Option<RefundUpdate>, Error> {
    let name = text(event, "/name")
        .ok_or_else(|| unreadable(Provider::Gr4vy, "the event has no `name`"))?;
    if text(event, "/target/type").as_deref() != Some("refund") {
        return Ok(None);
    }
    let missing = |field: &str| {
        unreadable(
            Provider::Gr4vy,
            format!("{name}: target.{field} is missing"),
        )
    };
    let refund_id = text(event, "/target/id").ok_or_else(|| missing("id"))?;
    let raw_status = text(event, "/target/status").ok_or_else(|| missing("status"))?;
    let status: types::RefundStatus = serde_json::from_value(Value::String(raw_status.clone()))
        .map_err(|e| unreadable(Provider::Gr4vy, format!("target.status: {e}")))?;
    let amount = match (
        event.pointer("/target/amount").and_then(Value::as_i64),
        text(event, "/target/currency"),
    ) {
        (Some(units), Some(code)) => Some(provider_units(Provider::Gr4vy, units, &code)?),
        _ => None,
    };
    Ok(Some(RefundUpdate {
        account: account.clone(),
        provider: Provider::Gr4vy,
        refund_id,
        status: crate::providers::gr4vy::status(&status),
        raw_status,
        event_type: name,
        event_id: event_id.or_else(|| text(event, "/id")),
        amount,
        payment_id: text(event, "/target/transaction_id"),
        merchant_reference: text(event, "/target/external_identifier"),
    }))
}
