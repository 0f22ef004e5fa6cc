//! What the runtime, rather than the provider, concluded about a call, and how that conclusion
//! reaches the caller through a generated client's error.
//!
//! progenitor's hooks can only fail with `Error::Custom(String)`, so a [`Failure`] is written
//! into that text by [`Failure::into_error`] and read back by [`Failure::from_error`]; the text
//! form is private to this module. Match on the typed value, never on the text.

use std::fmt;

use progenitor_client::Error;
use reqwest::header::HeaderValue;

/// The runtime ended a call: what happened to the request, and so what is safe to do next.
/// When the provider answered, the failure keeps the id it gave the request (its spec's
/// `x-payspec-request-id-header`), so a support ticket can name it.
///
/// ```
/// use payspec_runtime::Failure;
/// use progenitor_client::Error;
///
/// fn explain(error: &Error<()>) -> &'static str {
///     match Failure::from_error(error) {
///         Some(Failure::Unauthenticated(_)) => "fix the credentials; nothing was sent",
///         Some(Failure::OutcomeUnknown { .. }) => "find out whether it was applied first",
///         Some(_) => "the answer could not be used",
///         None => "the provider's own answer, or a transport error",
///     }
/// }
/// # let error = Failure::Unauthenticated("no access token".into()).into_error::<()>();
/// # assert_eq!(explain(&error), "fix the credentials; nothing was sent");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// No credentials could be produced (the OAuth token fetch failed, or a signer made a
    /// header that cannot be sent), so nothing reached the provider.
    Unauthenticated(String),
    /// The provider answered, but the answer cannot be used (too large, or from another URL).
    /// For a read, asking again is safe; for a write, see [`Failure::OutcomeUnknown`].
    BadAnswer {
        /// The explanation.
        message: String,
        /// The provider's id of the request, when its answer carried one.
        request_id: Option<String>,
    },
    /// A write that may have been applied, to a provider without idempotency keys: find out
    /// whether it was before sending it again.
    OutcomeUnknown {
        /// The explanation.
        message: String,
        /// The provider's id of the request, when it answered with one (a 5xx, an unusable
        /// answer); none when no answer arrived.
        request_id: Option<String>,
    },
}

/// How each variant begins its text (its `Display`, and so the `Error::Custom` it travels in).
const UNAUTHENTICATED: &str = "not sent, no credentials";
const BAD_ANSWER: &str = "unusable answer";
const OUTCOME_UNKNOWN: &str = "outcome unknown";

/// What stands between a tag and the request id in the text, and what ends the id.
const ID_OPEN: &str = " [request id ";
const ID_CLOSE: &str = "]: ";

/// The longest request id kept; a longer one is not the provider's id of anything.
const MAX_REQUEST_ID: usize = 200;

impl Failure {
    /// The failure a generated client's error carries, if the runtime (not the provider or the
    /// transport) ended the call.
    pub fn from_error<E>(error: &Error<E>) -> Option<Failure> {
        let Error::Custom(text) = error else {
            return None;
        };
        [UNAUTHENTICATED, BAD_ANSWER, OUTCOME_UNKNOWN]
            .into_iter()
            .find_map(|tag| {
                let rest = text.strip_prefix(tag)?;
                let (request_id, message) = match rest.strip_prefix(": ") {
                    Some(message) => (None, message),
                    None => {
                        let (id, message) = rest.strip_prefix(ID_OPEN)?.split_once(ID_CLOSE)?;
                        (Some(id.to_owned()), message)
                    }
                };
                let message = message.to_owned();
                Some(match tag {
                    UNAUTHENTICATED => Failure::Unauthenticated(message),
                    BAD_ANSWER => Failure::BadAnswer {
                        message,
                        request_id,
                    },
                    _ => Failure::OutcomeUnknown {
                        message,
                        request_id,
                    },
                })
            })
    }

    /// This failure as a generated client's error, as the client hooks return it.
    pub fn into_error<E>(self) -> Error<E> {
        Error::Custom(self.to_string())
    }

    /// The explanation.
    pub fn message(&self) -> &str {
        match self {
            Failure::Unauthenticated(message)
            | Failure::BadAnswer { message, .. }
            | Failure::OutcomeUnknown { message, .. } => message,
        }
    }

    /// The provider's id of the request, when it answered with one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Failure::Unauthenticated(_) => None,
            Failure::BadAnswer { request_id, .. } | Failure::OutcomeUnknown { request_id, .. } => {
                request_id.as_deref()
            }
        }
    }

    fn tag(&self) -> &'static str {
        match self {
            Failure::Unauthenticated(_) => UNAUTHENTICATED,
            Failure::BadAnswer { .. } => BAD_ANSWER,
            Failure::OutcomeUnknown { .. } => OUTCOME_UNKNOWN,
        }
    }
}

/// A request id as the provider sent it in a header: kept when it is visible ASCII without
/// spaces (as providers' ids are) and at most [`MAX_REQUEST_ID`] characters, so it can neither
/// be mistaken for the text around it nor swell an error.
pub(crate) fn request_id(value: &HeaderValue) -> Option<String> {
    let id = value.to_str().ok()?.trim();
    let usable =
        !id.is_empty() && id.len() <= MAX_REQUEST_ID && id.bytes().all(|b| b.is_ascii_graphic());
    usable.then(|| id.to_owned())
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())?;
        if let Some(id) = self.request_id() {
            write!(f, "{ID_OPEN}{id}")?;
            f.write_str(ID_CLOSE)?;
        } else {
            f.write_str(": ")?;
        }
        f.write_str(self.message())
    }
}

impl std::error::Error for Failure {}
