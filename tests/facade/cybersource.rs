use payspec::providers::cybersource::CyberSource;
use payspec::{Currency, DeclineReason, ErrorKind, Money, RefundProvider, RefundStatus, Target};
use payspec_tests::{SpecExamples, test_runtime};
use serde_json::json;

use super::{assert_kind, refund_with, request, sent_body, serving};

fn provider(server: &wiremock::MockServer) -> CyberSource {
    CyberSource::new(payspec::clients::cybersource::Client::new(
        &server.uri(),
        test_runtime(),
    ))
}

fn payment() -> Target {
    Target::Payment("6461731521426399003473".into())
}

fn usd(minor: i64) -> Option<Money> {
    Some(Money::new(minor, Currency::USD))
}

#[tokio::test]
async fn every_documented_refund_status_maps() {
    for (raw, expected) in [
        ("PENDING", RefundStatus::Pending),
        ("DECLINED", RefundStatus::Failed),
        ("INVALID_REQUEST", RefundStatus::Failed),
        ("REVIEW", RefundStatus::Pending),
    ] {
        let body = json!({"id": "1", "status": raw, "refundAmountDetails": {"refundAmount": "102.21", "currency": "USD"}});
        let server = serving(201, &body).await;
        let refund = refund_with(
            &provider(&server),
            &request(payspec::Provider::CyberSource, payment(), usd(10221)),
        )
        .await
        .unwrap();
        assert_eq!((refund.status, refund.raw_status.as_str()), (expected, raw));
    }
}

#[tokio::test]
async fn every_documented_lookup_status_maps() {
    for (raw, expected) in [
        ("PENDING", RefundStatus::Pending),
        ("TRANSMITTED", RefundStatus::Succeeded),
        ("DECLINED", RefundStatus::Failed),
        ("INVALID_REQUEST", RefundStatus::Failed),
        ("AUTHORIZED", RefundStatus::Pending),
    ] {
        let server = serving(
            200,
            &json!({"id": "1", "applicationInformation": {"status": raw}}),
        )
        .await;
        let refund = provider(&server).get_refund("1").await.unwrap();
        assert_eq!(refund.status, expected, "{raw}");
    }
}

#[tokio::test]
async fn every_documented_error_body_maps() {
    let spec = SpecExamples::load("cybersource");
    for (status, example) in spec
        .response_examples("refundPayment")
        .into_iter()
        .filter(|(s, _)| *s >= 400)
    {
        let expected = match status {
            400 => ErrorKind::InvalidInput,
            401 => ErrorKind::Authentication,
            502 => ErrorKind::OutcomeUnknown,
            other => panic!("undocumented status {other}"),
        };
        let server = serving(status, &example).await;
        assert_kind(
            refund_with(
                &provider(&server),
                &request(payspec::Provider::CyberSource, payment(), usd(10221)),
            )
            .await,
            &expected,
            &status.to_string(),
        );
    }
    for (status, reason, expected) in [
        (400, "DUPLICATE_REQUEST", ErrorKind::Duplicate),
        (400, "NOT_SUPPORTED", ErrorKind::Unsupported),
        (
            400,
            "CAPTURE_ALREADY_VOIDED",
            ErrorKind::Declined(DeclineReason::Other),
        ),
        (
            400,
            "INVALID_AMOUNT",
            ErrorKind::Declined(DeclineReason::Other),
        ),
        (400, "MISSING_FIELD", ErrorKind::InvalidInput),
        // Without idempotency keys, any 5xx to a refund may have been applied, whatever the
        // body says: the runtime reports it before the body is read.
        (502, "SERVER_TIMEOUT", ErrorKind::OutcomeUnknown),
        (502, "SERVICE_TIMEOUT", ErrorKind::OutcomeUnknown),
        (502, "SYSTEM_ERROR", ErrorKind::OutcomeUnknown),
    ] {
        let server = serving(
            status,
            &json!({"status": "X", "reason": reason, "message": "m"}),
        )
        .await;
        let error = assert_kind(
            refund_with(
                &provider(&server),
                &request(payspec::Provider::CyberSource, payment(), usd(1)),
            )
            .await,
            &expected,
            reason,
        );
        let code = (status < 500).then_some(reason);
        assert_eq!(error.code(), code);
    }
}

