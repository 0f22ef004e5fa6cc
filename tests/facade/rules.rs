//! Provider semantics from each provider's declared rules: amounts a provider cannot write
//! exactly are refused before sending (never rounded) and echoed amounts are read by the same
//! rules; reasons map per provider; plain ids are classified; request ids come from the
//! answer's headers; a server error under an idempotency key is classified by the provider's
//! rule. Stripe's and Adyen's amounts and reasons are declared here as their adapters will
//! declare them, to show the shapes hold their documented rules.

use payspec::providers::{cybersource, gr4vy, maverick, paypal};
use payspec::rules::{AmountForm, Amounts, CurrencyRule, OtherReason, Reasons};
use payspec::{
    Currency, ErrorKind, Money, Outcome, Provider, RefundProvider, RefundReason, RefundStatus,
    Target,
};
use payspec_tests::test_runtime;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{request, serving};

/// Stripe: integer minor units; MGA is zero-decimal (ISO: 2); ISK keeps two decimals (ISO: 0)
/// but only whole krónur; three-decimal currencies only in multiples of 10.
const STRIPE_AMOUNTS: Amounts = Amounts::iso(AmountForm::Units).except(&[
    CurrencyRule::new(Currency::MGA, 0),
    CurrencyRule::new(Currency::ISK, 2).step(100),
    CurrencyRule::new(Currency::BHD, 3).step(10),
    CurrencyRule::new(Currency::JOD, 3).step(10),
    CurrencyRule::new(Currency::KWD, 3).step(10),
    CurrencyRule::new(Currency::OMR, 3).step(10),
    CurrencyRule::new(Currency::TND, 3).step(10),
]);

/// Adyen: integer minor units with its own decimals for CLP and ISK (2) and CVE and IDR (0).
const ADYEN_AMOUNTS: Amounts = Amounts::iso(AmountForm::Units).except(&[
    CurrencyRule::new(Currency::CLP, 2),
    CurrencyRule::new(Currency::ISK, 2),
    CurrencyRule::new(Currency::CVE, 0),
    CurrencyRule::new(Currency::IDR, 0),
]);

/// Stripe's `reason` is a fixed list without a free-text entry.
const STRIPE_REASONS: Reasons = Reasons::fixed(
    "duplicate",
    "fraudulent",
    "requested_by_customer",
    OtherReason::Refused,
);

/// Adyen's `merchantRefundReason` is a fixed list with `OTHER`.
const ADYEN_REASONS: Reasons = Reasons::fixed(
    "DUPLICATE",
    "FRAUD",
    "CUSTOMER REQUEST",
    OtherReason::Fixed("OTHER"),
);

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
        STRIPE_AMOUNTS.to_units(Money::new(5, Currency::ISK)),
        Ok(500)
    );
    assert_eq!(
        STRIPE_AMOUNTS.from_units(500, Currency::ISK),
        Ok(Money::new(5, Currency::ISK))
    );
    assert!(STRIPE_AMOUNTS.from_units(550, Currency::ISK).is_err());
    // MGA: zero-decimal at Stripe although ISO gives it two.
    assert_eq!(
        STRIPE_AMOUNTS.to_units(Money::new(1_500, Currency::MGA)),
        Ok(15)
    );
    refused(
        STRIPE_AMOUNTS.to_units(Money::new(1_550, Currency::MGA)),
        "MGA 15.50",
    );
    assert_eq!(
        STRIPE_AMOUNTS.from_units(15, Currency::MGA),
        Ok(Money::new(1_500, Currency::MGA))
    );
    // Three-decimal currencies: the last digit must be zero.
    assert_eq!(
        STRIPE_AMOUNTS.to_units(Money::new(5_120, Currency::KWD)),
        Ok(5_120)
    );
    refused(
        STRIPE_AMOUNTS.to_units(Money::new(5_124, Currency::KWD)),
        "KWD 5.124",
    );
    assert!(STRIPE_AMOUNTS.from_units(5_124, Currency::KWD).is_err());
    // Zero-decimal by ISO too, and the common case.
    assert_eq!(
        STRIPE_AMOUNTS.to_units(Money::new(500, Currency::JPY)),
        Ok(500)
    );
    assert_eq!(
        STRIPE_AMOUNTS.to_units(Money::new(1_000, Currency::USD)),
        Ok(1_000)
    );
}

