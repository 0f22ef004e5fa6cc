//! Money as integer minor units of an ISO 4217 currency, and its exact wire forms.

use std::fmt;

pub use iso_currency::Currency;

/// An amount in the minor unit of its currency (cents for USD, yen for JPY, fils for KWD).
///
/// ```
/// use payspec::{Currency, Money};
///
/// let price = Money::new(1299, Currency::USD);
/// assert_eq!(price.to_decimal(), "12.99");
/// assert_eq!(Money::from_decimal("12.99", Currency::USD)?, price);
/// assert!(Money::from_decimal("12.999", Currency::USD).is_err(), "never rounded");
/// # Ok::<(), payspec::MoneyError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// Why an amount cannot be represented.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoneyError {
    /// The text is not a plain decimal number (`12`, `12.5`, `12.50`).
    NotADecimal(String),
    /// More decimal places than the currency (or the provider) allows; nothing is rounded.
    TooPrecise {
        /// The amount as given.
        value: String,
        /// Its currency.
        currency: Currency,
        /// The decimals allowed.
        decimals: u16,
    },
    /// The amount does not fit in 64-bit minor units.
    Overflow(String),
    /// The currency has no minor unit exponent in ISO 4217 (e.g. XAU).
    NoExponent(Currency),
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::NotADecimal(value) => write!(f, "`{value}` is not a decimal amount"),
            MoneyError::TooPrecise {
                value,
                currency,
                decimals,
            } => write!(
                f,
                "`{value}` has more than {decimals} decimal place(s), the precision of {} here; amounts are never rounded",
                currency.code()
            ),
            MoneyError::Overflow(value) => write!(f, "`{value}` is too large"),
            MoneyError::NoExponent(currency) => {
                write!(f, "{} has no ISO 4217 minor unit", currency.code())
            }
        }
    }
}

impl std::error::Error for MoneyError {}

impl Money {
    /// `minor` units of `currency`, e.g. `Money::new(1299, Currency::USD)` is 12.99 USD.
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// The amount in minor units.
    pub const fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The ISO 4217 exponent of the currency (2 for USD, 0 for JPY, 3 for KWD).
    ///
    /// # Errors
    /// For currencies without a minor unit (precious metals, testing codes).
    pub fn exponent(currency: Currency) -> Result<u16, MoneyError> {
        currency.exponent().ok_or(MoneyError::NoExponent(currency))
    }

    /// Parses a decimal string in `currency` (ISO exponent) exactly.
    ///
    /// # Errors
    /// Malformed text, more decimals than the currency has, or overflow.
    pub fn from_decimal(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        Self::from_decimal_with_exponent(text, currency, Self::exponent(currency)?)
    }

    /// Parses a decimal string whose precision is at most `decimals`, into ISO minor units.
    /// A provider that writes a currency with fewer decimals than ISO (PayPal's JPY-like HUF)
    /// passes its own `decimals`.
    ///
    /// # Errors
    /// Malformed text, more decimals than `decimals`, or overflow.
    pub fn from_decimal_with_exponent(
        text: &str,
        currency: Currency,
        decimals: u16,
    ) -> Result<Self, MoneyError> {
        let iso = Self::exponent(currency)?;
        let decimals = decimals.min(iso);
        let units = parse_units(text, decimals, currency)?;
        let minor = units
            .checked_mul(10_i64.pow(u32::from(iso - decimals)))
            .ok_or_else(|| MoneyError::Overflow(text.to_owned()))?;
        Ok(Money { minor, currency })
    }

    /// The amount as a decimal string with the currency's ISO number of decimals (`12.50`).
    ///
    /// # Errors
    /// A currency without a minor unit (XAU, say), which no decimal amount can stand for.
    pub fn try_to_decimal(&self) -> Result<String, MoneyError> {
        self.to_decimal_with_exponent(Self::exponent(self.currency)?)
    }

