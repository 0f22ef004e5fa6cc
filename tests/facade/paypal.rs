use payspec::providers::paypal::PayPal;
use payspec::{Currency, DeclineReason, ErrorKind, Money, RefundStatus, Target};
use payspec_tests::{SpecExamples, test_runtime};
use serde_json::json;

use super::{assert_kind, refund_with, request, sent_body, serving};

fn provider(server: &wiremock::MockServer) -> PayPal {
    PayPal::new(payspec::clients::paypal::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn capture() -> Target {
    Target::Capture("1DL556911D1752055".into())
}

#[tokio::test]
async fn every_documented_status_maps() {
    for (raw, expected) in [
        ("COMPLETED", RefundStatus::Succeeded),
        ("PENDING", RefundStatus::Pending),
        ("FAILED", RefundStatus::Failed),
        ("CANCELLED", RefundStatus::Cancelled),
        ("PARTIALLY_REVERSED", RefundStatus::Pending),
    ] {
        let server = serving(201, &json!({"id": "R1", "status": raw, "amount": {"currency_code": "USD", "value": "10.00"}})).await;
        let refund = refund_with(
            &provider(&server),
            &request(
                payspec::Provider::PayPal,
                capture(),
                Some(Money::new(1000, Currency::USD)),
            ),
        )
        .await
        .unwrap();
        assert_eq!((refund.status, refund.raw_status.as_str()), (expected, raw));
        assert!(!refund.replayed);
    }
}

#[tokio::test]
async fn a_replayed_request_is_reported() {
    let server = serving(200, &json!({"id": "R1", "status": "COMPLETED"})).await;
    let refund = refund_with(
        &provider(&server),
        &request(payspec::Provider::PayPal, capture(), None),
    )
    .await
    .unwrap();
    assert!(refund.replayed);
}

#[tokio::test]
async fn every_documented_error_body_maps() {
    let spec = SpecExamples::load("paypal");
    for (status, example) in spec
        .response_examples("refundCapturedPayment")
        .into_iter()
        .filter(|(s, _)| *s >= 400)
    {
        let expected = match status {
            400 => ErrorKind::InvalidInput,
            401 | 403 => ErrorKind::Authentication,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::Declined(DeclineReason::ExceedsRefundableAmount),
            500 => ErrorKind::Transient,
            other => panic!("undocumented status {other}"),
        };
        let server = serving(status, &example).await;
        let error = assert_kind(
            refund_with(
                &provider(&server),
                &request(payspec::Provider::PayPal, capture(), None),
            )
            .await,
            &expected,
            &status.to_string(),
        );
        assert_eq!(error.request_id(), example["debug_id"].as_str());
    }
}

#[tokio::test]
async fn every_documented_decline_issue_maps() {
    for (issue, expected) in [
        (
            "REFUND_AMOUNT_EXCEEDED",
            ErrorKind::Declined(DeclineReason::ExceedsRefundableAmount),
        ),
        (
            "CAPTURE_FULLY_REFUNDED",
            ErrorKind::Declined(DeclineReason::AlreadyFullyRefunded),
        ),
        (
            "REFUND_TIME_LIMIT_EXCEEDED",
            ErrorKind::Declined(DeclineReason::RefundWindowExpired),
        ),
        (
            "PENDING_CAPTURE",
            ErrorKind::Declined(DeclineReason::NotCaptured),
        ),
        (
            "TRANSACTION_DISPUTED",
            ErrorKind::Declined(DeclineReason::Disputed),
        ),
        (
            "REFUND_CAPTURE_CURRENCY_MISMATCH",
            ErrorKind::Declined(DeclineReason::CurrencyMismatch),
        ),
        (
            "PARTIAL_REFUND_NOT_ALLOWED",
            ErrorKind::Declined(DeclineReason::Other),
        ),
        (
            "MAX_NUMBER_OF_REFUNDS_EXCEEDED",
            ErrorKind::Declined(DeclineReason::Other),
        ),
        ("DECIMAL_PRECISION", ErrorKind::InvalidInput),
        ("DECIMALS_NOT_SUPPORTED", ErrorKind::InvalidInput),
    ] {
        let body = json!({"name": "UNPROCESSABLE_ENTITY", "message": "no", "debug_id": "d42", "details": [{"issue": issue}]});
        let server = serving(422, &body).await;
        let error = assert_kind(
            refund_with(
                &provider(&server),
                &request(payspec::Provider::PayPal, capture(), None),
            )
            .await,
            &expected,
            issue,
        );
        assert_eq!(error.code(), Some(issue));
    }
}

#[tokio::test]
async fn partial_and_full_refund_payloads() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "10.05"}})).await;
    let mut partial = request(
        payspec::Provider::PayPal,
        capture(),
        Some(Money::new(1005, Currency::USD)),
    );
    partial.note_to_payer = Some("Defective product".into());
    partial.merchant_reference = Some("INV-1".into());
    refund_with(&provider(&server), &partial).await.unwrap();
    assert_eq!(
        sent_body(&server).await,
        json!({"amount": {"currency_code": "USD", "value": "10.05"}, "note_to_payer": "Defective product", "invoice_id": "INV-1"})
    );

    let server = serving(201, &json!({"id": "R2", "status": "COMPLETED"})).await;
    refund_with(
        &provider(&server),
        &request(payspec::Provider::PayPal, capture(), None),
    )
    .await
    .unwrap();
    assert_eq!(sent_body(&server).await, json!({}));
}

