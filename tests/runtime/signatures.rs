//! What each provider receives, checked by verifiers written here independently of the runtime.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use payspec_cybersource::runtime::{RetryPolicy, Runtime, Secret};
use sha2::{Digest, Sha256};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SHARED_SECRET: &str = "yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=";

async fn capture(respond: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(respond)
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header<'r>(request: &'r Request, name: &str) -> &'r str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

/// Recomputes a CyberSource HTTP Signature from what arrived on the wire.
fn verify_cybersource(request: &Request) {
    let signature = header(request, "signature");
    let field = |name: &str| {
        let start = signature.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        &signature[start..start + signature[start..].find('"').unwrap()]
    };
    assert_eq!(field("keyid"), "key-id");
    assert_eq!(field("algorithm"), "HmacSHA256");
    let mut lines = Vec::new();
    for name in field("headers").split(' ') {
        let value = match name {
            "request-target" => format!(
                "{} {}",
                request.method.as_str().to_lowercase(),
                request.url.path()
            ),
            other => header(request, other).to_owned(),
        };
        lines.push(format!("{name}: {value}"));
    }
    if field("headers").contains("digest") {
        let digest = format!("SHA-256={}", STANDARD.encode(Sha256::digest(&request.body)));
        assert_eq!(
            header(request, "digest"),
            digest,
            "digest covers the exact body"
        );
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(&STANDARD.decode(SHARED_SECRET).unwrap()).unwrap();
    mac.update(lines.join("\n").as_bytes());
    assert_eq!(
        field("signature"),
        STANDARD.encode(mac.finalize().into_bytes())
    );
    assert_eq!(header(request, "v-c-merchant-id"), "merchant-id");
    assert!(httpdate_is_recent(header(request, "date")));
}

fn httpdate_is_recent(date: &str) -> bool {
    // IMF-fixdate, e.g. "Tue, 14 Nov 2023 22:13:20 GMT".
    date.len() == 29 && date.ends_with(" GMT") && date.as_bytes()[3] == b','
}

fn cybersource(server: &MockServer) -> payspec_cybersource::Client {
    let credentials = payspec_cybersource::Credentials::http_signature(
        "merchant-id",
        "key-id",
        Secret::new(SHARED_SECRET),
    )
    .unwrap();
    payspec_cybersource::Client::new(
        &server.uri(),
        Runtime::new(credentials).with_retry(RetryPolicy::none()),
    )
}

#[tokio::test]
async fn cybersource_post_is_signed_over_the_exact_body() {
    let server =
        capture(ResponseTemplate::new(201).set_body_json(serde_json::json!({"status": "PENDING"})))
            .await;
    let body: payspec_cybersource::types::RefundRequest = serde_json::from_value(
        serde_json::json!({"clientReferenceInformation": {"code": "TC50171_3"}, "orderInformation": {"amountDetails": {"totalAmount": "102.21", "currency": "USD"}}}),
    )
    .unwrap();
    cybersource(&server)
        .refund_payment()
        .id("6461731521426399003473")
        .body(body)
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert!(
        header(&request, "signature")
            .contains("headers=\"host date request-target digest v-c-merchant-id\"")
    );
    verify_cybersource(&request);
}

#[tokio::test]
async fn cybersource_get_is_signed_without_a_digest() {
    let server =
        capture(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "1"}))).await;
    cybersource(&server)
        .get_transaction()
        .id("6461731521426399003477")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert!(request.headers.get("digest").is_none());
    verify_cybersource(&request);
}

#[tokio::test]
async fn gr4vy_receives_an_es512_jwt_that_verifies_with_the_public_key() {
    use p521::ecdsa::signature::Verifier;
    use p521::ecdsa::{Signature, VerifyingKey};
    use p521::pkcs8::DecodePublicKey;

    let fixtures = xtask::workspace_root().join("crates/payspec-runtime/tests/fixtures");
    let private = std::fs::read_to_string(fixtures.join("gr4vy-test-key.pem")).unwrap();
    let public = std::fs::read_to_string(fixtures.join("gr4vy-test-key.pub.pem")).unwrap();
    let credentials =
        payspec_gr4vy::Credentials::bearer_auth(&Secret::new(private), "merchant").unwrap();
    let server = capture(ResponseTemplate::new(404).set_body_json(
        serde_json::json!({"type": "error", "code": "not_found", "status": 404, "message": "none"}),
    ))
    .await;
    let client = payspec_gr4vy::Client::new(
        &server.uri(),
        Runtime::new(credentials).with_retry(RetryPolicy::none()),
    );
    let _ = client
        .get_refund()
        .refund_id("8724fd24-5489-4a5d-90fd-0604df7d3b83")
        .send()
        .await;

    let request = only_request(&server).await;
    let token = header(&request, "authorization")
        .strip_prefix("Bearer ")
        .expect("a bearer token");
    let (input, signature) = token.rsplit_once('.').unwrap();
    let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).unwrap()).unwrap();
    VerifyingKey::from_public_key_pem(&public)
        .unwrap()
        .verify(input.as_bytes(), &signature)
        .expect("signature verifies");
    let claims: serde_json::Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(input.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    // The scopes the spec's `x-payspec-jwt-scopes` declares.
    assert_eq!(
        claims["scopes"],
        serde_json::json!(["transactions.read", "transactions.write"])
    );
    assert_eq!(claims["iss"], "merchant");
    let (iat, exp) = (
        claims["iat"].as_u64().unwrap(),
        claims["exp"].as_u64().unwrap(),
    );
    assert!(exp > iat && claims["nbf"].as_u64() == Some(iat));
}

#[tokio::test]
async fn maverick_receives_its_api_key_as_a_bearer_token() {
    let server = capture(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 883, "amount": "1.99", "type": "Return", "status": {"status": "Approved"}}))).await;
    let credentials = payspec_maverick::Credentials::bearer_auth(Secret::new("mav_live_key"));
    let client = payspec_maverick::Client::new(&server.uri(), Runtime::new(credentials));
    client.get_payment().id(883).send().await.unwrap();
    assert_eq!(
        header(&only_request(&server).await, "authorization"),
        "Bearer mav_live_key"
    );
}