    /// The amount as a decimal string with the currency's ISO number of decimals (`12.50`), for
    /// display: a currency without a minor unit shows its minor units. What is sent to a
    /// provider uses [`Money::try_to_decimal`], which refuses such currencies.
    pub fn to_decimal(&self) -> String {
        let iso = self.currency.exponent().unwrap_or(0);
        self.to_decimal_with_exponent(iso)
            .unwrap_or_else(|_| self.minor.to_string())
    }

    /// The amount as a decimal string with `decimals` places, for providers that use fewer
    /// decimals than ISO for some currencies.
    ///
    /// # Errors
    /// When the amount has a non-zero part below what `decimals` can show.
    pub fn to_decimal_with_exponent(&self, decimals: u16) -> Result<String, MoneyError> {
        let iso = Self::exponent(self.currency)?;
        let decimals = decimals.min(iso);
        let dropped = 10_i64.pow(u32::from(iso - decimals));
        if self.minor % dropped != 0 {
            return Err(MoneyError::TooPrecise {
                value: format!("{} minor units", self.minor),
                currency: self.currency,
                decimals,
            });
        }
        Ok(format_units(self.minor / dropped, decimals))
    }
}

/// `units` of `10^-decimals` as a decimal string (`1250` at 2 is `12.50`), written digit by
/// digit: this runs for every amount sent.
pub(crate) fn format_units(units: i64, decimals: u16) -> String {
    let mut digits = units.unsigned_abs().to_string();
    let decimals = usize::from(decimals);
    if decimals > 0 {
        if digits.len() <= decimals {
            digits.insert_str(0, &"0".repeat(decimals + 1 - digits.len()));
        }
        digits.insert(digits.len() - decimals, '.');
    }
    if units < 0 {
        digits.insert(0, '-');
    }
    digits
}

