//! What a provider means by its fields and answers, declared once per provider as plain data
//! ([`Rules`]) and applied by shared code: how amounts are written ([`Amounts`]), which refund
//! reasons it can carry ([`Reasons`]), how a plain id is classified ([`Rules::id_prefixes`]), how
//! it keeps a refund from happening twice ([`Idempotency`]), and where its retry hint and request
//! id come from. Each adapter's `RULES` constant is the whole of its provider's semantics.

mod amounts;
mod reasons;

pub use amounts::{AmountForm, Amounts, CurrencyRule};
pub use reasons::{OtherReason, Reasons};

use crate::provider::Provider;
use crate::refund::Capabilities;

/// One provider's semantics, as data.
///
/// ```
/// use payspec::{Currency, Money};
///
/// let rules = payspec::fake::RULES;
/// assert_eq!(rules.amounts.to_decimal(Money::new(1299, Currency::USD)).unwrap(), "12.99");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rules {
    /// Whose rules these are.
    pub provider: Provider,
    /// What it can do.
    pub capabilities: Capabilities,
    /// How amounts are written: form, per-currency exceptions to ISO 4217, limits.
    pub amounts: Amounts,
    /// Which refund reasons it carries, and as what.
    pub reasons: Reasons,
    /// How a [`Target::Id`](crate::Target::Id) is classified: the first prefix the id starts
    /// with names its kind. Without a match, a provider that refunds only payments (or only
    /// captures) takes the id as one; otherwise the id is refused before sending.
    pub id_prefixes: &'static [(&'static str, TargetKind)],
    /// How it keeps a repeated refund from being made twice.
    pub idempotency: Idempotency,
    /// The response header in which it says whether a failed request is worth sending again
    /// (`true` or `false`), if it has one.
    pub retry_hint: Option<&'static str>,
    /// Where its id of a request comes from, for support tickets.
    pub request_id: RequestId,
}

/// What a classified [`Target::Id`](crate::Target::Id) refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TargetKind {
    /// A payment.
    Payment,
    /// A capture (a charge, at providers that call it that).
    Capture,
}

/// How a provider keeps a repeated refund from being made twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Idempotency {
    /// It stores the result under the idempotency key sent in `header`; a repeat returns it.
    Key {
        /// The request header carrying the key.
        header: &'static str,
        /// What a 5xx answer to a write under a key means.
        server_errors: ServerErrors,
    },
    /// It has no keys: a merchant reference derived from the key
    /// ([`IdempotencyKey::reference`](crate::IdempotencyKey::reference)) marks the refund in
    /// `field`, and resolving an unknown outcome searches for it.
    Reference {
        /// Where the reference goes (for the documentation).
        field: &'static str,
        /// The longest reference the field takes.
        max_len: usize,
    },
}

/// What a server error (5xx) answered to a write sent under an idempotency key means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ServerErrors {
    /// Nothing was stored under the key: sending the same request again is safe.
    Resend,
    /// The provider may have started, and stores the answer under the key (Stripe): the outcome
    /// is unknown, and a replay under the key returns the same error, so resolving it needs a
    /// search rather than a replay.
    Unknown,
}

/// Where a provider's id of a request comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequestId {
    /// It sends none that payspec knows of.
    None,
    /// A response header of every answer, success or failure.
    Header(&'static str),
    /// A field of its response and error bodies, read by the adapter.
    BodyField(&'static str),
}

impl Rules {
    /// Whether a 5xx answered to a write is safe to send again as it is: only under a key the
    /// provider does not store server errors under.
    pub fn resends_server_errors(&self) -> bool {
        matches!(
            self.idempotency,
            Idempotency::Key {
                server_errors: ServerErrors::Resend,
                ..
            }
        )
    }

    /// Whether the provider stores idempotency keys (so resolving replays the request).
    pub fn stores_keys(&self) -> bool {
        matches!(self.idempotency, Idempotency::Key { .. })
    }

    /// The merchant reference derived from `key`, for a provider without keys; `None` for one
    /// with keys.
    pub fn reference(&self, key: &crate::IdempotencyKey) -> Option<String> {
        match self.idempotency {
            Idempotency::Reference { max_len, .. } => Some(key.reference(max_len)),
            Idempotency::Key { .. } => None,
        }
    }

    /// The request id an answer's headers carry, where the provider sends it in a header.
    pub fn request_id_from(&self, headers: &reqwest::header::HeaderMap) -> Option<String> {
        let RequestId::Header(name) = self.request_id else {
            return None;
        };
        let value = headers.get(name)?.to_str().ok()?.trim();
        (!value.is_empty() && value.len() <= 200).then(|| value.to_owned())
    }

    /// The provider's retry hint in an answer's headers: `Some(true)` to send again,
    /// `Some(false)` not to, `None` when it gave none.
    pub fn retry_hint_from(&self, headers: &reqwest::header::HeaderMap) -> Option<bool> {
        let value = headers.get(self.retry_hint?)?.to_str().ok()?.trim();
        match value.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}