#[test]
fn adyen_amounts_follow_its_currency_table() {
    assert_eq!(
        ADYEN_AMOUNTS.to_units(Money::new(1_000, Currency::CLP)),
        Ok(100_000)
    );
    assert_eq!(
        ADYEN_AMOUNTS.to_units(Money::new(5, Currency::ISK)),
        Ok(500)
    );
    assert!(
        ADYEN_AMOUNTS.from_units(150, Currency::CLP).is_err(),
        "half a peso"
    );
    assert_eq!(
        ADYEN_AMOUNTS.to_units(Money::new(500, Currency::CVE)),
        Ok(5)
    );
    refused(
        ADYEN_AMOUNTS.to_units(Money::new(550, Currency::CVE)),
        "CVE 5.50",
    );
    refused(
        ADYEN_AMOUNTS.to_units(Money::new(10_001, Currency::IDR)),
        "IDR 100.01",
    );
    assert_eq!(
        ADYEN_AMOUNTS.from_units(100, Currency::IDR),
        Ok(Money::new(10_000, Currency::IDR))
    );
}

#[test]
fn reasons_map_onto_each_providers_field_or_list() {
    let other = RefundReason::Other("item never arrived".into());
    let all = [
        RefundReason::Duplicate,
        RefundReason::Fraudulent,
        RefundReason::RequestedByCustomer,
        other.clone(),
    ];
    let values = |reasons: Reasons| -> Vec<Option<String>> {
        all.iter().map(|r| reasons.value(r).ok()).collect()
    };
    let some = |v: [&str; 4]| v.map(|s| Some(s.to_owned())).to_vec();
    assert_eq!(values(paypal::RULES.reasons), [None, None, None, None]);
    assert_eq!(values(maverick::RULES.reasons), [None, None, None, None]);
    for text in [cybersource::RULES.reasons, gr4vy::RULES.reasons] {
        assert_eq!(
            values(text),
            some([
                "duplicate",
                "fraudulent",
                "requested by customer",
                "item never arrived"
            ])
        );
    }
    let mut stripe = some(["duplicate", "fraudulent", "requested_by_customer", ""]);
    stripe[3] = None;
    assert_eq!(values(STRIPE_REASONS), stripe);
    assert_eq!(
        values(ADYEN_REASONS),
        some(["DUPLICATE", "FRAUD", "CUSTOMER REQUEST", "OTHER"])
    );
    assert_eq!(
        STRIPE_REASONS.value(&other).unwrap_err().kind(),
        &ErrorKind::Unsupported
    );
}

fn paypal_at(server: &MockServer) -> paypal::PayPal {
    paypal::PayPal::new(payspec::clients::paypal::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn cybersource_at(server: &MockServer) -> cybersource::CyberSource {
    cybersource::CyberSource::new(payspec::clients::cybersource::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

#[tokio::test]
async fn what_a_provider_cannot_carry_is_refused_before_sending() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED"})).await;
    let capture = || Target::Capture("1DL556911D1752055".into());
    let with_reason =
        request(Provider::PayPal, capture(), None).with_reason(RefundReason::Duplicate);
    let huf = request(
        Provider::PayPal,
        capture(),
        Some(Money::new(150_050, Currency::HUF)),
    );
    let error = paypal_at(&server).refund(&with_reason).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Unsupported, "{error}");
    assert_eq!(error.provider(), Some(Provider::PayPal));
    let error = paypal_at(&server).refund(&huf).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{error}");
    assert!(error.message().contains("never rounded"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());

    // The note to the payer is PayPal's own field, apart from the reason.
    let noted = request(Provider::PayPal, capture(), None).with_note_to_payer("Sorry");
    paypal_at(&server).refund(&noted).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        json!({"note_to_payer": "Sorry"})
    );
}

#[tokio::test]
async fn an_echoed_amount_the_rules_cannot_read_is_not_believed() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED", "amount": {"currency_code": "HUF", "value": "1500.50"}})).await;
    let huf = request(
        Provider::PayPal,
        Target::Capture("1DL556911D1752055".into()),
        Some(Money::new(150_000, Currency::HUF)),
    );
    let error = paypal_at(&server).refund(&huf).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::OutcomeUnknown, "{error}");
}

