//! What an application asks for and gets back, the same for every provider.

use std::fmt;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::money::Money;
use crate::provider::{Account, Provider};

/// What a refund refers to: the payment, one capture of it, or a plain id the adapter
/// classifies by the provider's rules ([`Rules::id_prefixes`](crate::rules::Rules::id_prefixes):
/// Stripe's `pi_` payment intents and `ch_` charges, say).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// A payment (CyberSource payment with capture, Gr4vy transaction, Maverick payment).
    Payment(String),
    /// A capture (CyberSource capture, PayPal capture).
    Capture(String),
    /// An id whose kind the provider's rules tell (or the only kind it refunds).
    Id(String),
}

impl Target {
    /// The provider's identifier, without surrounding whitespace.
    pub fn id(&self) -> &str {
        match self {
            Target::Payment(id) | Target::Capture(id) | Target::Id(id) => id.trim(),
        }
    }
}

/// Why a refund is made, mapped per provider onto its reason field or fixed list
/// ([`Reasons`](crate::rules::Reasons)); refused before sending where the provider cannot carry
/// it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefundReason {
    /// The payment was made twice.
    Duplicate,
    /// The payment was fraudulent.
    Fraudulent,
    /// The customer asked for it.
    RequestedByCustomer,
    /// Another reason, in words (sent as text where the provider takes text).
    Other(String),
}

impl fmt::Display for RefundReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefundReason::Duplicate => f.write_str("duplicate"),
            RefundReason::Fraudulent => f.write_str("fraudulent"),
            RefundReason::RequestedByCustomer => f.write_str("requested by customer"),
            RefundReason::Other(text) => write!(f, "other ({})", crate::error::shown(text)),
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

/// A refund to make, through the account it names.
///
/// ```
/// use payspec::{Currency, IdempotencyKey, Money, Provider, RefundReason, RefundRequest, Target};
///
/// let request = RefundRequest::new(
///     Provider::Fake, // the account named after the provider; or a name of your own
///     Target::Capture("1DL556911D1752055".into()),
///     Some(Money::new(500, Currency::EUR)),
///     IdempotencyKey::new("order-1234-refund-1")?,
/// )
/// .with_reason(RefundReason::RequestedByCustomer)
/// .with_note_to_payer("Sorry for the trouble");
/// assert!(request.validate().is_ok());
/// assert_eq!(request.account.as_str(), "fake");
/// # Ok::<(), payspec::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RefundRequest {
    /// Which configured account holds the payment.
    pub account: Account,
    /// What to refund.
    pub target: Target,
    /// How much; `None` refunds the rest, where the provider supports it.
    pub amount: Option<Money>,
    /// Required: makes the refund happen at most once.
    pub idempotency_key: IdempotencyKey,
    /// Why; refused before sending where the provider cannot carry it.
    pub reason: Option<RefundReason>,
    /// A note shown to the payer, where the provider takes one
    /// ([`Capabilities::note_to_payer`]); refused before sending where it does not.
    pub note_to_payer: Option<String>,
    /// The merchant's own reference for this refund, sent where the provider takes one
    /// ([`Capabilities::merchant_reference`]); refused before sending where it does not.
    pub merchant_reference: Option<String>,
}

impl RefundRequest {
    /// A refund through `account` (a [`Provider`] for the account named after it) of `amount`
    /// (or the rest, with `None`) of `target`.
    pub fn new(
        account: impl Into<Account>,
        target: Target,
        amount: Option<Money>,
        idempotency_key: IdempotencyKey,
    ) -> Self {
        RefundRequest {
            account: account.into(),
            target,
            amount,
            idempotency_key,
            reason: None,
            note_to_payer: None,
            merchant_reference: None,
        }
    }

    /// With a reason.
    #[must_use]
    pub fn with_reason(mut self, reason: RefundReason) -> Self {
        self.reason = Some(reason);
        self
    }

    /// With a note to the payer.
    #[must_use]
    pub fn with_note_to_payer(mut self, note: impl Into<String>) -> Self {
        self.note_to_payer = Some(note.into());
        self
    }

    /// With the merchant's own reference.
    #[must_use]
    pub fn with_merchant_reference(mut self, reference: impl Into<String>) -> Self {
        self.merchant_reference = Some(reference.into());
        self
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
                crate::error::shown(id)
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
    /// Waiting for the customer or the merchant to act (Stripe `requires_action`); not final.
    RequiresAction,
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
#[non_exhaustive]
pub struct Refund {
    /// The account it was made through (the provider's name for an adapter used on its own).
    pub account: Account,
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
    /// The provider's id of the request that answered with this refund, for support
    /// ([`Rules::request_id`](crate::rules::Rules::request_id)).
    pub request_id: Option<String>,
}

impl Refund {
    /// A refund `provider` reported with `status` (its own value `raw_status`), through the
    /// account named after it; the other fields are empty. For providers of your own, such as
    /// test doubles.
    pub fn new(
        provider: Provider,
        id: Option<String>,
        status: RefundStatus,
        raw_status: impl Into<String>,
    ) -> Self {
        Refund {
            account: provider.into(),
            provider,
            id,
            status,
            raw_status: raw_status.into(),
            amount: None,
            replayed: false,
            reconciliation_id: None,
            net_amount: None,
            request_id: None,
        }
    }

    /// With the refunded amount.
    #[must_use]
    pub fn with_amount(mut self, amount: Option<Money>) -> Self {
        self.amount = amount;
        self
    }
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
#[non_exhaustive]
pub struct Capabilities {
    /// Refunds of part of the amount.
    pub partial_refunds: bool,
    /// A refund of the rest without naming the amount.
    pub full_refund_without_amount: bool,
    /// How the outcome of a pending refund reaches the application: by lookup, by notification
    /// ([`crate::webhooks`]), or both.
    pub outcomes: OutcomeReporting,
    /// Which [`Target`] kinds a refund can name.
    pub refunds_payments: bool,
    /// See `refunds_payments`.
    pub refunds_captures: bool,
    /// [`RefundRequest::note_to_payer`] can be sent.
    pub note_to_payer: bool,
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
