//! Request signing: the spec's custom schemes (`x-payspec-scheme`). A signer turns the parts of
//! a request that a scheme signs into the headers to add; a new scheme is a new implementation of
//! [`Signer`], behind a feature of its own.

#[cfg(feature = "es512-jwt")]
mod es512_jwt;
#[cfg(feature = "http-signature")]
mod http_signature;

use std::fmt;
use std::time::SystemTime;

#[cfg(feature = "es512-jwt")]
pub use es512_jwt::Es512Jwt;
#[cfg(feature = "http-signature")]
pub use http_signature::HttpSignature;

use crate::Secret;

/// The parts of an outgoing request that a signature covers.
#[derive(Clone, Copy, Debug)]
pub struct RequestParts<'a> {
    /// The HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// The `Host` header value, with the port when it is not the scheme's default.
    pub host: &'a str,
    /// The path and query, e.g. `/pts/v2/payments/123/refunds`.
    pub path_and_query: &'a str,
    /// The exact body bytes that will be sent (empty when there is no body).
    pub body: &'a [u8],
}

/// A header to add to a signed request. Its value may carry a credential, so it is a [`Secret`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Lower-case header name.
    pub name: &'static str,
    /// Header value.
    pub value: Secret,
}

/// Computes the authentication headers of one request.
pub trait Signer: Send + Sync {
    /// The headers to add to `request`, signed as of `now`.
    fn sign(&self, request: &RequestParts<'_>, now: SystemTime) -> Vec<Header>;
}

/// A signer could not be built from the given credentials. The message never contains them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialError(String);

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CredentialError {}
