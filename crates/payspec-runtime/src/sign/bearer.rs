//! A static API key sent as `Authorization: Bearer <key>` (Maverick Payments).

use std::time::SystemTime;

use super::{Header, RequestParts, Signer};
use crate::Secret;

/// Sends the same API key on every request.
#[derive(Clone, Debug)]
pub struct BearerKey(Secret);

impl BearerKey {
    /// A signer that sends `key` as the bearer token.
    pub fn new(key: Secret) -> Self {
        BearerKey(key)
    }
}

impl Signer for BearerKey {
    fn sign(&self, _request: &RequestParts<'_>, _now: SystemTime) -> Vec<Header> {
        vec![Header {
            name: "authorization",
            value: Secret::new(format!("Bearer {}", self.0.expose())),
        }]
    }
}
