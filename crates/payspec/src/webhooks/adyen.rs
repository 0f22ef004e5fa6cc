//! Adyen standard notifications: a JSON batch of `notificationItems[].NotificationRequestItem`,
//! each signed on its own: `additionalData.hmacSignature` is the base64 HMAC-SHA256, keyed with
//! the hex HMAC key from the Customer Area, of `pspReference:originalReference:
//! merchantAccountCode:merchantReference:value:currency:eventCode:success` (empty strings for
//! missing fields).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use payspec_runtime::Secret;
use serde_json::Value;

use super::notification::{json_body, provider_units, rejected, text, unreadable};
use super::{RefundUpdate, signature};
use crate::error::Error;
use crate::provider::{Account, Provider};
use crate::refund::RefundStatus;

/// Verifies Adyen standard notifications.
///
/// ```
/// use payspec::runtime::Secret;
/// use payspec::webhooks::AdyenNotifications;
///
/// let adyen = AdyenNotifications::new(Secret::new("44782DEF547AAA06C910C43932B1EB0C"))?;
/// assert!(adyen.verify(br#"{"notificationItems": []}"#)?.is_empty());
/// assert!(AdyenNotifications::new(Secret::new("not hex")).is_err());
/// # Ok::<(), payspec::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AdyenNotifications {
    account: Account,
    keys: Vec<Secret>,
}

impl AdyenNotifications {
    /// Verifies with an HMAC key, given in hex as the Customer Area shows it.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when the key is not hex.
    pub fn new(hmac_key: Secret) -> Result<Self, Error> {
        AdyenNotifications {
            account: Account::from(Provider::Adyen),
            keys: Vec::new(),
        }
        .with_key(hmac_key)
    }

    /// Also accepts items signed with `hmac_key` (a key being replaced).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when the key is not hex.
    pub fn with_key(mut self, hmac_key: Secret) -> Result<Self, Error> {
        if signature::hex(hmac_key.expose()).is_none_or(|key| key.is_empty()) {
            return Err(Error::invalid_input(format!(
                "the Adyen HMAC key (key {}) is not hex",
                self.keys.len() + 1
            )));
        }
        self.keys.push(hmac_key);
        Ok(self)
    }

    /// Marks its updates as the account `account`'s (by default the account named after the
    /// provider), so that waits for that account's refunds read them.
    #[must_use]
    pub fn for_account(mut self, account: impl Into<Account>) -> Self {
        self.account = account.into();
        self
    }

    /// Verifies every item of a notification batch (its raw body) and returns the refund updates
    /// among them; other event codes (`CAPTURE`, `CANCELLATION`, `AUTHORISATION`...) are skipped.
    ///
    /// # Errors
    /// [`ErrorKind::Authentication`](crate::ErrorKind::Authentication) when any item is unsigned or its signature matches no key;
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) for a body that is not a notification batch. Nothing of the
    /// batch is applied either way, so Adyen delivers it again.
    pub fn verify(&self, body: &[u8]) -> Result<Vec<RefundUpdate>, Error> {
        let batch = json_body(Provider::Adyen, body)?;
        let items = batch
            .get("notificationItems")
            .and_then(Value::as_array)
            .ok_or_else(|| unreadable(Provider::Adyen, "no `notificationItems` array"))?;
        let keys: Vec<Vec<u8>> = self
            .keys
            .iter()
            .filter_map(|k| signature::hex(k.expose()))
            .collect();
        let mut updates = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let item = item.get("NotificationRequestItem").ok_or_else(|| {
                unreadable(
                    Provider::Adyen,
                    format!("notificationItems[{index}] has no NotificationRequestItem"),
                )
            })?;
            let fields = Fields::of(item);
            let place = format!(
                "notificationItems[{index}] (pspReference `{}`)",
                fields.psp_reference
            );
            let signed = text(item, "/additionalData/hmacSignature")
                .and_then(|s| STANDARD.decode(s.trim()).ok())
                .ok_or_else(|| {
                    rejected(
                        Provider::Adyen,
                        format!("{place} has no base64 additionalData.hmacSignature"),
                    )
                })?;
            let message = fields.signing_string();
            let mut valid = false;
            for key in &keys {
                valid |= signature::matches(key, &[message.as_bytes()], &signed);
            }
            if !valid {
                return Err(rejected(
                    Provider::Adyen,
                    format!(
                        "{place}: the signature matches none of the {} key(s)",
                        keys.len()
                    ),
                ));
            }
            updates.extend(fields.update(&self.account, &place)?);
        }
        Ok(updates)
    }
}

/// The signed fields of one item, as text.
struct Fields {
    psp_reference: String,
    original_reference: String,
    merchant_account: String,
    merchant_reference: String,
    value: String,
    currency: String,
    event_code: String,
    success: String,
}

impl Fields {
    fn of(item: &Value) -> Self {
        let field = |pointer: &str| match item.pointer(pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            _ => String::new(),
        };
        Fields {
            psp_reference: field("/pspReference"),
            original_reference: field("/originalReference"),
            merchant_account: field("/merchantAccountCode"),
            merchant_reference: field("/merchantReference"),
            value: field("/amount/value"),
            currency: field("/amount/currency"),
            event_code: field("/eventCode"),
            success: field("/success"),
        }
    }

    fn signing_string(&self) -> String {
        [
            &self.psp_reference,
            &self.original_reference,
            &self.merchant_account,
            &self.merchant_reference,
            &self.value,
            &self.currency,
            &self.event_code,
            &self.success,
        ]
        .map(String::as_str)
        .join(":")
    }

    /// The refund update of a refund event; `None` for other event codes.
    fn update(self, account: &Account, place: &str) -> Result<Option<RefundUpdate>, Error> {
        let succeeded = self.success == "true";
        let status = match self.event_code.as_str() {
            "REFUND" | "CANCEL_OR_REFUND" if succeeded => RefundStatus::Succeeded,
            "REFUND" | "CANCEL_OR_REFUND" | "REFUND_FAILED" | "REFUNDED_REVERSED" => {
                RefundStatus::Failed
            }
            _ => return Ok(None),
        };
        if self.psp_reference.is_empty() {
            return Err(unreadable(
                Provider::Adyen,
                format!("{place} has no pspReference"),
            ));
        }
        let amount = match self.value.parse::<i64>() {
            Ok(value) if !self.currency.is_empty() => Some(
                provider_units(Provider::Adyen, value, &self.currency).map_err(|e| {
                    unreadable(Provider::Adyen, format!("{place}: {}", e.message()))
                })?,
            ),
            _ => None,
        };
        let nonempty = |s: String| Some(s).filter(|s| !s.is_empty());
        Ok(Some(RefundUpdate {
            account: account.clone(),
            provider: Provider::Adyen,
            refund_id: self.psp_reference,
            status,
            raw_status: self.success,
            event_type: self.event_code,
            event_id: None,
            amount,
            payment_id: nonempty(self.original_reference),
            merchant_reference: nonempty(self.merchant_reference),
        }))
    }
}
