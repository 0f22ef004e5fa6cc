//! What every verifier shares: the errors that say nothing was applied, the body as JSON, signed
//! timestamps (their HMACs and window), amounts read by the provider's declared rules, and JSON
//! fields.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payspec_runtime::Secret;

use super::signature;
use crate::error::{Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::provider::Provider;

/// A notification whose signature does not hold: nothing is applied.
pub(super) fn rejected(provider: Provider, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Authentication,
        format!("notification rejected, nothing applied: {why}"),
    )
    .with_provider(provider)
}

/// A signed notification that cannot be read: nothing is applied.
pub(super) fn unreadable(provider: Provider, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::InvalidInput,
        format!("notification not understood, nothing applied: {why}"),
    )
    .with_provider(provider)
    .answered()
}

/// A delivery's body that is not JSON: nothing is applied.
pub(super) fn not_json(provider: Provider, error: impl std::fmt::Display) -> Error {
    unreadable(provider, format!("body is not JSON: {error}"))
}

/// A delivery's body as JSON.
pub(super) fn json_body(provider: Provider, body: &[u8]) -> Result<serde_json::Value, Error> {
    serde_json::from_slice(body).map_err(|e| not_json(provider, e))
}

/// A signed Unix timestamp, as the header `label` carries it.
pub(super) fn unix_seconds(provider: Provider, label: &str, text: &str) -> Result<u64, Error> {
    text.parse()
        .map_err(|_| rejected(provider, format!("{label} `{text}` is not a Unix time")))
}

/// Checks that one of `signatures` (hex) is the HMAC-SHA256 of `<signed>.<body>` under one of
/// `secrets`; `which` names the signatures tried, for the error.
pub(super) fn signed_by(
    provider: Provider,
    secrets: &[Secret],
    signed: &str,
    body: &[u8],
    signatures: &[&str],
    which: &str,
) -> Result<(), Error> {
    let keys = secrets.iter().map(|s| s.expose().as_bytes());
    if signature::any_hex_matches(keys, &[signed.as_bytes(), b".", body], signatures) {
        return Ok(());
    }
    Err(rejected(
        provider,
        format!(
            "no {which} matches the body under the {} secret(s)",
            secrets.len()
        ),
    ))
}

/// Checks a signed Unix timestamp against `now`, `tolerance` either way.
pub(super) fn check_timestamp(
    provider: Provider,
    timestamp: u64,
    now: SystemTime,
    tolerance: Duration,
) -> Result<(), Error> {
    let signed = UNIX_EPOCH + Duration::from_secs(timestamp);
    match now.duration_since(signed) {
        Ok(age) if age > tolerance => Err(rejected(
            provider,
            format!(
                "signed {}s ago, more than the {}s tolerance",
                age.as_secs(),
                tolerance.as_secs()
            ),
        )),
        Err(ahead) if ahead.duration() > tolerance => Err(rejected(
            provider,
            format!(
                "signed {}s in the future, more than the {}s tolerance",
                ahead.duration().as_secs(),
                tolerance.as_secs()
            ),
        )),
        _ => Ok(()),
    }
}

/// An amount a notification reported in `provider`'s units, read by its declared amount rules
/// ([`crate::rules::Amounts`]).
pub(super) fn provider_units(provider: Provider, units: i64, code: &str) -> Result<Money, Error> {
    let currency = Currency::from_code(&code.to_ascii_uppercase())
        .ok_or_else(|| unreadable(provider, format!("unknown currency `{code}`")))?;
    crate::providers::rules(provider)
        .amounts
        .from_units(units, currency)
        .map_err(|e| unreadable(provider, format!("amount {units} {code}: {}", e.message())))
}

/// A JSON string field, or `None`.
pub(super) fn text(value: &serde_json::Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
}

/// The constructor and builder methods of a verifier of HMACs over a signed timestamp (Stripe,
/// Gr4vy), whose struct holds `account`, `secrets` and `tolerance` and has its own `verify_at`.
#[cfg(any(feature = "gr4vy", feature = "stripe"))]
macro_rules! timestamped_hmac_verifier {
    ($name:ident, $provider:expr) => {
        impl $name {
            /// Verifies with the endpoint's or subscription's signing secret, within
            /// [`DEFAULT_TOLERANCE`].
            pub fn new(secret: Secret) -> Self {
                $name {
                    account: Account::from($provider),
                    secrets: vec![secret],
                    tolerance: DEFAULT_TOLERANCE,
                }
            }

            /// Also accepts signatures made with `secret` (a secret being rotated).
            #[must_use]
            pub fn with_secret(mut self, secret: Secret) -> Self {
                self.secrets.push(secret);
                self
            }

            /// How far the signed timestamp may be from the clock, either way.
            #[must_use]
            pub fn with_tolerance(mut self, tolerance: Duration) -> Self {
                self.tolerance = tolerance;
                self
            }

            /// Marks its updates as the account `account`'s (by default the account named
            /// after the provider), so that waits for that account's refunds read them.
            #[must_use]
            pub fn for_account(mut self, account: impl Into<Account>) -> Self {
                self.account = account.into();
                self
            }

            /// Verifies a delivery against the system clock; see [`Self::verify_at`].
            ///
            /// # Errors
            /// See [`Self::verify_at`].
            pub fn verify<H: Headers + ?Sized>(
                &self,
                headers: &H,
                body: &[u8],
            ) -> Result<Vec<RefundUpdate>, Error> {
                self.verify_at(headers, body, SystemTime::now())
            }
        }
    };
}
#[cfg(any(feature = "gr4vy", feature = "stripe"))]
pub(super) use timestamped_hmac_verifier;
