use payspec::providers::maverick::Maverick;
use payspec::{Currency, DeclineReason, ErrorKind, Money, RefundProvider, RefundStatus, Target};
use payspec_tests::{SpecExamples, test_runtime};
use serde_json::json;

use super::{assert_kind, refund_with, request, sent_body, serving};

fn provider(server: &wiremock::MockServer) -> Maverick {
    Maverick::new(
        payspec::clients::maverick::Client::new(&server.uri(), test_runtime()),
        24,
        Currency::USD,
    )
}

fn payment() -> Target {
    Target::Payment("882".into())
}

#[tokio::test]
async fn every_documented_status_maps() {
    let (_, example) = SpecExamples::load("maverick").success_example("refundPayment");
    for (raw, expected) in [
        ("Approved", RefundStatus::Succeeded),
        ("InProgress", RefundStatus::Pending),
        ("Error", RefundStatus::Failed),
        ("Decline", RefundStatus::Failed),
        ("Settled", RefundStatus::Pending),
    ] {
        let mut body = example.clone();
        body["status"]["status"] = json!(raw);
        let server = serving(200, &body).await;
        let refund = refund_with(
            &provider(&server),
            &request(
                payspec::Provider::Maverick,
                payment(),
                Some(Money::new(199, Currency::USD)),
            ),
        )
        .await
        .unwrap();
        assert_eq!((refund.status, refund.raw_status.as_str()), (expected, raw));
        assert_eq!(refund.id.as_deref(), Some("883"));
    }
}

#[tokio::test]
async fn error_statuses_map_by_status_and_a_5xx_refund_has_an_unknown_outcome() {
    for (status, expected) in [
        (400, ErrorKind::InvalidInput),
        (401, ErrorKind::Authentication),
        (404, ErrorKind::NotFound),
        (422, ErrorKind::InvalidInput),
        (500, ErrorKind::OutcomeUnknown),
        (503, ErrorKind::OutcomeUnknown),
    ] {
        let server = serving(status, &json!({"message": "rejected"})).await;
        let error = assert_kind(
            refund_with(
                &provider(&server),
                &request(payspec::Provider::Maverick, payment(), None),
            )
            .await,
            &expected,
            &status.to_string(),
        );
        let message = if status >= 500 {
            format!(
                "maverick refund_payment was answered HTTP {status}; it may have been applied, so find out before sending it again"
            )
        } else {
            "rejected".to_owned()
        };
        assert_eq!(error.message(), message);
    }
}

#[tokio::test]
async fn partial_and_full_refund_payloads() {
    let (_, example) = SpecExamples::load("maverick").success_example("refundPayment");
    let server = serving(200, &example).await;
    refund_with(
        &provider(&server),
        &request(
            payspec::Provider::Maverick,
            payment(),
            Some(Money::new(199, Currency::USD)),
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        sent_body(&server).await,
        json!({"terminal": {"id": 24}, "amount": "1.99", "externalId": "refund-order-1234"})
    );

    let server = serving(200, &example).await;
    refund_with(
        &provider(&server),
        &request(payspec::Provider::Maverick, payment(), None),
    )
    .await
    .unwrap();
    assert_eq!(
        sent_body(&server).await,
        json!({"terminal": {"id": 24}, "externalId": "refund-order-1234"})
    );
}

#[tokio::test]
async fn invalid_requests_are_refused_before_sending() {
    let server = serving(200, &json!({})).await;
    let wrong_currency = request(
        payspec::Provider::Maverick,
        payment(),
        Some(Money::new(199, Currency::EUR)),
    );
    assert_kind(
        refund_with(&provider(&server), &wrong_currency).await,
        &ErrorKind::Declined(DeclineReason::CurrencyMismatch),
        "EUR",
    );
    let not_an_id = request(
        payspec::Provider::Maverick,
        Target::Payment("abc".into()),
        None,
    );
    assert_kind(
        refund_with(&provider(&server), &not_an_id).await,
        &ErrorKind::InvalidInput,
        "id",
    );
    let zero = request(
        payspec::Provider::Maverick,
        payment(),
        Some(Money::new(0, Currency::USD)),
    );
    assert_kind(
        refund_with(&provider(&server), &zero).await,
        &ErrorKind::InvalidInput,
        "zero",
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_echoed_amount_that_differs_is_an_integrity_error() {
    let (_, example) = SpecExamples::load("maverick").success_example("refundPayment");
    let server = serving(200, &example).await;
    let error = refund_with(
        &provider(&server),
        &request(
            payspec::Provider::Maverick,
            payment(),
            Some(Money::new(200, Currency::USD)),
        ),
    )
    .await;
    assert_kind(error, &ErrorKind::Integrity, "1.99 vs 2.00");
}

#[tokio::test]
async fn lookup_maps_the_documented_example() {
    let (status, example) = SpecExamples::load("maverick").success_example("getPayment");
    let server = serving(status, &example).await;
    let refund = provider(&server).get_refund("883").await.unwrap();
    assert_eq!(refund.status, RefundStatus::Succeeded);
    assert_eq!(refund.amount, Some(Money::new(199, Currency::USD)));
}
