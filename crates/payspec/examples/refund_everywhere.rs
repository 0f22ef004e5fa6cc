//! Refunds through every provider, and the fake, with the same application code, against
//! local mock servers that answer as each provider documents. No credentials, no network:
//!
//! ```sh
//! cargo run -p payspec --example refund_everywhere
//! ```

use payspec::fake::FakeProvider;
use payspec::providers::{
    adyen::Adyen, cybersource::CyberSource, gr4vy::Gr4vy, maverick::Maverick, paypal::PayPal,
    stripe::Stripe,
};
use payspec::runtime::{Runtime, Secret};
use payspec::{Currency, IdempotencyKey, Money, Payspec, Provider, RefundRequest, Target};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A demo P-521 key (the runtime's test fixture), so Gr4vy requests are really signed.
const DEMO_GR4VY_KEY: &str =
    include_str!("../../payspec-runtime/tests/fixtures/gr4vy-test-key.pem");

async fn mock(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// The application code: the same for every provider.
async fn refund(
    payspec: &Payspec,
    provider: Provider,
    target: Target,
    amount: Option<Money>,
    key: &str,
) -> bool {
    let request = RefundRequest::new(
        provider,
        target,
        amount,
        IdempotencyKey::new(key).expect("a valid key"),
    );
    match payspec.refund(&request).await {
        Ok(refund) => {
            println!(
                "{:<12} refund {:<40} {:<10?} (provider says {:?}), amount {}",
                refund.provider.to_string(),
                refund.id.as_deref().unwrap_or("-"),
                refund.status,
                refund.raw_status,
                refund
                    .amount
                    .map_or_else(|| "the rest".to_owned(), |a| a.to_string()),
            );
            true
        }
        Err(error) => {
            println!("{:<12} failed: {error}", provider.to_string());
            false
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usd = |minor| Some(Money::new(minor, Currency::USD));

    let cybersource_server = mock(
        201,
        json!({
            "id": "6461731521426399003477", "status": "PENDING",
            "refundAmountDetails": {"refundAmount": "102.21", "currency": "USD"}
        }),
    )
    .await;
    let gr4vy_server = mock(201, json!({
        "type": "refund", "id": "8724fd24-5489-4a5d-90fd-0604df7d3b83", "transaction_id": "fe26475d-ec3e-4884-9553-f7356683f7f9",
        "status": "succeeded", "currency": "MXN", "amount": 1299, "target_type": "payment-method",
        "reconciliation_id": "4SdsR5C6c1yPAZGxhRsT1J", "transaction_reconciliation_id": "7yvHvdmkmmh0yqyw9qVjvO",
        "settled": false, "created_at": "2013-07-16T19:23:00.000+00:00", "updated_at": "2013-07-16T19:23:00.000+00:00"
    }))
    .await;
    // Gr4vy refunds carry no currency, so the adapter first reads the transaction's.
    Mock::given(wiremock::matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "type": "transaction", "id": "fe26475d-ec3e-4884-9553-f7356683f7f9",
            "reconciliation_id": "7yvHvdmkmmh0yqyw9qVjvO", "merchant_account_id": "default",
            "currency": "MXN", "amount": 1299, "status": "capture_succeeded", "authorized_amount": 1299,
            "captured_amount": 1299, "refunded_amount": 0, "settled_amount": 0, "settled": false,
            "intent": "capture", "gift_card_redemptions": [], "created_at": "2013-07-16T19:23:00.000+00:00",
            "updated_at": "2013-07-16T19:23:00.000+00:00", "disputed": false, "payment_source": "ecommerce",
            "merchant_initiated": false, "is_subsequent_payment": false, "intent_outcome": "succeeded",
            "multi_tender": false, "account_funding_transaction": false
        })))
        .with_priority(1)
        .mount(&gr4vy_server)
        .await;
    let paypal_server = mock(
        201,
        json!({"id": "74C09851BT735224L", "status": "COMPLETED"}),
    )
    .await;
    // PayPal's OAuth2 token endpoint, the spec's `/v1/oauth2/token` on the same server.
    Mock::given(wiremock::matchers::path("/v1/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "demo-access-token", "expires_in": 32400})),
        )
        .with_priority(1)
        .mount(&paypal_server)
        .await;
    let maverick_server = mock(200, json!({
        "id": 883, "amount": "1.99", "type": "Return", "parent": {"id": 882}, "status": {"status": "Approved"}
    }))
    .await;
    let stripe_server = mock(200, json!({
        "id": "re_3PqG2aLkdIwHu7ix0x4rW1Sb", "object": "refund", "amount": 1500, "currency": "eur",
        "created": 1722600000, "payment_intent": "pi_3PqG1rLkdIwHu7ix1cX9kL2p", "status": "succeeded",
        "reason": "requested_by_customer", "metadata": {}
    }))
    .await;
    // Adyen answers `received`: the outcome arrives later, by notification.
    let adyen_server = mock(201, json!({
        "merchantAccount": "AcmeShopECOM", "paymentPspReference": "993617894903480A",
        "pspReference": "993617894906488C", "reference": "order-7-refund-1", "status": "received",
        "amount": {"currency": "EUR", "value": 2500}
    }))
    .await;

    // Start-up: each provider's client with its own authentication, all behind one `Payspec`.
    let cybersource_credentials = payspec::clients::cybersource::Credentials::http_signature(
        "demo-merchant",
        "demo-key",
        Secret::new("ZGVtbyBzaGFyZWQgc2VjcmV0"),
    )?;
    let gr4vy_credentials = payspec::clients::gr4vy::Credentials::bearer_auth(
        &Secret::new(DEMO_GR4VY_KEY),
        "demo-merchant",
    )?;
    let payspec = Payspec::new()
        .with(CyberSource::new(
            payspec::clients::cybersource::Client::new(
                &cybersource_server.uri(),
                Runtime::new(cybersource_credentials),
            ),
        ))
        .with(Gr4vy::new(payspec::clients::gr4vy::Client::new(
            &gr4vy_server.uri(),
            Runtime::new(gr4vy_credentials),
        )))
        .with(PayPal::new(payspec::clients::paypal::Client::new(
            &paypal_server.uri(),
            Runtime::new(payspec::clients::paypal::Credentials::oauth2(
                "demo-client",
                Secret::new("demo-client-secret"),
            )),
        )))
        .with(Maverick::new(
            payspec::clients::maverick::Client::new(
                &maverick_server.uri(),
                Runtime::new(payspec::clients::maverick::Credentials::bearer_auth(
                    Secret::new("demo-api-key"),
                )),
            ),
            24,
            Currency::USD,
        ))
        .with(Stripe::new(payspec::clients::stripe::Client::new(
            &stripe_server.uri(),
            Runtime::new(payspec::clients::stripe::Credentials::bearer_auth(
                Secret::new("sk_test_demo"),
            )),
        )))
        .with(Adyen::new(
            payspec::clients::adyen::Client::new(
                &adyen_server.uri(),
                Runtime::new(payspec::clients::adyen::Credentials::api_key_auth(
                    Secret::new("demo-api-key"),
                )),
            ),
            "AcmeShopECOM",
        ))
        .with(FakeProvider::new());

    let mut ok = refund(
        &payspec,
        Provider::CyberSource,
        Target::Payment("6461731521426399003473".into()),
        usd(10221),
        "order-1-refund-1",
    )
    .await;
    let mxn = Some(Money::new(1299, Currency::MXN));
    ok &= refund(
        &payspec,
        Provider::Gr4vy,
        Target::Payment("fe26475d-ec3e-4884-9553-f7356683f7f9".into()),
        mxn,
        "order-2-refund-1",
    )
    .await;
    ok &= refund(
        &payspec,
        Provider::PayPal,
        Target::Capture("1DL556911D1752055".into()),
        None,
        "order-3-refund-1",
    )
    .await;
    ok &= refund(
        &payspec,
        Provider::Maverick,
        Target::Payment("882".into()),
        usd(199),
        "order-4-refund-1",
    )
    .await;
    let eur = |minor| Some(Money::new(minor, Currency::EUR));
    ok &= refund(
        &payspec,
        Provider::Stripe,
        Target::Id("pi_3PqG1rLkdIwHu7ix1cX9kL2p".into()),
        eur(1500),
        "order-6-refund-1",
    )
    .await;
    ok &= refund(
        &payspec,
        Provider::Adyen,
        Target::Payment("993617894903480A".into()),
        eur(2500),
        "order-7-refund-1",
    )
    .await;
    // The fake declines this one by design.
    ok &= !refund(
        &payspec,
        Provider::Fake,
        Target::Payment("fake_declined_window".into()),
        usd(500),
        "order-5-refund-1",
    )
    .await;
    if !ok {
        return Err("a refund did not end as this example expects".into());
    }
    Ok(())
}
