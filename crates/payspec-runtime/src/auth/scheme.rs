//! One way of authenticating a request, as an OpenAPI security scheme describes it.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::Secret;
#[cfg(feature = "oauth2")]
use crate::oauth::ClientCredentials;
use crate::sign::Signer;

/// Where an API key goes (`in` of an `apiKey` scheme; cookies are not supported).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// The credentials of one security scheme. Values that cannot be sent (a header name or value
/// with forbidden characters) stop the call before anything is sent.
///
/// ```
/// use payspec_runtime::{KeyLocation, Scheme, Secret};
///
/// let bearer = Scheme::bearer(Secret::new("token"));
/// let basic = Scheme::basic("user", Secret::new("password"));
/// let key = Scheme::api_key(KeyLocation::Query, "api_key", Secret::new("key"));
/// assert_eq!(format!("{basic:?}"), r#"Scheme::Header("authorization", Secret([redacted]))"#);
/// # let _ = (bearer, key);
/// ```
pub struct Scheme(pub(crate) Kind);

pub(crate) enum Kind {
    /// A header with a fixed value (API key, bearer token, basic credentials).
    Header { name: String, value: Secret },
    /// A query parameter with a fixed value.
    Query { name: String, value: Secret },
    /// A bearer token from the OAuth2 client credentials grant.
    #[cfg(feature = "oauth2")]
    Token(ClientCredentials),
    /// Headers computed per request.
    Signed(Box<dyn Signer>),
}

impl Scheme {
    /// An API key (`type: apiKey`) sent in the header or query parameter `name`.
    pub fn api_key(location: KeyLocation, name: impl Into<String>, key: Secret) -> Self {
        let name = name.into();
        Scheme(match location {
            KeyLocation::Header => Kind::Header { name, value: key },
            KeyLocation::Query => Kind::Query { name, value: key },
        })
    }

    /// `Authorization: Bearer <token>` (`type: http`, `scheme: bearer`).
    pub fn bearer(token: Secret) -> Self {
        Scheme(Kind::Header {
            name: "authorization".into(),
            value: Secret::new(format!("Bearer {}", token.expose())),
        })
    }

    /// `Authorization: Basic <base64 of user:password>` (`type: http`, `scheme: basic`).
    pub fn basic(username: impl Into<String>, password: Secret) -> Self {
        let pair = format!("{}:{}", username.into(), password.expose());
        Scheme(Kind::Header {
            name: "authorization".into(),
            value: Secret::new(format!("Basic {}", BASE64.encode(pair))),
        })
    }

    /// A bearer token from the OAuth2 client credentials grant, fetched from `token_url` with
    /// HTTP Basic `client_id:client_secret` and cached. A relative `token_url` (`/v1/oauth2/token`)
    /// is resolved against the client's base URL when the first token is fetched.
    #[cfg(feature = "oauth2")]
    pub fn client_credentials(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        Scheme(Kind::Token(ClientCredentials::new(
            token_url,
            client_id,
            client_secret,
        )))
    }

    /// Headers computed for each request by `signer` (an HTTP Signature, a self-signed JWT).
    pub fn signed(signer: impl Signer + 'static) -> Self {
        Scheme(Kind::Signed(Box::new(signer)))
    }
}

impl fmt::Debug for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Header { name, value } => f
                .debug_tuple("Scheme::Header")
                .field(name)
                .field(value)
                .finish(),
            Kind::Query { name, value } => f
                .debug_tuple("Scheme::Query")
                .field(name)
                .field(value)
                .finish(),
            #[cfg(feature = "oauth2")]
            Kind::Token(source) => f.debug_tuple("Scheme::Token").field(source).finish(),
            Kind::Signed(_) => f.write_str("Scheme::Signed(..)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(scheme: &Scheme) -> (&str, &str) {
        match &scheme.0 {
            Kind::Header { name, value } => (name, value.expose()),
            _ => panic!("a header scheme"),
        }
    }

    #[test]
    fn standard_schemes_make_their_headers() {
        let basic = Scheme::basic("Aladdin", Secret::new("open sesame"));
        // RFC 7617's example.
        assert_eq!(
            header(&basic),
            ("authorization", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        let bearer = Scheme::bearer(Secret::new("tok"));
        assert_eq!(header(&bearer), ("authorization", "Bearer tok"));
        let key = Scheme::api_key(KeyLocation::Header, "X-API-Key", Secret::new("k1"));
        assert_eq!(header(&key), ("X-API-Key", "k1"));
        let query = Scheme::api_key(KeyLocation::Query, "api_key", Secret::new("k2"));
        assert!(
            matches!(&query.0, Kind::Query { name, value } if name == "api_key" && value.expose() == "k2")
        );
    }

    #[test]
    fn debug_never_shows_a_credential() {
        let schemes = [
            Scheme::basic("user", Secret::new("pa55word")),
            Scheme::bearer(Secret::new("pa55word")),
            Scheme::api_key(KeyLocation::Query, "k", Secret::new("pa55word")),
            #[cfg(feature = "oauth2")]
            Scheme::client_credentials("/token", "id", Secret::new("pa55word")),
        ];
        for scheme in schemes {
            let debug = format!("{scheme:?}");
            assert!(
                !debug.contains("pa55word") && !debug.contains("cGE1NXdvcmQ"),
                "{debug}"
            );
            assert!(debug.contains("[redacted]"), "{debug}");
        }
    }
}
