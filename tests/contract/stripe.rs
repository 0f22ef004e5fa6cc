//! Stripe's bodies are form-encoded: these tests compare the decoded pairs on the wire
//! (`metadata[order_id]=6735`, `expand[]=charge`, `created[gte]=...`) instead of JSON.

use std::future::Future;

use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_stripe::{Client, types};
use payspec_tests::{SpecExamples, assert_outcome, drifted_server};
use progenitor_client::{Error, ResponseValue};
use serde_json::{Value, json};
use wiremock::matchers::{header, header_exists, method, path, query_param};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, ResponseTemplate};

const REFUND: &str = "re_3PqG2aLkdIwHu7ix0x4rW1Sb";
const KEY: &str = "7b92603e-77ed-4896-8e78-5dea2050476a";
const FORM: &str = "application/x-www-form-urlencoded";
const SECRET_KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

/// How these tests authenticate: Stripe's secret key as a bearer token (the spec's `bearerAuth`).
fn runtime() -> Runtime {
    Runtime::new(payspec_stripe::Credentials::bearer_auth(Secret::new(
        SECRET_KEY,
    )))
    .with_retry(RetryPolicy::none())
}

fn client(base: &str) -> Client {
    Client::new(base, runtime())
}

/// A form body made of exactly these pairs, in any order.
struct FormPairs(Vec<(String, String)>);

impl FormPairs {
    fn of(pairs: &[(&str, &str)]) -> Self {
        let mut pairs: Vec<_> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        pairs.sort();
        FormPairs(pairs)
    }
}

impl Match for FormPairs {
    fn matches(&self, request: &Request) -> bool {
        let mut sent: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
            .into_owned()
            .collect();
        sent.sort();
        sent == self.0
    }
}

/// Calls the operation once per documented response example (successes and every error
/// status), against a server that answers only a request matching `mock`, and checks that the
/// answer parsed into the success or the typed `Error` with every documented value kept.
async fn each_example<T, Fut>(
    operation_id: &str,
    mock: impl Fn() -> MockBuilder,
    call: impl Fn(String) -> Fut,
) where
    T: serde::Serialize + std::fmt::Debug,
    Fut: Future<Output = Result<ResponseValue<T>, Error<types::Error>>>,
{
    let spec = SpecExamples::load("stripe");
    let examples = spec.response_examples(operation_id);
    assert!(examples.iter().any(|(status, _)| *status >= 400));
    for (status, example) in examples {
        let server = MockServer::start().await;
        mock()
            .and(header("accept", "application/json"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&example))
            .expect(1)
            .mount(&server)
            .await;
        assert_outcome(status, &example, call(server.uri()).await);
    }
}

fn write(path_: &str, pairs: &[(&str, &str)]) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path(path_.to_owned()))
        .and(header("content-type", FORM))
        .and(header("Idempotency-Key", KEY))
        .and(header(
            "authorization",
            format!("Bearer {SECRET_KEY}").as_str(),
        ))
        .and(FormPairs::of(pairs))
}

fn example<T: serde::de::DeserializeOwned>(operation_id: &str) -> T {
    serde_json::from_value(SpecExamples::load("stripe").request_example(operation_id))
        .expect("the example fits the generated type")
}