#[tokio::test]
async fn a_plain_id_is_classified_or_refused() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED"})).await;
    // PayPal refunds only captures, so a plain id is a capture.
    let plain = request(
        Provider::PayPal,
        Target::Id(" 1DL556911D1752055 ".into()),
        None,
    );
    paypal_at(&server).refund(&plain).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.url.path(),
        "/v2/payments/captures/1DL556911D1752055/refund"
    );

    // CyberSource refunds both and has no prefixes: it cannot tell, so nothing is sent.
    let server = serving(201, &json!({})).await;
    let plain = request(
        Provider::CyberSource,
        Target::Id("6461731521426399003473".into()),
        Some(Money::new(100, Currency::USD)),
    );
    let error = cybersource_at(&server).refund(&plain).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::InvalidInput, "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Serves `body` with `status` and one extra header.
async fn serving_with_header(
    status: u16,
    body: &serde_json::Value,
    header: (&str, &str),
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(body)
                .insert_header(header.0, header.1),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn request_ids_come_from_the_answers_headers() {
    let capture = || Target::Capture("1DL556911D1752055".into());
    let server = serving_with_header(
        201,
        &json!({"id": "R1", "status": "PENDING"}),
        ("PayPal-Debug-Id", "b5f9d4c1e2a37"),
    )
    .await;
    let refund = paypal_at(&server)
        .refund(&request(Provider::PayPal, capture(), None))
        .await
        .unwrap();
    assert_eq!(
        (refund.status, refund.request_id.as_deref()),
        (RefundStatus::Pending, Some("b5f9d4c1e2a37"))
    );

    // On an error the header wins over the body's `debug_id`.
    let server = serving_with_header(
        422,
        &json!({"name": "UNPROCESSABLE_ENTITY", "debug_id": "from-body", "details": [{"issue": "REFUND_AMOUNT_EXCEEDED"}]}),
        ("PayPal-Debug-Id", "from-header"),
    )
    .await;
    let error = paypal_at(&server)
        .refund(&request(Provider::PayPal, capture(), None))
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("from-header"));
    assert!(
        error.to_string().contains("[request id from-header]"),
        "{error}"
    );

    // CyberSource's correlation id on a documented refusal.
    let server = serving_with_header(
        400,
        &json!({"status": "INVALID_REQUEST", "reason": "INVALID_AMOUNT", "message": "bad amount"}),
        ("v-c-correlation-id", "cs-7f3e"),
    )
    .await;
    let error = cybersource_at(&server)
        .refund(&request(
            Provider::CyberSource,
            Target::Payment("6461731521426399003473".into()),
            Some(Money::new(100, Currency::USD)),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.request_id(), Some("cs-7f3e"), "{error}");
}

#[tokio::test]
async fn a_server_error_is_classified_by_the_providers_idempotency_rule() {
    // PayPal stores nothing under the key for a 5xx: nothing moved, resend.
    let server = serving(503, &json!({})).await;
    let error = paypal_at(&server)
        .refund(&request(
            Provider::PayPal,
            Target::Capture("1DL556911D1752055".into()),
            None,
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.outcome()),
        (&ErrorKind::Transient, Outcome::NotApplied)
    );
    assert!(error.is_retryable());
    assert!(paypal::RULES.resends_server_errors());

    // CyberSource has no keys: the refund may have been made.
    let server = serving(503, &json!({})).await;
    let error = cybersource_at(&server)
        .refund(&request(
            Provider::CyberSource,
            Target::Payment("6461731521426399003473".into()),
            Some(Money::new(100, Currency::USD)),
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (error.kind(), error.outcome()),
        (&ErrorKind::OutcomeUnknown, Outcome::Unknown)
    );
    assert!(!error.is_retryable());
    assert!(!cybersource::RULES.resends_server_errors());
}
