//! Responses drawn at random from our own response schemas (Prism's dynamic mode) must all parse
//! through the generated clients: a schema our types cannot read back is a bug in the spec or the
//! generator. Every operation of every spec is called [`DRAWS`] times; then every documented error
//! status of every operation is drawn once and read as the provider's error type.

use std::collections::BTreeMap;

use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_tests::SpecExamples;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::harness::Prism;
use super::{bearer, example, gr4vy_runtime};

/// Random responses per operation.
pub(super) const DRAWS: usize = 20;

/// Calls `$call` [`DRAWS`] times and counts the parsed responses for `$operation`.
macro_rules! draw {
    ($counts:expr, $operation:expr, $call:expr) => {{
        for _ in 0..DRAWS {
            match $call.await {
                Ok(response) if response.status().is_success() => {
                    *$counts.entry($operation).or_insert(0) += 1
                }
                other => panic!("{}: a random response did not parse: {other:?}", $operation),
            }
        }
    }};
}

/// Prints how many random responses parsed per operation (shown with `--nocapture`) and checks
/// that every operation got all of its draws.
pub(super) fn report(provider: &str, counts: &BTreeMap<&str, usize>, operations: usize) {
    for (operation, parsed) in counts {
        println!("{provider} {operation}: {parsed} random responses parsed");
        assert_eq!(*parsed, DRAWS, "{provider} {operation}");
    }
    assert_eq!(
        counts.len(),
        operations,
        "{provider}: every operation drawn"
    );
}

/// For every operation and every documented error status, asks Prism for a random body of that
/// status (`Prefer: code=<status>`) and reads it as `E`; returns the number of bodies read.
pub(super) async fn error_bodies<E: DeserializeOwned>(
    prism: &Prism,
    provider: &str,
    auth: &[(&str, &str)],
) -> usize {
    let spec = SpecExamples::load(provider);
    let document = spec_document(provider);
    payspec_runtime::install_crypto_provider();
    let http = reqwest::Client::new();
    let mut read = 0;
    for (template, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            let mut path = template.clone();
            for name in path_parameters(template) {
                let value = spec.parameter_example(id, &name);
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                path = path.replace(&format!("{{{name}}}"), &text);
            }
            let body = operation
                .get("requestBody")
                .map(|_| spec.request_example(id));
            for code in operation["responses"].as_object().unwrap().keys() {
                let Ok(status) = code.replace("XX", "00").parse::<u16>() else {
                    continue;
                };
                if status < 400 {
                    continue;
                }
                let mut request = http
                    .request(
                        method.to_uppercase().parse().unwrap(),
                        format!("{}{path}", prism.base_url),
                    )
                    .header("prefer", format!("code={status}, dynamic=true"));
                for (name, value) in auth {
                    request = request.header(*name, *value);
                }
                if let Some(body) = &body {
                    request = request.json(body);
                }
                let response = request.send().await.unwrap();
                // Prism answers another documented error status when the one asked for does
                // not fit the request; either way the body is one of the documented ones.
                assert!(
                    response.status().is_client_error() || response.status().is_server_error(),
                    "{provider} {id} {status}"
                );
                let bytes = response.bytes().await.unwrap();
                if bytes.is_empty() {
                    read += 1;
                    continue;
                }
                serde_json::from_slice::<E>(&bytes).unwrap_or_else(|e| {
                    panic!(
                        "{provider} {id} {status}: {e}: {}",
                        String::from_utf8_lossy(&bytes)
                    )
                });
                read += 1;
            }
        }
    }
    read
}

fn spec_document(provider: &str) -> Value {
    let source =
        std::fs::read_to_string(xtask::workspace_root().join(format!("specs/{provider}.yaml")))
            .unwrap();
    xtask::yaml::Document::parse(&source).unwrap().value
}

