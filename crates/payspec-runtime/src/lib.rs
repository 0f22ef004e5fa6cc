//! The runtime that payspec's generated clients share: authentication, idempotency keys, retries,
//! timeouts, tracing, and secrets that never print. It knows no provider's API, only the schemes;
//! each generated crate describes its provider and wires the runtime in through progenitor's
//! client hooks (that plumbing is hidden from these docs).
//!
//! Idempotency: a money-moving call gets one key, chosen once per logical call (the caller's or a
//! new UUID v4) before the first attempt, so every retry carries the same key. A provider without
//! idempotency keys never has a write retried once it may have been sent.

#![deny(missing_docs)]

mod answer;
mod auth;
#[doc(hidden)]
pub mod form;
mod http_client;
pub mod multipart;
#[cfg(feature = "oauth2")]
pub mod oauth;
mod outcome;
mod random;
mod raw_json;
mod response;
pub mod retry;
pub mod secret;
pub mod sign;
mod transport;

pub use auth::{Auth, KeyLocation, Scheme};
pub use http_client::{http_client, install_crypto_provider};
#[cfg(feature = "oauth2")]
pub use oauth::ClientCredentials;
pub use outcome::Failure;
pub use payspec_pattern::Pattern;
pub use raw_json::RawJson;
#[doc(hidden)]
pub use response::{error_response, error_response_as, success_response_as};
pub use retry::{KeyedServerError, RetryPolicy};
pub use secret::Secret;
#[doc(hidden)]
pub use transport::Provider;
pub use transport::Runtime;

/// The README's examples, compiled by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
