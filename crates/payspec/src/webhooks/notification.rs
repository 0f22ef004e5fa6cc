//! What every verifier shares: the errors that say nothing was applied, the signed-timestamp
//! window, amounts read by the provider's declared rules, and JSON fields.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
