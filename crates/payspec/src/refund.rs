//! What an application asks for and gets back, the same for every provider.

use std::fmt;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::money::Money;

/// The providers the facade speaks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// CyberSource REST payments.
    CyberSource,
    /// Gr4vy.
    Gr4vy,
    /// PayPal Payments v2.
    PayPal,
    /// Maverick Payments.
    Maverick,
    /// Adyen Checkout.
    Adyen,
    /// Stripe.
    Stripe,
    /// The in-memory [`crate::fake::FakeProvider`].
    Fake,
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provider::CyberSource => "cybersource",
            Provider::Gr4vy => "gr4vy",
            Provider::PayPal => "paypal",
            Provider::Maverick => "maverick",
            Provider::Adyen => "adyen",
            Provider::Stripe => "stripe",
            Provider::Fake => "fake",
        })
    }
}

/// What a refund refers to: the payment, or one capture of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A payment (CyberSource payment with capture, Gr4vy transaction, Maverick payment).
    Payment(String),
    /// A capture (CyberSource capture, PayPal capture).
    Capture(String),
}

impl Target {
    /// The provider's identifier, without surrounding whitespace.
    pub fn id(&self) -> &str {
        match self {
            Target::Payment(id) | Target::Capture(id) => id.trim(),
        }
    }
}

/// The key that makes a refund happen at most once, chosen by the caller for one logical
/// refund and reused on every retry of it (by the caller and by the runtime).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A key of 1 to 64 visible ASCII characters (PayPal and Gr4vy both accept these).
    ///
    /// # Errors
    /// An empty, too long or non-printable key.
    pub fn new(key: impl Into<String>) -> Result<Self, Error> {
        let key = key.into();
        let valid = (1..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic());
        if !valid {
            return Err(Error::invalid_input(format!(
                "idempotency key must be 1 to 64 visible ASCII characters, got {} bytes",
                key.len()
            )));
        }
        Ok(IdempotencyKey(key))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The merchant reference that marks this refund at providers without idempotency keys, so
    /// that [`crate::Payspec::resolve`] can find it: the key itself when it fits in `max_len`
    /// characters and is made of letters, digits, `.`, `_` and `-` (so that it fits a search
    /// query as it is), else `k` and the start of its SHA-256 in hex.
    ///
    /// ```
    /// use payspec::IdempotencyKey;
    ///
    /// let key = IdempotencyKey::new("refund-42")?;
    /// assert_eq!(key.reference(50), "refund-42");
    /// let long = IdempotencyKey::new("r".repeat(64))?;
    /// assert_eq!(long.reference(50).len(), 50);
    /// assert!(long.reference(50).starts_with('k'));
    /// # Ok::<(), payspec::Error>(())
    /// ```
    pub fn reference(&self, max_len: usize) -> String {
        let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
        if self.0.len() <= max_len && self.0.bytes().all(plain) {
            return self.0.clone();
        }
        let digest = Sha256::digest(self.0.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("k{}", &hex[..max_len.clamp(1, hex.len() + 1) - 1])
    }
}

/// A refund to make.
///
/// ```
/// use payspec::{Currency, IdempotencyKey, Money, Provider, RefundRequest, Target};
///
/// let request = RefundRequest::new(
///     Provider::PayPal,
///     Target::Capture("1DL556911D1752055".into()),
///     Some(Money::new(500, Currency::EUR)),
///     IdempotencyKey::new("order-1234-refund-1")?,
/// );
/// assert!(request.validate().is_ok());
/// # Ok::<(), payspec::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RefundRequest {
    /// Which provider holds the payment.
    pub provider: Provider,
    /// What to refund.
    pub target: Target,
    /// How much; `None` refunds the rest, where the provider supports it.
    pub amount: Option<Money>,
    /// Required: makes the refund happen at most once.
    pub idempotency_key: IdempotencyKey,
    /// Why, sent where the provider takes a reason ([`Capabilities::reason`]); refused before
    /// sending where it does not.
    pub reason: Option<String>,
    /// The merchant's own reference for this refund, sent where the provider takes one
    /// ([`Capabilities::merchant_reference`]); refused before sending where it does not.
    pub merchant_reference: Option<String>,
}

impl RefundRequest {
    /// A refund through `provider` of `amount` (or the rest, with `None`) of `target`.
    pub fn new(
        provider: Provider,
        target: Target,
        amount: Option<Money>,
        idempotency_key: IdempotencyKey,
    ) -> Self {
        RefundRequest {
            provider,
            target,
            amount,
            idempotency_key,
            reason: None,
            merchant_reference: None,
        }
    }

