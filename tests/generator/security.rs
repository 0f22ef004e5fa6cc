//! Authentication as `tests/fixtures/constructs.yaml` declares it, at run time: the generated
//! `Credentials` send each scheme where the spec puts it, each operation uses the first of its
//! documented ways the credentials hold, `security: []` sends nothing, and an operation whose
//! way the credentials lack is refused before anything is sent.

use payspec_runtime::{Failure, Runtime, Secret};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::constructs_client::{Client, Credentials};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let dispute = serde_json::json!({"id": "dp_1", "state": "open"});
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(dispute))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request sent");
    requests.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn an_api_key_goes_in_its_header() {
    let server = server().await;
    let client = Client::new(
        &server.uri(),
        Runtime::new(Credentials::api_key_auth(Secret::new("key-1"))),
    );
    client
        .close_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some("key-1"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn the_first_documented_way_held_is_used() {
    let server = server().await;
    let credentials = Credentials::api_key_auth(Secret::new("key-1"))
        .and(Credentials::bearer_auth(Secret::new("token-1")));
    let client = Client::new(&server.uri(), Runtime::new(credentials));
    client
        .close_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    // The spec lists `bearerAuth` before `apiKeyAuth`.
    assert_eq!(header(&request, "authorization"), Some("Bearer token-1"));
    assert_eq!(header(&request, "x-api-key"), None);
}

#[tokio::test]
async fn an_operation_without_security_sends_no_credentials() {
    let server = server().await;
    let credentials = Credentials::bearer_auth(Secret::new("token-1"));
    let client = Client::new(&server.uri(), Runtime::new(credentials));
    client
        .get_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization"), None);

    let server = self::server().await;
    let client = Client::new(&server.uri(), Runtime::new(Credentials::none()));
    client
        .get_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn an_operation_override_sends_a_query_key_and_basic_credentials() {
    let server = server().await;
    let credentials =
        Credentials::basic_auth_and_query_key("user", Secret::new("pass"), Secret::new("qk"));
    let client = Client::new(&server.uri(), Runtime::new(credentials));
    let _ = client.escalate_dispute().dispute_id("dp_1").send().await;
    let request = only_request(&server).await;
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs, [("api_key".to_owned(), "qk".to_owned())]);
    // base64("user:pass")
    assert_eq!(
        header(&request, "authorization"),
        Some("Basic dXNlcjpwYXNz")
    );
}

#[tokio::test]
async fn missing_credentials_stop_the_call_before_sending() {
    let server = server().await;
    let client = Client::new(
        &server.uri(),
        Runtime::new(Credentials::bearer_auth(Secret::new("token-1"))),
    );
    let error = client
        .escalate_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .unwrap_err();
    match Failure::from_error(&error) {
        Some(Failure::Unauthenticated(why)) => assert_eq!(
            why,
            "`escalate_dispute` needs credentials for `basicAuth` and `queryKey`; the client has `bearerAuth`"
        ),
        other => panic!("not refused for credentials: {other:?} ({error})"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_query_key_never_appears_in_a_transport_error() {
    // Nothing listens on port 9: the connection fails, and the error names the URL without the key.
    let credentials =
        Credentials::basic_auth_and_query_key("user", Secret::new("pass"), Secret::new("s3cr3t"));
    let client = Client::new("http://127.0.0.1:9", Runtime::new(credentials));
    let error = client
        .escalate_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .unwrap_err();
    let text = format!("{error} {error:?}");
    assert!(!text.contains("s3cr3t"), "{text}");
    assert!(text.contains("127.0.0.1:9"), "{text}");
}
