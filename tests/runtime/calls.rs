//! What every call carries and how it fails before sending: its trace span stays its own, the
//! `User-Agent` names the crate, and a signed header that cannot be sent stops the call.

use std::time::{Duration, SystemTime};

use payspec_paypal::runtime::sign::{Header, RequestParts, Signer};
use payspec_paypal::runtime::{Auth, Failure, RetryPolicy, Runtime, Scheme, Secret};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use payspec_tests::test_runtime;

use crate::captured::Captured;

fn refund() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "R1"}))
}

async fn get_refund(client: &payspec_paypal::Client) -> Result<u16, Failure> {
    match client.get_refund().refund_id("R1").send().await {
        Ok(response) => Ok(response.status().as_u16()),
        Err(error) => Err(Failure::from_error(&error).expect("a runtime failure")),
    }
}

/// The `payspec.call` span is entered only while its call is polled: an event of another task
/// on the same single-threaded runtime, emitted while the call waits, is outside it.
#[tokio::test(flavor = "current_thread")]
async fn the_call_span_does_not_leak_into_other_tasks() {
    let captured = Captured::default();
    let _trace = captured.this_thread();
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(refund().set_delay(Duration::from_millis(300)))
        .mount(&server)
        .await;
    let client = payspec_paypal::Client::new(&server.uri(), test_runtime());
    let call = tokio::spawn(async move { get_refund(&client).await });
    let other = tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        tracing::info!("unrelated work");
    });
    other.await.unwrap();
    assert_eq!(call.await.unwrap(), Ok(200));
    let trace = captured.text();
    let unrelated = trace
        .lines()
        .find(|line| line.contains("unrelated work"))
        .expect("the unrelated event is traced");
    assert!(!unrelated.contains("payspec.call"), "{unrelated}");
    assert!(
        trace
            .lines()
            .any(|line| line.contains("payspec.call") && line.contains("response")),
        "{trace}"
    );
}

#[tokio::test]
async fn the_user_agent_names_the_generated_crate_and_the_runtime() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(refund())
        .mount(&server)
        .await;
    let client = payspec_paypal::Client::try_new(&server.uri(), test_runtime()).unwrap();
    assert_eq!(get_refund(&client).await, Ok(200));
    let requests = server.received_requests().await.unwrap();
    let agent = requests[0].headers["user-agent"].to_str().unwrap();
    let products: Vec<(&str, &str)> = agent
        .split(' ')
        .map(|product| product.split_once('/').expect("name/version"))
        .collect();
    assert_eq!(
        products.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        ["payspec-paypal", "payspec-runtime"],
        "{agent}"
    );
    for (_, version) in products {
        assert!(
            version.split('.').all(|n| n.parse::<u32>().is_ok()),
            "{agent}"
        );
    }
}

/// Signs with a fixed header, valid or not.
struct Fixed(&'static str, &'static str);

impl Signer for Fixed {
    fn sign(&self, _: &RequestParts<'_>, _: SystemTime) -> Vec<Header> {
        vec![Header {
            name: self.0,
            value: Secret::new(self.1),
        }]
    }
}

/// A signed header that cannot be sent (a line break in its value, a space in its name) stops
/// the call with an error naming it; nothing is sent without it.
#[tokio::test]
async fn a_signed_header_that_cannot_be_sent_is_an_error() {
    for (name, value, what) in [
        ("x-signature", "one\ntwo", "value"),
        ("x signature", "one", "name"),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200))
            .expect(0)
            .mount(&server)
            .await;
        let runtime = Runtime::new(Auth::every(Scheme::signed(Fixed(name, value))))
            .with_retry(RetryPolicy::none());
        let client = payspec_paypal::Client::new(&server.uri(), runtime);
        assert_eq!(
            get_refund(&client).await,
            Err(Failure::Unauthenticated(format!(
                "the signed header `{name}` is not a valid header {what}"
            )))
        );
    }
}

/// Every failure the runtime reports reads back as itself from the client's error.
#[test]
fn every_failure_round_trips_through_the_client_error() {
    let failures = [
        Failure::Unauthenticated("no access token: token request answered 401".into()),
        Failure::BadAnswer {
            message: "was answered from another URL".into(),
            request_id: None,
        },
        Failure::BadAnswer {
            message: "was answered with more than 16 bytes".into(),
            request_id: Some("req_7]:x".into()),
        },
        Failure::OutcomeUnknown {
            message: "cybersource refund_capture was answered HTTP 502: a [request id x]: y".into(),
            request_id: Some("cs-7f3e".into()),
        },
        Failure::OutcomeUnknown {
            message: "maverick refund_payment was sent but no answer arrived".into(),
            request_id: None,
        },
    ];
    for failure in failures {
        let error = failure.clone().into_error::<()>();
        assert_eq!(Failure::from_error(&error), Some(failure));
    }
    let other = progenitor_client::Error::<()>::Custom("a hook of your own".into());
    assert_eq!(Failure::from_error(&other), None);
}
