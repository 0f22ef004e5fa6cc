//! Answers a refund cannot be read from are never reported as "nothing was applied": an
//! undocumented success, a success without an id or status, an echo that cannot be parsed, or a
//! missing echo. And money a provider cannot carry is refused before anything is sent.

use payspec::providers::{cybersource::CyberSource, maverick::Maverick, paypal::PayPal};
use payspec::{Currency, ErrorKind, Money, Outcome, Provider, RefundProvider, Target};
use payspec_tests::test_runtime;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{refund_with, request, serving};

fn paypal(server: &MockServer) -> PayPal {
    PayPal::new(payspec::clients::paypal::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn maverick(server: &MockServer) -> Maverick {
    Maverick::new(
        payspec::clients::maverick::Client::new(&server.uri(), test_runtime()),
        24,
        Currency::USD,
    )
}

fn capture() -> Target {
    Target::Capture("1DL556911D1752055".into())
}

async fn paypal_refund(server: &MockServer) -> payspec::Error {
    let amount = Some(Money::new(1000, Currency::USD));
    refund_with(
        &paypal(server),
        &request(Provider::PayPal, capture(), amount),
    )
    .await
    .expect_err("not a readable refund")
}

#[tokio::test]
async fn an_undocumented_success_is_an_unknown_outcome() {
    for answer in [
        ResponseTemplate::new(204),
        ResponseTemplate::new(200).set_body_string("<html>ok</html>"),
        ResponseTemplate::new(202).set_body_json(json!({"id": "R1", "status": "COMPLETED"})),
    ] {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(answer)
            .mount(&server)
            .await;
        let error = paypal_refund(&server).await;
        assert_eq!(error.outcome(), Outcome::Unknown, "{error}");
    }
}

#[tokio::test]
async fn a_success_without_id_or_status_is_not_a_refund() {
    for body in [json!({}), json!({"name": "INTERNAL", "message": "oops"})] {
        let server = serving(201, &body).await;
        let error = paypal_refund(&server).await;
        assert_eq!(error.kind(), &ErrorKind::OutcomeUnknown, "{error}");
    }
}

#[tokio::test]
async fn an_echo_that_cannot_be_read_is_an_unknown_outcome() {
    for value in ["10.001", "92233720368547758.08"] {
        let body = json!({"id": "R1", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": value}});
        let server = serving(201, &body).await;
        let error = paypal_refund(&server).await;
        assert_eq!(error.kind(), &ErrorKind::OutcomeUnknown, "{value}: {error}");
    }
}

#[tokio::test]
async fn a_missing_echo_of_a_requested_amount_is_an_integrity_error() {
    let server = serving(
        201,
        &json!({"id": "R1", "status": "COMPLETED", "amount": null}),
    )
    .await;
    let error = paypal_refund(&server).await;
    assert_eq!(error.kind(), &ErrorKind::Integrity, "{error}");
    assert_eq!(error.outcome(), Outcome::Applied);
    assert_eq!(error.refund_id(), Some("R1"));
}

#[tokio::test]
async fn money_without_a_minor_unit_is_refused_before_sending() {
    let server = serving(201, &json!({})).await;
    let cybersource = CyberSource::new(payspec::clients::cybersource::Client::new(
        &server.uri(),
        test_runtime(),
    ));
    let gold = Some(Money::new(100, Currency::XAU));
    let target = Target::Payment("6461731521426399003473".into());
    let error = refund_with(&cybersource, &request(Provider::CyberSource, target, gold))
        .await
        .expect_err("XAU has no minor unit");
    assert_eq!(error.outcome(), Outcome::NotSent, "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn ids_that_are_not_maverick_ids_are_refused_before_sending() {
    let server = serving(200, &json!({})).await;
    for id in ["+5", "0", "-1", "9223372036854775808", "5\u{7}"] {
        let target = Target::Payment(id.into());
        let error = refund_with(
            &maverick(&server),
            &request(Provider::Maverick, target, None),
        )
        .await
        .expect_err(id);
        assert_eq!(error.outcome(), Outcome::NotSent, "{id}: {error}");
        assert!(!error.message().contains('\u{7}'), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_reason_a_provider_cannot_carry_is_refused_not_dropped() {
    let server = serving(200, &json!({})).await;
    let mut refund = request(Provider::Maverick, Target::Payment("882".into()), None);
    refund.reason = Some(payspec::RefundReason::RequestedByCustomer);
    let error = maverick(&server).refund(&refund).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Unsupported);
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// CyberSource documents its lookup's 404 without a body: an unknown refund is `NotFound`,
/// whether the body is empty or absent.
#[tokio::test]
async fn a_bodyless_404_lookup_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let cybersource = CyberSource::new(payspec::clients::cybersource::Client::new(
        &server.uri(),
        test_runtime(),
    ));
    let error = cybersource
        .get_refund("6461731521426399003477")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::NotFound, "{error}");
}

/// Where the provider reports them, a refund carries its settlement reconciliation id and what it
/// cost the merchant after fees.
#[tokio::test]
async fn refunds_carry_the_reconciliation_id_and_the_net_amount() {
    let (_, example) =
        payspec_tests::SpecExamples::load("paypal").success_example("refundCapturedPayment");
    let server = serving(201, &example).await;
    let amount = Some(Money::new(1000, Currency::USD));
    let refund = refund_with(
        &paypal(&server),
        &request(Provider::PayPal, capture(), amount),
    )
    .await
    .unwrap();
    assert_eq!(refund.net_amount, Some(Money::new(970, Currency::USD)));

    let (_, example) =
        payspec_tests::SpecExamples::load("cybersource").success_example("refundPayment");
    let server = serving(201, &example).await;
    let cybersource = CyberSource::new(payspec::clients::cybersource::Client::new(
        &server.uri(),
        test_runtime(),
    ));
    let target = Target::Payment("6461731521426399003473".into());
    let amount = Some(Money::new(10221, Currency::USD));
    let refund = refund_with(
        &cybersource,
        &request(Provider::CyberSource, target, amount),
    )
    .await
    .unwrap();
    assert_eq!(
        refund.reconciliation_id.as_deref(),
        example["reconciliationId"].as_str()
    );
    assert!(refund.reconciliation_id.is_some());
}
