//! The facade against each provider's documented behaviour on a local server: every documented
//! status and error body maps to the right unified value, payloads for full and partial refunds
//! are what the provider expects, echoed amounts are checked, and the fake behaves as documented.

mod accounts;
mod adyen;
mod amounts;
mod answers;
mod cybersource;
mod fake;
mod gr4vy;
mod maverick;
mod paypal;
mod rules;
mod stripe;
mod webhooks;

use payspec::{
    Account, ErrorKind, IdempotencyKey, Money, Refund, RefundProvider, RefundRequest, Target,
};
use serde_json::Value;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A request through `account` (a provider, for the account named after it) with a fixed
/// idempotency key.
fn request(account: impl Into<Account>, target: Target, amount: Option<Money>) -> RefundRequest {
    RefundRequest::new(
        account,
        target,
        amount,
        IdempotencyKey::new("refund-order-1234").unwrap(),
    )
}

/// Serves `body` with `status` to any request, and returns the server.
async fn serving(status: u16, body: &Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// The JSON body of the only write (not a GET lookup) the server received.
async fn sent_body(server: &MockServer) -> Value {
    let requests = server.received_requests().await.unwrap();
    let writes: Vec<_> = requests
        .iter()
        .filter(|r| r.method != wiremock::http::Method::GET)
        .collect();
    assert_eq!(writes.len(), 1, "exactly one write");
    serde_json::from_slice(&writes[0].body).unwrap()
}

/// Refunds through `provider` (built for `server`) and returns the result.
async fn refund_with(
    provider: &dyn RefundProvider,
    request: &RefundRequest,
) -> Result<Refund, payspec::Error> {
    provider.refund(request).await
}

/// Asserts the kind of an error.
fn assert_kind(
    result: Result<Refund, payspec::Error>,
    expected: &ErrorKind,
    context: &str,
) -> payspec::Error {
    match result {
        Err(error) => {
            assert_eq!(error.kind(), expected, "{context}: {error}");
            error
        }
        Ok(refund) => panic!("{context}: expected {expected:?}, got {refund:?}"),
    }
}