    /// Checks what can be checked before anything is sent.
    ///
    /// # Errors
    /// A missing target id, one with control characters or longer than 256 bytes, or a zero or
    /// negative amount.
    pub fn validate(&self) -> Result<(), Error> {
        let id = self.target.id();
        if id.is_empty() {
            return Err(Error::invalid_input("the payment or capture id is empty"));
        }
        if id.len() > 256 || id.chars().any(char::is_control) {
            return Err(Error::invalid_input(format!(
                "the payment or capture id {} is not an id",
                crate::providers::shown(id)
            )));
        }
        if let Some(amount) = self.amount
            && amount.minor() <= 0
        {
            return Err(Error::invalid_input(format!(
                "a refund amount must be positive, got {amount}"
            )));
        }
        Ok(())
    }
}

/// How a refund stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefundStatus {
    /// Accepted, not final yet (also every status value the facade does not know).
    Pending,
    /// The money went back.
    Succeeded,
    /// The provider or the processor refused or could not make it.
    Failed,
    /// Cancelled or voided before it completed.
    Cancelled,
    /// Held for a manual review.
    RequiresReview,
}

impl RefundStatus {
    /// Whether the status can no longer change.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RefundStatus::Succeeded | RefundStatus::Failed | RefundStatus::Cancelled
        )
    }
}

/// A refund as the provider reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refund {
    /// Who made it.
    pub provider: Provider,
    /// The provider's refund id; absent while some providers have not assigned one.
    pub id: Option<String>,
    /// The unified status.
    pub status: RefundStatus,
    /// The provider's own status value, unchanged.
    pub raw_status: String,
    /// The refunded amount, when the provider reports it.
    pub amount: Option<Money>,
    /// Whether the provider returned a stored result for a repeated idempotency key.
    pub replayed: bool,
    /// The provider's id for matching this refund in its settlement reports (CyberSource and
    /// Gr4vy `reconciliationId`), when it reports one.
    pub reconciliation_id: Option<String>,
    /// What the merchant's balance is debited for this refund after fees, when the provider
    /// reports it (PayPal `seller_payable_breakdown.net_amount`).
    pub net_amount: Option<Money>,
}

/// What [`crate::Payspec::resolve`] found for a request whose outcome was unknown. The three
/// answers are all there can be, so the enum is exhaustive by design.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The provider made a refund for this request; its status says how it stands. Do not
    /// send the request again.
    Made(Refund),
    /// The provider has no refund for this request: sending it again (same key) is safe.
    NotMade,
    /// Not known yet (the request may still be in flight, or the provider's records may lag):
    /// ask again after this long.
    Pending(Duration),
}

/// What each provider can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Refunds of part of the amount.
    pub partial_refunds: bool,
    /// A refund of the rest without naming the amount.
    pub full_refund_without_amount: bool,
    /// How the outcome of a pending refund reaches the application: by lookup, by notification
    /// ([`crate::webhooks`]), or both.
    pub outcomes: OutcomeReporting,
    /// Idempotency keys: a retried refund with the same key is applied once.
    pub idempotency: bool,
    /// Which [`Target`] kinds a refund can name.
    pub refunds_payments: bool,
    /// See `refunds_payments`.
    pub refunds_captures: bool,
    /// [`RefundRequest::reason`] can be sent.
    pub reason: bool,
    /// [`RefundRequest::merchant_reference`] can be sent.
    pub merchant_reference: bool,
}

/// How a provider reports the outcome of a refund that is still pending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutcomeReporting {
    /// By looking the refund up ([`crate::RefundProvider::get_refund`]).
    Lookup,
    /// Only by signed notifications ([`crate::webhooks`]) that the application receives and
    /// pushes into a [`crate::webhooks::Notifications`] inbox.
    Notification,
    /// Both; [`crate::wait_for_final`] takes whichever answers first.
    LookupAndNotification,
}

impl OutcomeReporting {
    /// Whether a refund can be looked up by id.
    pub fn lookup(self) -> bool {
        matches!(self, Self::Lookup | Self::LookupAndNotification)
    }

    /// Whether outcomes arrive as signed notifications.
    pub fn notification(self) -> bool {
        matches!(self, Self::Notification | Self::LookupAndNotification)
    }
}
