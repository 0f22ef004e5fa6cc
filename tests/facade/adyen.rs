//! The Adyen adapter against Adyen's documented answers: the refund request (amount, merchant
//! account, reason from its list, reference, key), `received` as pending, every documented error
//! body with the request's `pspReference`, no lookup, resolve by replay under the key, and a
//! refund completed by a verified notification through `wait_for_final`.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use payspec::providers::adyen::Adyen;
use payspec::runtime::Secret;
use payspec::webhooks::AdyenNotifications;
use payspec::{
    Currency, DeclineReason, ErrorKind, Money, Outcome, Payspec, PollPolicy, Provider,
    RefundProvider, RefundReason, RefundStatus, Resolution, Target,
};
use payspec_tests::{SpecExamples, test_runtime};
use serde_json::{Value, json};
use sha2::Sha256;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{assert_kind, request, sent_body, serving};

const PAYMENT: &str = "993617894903480A";
const REFUND: &str = "993617894906488C";
const HMAC_KEY: &str = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

fn adyen(server: &MockServer) -> Adyen {
    Adyen::new(
        payspec::clients::adyen::Client::new(&server.uri(), test_runtime()),
        "AcmeShopECOM",
    )
}

fn received(value: i64, currency: &str) -> Value {
    json!({"merchantAccount": "AcmeShopECOM", "paymentPspReference": PAYMENT,
           "pspReference": REFUND, "reference": "refund-order-1234", "status": "received",
           "amount": {"currency": currency, "value": value}})
}

fn eur(minor: i64) -> Option<Money> {
    Some(Money::new(minor, Currency::EUR))
}

#[tokio::test]
async fn a_refund_is_received_as_pending_with_its_psp_reference() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/payments/{PAYMENT}/refunds")))
        .and(header("Idempotency-Key", "refund-order-1234"))
        .respond_with(ResponseTemplate::new(201).set_body_json(received(2500, "EUR")))
        .mount(&server)
        .await;
    let request = request(Provider::Adyen, Target::Payment(PAYMENT.into()), eur(2500))
        .with_reason(RefundReason::RequestedByCustomer);
    let refund = adyen(&server).refund(&request).await.unwrap();
    assert_eq!(
        (
            refund.status,
            refund.raw_status.as_str(),
            refund.id.as_deref()
        ),
        (RefundStatus::Pending, "received", Some(REFUND))
    );
    assert_eq!(refund.request_id.as_deref(), Some(REFUND));
    assert_eq!(refund.amount, eur(2500));
    assert_eq!(
        sent_body(&server).await,
        json!({"amount": {"currency": "EUR", "value": 2500}, "merchantAccount": "AcmeShopECOM",
               "reference": "refund-order-1234", "merchantRefundReason": "CUSTOMER REQUEST"})
    );
}

#[tokio::test]
async fn reasons_map_onto_adyens_list() {
    for (reason, wire) in [
        (RefundReason::Duplicate, "DUPLICATE"),
        (RefundReason::Fraudulent, "FRAUD"),
        (RefundReason::Other("arrived broken".into()), "OTHER"),
    ] {
        let server = serving(201, &received(100, "EUR")).await;
        let request =
            request(Provider::Adyen, Target::Id(PAYMENT.into()), eur(100)).with_reason(reason);
        adyen(&server).refund(&request).await.unwrap();
        assert_eq!(sent_body(&server).await["merchantRefundReason"], wire);
    }
}

