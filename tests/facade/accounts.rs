//! Several accounts of one provider side by side: each request goes to the account it names,
//! and refunds and errors say which account and provider they came from.

use payspec::providers::paypal::PayPal;
use payspec::{Account, Currency, ErrorKind, Money, Outcome, Payspec, Provider, Target};
use payspec_tests::test_runtime;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{request, serving};

fn paypal(server: &MockServer) -> PayPal {
    PayPal::new(payspec::clients::paypal::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn capture() -> Target {
    Target::Capture("1DL556911D1752055".into())
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn two_accounts_of_one_provider_are_routed_by_name() {
    let us = serving(201, &json!({"id": "US-1", "status": "COMPLETED"})).await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "US-1", "status": "COMPLETED"})),
        )
        .with_priority(1)
        .mount(&us)
        .await;
    let eu = serving(
        422,
        &json!({"name": "UNPROCESSABLE_ENTITY", "message": "declined", "debug_id": "eu-debug",
                "details": [{"issue": "CAPTURE_FULLY_REFUNDED"}]}),
    )
    .await;
    let payspec = Payspec::new()
        .with_account("paypal-us", paypal(&us))
        .with_account("paypal-eu", paypal(&eu));
    assert_eq!(
        payspec.accounts().collect::<Vec<_>>(),
        [
            (&Account::from("paypal-us"), Provider::PayPal),
            (&Account::from("paypal-eu"), Provider::PayPal)
        ]
    );

    let refund = payspec
        .refund(&request("paypal-us", capture(), None))
        .await
        .unwrap();
    assert_eq!(refund.id.as_deref(), Some("US-1"));
    assert_eq!(refund.account.as_str(), "paypal-us");
    assert_eq!(refund.provider, Provider::PayPal);
    assert_eq!((received(&us).await, received(&eu).await), (1, 0));

    let error = payspec
        .refund(&request("paypal-eu", capture(), None))
        .await
        .unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Declined(_)), "{error}");
    assert_eq!(error.account().map(Account::as_str), Some("paypal-eu"));
    assert_eq!(error.provider(), Some(Provider::PayPal));
    assert!(
        error.to_string().starts_with("paypal-eu (paypal): "),
        "{error}"
    );
    assert_eq!((received(&us).await, received(&eu).await), (1, 1));

    let looked_up = payspec.get_refund("paypal-us", "US-1").await.unwrap();
    assert_eq!(looked_up.account.as_str(), "paypal-us");
    assert_eq!((received(&us).await, received(&eu).await), (2, 1));
}

#[tokio::test]
async fn an_unknown_account_is_refused_before_sending() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED"})).await;
    let payspec = Payspec::new().with_account("paypal-us", paypal(&server));
    for account in ["paypal", "paypal-jp"] {
        let error = payspec
            .refund(&request(account, capture(), None))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), &ErrorKind::Unsupported, "{error}");
        assert_eq!(error.outcome(), Outcome::NotSent);
        assert_eq!(error.account().map(Account::as_str), Some(account));
    }
    assert_eq!(received(&server).await, 0);
}

#[tokio::test]
async fn an_unnamed_adapter_is_the_account_named_after_its_provider() {
    let first = serving(201, &json!({"id": "R1", "status": "COMPLETED"})).await;
    let second = serving(201, &json!({"id": "R2", "status": "COMPLETED"})).await;
    // Adding an account of the same name replaces it.
    let payspec = Payspec::new().with(paypal(&first)).with(paypal(&second));
    let refund = payspec
        .refund(&request(Provider::PayPal, capture(), None))
        .await
        .unwrap();
    assert_eq!(refund.account, Account::from(Provider::PayPal));
    assert_eq!(refund.account.as_str(), "paypal");
    assert_eq!((received(&first).await, received(&second).await), (0, 1));
    // The same account by its name; the echo lacks the amount, which the error says.
    let error = payspec
        .refund(&request(
            "paypal",
            capture(),
            Some(Money::new(1, Currency::USD)),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Integrity, "{error}");
    assert_eq!(error.refund_id(), Some("R2"));
    assert_eq!(received(&second).await, 2);
}
