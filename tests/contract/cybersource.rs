use payspec_cybersource::{Client, types};
use payspec_tests::{SpecExamples, drifted_server, exercise, test_runtime};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn body<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("the documented request example fits the generated type")
}

#[tokio::test]
async fn create_payment() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "createPayment", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .create_payment()
            .body(body::<types::CreatePaymentRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn increment_auth() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "incrementAuth", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .increment_auth()
            .id("6461731521426399003473")
            .body(body::<types::IncrementAuthRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn refresh_payment_status() {
    let spec = SpecExamples::load("cybersource");
    exercise(
        &spec,
        "refreshPaymentStatus",
        &[],
        |base, example| async move {
            Client::new(&base, test_runtime())
                .refresh_payment_status()
                .id("6461731521426399003473")
                .body(body::<types::RefreshPaymentStatusRequest>(example))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn capture_payment() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "capturePayment", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .capture_payment()
            .id("6461731521426399003473")
            .body(body::<types::CapturePaymentRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn auth_reversal() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "authReversal", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .auth_reversal()
            .id("6461731521426399003473")
            .body(body::<types::AuthReversalRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn refund_payment() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "refundPayment", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .refund_payment()
            .id("6461731521426399003473")
            .body(body::<types::RefundRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn refund_capture() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "refundCapture", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .refund_capture()
            .id("6461731521426399003475")
            .body(body::<types::RefundRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn get_transaction() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "getTransaction", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_transaction()
            .id("6461731521426399003477")
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn void_payment() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "voidPayment", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .void_payment()
            .id("6461731521426399003473")
            .body(body::<types::VoidRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn void_capture() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "voidCapture", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .void_capture()
            .id("6461731521426399003475")
            .body(body::<types::VoidRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn void_refund() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "voidRefund", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .void_refund()
            .id("6461731521426399003477")
            .body(body::<types::VoidRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn create_search() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "createSearch", &[], |base, example| async move {
        Client::new(&base, test_runtime())
            .create_search()
            .body(body::<types::CreateSearchRequest>(example))
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn get_search() {
    let spec = SpecExamples::load("cybersource");
    exercise(&spec, "getSearch", &[], |base, _| async move {
        Client::new(&base, test_runtime())
            .get_search()
            .search_id("87e1e4bd-cac2-49b1-919a-4d5e29a2e55d")
            .send()
            .await
    })
    .await;
}

#[tokio::test]
async fn an_unknown_status_and_field_still_parse() {
    let spec = SpecExamples::load("cybersource");
    let server = drifted_server(&spec, "refundPayment", "/status", "REVIEW").await;
    let refund = Client::new(&server.uri(), test_runtime())
        .refund_payment()
        .id("6461731521426399003473")
        .body(body::<types::RefundRequest>(
            spec.request_example("refundPayment"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refund.status,
        Some(types::RefundStatus::Unknown("REVIEW".into()))
    );
    let amount = refund
        .refund_amount_details
        .as_ref()
        .and_then(|d| d.refund_amount.as_ref())
        .unwrap();
    assert_eq!(amount.as_str(), "102.21");
}

#[tokio::test]
async fn a_lookup_parses_what_the_reference_allows() {
    let spec = SpecExamples::load("cybersource");
    // Response amounts are text in the reference: no decimal format is promised.
    let server = drifted_server(
        &spec,
        "getTransaction",
        "/orderInformation/amountDetails/totalAmount",
        "102.",
    )
    .await;
    let transaction = Client::new(&server.uri(), test_runtime())
        .get_transaction()
        .id("6461731521426399003477")
        .send()
        .await
        .unwrap();
    let amount = transaction
        .order_information
        .as_ref()
        .and_then(|o| o.amount_details.as_ref())
        .and_then(|d| d.total_amount.as_ref())
        .unwrap();
    assert_eq!(amount.as_str(), "102.");
    let application = transaction.application_information.as_ref().unwrap();
    assert_eq!(application.reason_code.as_deref(), Some("100"));
    assert_eq!(
        transaction.root_id.as_deref(),
        Some("6461731521426399003473")
    );
}