#[tokio::test]
async fn partial_refunds_of_payments_and_captures_send_the_documented_payload() {
    let echo = json!({"id": "1", "status": "PENDING", "refundAmountDetails": {"refundAmount": "102.21", "currency": "USD"}});
    let server = serving(201, &echo).await;
    let mut partial = request(payspec::Provider::CyberSource, payment(), usd(10221));
    partial.merchant_reference = Some("order 1234".into());
    partial.reason = Some(payspec::RefundReason::Other("returned".into()));
    refund_with(&provider(&server), &partial).await.unwrap();
    // The code is the idempotency key, so a transaction search can find the refund; the
    // caller's own reference and the reason travel beside it.
    assert_eq!(
        sent_body(&server).await,
        json!({
            "clientReferenceInformation": {"code": "refund-order-1234", "comments": "order 1234"},
            "processingInformation": {"refundOptions": {"reason": "returned"}},
            "orderInformation": {"amountDetails": {"totalAmount": "102.21", "currency": "USD"}}
        })
    );
    assert_eq!(
        server.received_requests().await.unwrap()[0].url.path(),
        "/pts/v2/payments/6461731521426399003473/refunds"
    );

    let server = serving(201, &echo).await;
    refund_with(
        &provider(&server),
        &request(
            payspec::Provider::CyberSource,
            Target::Capture("6461731521426399003475".into()),
            usd(10221),
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        server.received_requests().await.unwrap()[0].url.path(),
        "/pts/v2/captures/6461731521426399003475/refunds"
    );
}

#[tokio::test]
async fn a_full_refund_without_an_amount_is_refused_before_sending() {
    let server = serving(201, &json!({})).await;
    assert_kind(
        refund_with(
            &provider(&server),
            &request(payspec::Provider::CyberSource, payment(), None),
        )
        .await,
        &ErrorKind::Unsupported,
        "no amount",
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_echoed_amount_that_differs_is_an_integrity_error() {
    let server = serving(201, &json!({"id": "1", "status": "PENDING", "refundAmountDetails": {"refundAmount": "1022.10", "currency": "USD"}})).await;
    assert_kind(
        refund_with(
            &provider(&server),
            &request(payspec::Provider::CyberSource, payment(), usd(10221)),
        )
        .await,
        &ErrorKind::Integrity,
        "echo",
    );
}

/// A 5xx to a refund may have been applied (CyberSource has no idempotency keys): the runtime
/// ends the call as an unknown outcome, and the answer's correlation id still reaches the
/// facade's error, so the support ticket that finds out can name the request.
#[tokio::test]
async fn an_unknown_outcome_keeps_the_correlation_id() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(
            wiremock::ResponseTemplate::new(502)
                .insert_header("v-c-correlation-id", "cs-502-9a1f")
                .set_body_json(
                    json!({"status": "SERVER_ERROR", "reason": "SYSTEM_ERROR", "message": "m"}),
                ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = assert_kind(
        refund_with(
            &provider(&server),
            &request(payspec::Provider::CyberSource, payment(), usd(10221)),
        )
        .await,
        &ErrorKind::OutcomeUnknown,
        "502",
    );
    assert_eq!(error.outcome(), payspec::Outcome::Unknown);
    assert_eq!(error.request_id(), Some("cs-502-9a1f"), "{error}");
    assert!(
        error.to_string().contains("[request id cs-502-9a1f]"),
        "{error}"
    );
}

/// The correlation id the adapter reads from answers is the one the generated client documents,
/// so the runtime's failures and the adapter's errors name the same header.
#[test]
fn the_adapter_and_the_client_read_the_same_request_id_header() {
    assert_eq!(
        payspec::providers::cybersource::RULES.request_id,
        payspec::rules::RequestId::Header(
            payspec::clients::cybersource::REQUEST_ID_HEADER.expect("documented")
        )
    );
}