#[tokio::test]
async fn create_refund() {
    let pairs = [
        ("payment_intent", "pi_3PqG1rLkdIwHu7ix1cX9kL2p"),
        ("amount", "1500"),
        ("reason", "requested_by_customer"),
        ("metadata[order_id]", "6735"),
        ("expand[]", "charge"),
    ];
    each_example(
        "createRefund",
        || write("/v1/refunds", &pairs).and(header("Stripe-Account", "acct_1PqFzYLkdIwHu7ix")),
        |base| async move {
            client(&base)
                .create_refund()
                .idempotency_key(KEY)
                .stripe_account("acct_1PqFzYLkdIwHu7ix")
                .body(example::<types::CreateRefundRequest>("createRefund"))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn retrieve_refund() {
    each_example(
        "retrieveRefund",
        || {
            Mock::given(method("GET"))
                .and(path(format!("/v1/refunds/{REFUND}")))
                .and(query_param("expand[]", "charge"))
                .and(header("Stripe-Version", "2026-07-29"))
        },
        |base| async move {
            client(&base)
                .retrieve_refund()
                .refund(REFUND)
                .expand(vec!["charge".parse().unwrap()])
                .stripe_version("2026-07-29")
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn list_refunds() {
    each_example(
        "listRefunds",
        || {
            Mock::given(method("GET"))
                .and(path("/v1/refunds"))
                .and(query_param("created[gte]", "1722470400"))
                .and(query_param("created[lt]", "1725148800"))
                .and(query_param("payment_intent", "pi_3PqG1rLkdIwHu7ix1cX9kL2p"))
                .and(query_param("limit", "3"))
                .and(query_param("starting_after", "re_3PqG1rLkdIwHu7ix0zY8xW7v"))
                .and(query_param("expand[]", "data.charge"))
        },
        |base| async move {
            client(&base)
                .list_refunds()
                .created_gte(1722470400)
                .created_lt(1725148800)
                .payment_intent("pi_3PqG1rLkdIwHu7ix1cX9kL2p")
                .limit(std::num::NonZeroU64::new(3).unwrap())
                .starting_after("re_3PqG1rLkdIwHu7ix0zY8xW7v")
                .expand(vec!["data.charge".parse().unwrap()])
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn list_refunds_at_one_creation_time() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/refunds"))
        .and(query_param("created", "1722600000"))
        .and(query_param("charge", "ch_3PqG1rLkdIwHu7ix1fGZ2mVt"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list", "url": "/v1/refunds", "has_more": false, "data": [],
        })))
        .expect(1)
        .mount(&server)
        .await;
    let page = client(&server.uri())
        .list_refunds()
        .created(1722600000)
        .charge("ch_3PqG1rLkdIwHu7ix1fGZ2mVt")
        .send()
        .await
        .unwrap();
    assert!(!page.has_more && page.data.is_empty());
}

#[tokio::test]
async fn update_refund() {
    let pairs = [
        ("metadata[order_id]", "6735"),
        ("metadata[support_ticket]", "T-4411"),
    ];
    each_example(
        "updateRefund",
        || write(&format!("/v1/refunds/{REFUND}"), &pairs),
        |base| async move {
            client(&base)
                .update_refund()
                .refund(REFUND)
                .idempotency_key(KEY)
                .body(example::<types::UpdateRefundRequest>("updateRefund"))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn cancel_refund() {
    each_example(
        "cancelRefund",
        || {
            write(
                &format!("/v1/refunds/{REFUND}/cancel"),
                &[("expand[]", "payment_intent")],
            )
        },
        |base| async move {
            client(&base)
                .cancel_refund()
                .refund(REFUND)
                .idempotency_key(KEY)
                .body(example::<types::CancelRefundRequest>("cancelRefund"))
                .send()
                .await
        },
    )
    .await;
}

#[tokio::test]
async fn an_empty_metadata_is_sent_as_an_empty_value_to_clear_every_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v1/refunds/{REFUND}")))
        .and(FormPairs::of(&[("metadata", "")]))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                SpecExamples::load("stripe")
                    .success_example("updateRefund")
                    .1,
            ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let body: types::UpdateRefundRequest = serde_json::from_value(json!({"metadata": ""})).unwrap();
    client(&server.uri())
        .update_refund()
        .refund(REFUND)
        .body(body)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn every_write_carries_an_idempotency_key_without_being_given_one() {
    let server = MockServer::start().await;
    let answer = SpecExamples::load("stripe")
        .success_example("createRefund")
        .1;
    Mock::given(method("POST"))
        .and(header_exists("Idempotency-Key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(3)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let charge = types::CreateRefundRequest::builder()
        .charge(Some("ch_3PqG1rLkdIwHu7ix1fGZ2mVt".parse().unwrap()));
    client.create_refund().body(charge).send().await.unwrap();
    client.update_refund().refund(REFUND).send().await.unwrap();
    client.cancel_refund().refund(REFUND).send().await.unwrap();
    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["Idempotency-Key"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| k.len() == 36), "UUIDs: {keys:?}");
    assert!(keys[0] != keys[1] && keys[1] != keys[2], "one key per call");
}

#[tokio::test]
async fn a_server_error_keeps_its_body_and_stripes_retry_hint() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("Request-Id", "req_Lk3nP9sQ2rT5vW")
                .insert_header("Stripe-Should-Retry", "false")
                .set_body_json(json!({"error": {"type": "api_error", "message": "An unknown error occurred."}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let result = client(&server.uri())
        .create_refund()
        .idempotency_key(KEY)
        .body(example::<types::CreateRefundRequest>("createRefund"))
        .send()
        .await;
    let Err(Error::ErrorResponse(answer)) = result else {
        panic!("expected the typed error, got {result:?}")
    };
    assert_eq!(answer.status().as_u16(), 500);
    assert_eq!(answer.headers()["Stripe-Should-Retry"], "false");
    assert_eq!(answer.headers()["Request-Id"], "req_Lk3nP9sQ2rT5vW");
    assert_eq!(answer.error.type_, types::ApiErrorsType::ApiError);
}

#[tokio::test]
async fn an_expanded_charge_keeps_every_field() {
    let (_, example) = SpecExamples::load("stripe").success_example("createRefund");
    let refund: types::Refund = serde_json::from_value(example).unwrap();
    let Some(types::Expandable::ExpandedObject(charge)) = &refund.charge else {
        panic!("the example's charge is expanded: {:?}", refund.charge)
    };
    assert_eq!(charge.id.as_str(), "ch_3PqG1rLkdIwHu7ix1fGZ2mVt");
    assert_eq!(charge.extra["amount_refunded"], Value::from(1500));
    assert!(matches!(
        refund.payment_intent,
        Some(types::Expandable::String(_))
    ));
}

#[tokio::test]
async fn requires_action_and_an_unknown_status_parse() {
    let spec = SpecExamples::load("stripe");
    let (_, example) = spec.success_example("retrieveRefund");
    let refund: types::Refund = serde_json::from_value(example).unwrap();
    assert_eq!(refund.status, Some(types::RefundStatus::RequiresAction));
    assert!(refund.next_action.is_some());

    let server = drifted_server(&spec, "retrieveRefund", "/status", "in_review").await;
    let refund = client(&server.uri())
        .retrieve_refund()
        .refund(REFUND)
        .send()
        .await
        .unwrap();
    assert_eq!(
        refund.status,
        Some(types::RefundStatus::Unknown("in_review".into()))
    );
    assert_eq!(refund.amount, 1500);
}
