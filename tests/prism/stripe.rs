//! Stripe through Prism: form bodies with bracketed fields, `deepObject` queries, and random
//! refunds drawn from the response schemas.

use std::collections::BTreeMap;

use payspec_stripe::{Client, types};
use payspec_tests::SpecExamples;

use super::harness::{Prism, assert_accepted, assert_rejects};
use super::{bearer, example};

const REFUND: &str = "re_3PqG2aLkdIwHu7ix0x4rW1Sb";
const AUTH: [(&str, &str); 1] = [("authorization", "Bearer x")];

/// How these tests authenticate: Stripe takes the secret key as a bearer token.
fn client(prism: &Prism) -> Client {
    Client::new(&prism.base_url, bearer())
}

/// Asserts that Prism refuses a create-refund form body that violates the spec.
async fn rejects_form(prism: &Prism, body: &'static str) {
    let response = reqwest::Client::new()
        .post(format!("{}/v1/refunds", prism.base_url))
        .header(AUTH[0].0, AUTH[0].1)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let flagged = response.headers().contains_key("sl-violations") || response.status() == 422;
    assert!(
        flagged && !response.status().is_success(),
        "Prism accepted the form body {body:?} with {}",
        response.status()
    );
}

#[tokio::test]
async fn stripe() {
    let prism = Prism::start("stripe");
    let spec = SpecExamples::load("stripe");
    let client = client(&prism);

    // `amount` is an integer and `reason` one of three values; `limit` at most 100.
    rejects_form(&prism, "amount=ten").await;
    rejects_form(&prism, "reason=bored").await;
    assert_rejects(&prism, "GET", "/v1/refunds?limit=1000", &AUTH, None).await;
    assert_rejects(&prism, "GET", &format!("/v1/refunds/{REFUND}"), &[], None).await;

    let r = client
        .create_refund()
        .body(example::<types::CreateRefundRequest>(&spec, "createRefund"))
        .send()
        .await;
    assert_accepted("createRefund", r);
    let r = client
        .list_refunds()
        .created_gte(1722470400)
        .created_lt(1725148800)
        .limit(std::num::NonZeroU64::new(3).unwrap())
        .expand(vec!["data.charge".parse().unwrap()])
        .send()
        .await;
    assert_accepted("listRefunds", r);
    let r = client.list_refunds().created(1722600000).send().await;
    assert_accepted("listRefunds (one time)", r);
    let r = client
        .retrieve_refund()
        .refund(REFUND)
        .expand(vec!["charge".parse().unwrap()])
        .send()
        .await;
    assert_accepted("retrieveRefund", r);
    let r = client
        .update_refund()
        .refund(REFUND)
        .body(example::<types::UpdateRefundRequest>(&spec, "updateRefund"))
        .send()
        .await;
    assert_accepted("updateRefund", r);
    let r = client
        .cancel_refund()
        .refund(REFUND)
        .body(example::<types::CancelRefundRequest>(&spec, "cancelRefund"))
        .send()
        .await;
    assert_accepted("cancelRefund", r);
}

#[tokio::test]
async fn stripe_random_responses_parse() {
    let prism = Prism::start_dynamic("stripe");
    let spec = SpecExamples::load("stripe");
    let client = client(&prism);
    let mut counts = BTreeMap::new();
    for _ in 0..super::random::DRAWS {
        let mut parsed = |operation, ok: bool| {
            assert!(ok, "stripe {operation}: a random response did not parse");
            *counts.entry(operation).or_insert(0) += 1;
        };
        let r = client
            .create_refund()
            .body(example::<types::CreateRefundRequest>(&spec, "createRefund"))
            .send()
            .await;
        parsed("createRefund", r.is_ok());
        parsed("listRefunds", client.list_refunds().send().await.is_ok());
        let r = client.retrieve_refund().refund(REFUND).send().await;
        parsed("retrieveRefund", r.is_ok());
        let r = client.update_refund().refund(REFUND).send().await;
        parsed("updateRefund", r.is_ok());
        let r = client.cancel_refund().refund(REFUND).send().await;
        parsed("cancelRefund", r.is_ok());
    }
    super::random::report("stripe", &counts, 5);
}
