use payspec::providers::gr4vy::Gr4vy;
use payspec::{Currency, DeclineReason, ErrorKind, Money, RefundProvider, RefundStatus, Target};
use payspec_tests::{SpecExamples, test_runtime};
use serde_json::{Value, json};

use super::{assert_kind, refund_with, request, sent_body};

/// Serves the documented transaction (in MXN) to the currency check, and `body` with `status`
/// to everything else.
async fn serving(status: u16, body: &Value) -> wiremock::MockServer {
    use wiremock::matchers::{method, path_regex};
    use wiremock::{Mock, ResponseTemplate};
    let (_, mut transaction) = SpecExamples::load("gr4vy").success_example("getTransaction");
    transaction["currency"] = json!("MXN");
    let server = super::serving(status, body).await;
    Mock::given(method("GET"))
        .and(path_regex("^/transactions/[^/]+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction))
        .with_priority(1)
        .mount(&server)
        .await;
    server
}

fn provider(server: &wiremock::MockServer) -> Gr4vy {
    Gr4vy::new(payspec::clients::gr4vy::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn transaction() -> Target {
    Target::Payment("fe26475d-ec3e-4884-9553-f7356683f7f9".into())
}

fn refund_body(status: &str, amount: i64, currency: &str) -> Value {
    let mut body = SpecExamples::load("gr4vy")
        .success_example("refundTransaction")
        .1;
    body["status"] = json!(status);
    body["amount"] = json!(amount);
    body["currency"] = json!(currency);
    body
}

#[tokio::test]
async fn every_documented_status_maps() {
    for (raw, expected) in [
        ("processing", RefundStatus::Pending),
        ("succeeded", RefundStatus::Succeeded),
        ("declined", RefundStatus::Failed),
        ("failed", RefundStatus::Failed),
        ("voided", RefundStatus::Cancelled),
        ("reversed", RefundStatus::Pending),
    ] {
        let server = serving(201, &refund_body(raw, 1299, "MXN")).await;
        let refund = refund_with(
            &provider(&server),
            &request(
                payspec::Provider::Gr4vy,
                transaction(),
                Some(Money::new(1299, Currency::MXN)),
            ),
        )
        .await
        .unwrap();
        assert_eq!((refund.status, refund.raw_status.as_str()), (expected, raw));
        assert_eq!(
            refund.id.as_deref(),
            Some("8724fd24-5489-4a5d-90fd-0604df7d3b83")
        );
    }
}

#[tokio::test]
async fn every_documented_error_body_maps() {
    let spec = SpecExamples::load("gr4vy");
    for (status, example) in spec
        .response_examples("refundTransaction")
        .into_iter()
        .filter(|(s, _)| *s >= 400)
    {
        let expected = match status {
            400 | 405 => ErrorKind::InvalidInput,
            401 | 403 => ErrorKind::Authentication,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Duplicate,
            425 => ErrorKind::Conflict,
            422 => ErrorKind::Declined(DeclineReason::Other),
            429 => ErrorKind::RateLimited,
            500 | 502 | 504 => ErrorKind::Transient,
            other => panic!("undocumented status {other}"),
        };
        let server = serving(status, &example).await;
        let error = assert_kind(
            refund_with(
                &provider(&server),
                &request(payspec::Provider::Gr4vy, transaction(), None),
            )
            .await,
            &expected,
            &status.to_string(),
        );
        assert_eq!(error.code(), example["code"].as_str());
        // A duplicate names the refund that already exists.
        assert_eq!(error.refund_id(), example["resource_id"].as_str());
    }
}

/// Resolving a request Gr4vy calls a duplicate looks up the refund it names.
#[tokio::test]
async fn resolving_a_duplicate_returns_the_existing_refund() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};
    let spec = SpecExamples::load("gr4vy");
    let (_, duplicate) = spec
        .response_examples("refundTransaction")
        .into_iter()
        .find(|(status, _)| *status == 409)
        .expect("a documented 409");
    let existing = refund_body("succeeded", 1299, "MXN");
    let server = serving(409, &duplicate).await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/refunds/{}",
            duplicate["resource_id"].as_str().unwrap()
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(&existing))
        .with_priority(1)
        .mount(&server)
        .await;
    let resolution = provider(&server)
        .resolve(&request(
            payspec::Provider::Gr4vy,
            transaction(),
            Some(Money::new(1299, Currency::MXN)),
        ))
        .await
        .unwrap();
    let payspec::Resolution::Made(refund) = resolution else {
        panic!("expected the existing refund, got {resolution:?}");
    };
    assert_eq!(refund.id.as_deref(), existing["id"].as_str());
}

#[tokio::test]
async fn partial_and_full_refund_payloads() {
    let server = serving(201, &refund_body("processing", 1299, "MXN")).await;
    let mut partial = request(
        payspec::Provider::Gr4vy,
        transaction(),
        Some(Money::new(1299, Currency::MXN)),
    );
    partial.reason = Some(payspec::RefundReason::Other(
        "Customer returned the item".into(),
    ));
    partial.merchant_reference = Some("refund-order-1234".into());
    refund_with(&provider(&server), &partial).await.unwrap();
    assert_eq!(
        sent_body(&server).await,
        json!({"amount": 1299, "reason": "Customer returned the item", "external_identifier": "refund-order-1234"})
    );
    let requests = server.received_requests().await.unwrap();
    let write = requests
        .iter()
        .find(|r| r.method.as_str() == "POST")
        .unwrap();
    assert_eq!(
        write.headers.get("idempotency-key").unwrap(),
        "refund-order-1234"
    );

    let server = serving(201, &refund_body("processing", 5000, "MXN")).await;
    refund_with(
        &provider(&server),
        &request(payspec::Provider::Gr4vy, transaction(), None),
    )
    .await
    .unwrap();
    assert_eq!(sent_body(&server).await, json!({}));
}

#[tokio::test]
async fn a_refund_in_another_currency_than_the_transaction_is_refused_before_sending() {
    let server = serving(201, &refund_body("processing", 1234, "MXN")).await;
    let error = assert_kind(
        refund_with(
            &provider(&server),
            &request(
                payspec::Provider::Gr4vy,
                transaction(),
                Some(Money::new(1234, Currency::KWD)),
            ),
        )
        .await,
        &ErrorKind::Declined(DeclineReason::CurrencyMismatch),
        "KWD refund of an MXN transaction",
    );
    assert_eq!(error.outcome(), payspec::Outcome::NotSent);
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests.iter().all(|r| r.method.as_str() == "GET"),
        "nothing was written"
    );
}

