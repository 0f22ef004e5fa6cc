//! What the runtime, rather than the provider, concluded about a call, and how that conclusion
//! reaches the caller through a generated client's `Error::Custom(String)`.
//!
//! progenitor's error type carries the hooks' failures as text, so each [`Failure`] is written as
//! one stable prefix and a message; [`Failure::parse`] reads it back. Match on the parsed value,
//! never on the text.

use std::fmt;

/// The runtime ended a call: what happened to the request, and so what is safe to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// Nothing reached the provider (no credentials could be obtained, say): sending the same
    /// request again is safe.
    NotSent(String),
    /// The provider answered, but the answer cannot be used (too large, or from another URL).
    /// For a read, asking again is safe; for a write, see [`Failure::OutcomeUnknown`].
    BadAnswer(String),
    /// A write that may have been applied, to a provider without idempotency keys: find out
    /// whether it was before sending it again.
    OutcomeUnknown(String),
}

const NOT_SENT: &str = "not sent: ";
const BAD_ANSWER: &str = "unusable answer: ";
const OUTCOME_UNKNOWN: &str = "outcome unknown: ";

impl Failure {
    /// Reads a failure back from the text a generated client's `Error::Custom` carries.
    ///
    /// ```
    /// use payspec_runtime::Failure;
    ///
    /// let text = Failure::NotSent("no access token".into()).to_string();
    /// assert_eq!(Failure::parse(&text), Some(Failure::NotSent("no access token".into())));
    /// assert_eq!(Failure::parse("something else"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Failure> {
        let strip = |prefix: &str| text.strip_prefix(prefix).map(str::to_owned);
        strip(NOT_SENT)
            .map(Failure::NotSent)
            .or_else(|| strip(BAD_ANSWER).map(Failure::BadAnswer))
            .or_else(|| strip(OUTCOME_UNKNOWN).map(Failure::OutcomeUnknown))
    }

    /// The explanation, without the prefix.
    pub fn message(&self) -> &str {
        match self {
            Failure::NotSent(m) | Failure::BadAnswer(m) | Failure::OutcomeUnknown(m) => m,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self {
            Failure::NotSent(_) => NOT_SENT,
            Failure::BadAnswer(_) => BAD_ANSWER,
            Failure::OutcomeUnknown(_) => OUTCOME_UNKNOWN,
        };
        write!(f, "{prefix}{}", self.message())
    }
}
