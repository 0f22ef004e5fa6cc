//! How a provider writes amounts: as a decimal string or as integer units, with how many
//! decimals per currency (ISO 4217 unless declared otherwise) and which multiples it accepts.
//! Applied to every amount sent (refused before sending when it cannot be written exactly,
//! never rounded) and to every amount echoed back.

use crate::error::Error;
use crate::money::{Currency, Money, MoneyError, format_units, parse_units};

/// How amounts travel on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AmountForm {
    /// A decimal string with the currency's decimals (`"12.99"`).
    Decimal,
    /// An integer count of the currency's smallest unit as the provider counts it (`1299`).
    Units,
}

/// A currency a provider writes differently from ISO 4217.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CurrencyRule {
    /// The currency.
    pub currency: Currency,
    /// How many decimals the provider writes it with (ISO's exponent for the others).
    pub decimals: u16,
    /// Amounts, counted in units of those decimals, must be multiples of this (1: any).
    pub step: i64,
}

impl CurrencyRule {
    /// `currency` written with `decimals` decimals, any multiple.
    pub const fn new(currency: Currency, decimals: u16) -> Self {
        CurrencyRule {
            currency,
            decimals,
            step: 1,
        }
    }

    /// Only multiples of `step` units (Stripe's ISK: 2 decimals, multiples of 100).
    #[must_use]
    pub const fn step(mut self, step: i64) -> Self {
        self.step = step;
        self
    }
}

/// A provider's amounts: their form, the currencies it writes unlike ISO 4217, and the largest
/// amount it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Amounts {
    /// Decimal strings or integer units.
    pub form: AmountForm,
    /// The exceptions to ISO 4217.
    pub currencies: &'static [CurrencyRule],
    /// The largest amount one refund may carry, in the provider's units.
    pub max_units: Option<i64>,
}

impl Amounts {
    /// ISO 4217 for every currency, in `form`, without limit.
    pub const fn iso(form: AmountForm) -> Self {
        Amounts {
            form,
            currencies: &[],
            max_units: None,
        }
    }

    /// With these exceptions to ISO 4217.
    #[must_use]
    pub const fn except(mut self, currencies: &'static [CurrencyRule]) -> Self {
        self.currencies = currencies;
        self
    }

    /// With at most `max_units` per refund.
    #[must_use]
    pub const fn at_most(mut self, max_units: i64) -> Self {
        self.max_units = Some(max_units);
        self
    }

    /// The decimals and step the provider uses for `currency`.
    ///
    /// # Errors
    /// A currency without an ISO 4217 minor unit that the provider declares nothing for.
    pub fn rule(&self, currency: Currency) -> Result<CurrencyRule, Error> {
        if let Some(rule) = self.currencies.iter().find(|r| r.currency == currency) {
            return Ok(*rule);
        }
        Ok(CurrencyRule::new(currency, Money::exponent(currency)?))
    }

    /// `money` counted in the provider's units of its currency (`Units` form, and the
    /// integer behind the `Decimal` form).
    ///
    /// # Errors
    /// When it cannot be written exactly (more precision than the provider's decimals, not a
    /// multiple of its step), or is above its limit: refused, never rounded.
    pub fn to_units(&self, money: Money) -> Result<i64, Error> {
        self.units_by_rule(self.rule(money.currency())?, money)
    }

    /// [`Amounts::to_units`] by the currency's `rule`, looked up once by the caller.
    fn units_by_rule(&self, rule: CurrencyRule, money: Money) -> Result<i64, Error> {
        let currency = money.currency();
        let iso = Money::exponent(currency)?;
        let units = if rule.decimals >= iso {
            10_i64
                .checked_pow(u32::from(rule.decimals - iso))
                .and_then(|scale| money.minor().checked_mul(scale))
                .ok_or_else(|| Error::from(MoneyError::Overflow(money.to_string())))?
        } else {
            let dropped = 10_i64.pow(u32::from(iso - rule.decimals));
            if money.minor() % dropped != 0 {
                return Err(Error::invalid_input(format!(
                    "{money} cannot be sent: the provider writes {} with {} decimal(s), and amounts are never rounded",
                    currency.code(),
                    rule.decimals
                )));
            }
            money.minor() / dropped
        };
        if units % rule.step != 0 {
            return Err(Error::invalid_input(format!(
                "{money} cannot be sent: the provider takes {} only in multiples of {}, and amounts are never rounded",
                currency.code(),
                format_units(rule.step, rule.decimals)
            )));
        }
        if let Some(max) = self.max_units
            && units > max
        {
            return Err(Error::invalid_input(format!(
                "{money} cannot be sent: the provider refunds at most {} {} at once",
                format_units(max, rule.decimals),
                currency.code()
            )));
        }
        Ok(units)
    }

    /// `money` as the provider's decimal string.
    ///
    /// # Errors
    /// As [`Amounts::to_units`].
    pub fn to_decimal(&self, money: Money) -> Result<String, Error> {
        let rule = self.rule(money.currency())?;
        Ok(format_units(
            self.units_by_rule(rule, money)?,
            rule.decimals,
        ))
    }

    /// An amount the provider reported in its units.
    ///
    /// # Errors
    /// When it breaks the provider's own rule for the currency, or has a part below the ISO
    /// minor unit: it cannot be what was asked for.
    pub fn from_units(&self, units: i64, currency: Currency) -> Result<Money, Error> {
        self.money_by_rule(self.rule(currency)?, units, currency)
    }

    /// [`Amounts::from_units`] by the currency's `rule`, looked up once by the caller.
    fn money_by_rule(
        &self,
        rule: CurrencyRule,
        units: i64,
        currency: Currency,
    ) -> Result<Money, Error> {
        let iso = Money::exponent(currency)?;
        let shown = || format!("{} {}", format_units(units, rule.decimals), currency.code());
        if units % rule.step != 0 {
            return Err(Error::invalid_input(format!(
                "the provider reported {}, not a multiple of its step of {}",
                shown(),
                format_units(rule.step, rule.decimals)
            )));
        }
        let minor = if rule.decimals >= iso {
            let dropped = 10_i64.pow(u32::from(rule.decimals - iso));
            if units % dropped != 0 {
                return Err(Error::invalid_input(format!(
                    "the provider reported {}, below the smallest unit of {}",
                    shown(),
                    currency.code()
                )));
            }
            units / dropped
        } else {
            units
                .checked_mul(10_i64.pow(u32::from(iso - rule.decimals)))
                .ok_or_else(|| Error::from(MoneyError::Overflow(shown())))?
        };
        Ok(Money::new(minor, currency))
    }

    /// An amount the provider reported as a decimal string.
    ///
    /// # Errors
    /// Not a decimal, more decimals than the provider writes, or as [`Amounts::from_units`].
    pub fn from_decimal(&self, text: &str, currency: Currency) -> Result<Money, Error> {
        let rule = self.rule(currency)?;
        self.money_by_rule(rule, parse_units(text, rule.decimals, currency)?, currency)
    }
}