#[tokio::test]
async fn amounts_beyond_the_documented_maximum_are_refused_before_sending() {
    let server = serving(201, &json!({})).await;
    let error = refund_with(
        &provider(&server),
        &request(
            payspec::Provider::Gr4vy,
            transaction(),
            Some(Money::new(100_000_000, Currency::USD)),
        ),
    )
    .await;
    assert_kind(error, &ErrorKind::InvalidInput, "over the maximum");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_echoed_currency_that_differs_is_an_integrity_error() {
    let server = serving(201, &refund_body("processing", 1299, "USD")).await;
    let error = refund_with(
        &provider(&server),
        &request(
            payspec::Provider::Gr4vy,
            transaction(),
            Some(Money::new(1299, Currency::MXN)),
        ),
    )
    .await;
    assert_kind(error, &ErrorKind::Integrity, "currency echo");
}

#[tokio::test]
async fn lookup_maps_the_documented_example() {
    let (status, example) = SpecExamples::load("gr4vy").success_example("getRefund");
    let server = serving(status, &example).await;
    let refund = provider(&server)
        .get_refund("8724fd24-5489-4a5d-90fd-0604df7d3b83")
        .await
        .unwrap();
    assert_eq!(refund.status, RefundStatus::Succeeded);
    assert_eq!(refund.amount, Some(Money::new(1299, Currency::MXN)));
}