#[tokio::test]
async fn fields_paypal_refuses_are_refused_before_sending_naming_the_field() {
    let server = serving(201, &json!({})).await;
    let long_note = "n".repeat(256);
    let long_invoice = "i".repeat(128);
    for (field, note, invoice, why) in [
        (
            "note_to_payer",
            long_note.as_str(),
            "INV-1",
            "longer than 255",
        ),
        (
            "invoice_id",
            "Sorry",
            long_invoice.as_str(),
            "longer than 127",
        ),
        ("note_to_payer", "", "INV-1", "shorter than 1"),
    ] {
        let mut refused = request(
            payspec::Provider::PayPal,
            capture(),
            Some(Money::new(1000, Currency::USD)),
        );
        refused.note_to_payer = Some(note.into());
        refused.merchant_reference = Some(invoice.into());
        let error = assert_kind(
            refund_with(&provider(&server), &refused).await,
            &ErrorKind::InvalidInput,
            field,
        );
        assert_eq!(error.outcome(), payspec::Outcome::NotSent, "{field}");
        let message = error.to_string();
        assert!(
            message.contains(&format!("`{field}`")) && message.contains(why),
            "{field}: {message}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn whole_number_currencies_follow_paypal_and_never_round() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED", "amount": {"currency_code": "HUF", "value": "1500"}})).await;
    refund_with(
        &provider(&server),
        &request(
            payspec::Provider::PayPal,
            capture(),
            Some(Money::new(150_000, Currency::HUF)),
        ),
    )
    .await
    .unwrap();
    assert_eq!(sent_body(&server).await["amount"]["value"], "1500");

    let server = serving(201, &json!({})).await;
    let error = refund_with(
        &provider(&server),
        &request(
            payspec::Provider::PayPal,
            capture(),
            Some(Money::new(150_050, Currency::HUF)),
        ),
    )
    .await;
    assert_kind(error, &ErrorKind::InvalidInput, "1500.50 HUF");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing sent"
    );
}

#[tokio::test]
async fn an_echoed_amount_that_differs_is_an_integrity_error() {
    let server = serving(201, &json!({"id": "R1", "status": "COMPLETED", "amount": {"currency_code": "USD", "value": "100.00"}})).await;
    let error = refund_with(
        &provider(&server),
        &request(
            payspec::Provider::PayPal,
            capture(),
            Some(Money::new(1000, Currency::USD)),
        ),
    )
    .await;
    let error = assert_kind(error, &ErrorKind::Integrity, "echo");
    assert_eq!(error.refund_id(), Some("R1"));
}

#[tokio::test]
async fn payments_are_not_refundable_by_id() {
    let server = serving(201, &json!({})).await;
    let error = refund_with(
        &provider(&server),
        &request(
            payspec::Provider::PayPal,
            Target::Payment("P1".into()),
            None,
        ),
    )
    .await;
    assert_kind(error, &ErrorKind::Unsupported, "payment target");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn lookup_maps_the_documented_example() {
    let spec = SpecExamples::load("paypal");
    let (status, example) = spec.success_example("getRefund");
    let server = serving(status, &example).await;
    let refund = payspec::RefundProvider::get_refund(&provider(&server), "74C09851BT735224L")
        .await
        .unwrap();
    assert_eq!(refund.status, RefundStatus::Pending);
    assert_eq!(refund.amount, Some(Money::new(5000, Currency::USD)));
}
