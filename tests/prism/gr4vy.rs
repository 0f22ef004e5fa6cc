//! Gr4vy through Prism: every operation's example request validated (after a deliberately
//! invalid one is rejected), and random responses drawn from the spec parsed.

use std::collections::BTreeMap;

use payspec_tests::SpecExamples;

use super::harness::{Prism, assert_accepted, assert_rejects};
use super::random::{draw, error_bodies, report};
use super::{example, gr4vy_runtime};

#[tokio::test]
async fn gr4vy() {
    use payspec_gr4vy::{Client, types};
    let prism = Prism::start("gr4vy");
    let spec = SpecExamples::load("gr4vy");
    let client = Client::new(&prism.base_url, gr4vy_runtime());
    let (transaction, refund) = (
        "fe26475d-ec3e-4884-9553-f7356683f7f9",
        "8724fd24-5489-4a5d-90fd-0604df7d3b83",
    );
    let auth = [("authorization", "Bearer x")];

    assert_rejects(
        &prism,
        "POST",
        &format!("/transactions/{transaction}/refunds"),
        &auth,
        Some(r#"{"amount": -1}"#),
    )
    .await;
    assert_rejects(
        &prism,
        "GET",
        &format!("/transactions/not-a-uuid/refunds/{refund}"),
        &auth,
        None,
    )
    .await;
    assert_rejects(&prism, "GET", "/refunds/not-a-uuid", &auth, None).await;

    let r = client
        .refund_transaction()
        .transaction_id(transaction)
        .body(example::<types::TransactionRefundCreate>(
            &spec,
            "refundTransaction",
        ))
        .send()
        .await;
    assert_accepted("refundTransaction", r);
    let r = client
        .get_transaction_refund()
        .transaction_id(transaction)
        .refund_id(refund)
        .send()
        .await;
    assert_accepted("getTransactionRefund", r);
    assert_accepted(
        "getRefund",
        client.get_refund().refund_id(refund).send().await,
    );
}

#[tokio::test]
async fn gr4vy_random_responses_parse() {
    use payspec_gr4vy::{Client, types};
    let prism = Prism::start_dynamic("gr4vy");
    let spec = SpecExamples::load("gr4vy");
    let client = Client::new(&prism.base_url, gr4vy_runtime());
    let (transaction, refund) = (
        "fe26475d-ec3e-4884-9553-f7356683f7f9",
        "8724fd24-5489-4a5d-90fd-0604df7d3b83",
    );
    let mut counts = BTreeMap::new();
    draw!(
        counts,
        "getTransaction",
        client.get_transaction().transaction_id(transaction).send()
    );
    draw!(
        counts,
        "captureTransaction",
        client
            .capture_transaction()
            .transaction_id(transaction)
            .body(example::<types::TransactionCaptureCreate>(
                &spec,
                "captureTransaction"
            ))
            .send()
    );
    draw!(
        counts,
        "voidTransaction",
        client.void_transaction().transaction_id(transaction).send()
    );
    draw!(
        counts,
        "incrementTransactionAuthorization",
        client
            .increment_transaction_authorization()
            .transaction_id(transaction)
            .body(example::<types::TransactionAuthorizationIncrementCreate>(
                &spec,
                "incrementTransactionAuthorization"
            ))
            .send()
    );
    draw!(
        counts,
        "listTransactionRefunds",
        client
            .list_transaction_refunds()
            .transaction_id(transaction)
            .send()
    );
    draw!(
        counts,
        "refundTransaction",
        client
            .refund_transaction()
            .transaction_id(transaction)
            .body(example::<types::TransactionRefundCreate>(
                &spec,
                "refundTransaction"
            ))
            .send()
    );
    draw!(
        counts,
        "refundTransactionInFull",
        client
            .refund_transaction_in_full()
            .transaction_id(transaction)
            .body(example::<types::TransactionRefundAllCreate>(
                &spec,
                "refundTransactionInFull"
            ))
            .send()
    );
    draw!(
        counts,
        "getTransactionRefund",
        client
            .get_transaction_refund()
            .transaction_id(transaction)
            .refund_id(refund)
            .send()
    );
    draw!(
        counts,
        "getRefund",
        client.get_refund().refund_id(refund).send()
    );
    report("gr4vy", &counts, 9);
    let auth = [("authorization", "Bearer x")];
    let read = error_bodies::<types::Error>(&prism, "gr4vy", &auth).await;
    println!("gr4vy: {read} random error bodies parsed");
}
