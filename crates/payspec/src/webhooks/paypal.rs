//! PayPal: a notification is verified by asking PayPal
//! (`POST /v1/notifications/verify-webhook-signature` through the generated client) with the
//! `PAYPAL-*` headers it arrived with, the webhook's id and the event, byte for byte as it
//! arrived (a re-serialized copy could fail the check). Refund events
//! (`PAYMENT.CAPTURE.REFUNDED`, `PAYMENT.REFUND.*`) carry the refund as the Payments v2 API
//! returns it.

use payspec_paypal::types;
use payspec_runtime::RawJson;
use serde_json::Value;

use super::notification::{not_json, rejected, text, unreadable};
use super::{Headers, RefundUpdate};
use crate::error::Error;
use crate::provider::{Account, Provider};
use crate::providers::call::Call;
use crate::providers::paypal;

/// The verification call moves no money: a lookup, by PayPal's rules.
const VERIFY: Call = Call::lookup(&paypal::RULES);

/// Verifies PayPal webhook deliveries to one webhook, through PayPal's verification call.
///
/// ```no_run
/// use payspec::clients::paypal::{Client, Credentials};
/// use payspec::runtime::{Runtime, Secret};
/// use payspec::webhooks::PayPalNotifications;
///
/// # async fn run(headers: reqwest::header::HeaderMap, body: &[u8]) -> Result<(), payspec::Error> {
/// let credentials = Credentials::oauth2("client-id", Secret::new("client-secret"));
/// let client = Client::new("https://api-m.paypal.com", Runtime::new(credentials));
/// let paypal = PayPalNotifications::new(client, "1JE4291016473214C");
/// let updates = paypal.verify(&headers, body).await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct PayPalNotifications {
    account: Account,
    client: payspec_paypal::Client,
    webhook_id: String,
}

impl PayPalNotifications {
    /// Verifies deliveries to the webhook `webhook_id` (from the developer dashboard) with
    /// `client`'s credentials.
    pub fn new(client: payspec_paypal::Client, webhook_id: impl Into<String>) -> Self {
        PayPalNotifications {
            account: Account::from(Provider::PayPal),
            client,
            webhook_id: webhook_id.into(),
        }
    }

    /// Marks its updates as the account `account`'s (by default the account named after the
    /// provider), so that waits for that account's refunds read them.
    #[must_use]
    pub fn for_account(mut self, account: impl Into<Account>) -> Self {
        self.account = account.into();
        self
    }

    /// Asks PayPal whether a delivery (its headers and raw body) is PayPal's, and returns the
    /// refund update it carries: none for other event types.
    ///
    /// # Errors
    /// [`crate::ErrorKind::Authentication`] when a `PAYPAL-*` header is missing or PayPal answers
    /// `FAILURE`; the classified error of the call when it fails (retryable ones mean: let PayPal
    /// deliver it again); [`crate::ErrorKind::InvalidInput`] for a body that is not a PayPal
    /// event. Nothing is applied in any of these cases.
    pub async fn verify<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body_bytes: &[u8],
    ) -> Result<Vec<RefundUpdate>, Error> {
        // PayPal checks the event exactly as it delivered it: it is sent back byte for byte.
        let verbatim =
            RawJson::from_slice(body_bytes).map_err(|e| not_json(Provider::PayPal, e))?;
        let event: Value =
            serde_json::from_str(verbatim.get()).map_err(|e| not_json(Provider::PayPal, e))?;
        let header = |name: &str| {
            headers
                .header(name)
                .ok_or_else(|| rejected(Provider::PayPal, format!("no {name} header")))
        };
        let request = types::builder::VerifyWebhookSignature::default()
            .auth_algo(header("PAYPAL-AUTH-ALGO")?)
            .cert_url(header("PAYPAL-CERT-URL")?)
            .transmission_id(header("PAYPAL-TRANSMISSION-ID")?)
            .transmission_sig(header("PAYPAL-TRANSMISSION-SIG")?)
            .transmission_time(header("PAYPAL-TRANSMISSION-TIME")?)
            .webhook_id(self.webhook_id.as_str())
            .webhook_event(verbatim);
        let request = types::VerifyWebhookSignature::try_from(request)
            .map_err(|e| rejected(Provider::PayPal, e.to_string()))?;
        let answer = self
            .client
            .verify_webhook_signature()
            .body(request)
            .send()
            .await
            .map_err(|e| VERIFY.error(e, |status, b| paypal::documented(status, b, &VERIFY)))?
            .into_inner();
        match answer.verification_status {
            types::VerifyWebhookSignatureResponseVerificationStatus::Success => {}
            other => {
                return Err(rejected(
                    Provider::PayPal,
                    format!("PayPal's verification answered {other}"),
                ));
            }
        }
        update(&self.account, &event).map(|update| update.into_iter().collect())
    }
}

/// The refund update a PayPal event carries, if it is a refund event.
fn update(account: &Account, event: &Value) -> Result<Option<RefundUpdate>, Error> {
    let event_type = text(event, "/event_type")
        .ok_or_else(|| unreadable(Provider::PayPal, "the event has no `event_type`"))?;
    let refund_event =
        event_type == "PAYMENT.CAPTURE.REFUNDED" || event_type.starts_with("PAYMENT.REFUND.");
    if !refund_event {
        return Ok(None);
    }
    let resource = event.get("resource").cloned().unwrap_or(Value::Null);
    let refund: types::Refund = serde_json::from_value(resource)
        .map_err(|e| unreadable(Provider::PayPal, format!("{event_type}: resource: {e}")))?;
    let refund_id = refund.id.clone().ok_or_else(|| {
        unreadable(
            Provider::PayPal,
            format!("{event_type}: resource.id is missing"),
        )
    })?;
    let amount = refund
        .amount
        .as_ref()
        .map(paypal::money)
        .transpose()
        .map_err(|e| unreadable(Provider::PayPal, e.message()))?;
    Ok(Some(RefundUpdate {
        account: account.clone(),
        provider: Provider::PayPal,
        refund_id,
        status: refund
            .status
            .as_ref()
            .map_or(crate::RefundStatus::Pending, paypal::status),
        raw_status: refund
            .status
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        event_type,
        event_id: text(event, "/id"),
        amount,
        payment_id: capture_id(&refund),
        merchant_reference: refund.invoice_id.clone(),
    }))
}

/// The refunded capture, from the refund's `up` link (`.../captures/<id>`).
fn capture_id(refund: &types::Refund) -> Option<String> {
    refund
        .links
        .iter()
        .find(|link| link.rel == "up")
        .and_then(|link| link.href.rsplit_once("/captures/"))
        .map(|(_, id)| id.trim_end_matches('/').to_owned())
}
