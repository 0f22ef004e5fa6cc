//! Maverick through Prism: every operation's example request validated (after a deliberately
//! invalid one is rejected), and random responses drawn from the spec parsed.

use std::collections::BTreeMap;

use payspec_tests::SpecExamples;

use super::harness::{Prism, assert_accepted, assert_rejects};
use super::random::{draw, error_bodies, report};
use super::{bearer, example};

#[tokio::test]
async fn maverick() {
    use payspec_maverick::{Client, types};
    let prism = Prism::start("maverick");
    let spec = SpecExamples::load("maverick");
    let client = Client::new(&prism.base_url, bearer());
    let auth = [("authorization", "Bearer x")];

    assert_rejects(
        &prism,
        "POST",
        "/payment/882/refund",
        &auth,
        Some(r#"{"amount": "1.99"}"#),
    )
    .await;
    assert_rejects(&prism, "GET", "/payment/not-a-number", &auth, None).await;

    let r = client
        .refund_payment()
        .id(882)
        .body(example::<types::RefundBody>(&spec, "refundPayment"))
        .send()
        .await;
    assert_accepted("refundPayment", r);
    assert_accepted("getPayment", client.get_payment().id(883).send().await);
}

#[tokio::test]
async fn maverick_random_responses_parse() {
    use payspec_maverick::{Client, types};
    let prism = Prism::start_dynamic("maverick");
    let spec = SpecExamples::load("maverick");
    let client = Client::new(&prism.base_url, bearer());
    let mut counts = BTreeMap::new();
    draw!(
        counts,
        "refundPayment",
        client
            .refund_payment()
            .id(882)
            .body(example::<types::RefundBody>(&spec, "refundPayment"))
            .send()
    );
    draw!(counts, "getPayment", client.get_payment().id(883).send());
    report("maverick", &counts, 2);
    let auth = [("authorization", "Bearer x")];
    let read = error_bodies::<types::Error>(&prism, "maverick", &auth).await;
    println!("maverick: {read} random error bodies parsed");
}
