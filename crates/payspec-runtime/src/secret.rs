//! Secrets: API keys, shared secrets, private keys, tokens.

use std::fmt;

/// A secret value. `Debug` and `Display` print `[redacted]` in its place, so a secret never
/// reaches a log line, an error message or a panic message by accident; [`Secret::expose`] is
/// the only way in.
///
/// ```
/// use payspec_runtime::Secret;
///
/// let key = Secret::new("sk_live_123");
/// assert_eq!(format!("{key:?} {key}"), "Secret([redacted]) [redacted]");
/// assert_eq!(key.expose(), "sk_live_123");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into().into_boxed_str())
    }

    /// The secret itself, for the code that signs or sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn never_prints_the_value() {
        let secret = Secret::new("sk_live_do_not_print");
        assert_eq!(format!("{secret:?}"), "Secret([redacted])");
        assert_eq!(format!("{secret}"), "[redacted]");
        assert_eq!(
            format!("{:#?}", Some(&secret)),
            "Some(\n    Secret([redacted]),\n)"
        );
        assert_eq!(secret.expose(), "sk_live_do_not_print");
    }
}