#[tokio::test]
async fn what_adyen_cannot_take_is_refused_before_sending() {
    let server = serving(201, &received(100, "EUR")).await;
    let adapter = adyen(&server);
    let no_amount = request(Provider::Adyen, Target::Payment(PAYMENT.into()), None);
    let error = adapter.refund(&no_amount).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Unsupported, "{error}");
    for money in [
        Money::new(550, Currency::CVE),
        Money::new(10_001, Currency::IDR),
    ] {
        let refused = request(
            Provider::Adyen,
            Target::Payment(PAYMENT.into()),
            Some(money),
        );
        let error = adapter.refund(&refused).await.unwrap_err();
        assert_eq!(
            (error.kind(), error.outcome()),
            (&ErrorKind::InvalidInput, Outcome::NotSent),
            "{money}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
    // CLP: Adyen writes two decimals, so 1000 pesos are 100000 on the wire.
    let server = serving(201, &received(100_000, "CLP")).await;
    let clp = request(
        Provider::Adyen,
        Target::Payment(PAYMENT.into()),
        Some(Money::new(1_000, Currency::CLP)),
    );
    adyen(&server).refund(&clp).await.unwrap();
    assert_eq!(sent_body(&server).await["amount"]["value"], 100_000);
}

#[tokio::test]
async fn every_documented_error_body_maps_with_its_psp_reference() {
    let spec = SpecExamples::load("adyen");
    for (status, example) in spec
        .response_examples("refundCapturedPayment")
        .into_iter()
        .filter(|(s, _)| *s >= 400)
    {
        let expected = match status {
            400 => ErrorKind::InvalidInput,
            401 | 403 => ErrorKind::Authentication,
            422 => ErrorKind::Declined(DeclineReason::Other),
            500 => ErrorKind::Transient,
            other => panic!("undocumented status {other}"),
        };
        let server = serving(status, &example).await;
        let error = assert_kind(
            adyen(&server)
                .refund(&request(
                    Provider::Adyen,
                    Target::Payment(PAYMENT.into()),
                    eur(100),
                ))
                .await,
            &expected,
            &format!("HTTP {status}"),
        );
        assert_eq!(error.code(), example["errorCode"].as_str(), "HTTP {status}");
        assert_eq!(
            error.request_id(),
            example["pspReference"].as_str(),
            "HTTP {status}"
        );
        if status == 500 {
            // Adyen documents resending under the same key.
            assert_eq!(error.outcome(), Outcome::NotApplied);
            assert!(error.is_retryable());
        }
    }
}

#[tokio::test]
async fn there_is_no_lookup_and_resolve_replays_under_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("Idempotency-Key", "refund-order-1234"))
        .respond_with(ResponseTemplate::new(201).set_body_json(received(2500, "EUR")))
        .mount(&server)
        .await;
    let adapter = adyen(&server);
    let error = adapter.get_refund(REFUND).await.unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Unsupported);
    let request = request(Provider::Adyen, Target::Payment(PAYMENT.into()), eur(2500));
    let Resolution::Made(refund) = adapter.resolve(&request).await.unwrap() else {
        panic!("the replay answers with the refund");
    };
    assert_eq!(refund.id.as_deref(), Some(REFUND));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "POST");
}

/// A REFUND notification for the refund, signed with `HMAC_KEY` (computed here, independently
/// of the verifier: HMAC-SHA256 of the colon-joined fields, base64).
fn signed_refund_notification(success: bool) -> Vec<u8> {
    let success = success.to_string();
    let fields = [
        REFUND,
        PAYMENT,
        "AcmeShopECOM",
        "refund-order-1234",
        "2500",
        "EUR",
        "REFUND",
        &success,
    ];
    let key: Vec<u8> = (0..HMAC_KEY.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&HMAC_KEY[i..i + 2], 16).unwrap())
        .collect();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(fields.join(":").as_bytes());
    let signature = STANDARD.encode(mac.finalize().into_bytes());
    serde_json::to_vec(
        &json!({"live": "false", "notificationItems": [{"NotificationRequestItem": {
        "pspReference": REFUND, "originalReference": PAYMENT, "merchantAccountCode": "AcmeShopECOM",
        "merchantReference": "refund-order-1234", "amount": {"value": 2500, "currency": "EUR"},
        "eventCode": "REFUND", "success": success, "eventDate": "2026-08-01T12:00:00+02:00",
        "additionalData": {"hmacSignature": signature}}}]}),
    )
    .unwrap()
}

#[tokio::test]
async fn a_verified_notification_completes_the_wait() {
    let server = serving(201, &received(2500, "EUR")).await;
    let payspec = Payspec::new().with_account("adyen-nl", adyen(&server));
    let verifier = AdyenNotifications::new(Secret::new(HMAC_KEY))
        .unwrap()
        .for_account("adyen-nl");
    let refund = payspec
        .refund(&request(
            "adyen-nl",
            Target::Payment(PAYMENT.into()),
            eur(2500),
        ))
        .await
        .unwrap();
    assert_eq!(refund.status, RefundStatus::Pending);
    let inbox = payspec.notifications().clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let updates = verifier.verify(&signed_refund_notification(true)).unwrap();
        inbox.extend(updates);
    });
    let policy = PollPolicy {
        max_wait: Duration::from_secs(5),
        ..PollPolicy::default()
    };
    let settled = payspec.wait_for_final(refund, policy).await.unwrap();
    assert_eq!(
        (settled.status, settled.account.as_str(), settled.amount),
        (RefundStatus::Succeeded, "adyen-nl", eur(2500))
    );
    // A tampered notification is refused and applies nothing.
    let mut tampered = signed_refund_notification(false);
    let at = tampered.windows(4).position(|w| w == b"2500").unwrap();
    tampered[at] = b'9';
    let error = AdyenNotifications::new(Secret::new(HMAC_KEY))
        .unwrap()
        .verify(&tampered)
        .unwrap_err();
    assert_eq!(error.kind(), &ErrorKind::Authentication);
}
