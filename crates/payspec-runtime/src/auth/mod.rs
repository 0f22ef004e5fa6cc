//! Authentication as the spec declares it: each generated crate knows, per operation, which
//! named security schemes may authenticate it (the spec's `security`, alternatives of schemes
//! sent together), and its `Credentials` constructors fill an [`Auth`] with [`Scheme`]s under
//! those names. For each call the runtime uses the first alternative whose schemes it holds.

mod apply;
mod scheme;

use std::borrow::Cow;

pub(crate) use apply::{Context, apply};
pub use scheme::{KeyLocation, Scheme};

/// The credentials of one client: named schemes from the spec, or one scheme for every request.
///
/// Generated crates build it from their `Credentials` type, so a user of a standard scheme writes
/// no authentication code. Built by hand:
///
/// ```
/// use payspec_runtime::{Auth, KeyLocation, Scheme, Secret};
///
/// // The spec's scheme `apiKeyAuth` is an API key in the `X-API-Key` header.
/// let key = Scheme::api_key(KeyLocation::Header, "X-API-Key", Secret::new("key"));
/// let auth = Auth::scheme("apiKeyAuth", key);
/// // Operations documented with `security: []` need nothing.
/// let nothing = Auth::none();
/// # let _ = (auth, nothing);
/// ```
#[derive(Debug, Default)]
pub struct Auth {
    schemes: Vec<(Cow<'static, str>, Scheme)>,
    /// A scheme applied to every request, whatever the spec declares.
    every: Option<Scheme>,
}

impl Auth {
    /// No credentials: only operations the spec lets through without any (`security: []`, or
    /// an empty alternative) can be called.
    pub fn none() -> Self {
        Auth::default()
    }

    /// The credentials for the spec's security scheme `name` (its key under
    /// `components/securitySchemes`).
    pub fn scheme(name: impl Into<Cow<'static, str>>, scheme: Scheme) -> Self {
        Auth {
            schemes: vec![(name.into(), scheme)],
            every: None,
        }
    }

    /// These credentials and `other`'s, for clients whose operations need different schemes.
    /// A scheme named in both is `other`'s.
    #[must_use]
    pub fn and(mut self, other: impl Into<Auth>) -> Self {
        let other = other.into();
        self.schemes
            .retain(|(name, _)| !other.schemes.iter().any(|(n, _)| n == name));
        self.schemes.extend(other.schemes);
        self.every = other.every.or(self.every);
        self
    }

    /// `scheme` for every request, whatever the spec's `security` says (even `security: []`):
    /// for a provider whose spec does not describe how it authenticates. Prefer the generated
    /// crate's `Credentials`, which follow the spec.
    pub fn every(scheme: Scheme) -> Self {
        Auth {
            schemes: Vec::new(),
            every: Some(scheme),
        }
    }

    /// The schemes to apply to `operation`, whose alternatives are `requirements`: the scheme
    /// for every request, else the first alternative whose schemes are all held (an empty one
    /// needs nothing).
    ///
    /// # Errors
    /// No alternative is held: the message names the schemes that would do.
    pub(crate) fn select(
        &self,
        operation: &str,
        requirements: &[&[&str]],
    ) -> Result<Vec<&Scheme>, String> {
        if let Some(every) = &self.every {
            return Ok(vec![every]);
        }
        let held = |name: &str| self.schemes.iter().find(|(n, _)| n == name).map(|(_, s)| s);
        for alternative in requirements {
            let schemes: Option<Vec<&Scheme>> = alternative.iter().map(|n| held(n)).collect();
            if let Some(schemes) = schemes {
                return Ok(schemes);
            }
        }
        let wanted: Vec<String> = requirements
            .iter()
            .map(|alternative| {
                alternative
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .collect();
        let given: Vec<&str> = self.schemes.iter().map(|(n, _)| n.as_ref()).collect();
        Err(format!(
            "`{operation}` needs credentials for {}; the client has {}",
            wanted.join(" or "),
            if given.is_empty() {
                "none".to_owned()
            } else {
                given
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    fn bearer(name: &'static str) -> Auth {
        Auth::scheme(name, Scheme::bearer(Secret::new("t")))
    }

    #[test]
    fn the_first_alternative_held_is_used() {
        let auth = bearer("b").and(bearer("c"));
        let pick = |requirements: &[&[&str]]| auth.select("op", requirements).map(|s| s.len());
        assert_eq!(pick(&[&["a"], &["b"]]), Ok(1));
        assert_eq!(pick(&[&["b", "c"]]), Ok(2));
        assert_eq!(pick(&[&[]]), Ok(0));
        assert_eq!(
            pick(&[&["a"], &["a", "b"]]),
            Err("`op` needs credentials for `a` or `a` and `b`; the client has `b`, `c`".into())
        );
        assert_eq!(
            Auth::none().select("op", &[&["a"]]).map(|s| s.len()),
            Err("`op` needs credentials for `a`; the client has none".into())
        );
    }

    #[test]
    fn and_replaces_a_scheme_of_the_same_name() {
        let auth = bearer("b").and(bearer("b"));
        assert_eq!(auth.schemes.len(), 1);
    }
}
