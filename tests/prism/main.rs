//! Every operation of every generated client, sent through the real runtime to Prism, which
//! validates method, path, headers, security and body against the spec. Each operation first
//! proves that Prism rejects a deliberately invalid request.

mod adyen;
mod cybersource;
mod gr4vy;
mod harness;
mod maverick;
mod paypal;
mod random;
mod stripe;

use payspec_runtime::{RetryPolicy, Runtime, Secret};
use payspec_tests::SpecExamples;
use serde::de::DeserializeOwned;

fn example<T: DeserializeOwned>(spec: &SpecExamples, operation: &str) -> T {
    serde_json::from_value(spec.request_example(operation))
        .expect("the example fits the generated type")
}

/// Gr4vy's own authentication: a JWT signed with the test key for every request.
fn gr4vy_runtime() -> Runtime {
    let key = std::fs::read_to_string(
        xtask::workspace_root().join("crates/payspec-runtime/tests/fixtures/gr4vy-test-key.pem"),
    )
    .unwrap();
    let jwt = payspec_gr4vy::Credentials::bearer_auth(&Secret::new(key), "merchant").unwrap();
    Runtime::new(jwt).with_retry(RetryPolicy::none())
}

fn bearer() -> Runtime {
    Runtime::new(payspec_runtime::Auth::every(
        payspec_runtime::Scheme::bearer(Secret::new("prism-test-key")),
    ))
    .with_retry(RetryPolicy::none())
}