/// A decimal string as integer units of `10^-decimals` (`12.5` at 2 is `1250`), exactly.
///
/// # Errors
/// Not a plain decimal, more significant decimals than `decimals` (of `currency`), or overflow.
pub(crate) fn parse_units(
    text: &str,
    decimals: u16,
    currency: Currency,
) -> Result<i64, MoneyError> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || (digits.contains('.') && fraction.is_empty())
    {
        return Err(MoneyError::NotADecimal(text.to_owned()));
    }
    let significant = fraction.trim_end_matches('0');
    if significant.len() > usize::from(decimals) {
        return Err(MoneyError::TooPrecise {
            value: text.to_owned(),
            currency,
            decimals,
        });
    }
    let overflow = || MoneyError::Overflow(text.to_owned());
    let scale = 10_i64
        .checked_pow(u32::from(decimals))
        .ok_or_else(overflow)?;
    let whole: i64 = whole.parse().map_err(|_| overflow())?;
    let mut fraction_units: i64 = 0;
    for (i, digit) in significant.bytes().enumerate() {
        let place = 10_i64.pow(u32::from(decimals) - 1 - i as u32);
        fraction_units += i64::from(digit - b'0') * place;
    }
    let units = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction_units))
        .ok_or_else(overflow)?;
    Ok(if negative { -units } else { units })
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_decimal(), self.currency.code())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A 0-, 2-, 3- and 4-decimal currency.
    const CURRENCIES: [Currency; 4] = [Currency::JPY, Currency::USD, Currency::KWD, Currency::CLF];

    #[test]
    fn examples() {
        assert_eq!(
            Money::from_decimal("12.50", Currency::USD),
            Ok(Money::new(1250, Currency::USD))
        );
        assert_eq!(
            Money::from_decimal("12.5", Currency::USD),
            Ok(Money::new(1250, Currency::USD))
        );
        assert_eq!(
            Money::from_decimal("1000", Currency::JPY),
            Ok(Money::new(1000, Currency::JPY))
        );
        assert_eq!(
            Money::from_decimal("1.234", Currency::KWD),
            Ok(Money::new(1234, Currency::KWD))
        );
        assert_eq!(Money::new(1250, Currency::USD).to_decimal(), "12.50");
        assert_eq!(Money::new(7, Currency::KWD).to_decimal(), "0.007");
        assert_eq!(Money::new(-5, Currency::USD).to_decimal(), "-0.05");
        assert_eq!(Money::new(1000, Currency::JPY).to_string(), "1000 JPY");
        assert_eq!(format_units(0, 2), "0.00");
        assert_eq!(format_units(-120, 4), "-0.0120");
        assert_eq!(format_units(i64::MIN, 4), "-922337203685477.5808");
        assert!(matches!(
            Money::from_decimal("12.345", Currency::USD),
            Err(MoneyError::TooPrecise { .. })
        ));
        assert!(matches!(
            Money::from_decimal("1.5", Currency::JPY),
            Err(MoneyError::TooPrecise { .. })
        ));
        for bad in ["", ".5", "5.", "1,00", "1e3", "+1", " 1", "0x10", "--1"] {
            assert!(
                matches!(
                    Money::from_decimal(bad, Currency::USD),
                    Err(MoneyError::NotADecimal(_))
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Money::from_decimal("92233720368547758.08", Currency::USD),
            Err(MoneyError::Overflow(_))
        ));
        assert!(matches!(
            Money::from_decimal("1", Currency::XAU),
            Err(MoneyError::NoExponent(_))
        ));
    }

    #[test]
    fn provider_exponents_below_iso() {
        // PayPal writes HUF without decimals although ISO gives it two.
        let huf = Money::new(150_000, Currency::HUF);
        assert_eq!(huf.to_decimal_with_exponent(0).unwrap(), "1500");
        assert!(
            Money::new(150_050, Currency::HUF)
                .to_decimal_with_exponent(0)
                .is_err()
        );
        assert_eq!(
            Money::from_decimal_with_exponent("1500", Currency::HUF, 0),
            Ok(huf)
        );
        assert!(Money::from_decimal_with_exponent("1500.5", Currency::HUF, 0).is_err());
    }

    proptest! {
        #[test]
        fn decimal_round_trips_are_exact(minor in any::<i64>().prop_filter("abs fits", |m| *m != i64::MIN), index in 0..4_usize) {
            let money = Money::new(minor, CURRENCIES[index]);
            prop_assert_eq!(Money::from_decimal(&money.to_decimal(), money.currency()), Ok(money));
        }

        #[test]
        fn more_precision_than_the_currency_is_rejected(whole in 0..1_000_000_i64, extra in 1..10_u8, index in 0..4_usize) {
            let currency = CURRENCIES[index];
            let decimals = usize::from(currency.exponent().unwrap());
            // One more significant decimal than the currency allows.
            let text = format!("{whole}.{}{extra}", "0".repeat(decimals));
            let is_too_precise = matches!(Money::from_decimal(&text, currency), Err(MoneyError::TooPrecise { .. }));
            prop_assert!(is_too_precise, "{}", text);
        }

        #[test]
        fn overflow_is_an_error_never_a_wrap(extra in 1..1000_i64, index in 0..4_usize) {
            let currency = CURRENCIES[index];
            let scale = 10_i128.pow(u32::from(currency.exponent().unwrap()));
            let whole = i128::from(i64::MAX) / scale + i128::from(extra);
            let is_overflow = matches!(Money::from_decimal(&whole.to_string(), currency), Err(MoneyError::Overflow(_)));
            prop_assert!(is_overflow);
        }

        #[test]
        fn reduced_exponents_round_trip_or_refuse(minor in 0..i64::MAX, index in 0..4_usize, decimals in 0..5_u16) {
            let money = Money::new(minor, CURRENCIES[index]);
            match money.to_decimal_with_exponent(decimals) {
                Ok(text) => prop_assert_eq!(Money::from_decimal_with_exponent(&text, money.currency(), decimals), Ok(money)),
                Err(_) => {
                    let dropped = 10_i64.pow(u32::from(money.currency().exponent().unwrap().saturating_sub(decimals)));
                    prop_assert!(minor % dropped != 0);
                }
            }
        }
    }
}
