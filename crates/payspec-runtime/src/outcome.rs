//! What the runtime, rather than the provider, concluded about a call, and how that conclusion
//! reaches the caller through a generated client's error.
//!
//! progenitor's hooks can only fail with `Error::Custom(String)`, so a [`Failure`] is written
//! into that text by [`Failure::into_error`] and read back by [`Failure::from_error`]; the text
//! form is private to this module. Match on the typed value, never on the text.

use std::fmt;

use progenitor_client::Error;

/// The runtime ended a call: what happened to the request, and so what is safe to do next.
///
/// ```
/// use payspec_runtime::Failure;
/// use progenitor_client::Error;
///
/// fn explain(error: &Error<()>) -> &'static str {
///     match Failure::from_error(error) {
///         Some(Failure::Unauthenticated(_)) => "fix the credentials; nothing was sent",
///         Some(Failure::OutcomeUnknown(_)) => "find out whether it was applied first",
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
    BadAnswer(String),
    /// A write that may have been applied, to a provider without idempotency keys: find out
    /// whether it was before sending it again.
    OutcomeUnknown(String),
}

/// A variant's text prefix and constructor.
type Tag = (&'static str, fn(String) -> Failure);

/// How each variant begins its text (its `Display`, and so the `Error::Custom` it travels in).
const TAGS: [Tag; 3] = [
    ("not sent, no credentials: ", Failure::Unauthenticated),
    ("unusable answer: ", Failure::BadAnswer),
    ("outcome unknown: ", Failure::OutcomeUnknown),
];

impl Failure {
    /// The failure a generated client's error carries, if the runtime (not the provider or the
    /// transport) ended the call.
    pub fn from_error<E>(error: &Error<E>) -> Option<Failure> {
        let Error::Custom(text) = error else {
            return None;
        };
        TAGS.iter().find_map(|(tag, variant)| {
            text.strip_prefix(tag)
                .map(|message| variant(message.to_owned()))
        })
    }

    /// This failure as a generated client's error, as the client hooks return it.
    pub fn into_error<E>(self) -> Error<E> {
        Error::Custom(self.to_string())
    }

    /// The explanation.
    pub fn message(&self) -> &str {
        match self {
            Failure::Unauthenticated(m) | Failure::BadAnswer(m) | Failure::OutcomeUnknown(m) => m,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = std::mem::discriminant(self);
        let (tag, _) = TAGS
            .iter()
            .find(|(_, variant)| std::mem::discriminant(&variant(String::new())) == kind)
            .expect("every variant has a tag");
        write!(f, "{tag}{}", self.message())
    }
}

impl std::error::Error for Failure {}
