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
