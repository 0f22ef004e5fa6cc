//! One error type, classified by what the caller should do next and by what happened to the
//! money ([`Outcome`]).

use std::fmt;
use std::time::Duration;

use crate::provider::{Account, Provider};

/// What went wrong, as the caller should act on it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request is invalid (refused before sending, or by a documented provider answer that
    /// says nothing was applied); fix it.
    InvalidInput,
    /// Credentials were refused.
    Authentication,
    /// The provider refused the refund for a business reason.
    Declined(DeclineReason),
    /// The payment, capture or refund does not exist.
    NotFound,
    /// A request for the same refund is still in flight at the provider: [resolve] it later.
    ///
    /// [resolve]: crate::Payspec::resolve
    Conflict,
    /// The provider already has a refund for this request ([`Error::refund_id`] names it when
    /// the provider says which): [resolve] it to learn how it stands; never send it again.
    ///
    /// [resolve]: crate::Payspec::resolve
    Duplicate,
    /// Rate limited: retry after [`Error::retry_after`], with the same key.
    RateLimited,
    /// Not applied: safe to retry (with the same key).
    Transient,
    /// The refund may have been applied: [resolve] it before anything else.
    ///
    /// [resolve]: crate::Payspec::resolve
    OutcomeUnknown,
    /// The provider made the refund but reported a different amount or currency than requested,
    /// or none it could be checked against: the refund exists ([`Error::refund_id`]); have a
    /// person check it.
    Integrity,
    /// The provider cannot do this (e.g. a full refund without an amount).
    Unsupported,
}

/// What happened to the money when a refund failed. One rule, safe for every provider:
///
/// - [`Outcome::NotSent`] and [`Outcome::NotApplied`]: nothing moved. Sending the same request
///   again (same idempotency key) is always safe; [`Error::is_retryable`] says whether it can
///   succeed as it is (after [`Error::retry_after`]), otherwise fix the cause first.
/// - [`Outcome::Unknown`]: never send the request again before
///   [`Payspec::resolve`](crate::Payspec::resolve) has answered
///   [`Resolution::NotMade`](crate::Resolution::NotMade).
/// - [`Outcome::Applied`]: the refund exists; do not send it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// Refused before anything was sent.
    NotSent,
    /// The provider answered that nothing was applied.
    NotApplied,
    /// The provider made the refund.
    Applied,
    /// The refund may or may not have been made: resolve it.
    Unknown,
}

impl ErrorKind {
    /// What an error of this kind says about the money, unless the error knows better.
    fn outcome(&self) -> Outcome {
        match self {
            ErrorKind::InvalidInput | ErrorKind::Unsupported => Outcome::NotSent,
            ErrorKind::Authentication
            | ErrorKind::Declined(_)
            | ErrorKind::NotFound
            | ErrorKind::RateLimited
            | ErrorKind::Transient => Outcome::NotApplied,
            ErrorKind::Conflict | ErrorKind::Duplicate | ErrorKind::OutcomeUnknown => {
                Outcome::Unknown
            }
            ErrorKind::Integrity => Outcome::Applied,
        }
    }
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
///
/// ```
/// use payspec::fake::FakeProvider;
/// use payspec::{Currency, ErrorKind, IdempotencyKey, Money, Outcome, Payspec, Provider, RefundRequest, Target};
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let payspec = Payspec::new().with(FakeProvider::new());
/// let request = RefundRequest::new(
///     Provider::Fake,
///     Target::Payment("fake_transient".into()),
///     Some(Money::new(1000, Currency::USD)),
///     IdempotencyKey::new("refund-2").unwrap(),
/// );
/// let error = payspec.refund(&request).await.unwrap_err();
/// assert_eq!(error.kind(), &ErrorKind::Transient);
/// assert_eq!(error.outcome(), Outcome::NotApplied);
/// assert!(error.is_retryable(), "nothing moved: send the same request again");
/// # });
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Details>);

