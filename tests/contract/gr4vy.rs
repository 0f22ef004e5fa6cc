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