fn path_parameters(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[tokio::test]
async fn paypal_random_responses_parse() {
    use payspec_paypal::{Client, types};
    let prism = Prism::start_dynamic("paypal");
    let spec = SpecExamples::load("paypal");
    let client = Client::new(&prism.base_url, bearer());
    let (authorization, capture, refund) = (
        "0VF52814937998046",
        "1DL556911D1752055",
        "74C09851BT735224L",
    );
    let mut counts = BTreeMap::new();
    draw!(
        counts,
        "getAuthorization",
        client
            .get_authorization()
            .authorization_id(authorization)
            .send()
    );
    draw!(
        counts,
        "captureAuthorizedPayment",
        client
            .capture_authorized_payment()
            .authorization_id(authorization)
            .body(example::<types::CaptureRequest>(
                &spec,
                "captureAuthorizedPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "reauthorizeAuthorizedPayment",
        client
            .reauthorize_authorized_payment()
            .authorization_id(authorization)
            .body(example::<types::ReauthorizeRequest>(
                &spec,
                "reauthorizeAuthorizedPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "voidAuthorizedPayment",
        client
            .void_authorized_payment()
            .authorization_id(authorization)
            .send()
    );
    draw!(
        counts,
        "getCapture",
        client.get_capture().capture_id(capture).send()
    );
    draw!(
        counts,
        "refundCapturedPayment",
        client
            .refund_captured_payment()
            .capture_id(capture)
            .body(example::<types::RefundRequest>(
                &spec,
                "refundCapturedPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "getRefund",
        client.get_refund().refund_id(refund).send()
    );
    report("paypal", &counts, 7);
    let auth = [("authorization", "Bearer x")];
    let read = error_bodies::<types::Error>(&prism, "paypal", &auth).await;
    println!("paypal: {read} random error bodies parsed");
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

#[tokio::test]
async fn cybersource_random_responses_parse() {
    use payspec_cybersource::{Client, types};
    let prism = Prism::start_dynamic("cybersource");
    let spec = SpecExamples::load("cybersource");
    let signer = payspec_cybersource::Credentials::http_signature(
        "merchant",
        "key",
        Secret::new("c2VjcmV0"),
    )
    .unwrap();
    let client = Client::new(
        &prism.base_url,
        Runtime::new(signer).with_retry(RetryPolicy::none()),
    );
    let id = "6461731521426399003473";
    let mut counts = BTreeMap::new();
    draw!(
        counts,
        "createPayment",
        client
            .create_payment()
            .body(example::<types::CreatePaymentRequest>(
                &spec,
                "createPayment"
            ))
            .send()
    );
    draw!(
        counts,
        "incrementAuth",
        client
            .increment_auth()
            .id(id)
            .body(example::<types::IncrementAuthRequest>(
                &spec,
                "incrementAuth"
            ))
            .send()
    );
    draw!(
        counts,
        "refreshPaymentStatus",
        client
            .refresh_payment_status()
            .id(id)
            .body(example::<types::RefreshPaymentStatusRequest>(
                &spec,
                "refreshPaymentStatus"
            ))
            .send()
    );
    draw!(
        counts,
        "capturePayment",
        client
            .capture_payment()
            .id(id)
            .body(example::<types::CapturePaymentRequest>(
                &spec,
                "capturePayment"
            ))
            .send()
    );
    draw!(
        counts,
        "authReversal",
        client
            .auth_reversal()
            .id(id)
            .body(example::<types::AuthReversalRequest>(&spec, "authReversal"))
            .send()
    );
    draw!(
        counts,
        "refundPayment",
        client
            .refund_payment()
            .id(id)
            .body(example::<types::RefundRequest>(&spec, "refundPayment"))
            .send()
    );
    draw!(
        counts,
        "refundCapture",
        client
            .refund_capture()
            .id(id)
            .body(example::<types::RefundRequest>(&spec, "refundCapture"))
            .send()
    );
    draw!(
        counts,
        "getTransaction",
        client.get_transaction().id(id).send()
    );
    report("cybersource", &counts, 8);
    let auth = [
        ("v-c-merchant-id", "merchant"),
        ("signature", "keyid=\"key\""),
    ];
    let read = error_bodies::<types::Error>(&prism, "cybersource", &auth).await;
    println!("cybersource: {read} random error bodies parsed");
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