/// What an [`Error`] holds, boxed so that results stay small.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    kind: ErrorKind,
    outcome: Outcome,
    account: Option<Account>,
    provider: Option<Provider>,
    code: Option<String>,
    message: String,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    retry_hint: Option<bool>,
    refund_id: Option<String>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Details {
            outcome: kind.outcome(),
            kind,
            account: None,
            provider: None,
            code: None,
            message: message.into(),
            request_id: None,
            retry_after: None,
            retry_hint: None,
            refund_id: None,
        }))
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, message)
    }

    /// Refused by the provider's answer rather than before sending.
    pub(crate) fn answered(mut self) -> Self {
        if self.0.outcome == Outcome::NotSent {
            self.0.outcome = Outcome::NotApplied;
        }
        self
    }

    pub(crate) fn with_outcome(mut self, outcome: Outcome) -> Self {
        self.0.outcome = outcome;
        self
    }

    pub(crate) fn with_provider(mut self, provider: Provider) -> Self {
        self.0.provider = Some(provider);
        self
    }

    pub(crate) fn with_account(mut self, account: Account) -> Self {
        self.0.account = Some(account);
        self
    }

    /// The error as it came through `account`, served by `provider`.
    pub(crate) fn through(mut self, account: Account, provider: Provider) -> Self {
        self.0.provider = self.0.provider.or(Some(provider));
        self.with_account(account)
    }

    pub(crate) fn with_code(mut self, code: Option<String>) -> Self {
        self.0.code = code;
        self
    }

    /// Sets the request id, when `request_id` knows one (a header's over a body's).
    pub(crate) fn with_request_id(mut self, request_id: Option<String>) -> Self {
        if request_id.is_some() {
            self.0.request_id = request_id;
        }
        self
    }

    pub(crate) fn with_retry_hint(mut self, retry_hint: Option<bool>) -> Self {
        self.0.retry_hint = retry_hint;
        self
    }

    pub(crate) fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.0.retry_after = retry_after;
        self
    }

    pub(crate) fn with_refund_id(mut self, refund_id: Option<String>) -> Self {
        self.0.refund_id = refund_id;
        self
    }

    /// What to do about it.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// What happened to the money; see [`Outcome`] for what to do next.
    pub fn outcome(&self) -> Outcome {
        self.0.outcome
    }

    /// The provider the request went to (or was refused for).
    pub fn provider(&self) -> Option<Provider> {
        self.0.provider
    }

    /// The account the request named, when it went through [`Payspec`](crate::Payspec).
    pub fn account(&self) -> Option<&Account> {
        self.0.account.as_ref()
    }

    /// The provider's error code (PayPal `issue`, Gr4vy `code`, CyberSource `reason`).
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    /// The provider's message, or payspec's.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The provider's id of the request that failed, for support tickets (PayPal's
    /// `PayPal-Debug-Id`, Stripe's `Request-Id`; see
    /// [`Rules::request_id`](crate::rules::Rules::request_id)), when it answered with one.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// How long to wait before retrying, when the provider said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }

    /// The provider's refund this error is about: the one made ([`ErrorKind::Integrity`]) or
    /// already existing ([`ErrorKind::Duplicate`]), when the provider named it.
    pub fn refund_id(&self) -> Option<&str> {
        self.0.refund_id.as_deref()
    }

    /// Whether sending the same request again as it is (same idempotency key, after
    /// [`Error::retry_after`]) is both safe and worth it: nothing moved, and the cause may pass.
    /// A provider's retry hint ([`Rules::retry_hint`](crate::rules::Rules::retry_hint)) decides
    /// whether it is worth it when it gave one; it never makes an unknown outcome retryable.
    pub fn is_retryable(&self) -> bool {
        let worth_it = self.0.retry_hint.unwrap_or(matches!(
            self.0.kind,
            ErrorKind::RateLimited | ErrorKind::Transient
        ));
        matches!(self.0.outcome, Outcome::NotSent | Outcome::NotApplied) && worth_it
    }

    /// Whether the refund may have been made: [resolve](crate::Payspec::resolve) it before
    /// anything else.
    pub fn is_outcome_unknown(&self) -> bool {
        self.0.outcome == Outcome::Unknown
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.0.account, self.0.provider) {
            (Some(account), Some(provider)) if account.as_str() != provider.name() => {
                write!(f, "{account} ({provider}): ")?;
            }
            (Some(account), _) => write!(f, "{account}: ")?,
            (None, Some(provider)) => write!(f, "{provider}: ")?,
            (None, None) => {}
        }
        write!(f, "{:?}: {}", self.0.kind, self.0.message)?;
        if let Some(code) = &self.0.code {
            write!(f, " ({code})")?;
        }
        if let Some(request_id) = &self.0.request_id {
            write!(f, " [request id {request_id}]")?;
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

/// An id or text from outside (the caller or a provider) as it may appear in a message:
/// escaped, and cut short when long.
pub(crate) fn shown(id: &str) -> String {
    let mut escaped: String = id.chars().take(64).flat_map(char::escape_debug).collect();
    if id.chars().count() > 64 {
        escaped.push('…');
    }
    format!("`{escaped}`")
}
