//! Amounts by each provider's declared rules: what a provider cannot write exactly is refused
//! before sending (never rounded), and echoed amounts are read by the same rules.

use payspec::providers::{adyen, cybersource, gr4vy, maverick, paypal, stripe};
use payspec::rules::AmountForm;
use payspec::{Currency, ErrorKind, Money, Outcome};

fn refused(result: Result<impl std::fmt::Debug, payspec::Error>, context: &str) {
    let error = result.expect_err(context);
    assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{context}: {error}");
    assert_eq!(error.outcome(), Outcome::NotSent, "{context}");
}

#[test]
fn paypal_writes_huf_jpy_and_twd_in_whole_units() {
    let amounts = paypal::RULES.amounts;
    assert_eq!(amounts.form, AmountForm::Decimal);
    for (money, wire) in [
        (Money::new(150_000, Currency::HUF), "1500"),
        (Money::new(1_500, Currency::JPY), "1500"),
        (Money::new(10_000, Currency::TWD), "100"),
        (Money::new(1_299, Currency::USD), "12.99"),
        (Money::new(1_234, Currency::KWD), "1.234"),
    ] {
        assert_eq!(amounts.to_decimal(money).unwrap(), wire, "{money}");
        assert_eq!(amounts.from_decimal(wire, money.currency()), Ok(money));
    }
    refused(
        amounts.to_decimal(Money::new(150_050, Currency::HUF)),
        "HUF 1500.50",
    );
    refused(
        amounts.to_decimal(Money::new(10_001, Currency::TWD)),
        "TWD 100.01",
    );
    refused(
        amounts.from_decimal("1500.5", Currency::HUF),
        "echoed HUF 1500.5",
    );
}

#[test]
fn iso_providers_write_every_iso_amount_and_refuse_the_rest() {
    for rules in [cybersource::RULES, maverick::RULES] {
        let amounts = rules.amounts;
        assert_eq!(amounts.form, AmountForm::Decimal);
        assert_eq!(
            amounts
                .to_decimal(Money::new(150_050, Currency::HUF))
                .unwrap(),
            "1500.50"
        );
        assert_eq!(
            amounts.to_decimal(Money::new(7, Currency::KWD)).unwrap(),
            "0.007"
        );
        assert_eq!(
            amounts.to_decimal(Money::new(1500, Currency::JPY)).unwrap(),
            "1500"
        );
        refused(
            amounts.to_decimal(Money::new(1, Currency::XAU)),
            "no minor unit",
        );
        refused(
            amounts.from_decimal("12.345", Currency::USD),
            "echo finer than a cent",
        );
    }
    let gr4vy = gr4vy::RULES.amounts;
    assert_eq!(gr4vy.form, AmountForm::Units);
    assert_eq!(
        gr4vy.to_units(Money::new(99_999_999, Currency::USD)),
        Ok(99_999_999)
    );
    refused(
        gr4vy.to_units(Money::new(100_000_000, Currency::USD)),
        "above Gr4vy's limit",
    );
    assert_eq!(
        gr4vy.from_units(1299, Currency::MXN),
        Ok(Money::new(1299, Currency::MXN))
    );
}

#[test]
fn stripe_amounts_follow_its_currency_rules() {
    // ISK: 5 krónur are 500 on the wire; a fraction of a króna cannot be sent or echoed.
    assert_eq!(
        stripe::RULES.amounts.to_units(Money::new(5, Currency::ISK)),
        Ok(500)
    );
    assert_eq!(
        stripe::RULES.amounts.from_units(500, Currency::ISK),
        Ok(Money::new(5, Currency::ISK))
    );
    assert!(
        stripe::RULES
            .amounts
            .from_units(550, Currency::ISK)
            .is_err()
    );
    // MGA: zero-decimal at Stripe although ISO gives it two.
    assert_eq!(
        stripe::RULES
            .amounts
            .to_units(Money::new(1_500, Currency::MGA)),
        Ok(15)
    );
    refused(
        stripe::RULES
            .amounts
            .to_units(Money::new(1_550, Currency::MGA)),
        "MGA 15.50",
    );
    assert_eq!(
        stripe::RULES.amounts.from_units(15, Currency::MGA),
        Ok(Money::new(1_500, Currency::MGA))
    );
    // Three-decimal currencies: the last digit must be zero.
    assert_eq!(
        stripe::RULES
            .amounts
            .to_units(Money::new(5_120, Currency::KWD)),
        Ok(5_120)
    );
    refused(
        stripe::RULES
            .amounts
            .to_units(Money::new(5_124, Currency::KWD)),
        "KWD 5.124",
    );
    assert!(
        stripe::RULES
            .amounts
            .from_units(5_124, Currency::KWD)
            .is_err()
    );
    // Zero-decimal by ISO too, and the common case.
    assert_eq!(
        stripe::RULES
            .amounts
            .to_units(Money::new(500, Currency::JPY)),
        Ok(500)
    );
    assert_eq!(
        stripe::RULES
            .amounts
            .to_units(Money::new(1_000, Currency::USD)),
        Ok(1_000)
    );
}

#[test]
fn adyen_amounts_follow_its_currency_table() {
    assert_eq!(
        adyen::RULES
            .amounts
            .to_units(Money::new(1_000, Currency::CLP)),
        Ok(100_000)
    );
    assert_eq!(
        adyen::RULES.amounts.to_units(Money::new(5, Currency::ISK)),
        Ok(500)
    );
    assert!(
        adyen::RULES.amounts.from_units(150, Currency::CLP).is_err(),
        "half a peso"
    );
    assert_eq!(
        adyen::RULES
            .amounts
            .to_units(Money::new(500, Currency::CVE)),
        Ok(5)
    );
    refused(
        adyen::RULES
            .amounts
            .to_units(Money::new(550, Currency::CVE)),
        "CVE 5.50",
    );
    refused(
        adyen::RULES
            .amounts
            .to_units(Money::new(10_001, Currency::IDR)),
        "IDR 100.01",
    );
    assert_eq!(
        adyen::RULES.amounts.from_units(100, Currency::IDR),
        Ok(Money::new(10_000, Currency::IDR))
    );
}
