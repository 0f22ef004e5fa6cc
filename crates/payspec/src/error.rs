//! One error type, classified by what the caller should do next.

use std::fmt;
use std::time::Duration;

use crate::refund::Provider;

/// What went wrong, as the caller should act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request is invalid; fix it. Nothing was applied.
    InvalidInput,
    /// Credentials were refused.
    Authentication,
    /// The provider refused the refund for a business reason.
    Declined(DeclineReason),
    /// The payment, capture or refund does not exist.
    NotFound,
    /// The same idempotency key is in flight: retry later with the same key.
    Conflict,
    /// Rate limited: retry after [`Error::retry_after`], with the same key.
    RateLimited,
    /// Not applied: safe to retry (with the same key).
    Transient,
    /// The refund may have been applied: look it up before anything else.
    OutcomeUnknown,
    /// The provider echoed a different amount or currency than requested.
    Integrity,
    /// The provider cannot do this (e.g. a full refund without an amount).
    Unsupported,
}

/// Why a provider declined a refund.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeclineReason {
    /// More than the remaining refundable amount.
    ExceedsRefundableAmount,
    /// Nothing is left to refund.
    AlreadyFullyRefunded,
    /// Too long after the payment.
    RefundWindowExpired,
    /// The payment was not captured (yet).
    NotCaptured,
    /// The payment is disputed.
    Disputed,
    /// The refund's currency is not the payment's.
    CurrencyMismatch,
    /// Another reason; see [`Error::code`] and [`Error::message`].
    Other,
}

/// A failed refund or lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    provider: Option<Provider>,
    code: Option<String>,
    message: String,
    debug_id: Option<String>,
    retry_after: Option<Duration>,
    refund_id: Option<String>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            provider: None,
            code: None,
            message: message.into(),
            debug_id: None,
            retry_after: None,
            refund_id: None,
        }
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }

    pub(crate) fn with_provider(mut self, provider: Provider) -> Self {
        self.provider = Some(provider);
        self
    }

    pub(crate) fn with_code(mut self, code: Option<String>) -> Self {
        self.code = code;
        self
    }

    pub(crate) fn with_debug_id(mut self, debug_id: Option<String>) -> Self {
        self.debug_id = debug_id;
        self
    }

    pub(crate) fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }

    pub(crate) fn with_refund_id(mut self, refund_id: Option<String>) -> Self {
        self.refund_id = refund_id;
        self
    }

    /// What to do about it.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The provider that answered, if any did.
    pub fn provider(&self) -> Option<Provider> {
        self.provider
    }

    /// The provider's error code (PayPal `issue`, Gr4vy `code`, CyberSource `reason`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The provider's message, or payspec's.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The provider's id for this failure, for support (PayPal `debug_id`).
    pub fn debug_id(&self) -> Option<&str> {
        self.debug_id.as_deref()
    }

    /// How long to wait before retrying, when the provider said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The refund the provider created, for [`ErrorKind::Integrity`] errors.
    pub fn refund_id(&self) -> Option<&str> {
        self.refund_id.as_deref()
    }

    /// Whether the same request may be sent again as it is (with the same idempotency key).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Conflict | ErrorKind::RateLimited | ErrorKind::Transient
        )
    }

    /// Whether the refund may have been applied and must be looked up first.
    pub fn is_outcome_unknown(&self) -> bool {
        self.kind == ErrorKind::OutcomeUnknown
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(provider) = self.provider {
            write!(f, "{provider}: ")?;
        }
        write!(f, "{:?}: {}", self.kind, self.message)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if let Some(debug_id) = &self.debug_id {
            write!(f, " [debug id {debug_id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<crate::money::MoneyError> for Error {
    fn from(error: crate::money::MoneyError) -> Self {
        Error::invalid_input(error.to_string())
    }
}
