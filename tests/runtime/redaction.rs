//! No secret reaches a trace, a Debug or Display string, or an error message.

use payspec_paypal::runtime::{KeyLocation, RetryPolicy, Runtime, Scheme, Secret};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::captured::Captured;

const CLIENT_SECRET: &str = "paypal-client-secret-1f3a";
const ACCESS_TOKEN: &str = "A21AAFpaypal-access-token-9c2e";
const SHARED_SECRET: &str = "c2hhcmVkLXNlY3JldC1jeWJlcnNvdXJjZS03ZDFi";
const API_KEY: &str = "mav_live_api_key_5e8f";

#[tokio::test]
async fn no_credential_appears_in_traces_debug_display_or_errors() {
    let captured = Captured::default();
    let _trace = captured.this_thread();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": ACCESS_TOKEN, "expires_in": 3600})),
        )
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"name": "AUTHENTICATION_FAILURE", "message": "no", "debug_id": "d1"}),
        ))
        .mount(&server)
        .await;

    let mut texts = Vec::new();
    let oauth = payspec_paypal::Credentials::oauth2("client-id", Secret::new(CLIENT_SECRET));
    texts.push(format!("{oauth:?}"));
    let paypal = payspec_paypal::Client::new(
        &server.uri(),
        Runtime::new(oauth).with_retry(RetryPolicy::none()),
    );
    let error = paypal
        .get_refund()
        .refund_id("R1")
        .send()
        .await
        .unwrap_err();
    texts.extend([
        format!("{paypal:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ]);

    let signer = payspec_cybersource::Credentials::http_signature(
        "merchant",
        "key",
        Secret::new(SHARED_SECRET),
    )
    .unwrap();
    texts.push(format!("{signer:?}"));
    let cybersource = payspec_cybersource::Client::new(&server.uri(), Runtime::new(signer));
    let error = cybersource
        .get_transaction()
        .id("1")
        .send()
        .await
        .unwrap_err();
    texts.extend([
        format!("{cybersource:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ]);

    let key = payspec_maverick::Credentials::bearer_auth(Secret::new(API_KEY));
    texts.push(format!("{key:?}"));
    texts.push(format!(
        "{:?}",
        Scheme::api_key(KeyLocation::Query, "key", Secret::new(API_KEY))
    ));
    let maverick = payspec_maverick::Client::new(&server.uri(), Runtime::new(key));
    let error = maverick.get_payment().id(1).send().await.unwrap_err();
    texts.extend([
        format!("{maverick:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ]);

    let fixtures = xtask::workspace_root().join("crates/payspec-runtime/tests/fixtures");
    let pem = std::fs::read_to_string(fixtures.join("gr4vy-test-key.pem")).unwrap();
    let jwt =
        payspec_gr4vy::Credentials::bearer_auth(&Secret::new(pem.clone()), "merchant").unwrap();
    texts.push(format!("{jwt:?}"));
    let gr4vy = payspec_gr4vy::Client::new(&server.uri(), Runtime::new(jwt));
    let error = gr4vy
        .get_refund()
        .refund_id("8724fd24-5489-4a5d-90fd-0604df7d3b83")
        .send()
        .await
        .unwrap_err();
    texts.extend([
        format!("{gr4vy:?}"),
        format!("{error}"),
        format!("{error:?}"),
    ]);

    // What went over the wire, to make sure those exact values are what is being looked for.
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter_map(|r| {
            r.headers
                .get("authorization")
                .map(|v| v.to_str().unwrap().to_owned())
        })
        .collect();
    assert!(
        sent.contains(&format!("Bearer {ACCESS_TOKEN}"))
            && sent.contains(&format!("Bearer {API_KEY}"))
    );
    let jwt_sent = sent
        .iter()
        .find(|v| v.starts_with("Bearer ey"))
        .expect("a Gr4vy JWT was sent")
        .clone();
    let signature_sent = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .find_map(|r| r.headers.get("signature").cloned())
        .unwrap();
    let signature_value = signature_sent
        .to_str()
        .unwrap()
        .rsplit("signature=\"")
        .next()
        .unwrap()
        .trim_end_matches('"')
        .to_owned();

    let trace = captured.text();
    assert!(
        trace.contains("provider=\"paypal\"") || trace.contains("provider=paypal"),
        "calls are traced:\n{trace}"
    );
    texts.push(trace);
    let key_body = pem.lines().nth(1).unwrap();
    let secrets = [
        CLIENT_SECRET,
        ACCESS_TOKEN,
        SHARED_SECRET,
        API_KEY,
        key_body,
        &jwt_sent[7..],
        &signature_value,
    ];
    for text in &texts {
        for secret in secrets {
            assert!(!text.contains(secret), "a secret leaked into:\n{text}");
        }
    }
}
