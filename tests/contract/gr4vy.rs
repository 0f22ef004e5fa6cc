use payspec_gr4vy::{Client, types};
use payspec_tests::{SpecExamples, drifted_server, exercise, test_runtime};

const TRANSACTION: &str = "fe26475d-ec3e-4884-9553-f7356683f7f9";
const REFUND: &str = "8724fd24-5489-4a5d-90fd-0604df7d3b83";

#[tokio::test]
async fn refund_transaction() {
    let spec = SpecExamples::load("gr4vy");
    let headers = [
        ("idempotency-key", "3f0f8e56-2b8f-4b0e-9f6d-6a2f0c3b2d11"),
        ("x-gr4vy-merchant-account-id", "default"),
    ];
    exercise(
        &spec,
        "refundTransaction",
        &headers,
        |base, body| async move {
            Client::new(&base, test_runtime())
                .refund_transaction()
                .transaction_id(TRANSACTION)
                .idempotency_key("3f0f8e56-2b8f-4b0e-9f6d-6a2f0c3b2d11")
                .x_gr4vy_merchant_account_id("default")
                .body(serde_json::from_value::<types::TransactionRefundCreate>(body).unwrap())
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn get_transaction_refund() {
    let spec = SpecExamples::load("gr4vy");
    exercise(&spec, "getTransactionRefund", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_transaction_refund()
            .transaction_id(TRANSACTION)
            .refund_id(REFUND)
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn get_refund() {
    let spec = SpecExamples::load("gr4vy");
    exercise(&spec, "getRefund", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_refund()
            .refund_id(REFUND)
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn an_unknown_status_and_field_still_parse() {
    let spec = SpecExamples::load("gr4vy");
    let server = drifted_server(&spec, "getRefund", "/status", "reversed").await;
    let refund = Client::new(&server.uri(), test_runtime())
        .get_refund()
        .refund_id(REFUND)
        .send()
        .await
        .unwrap();
    assert_eq!(
        refund.status,
        types::RefundStatus::Unknown("reversed".into())
    );
    assert_eq!(refund.amount, 1299);
}

#[tokio::test]
async fn get_transaction() {
    let spec = SpecExamples::load("gr4vy");
    exercise(&spec, "getTransaction", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_transaction()
            .transaction_id(TRANSACTION)
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn capture_transaction() {
    let spec = SpecExamples::load("gr4vy");
    let headers = [
        ("idempotency-key", "3f0f8e56-2b8f-4b0e-9f6d-6a2f0c3b2d11"),
        ("prefer", "resource=transaction-capture"),
    ];
    exercise(
        &spec,
        "captureTransaction",
        &headers,
        |base, body| async move {
            Client::new(&base, test_runtime())
                .capture_transaction()
                .transaction_id(TRANSACTION)
                .idempotency_key("3f0f8e56-2b8f-4b0e-9f6d-6a2f0c3b2d11")
                .prefer("resource=transaction-capture")
                .body(serde_json::from_value::<types::TransactionCaptureCreate>(body).unwrap())
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn void_transaction() {
    let spec = SpecExamples::load("gr4vy");
    let headers = [("prefer", "resource=transaction-void")];
    exercise(&spec, "voidTransaction", &headers, |base, _| async move {
        Client::new(&base, test_runtime())
            .void_transaction()
            .transaction_id(TRANSACTION)
            .prefer("resource=transaction-void")
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn increment_transaction_authorization() {
    let spec = SpecExamples::load("gr4vy");
    exercise(
        &spec,
        "incrementTransactionAuthorization",
        &[],
        |base, body| async move {
            Client::new(&base, test_runtime())
                .increment_transaction_authorization()
                .transaction_id(TRANSACTION)
                .body(
                    serde_json::from_value::<types::TransactionAuthorizationIncrementCreate>(body)
                        .unwrap(),
                )
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn list_transaction_refunds() {
    let spec = SpecExamples::load("gr4vy");
    exercise(&spec, "listTransactionRefunds", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .list_transaction_refunds()
            .transaction_id(TRANSACTION)
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn refund_transaction_in_full() {
    let spec = SpecExamples::load("gr4vy");
    exercise(
        &spec,
        "refundTransactionInFull",
        &[],
        |base, body| async move {
            Client::new(&base, test_runtime())
                .refund_transaction_in_full()
                .transaction_id(TRANSACTION)
                .body(serde_json::from_value::<types::TransactionRefundAllCreate>(body).unwrap())
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn a_validation_error_and_a_duplicate_parse_as_the_one_error_type() {
    let spec = SpecExamples::load("gr4vy");
    let errors: Vec<types::Error> = spec
        .response_examples("refundTransaction")
        .into_iter()
        .filter(|(status, _)| *status >= 400)
        .map(|(_, body)| serde_json::from_value(body).unwrap())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.detail.len() == 1 && e.code.is_none())
    );
    assert!(errors.iter().any(|e| e.resource_id.is_some()));
}
