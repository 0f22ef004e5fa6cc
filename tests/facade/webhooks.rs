//! Signed notifications against vectors computed outside payspec (`fixtures/webhooks/`, with the
//! commands in `signatures.txt`): valid, bad, tampered, stale, future and rotated signatures,
//! ignored event types, PayPal's verification call on a local server, and waiting for a refund
//! whose outcome arrives by notification.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use payspec::runtime::Secret;
use payspec::webhooks::{
    AdyenNotifications, Gr4vyNotifications, Notifications, RefundUpdate, StripeNotifications,
};
use payspec::{Currency, ErrorKind, Money, Outcome, Provider, RefundStatus};

mod paypal;
mod wait;

fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/webhooks/");
    std::fs::read(format!("{dir}{name}")).unwrap()
}

/// `signatures.txt`: `name = value` lines.
fn vectors() -> HashMap<String, String> {
    String::from_utf8(fixture("signatures.txt"))
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn at(offset: i64) -> SystemTime {
    let signed = vectors()["timestamp"].parse::<u64>().unwrap();
    UNIX_EPOCH + Duration::from_secs(signed.checked_add_signed(offset).unwrap())
}

fn secret(name: &str) -> Secret {
    Secret::new(vectors()[name].clone())
}

fn rejected(result: Result<Vec<RefundUpdate>, payspec::Error>, context: &str) -> payspec::Error {
    let error = result.expect_err(context);
    assert_eq!(
        error.kind(),
        &ErrorKind::Authentication,
        "{context}: {error}"
    );
    assert_eq!(error.outcome(), Outcome::NotApplied, "{context}");
    assert!(
        error.message().contains("nothing applied"),
        "{context}: {error}"
    );
    error
}

fn stripe_header(signatures: &[&str]) -> String {
    let v1: Vec<String> = signatures.iter().map(|s| format!("v1={s}")).collect();
    format!("t={},{}", vectors()["timestamp"], v1.join(","))
}

#[test]
fn stripe_refund_event_becomes_an_update() {
    let v = vectors();
    let header = stripe_header(&[&v["stripe_refund_updated"]]);
    let updates = StripeNotifications::new(secret("stripe_secret"))
        .verify_at(
            &[("stripe-signature", header.as_str())],
            &fixture("stripe_refund_updated.json"),
            at(10),
        )
        .unwrap();
    assert_eq!(updates.len(), 1);
    let update = &updates[0];
    assert_eq!(update.provider, Provider::Stripe);
    assert_eq!(update.refund_id, "re_3OqP2K2eZvKYlo2C0aBcDeFg");
    assert_eq!(
        (update.status, update.raw_status.as_str()),
        (RefundStatus::Succeeded, "succeeded")
    );
    assert_eq!(update.amount, Some(Money::new(1050, Currency::USD)));
    assert_eq!(update.event_type, "refund.updated");
    assert_eq!(
        update.event_id.as_deref(),
        Some("evt_3OqP2K2eZvKYlo2C1xYz0a1b")
    );
    assert_eq!(
        update.payment_id.as_deref(),
        Some("pi_3OqP2K2eZvKYlo2C0Opqrstu")
    );
}

#[test]
fn stripe_refuses_bad_tampered_stale_and_future_signatures() {
    let v = vectors();
    let stripe = StripeNotifications::new(secret("stripe_secret"));
    let body = fixture("stripe_refund_updated.json");
    let good = stripe_header(&[&v["stripe_refund_updated"]]);
    let check = |header: &str, body: &[u8], now| {
        stripe.verify_at(&[("Stripe-Signature", header)], body, now)
    };

    assert!(
        check(&good, &body, at(300)).is_ok(),
        "at the edge of the window"
    );
    assert!(
        check(&good, &body, at(-300)).is_ok(),
        "at the edge of the window"
    );
    rejected(check(&good, &body, at(301)), "stale");
    let future = rejected(check(&good, &body, at(-301)), "future");
    assert!(future.message().contains("future"), "{future}");
    rejected(
        check(
            &stripe_header(&[&v["stripe_charge_succeeded"]]),
            &body,
            at(0),
        ),
        "bad",
    );
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("1050", "1500");
    rejected(check(&good, tampered.as_bytes(), at(0)), "tampered body");
    let moved = good.replace("t=1700000000", "t=1700000001");
    rejected(check(&moved, &body, at(0)), "tampered timestamp");
    rejected(check("v1=00", &body, at(0)), "no timestamp");
    rejected(
        stripe.verify_at(&[("Other", "x")], &body, at(0)),
        "no header",
    );
    let narrow =
        StripeNotifications::new(secret("stripe_secret")).with_tolerance(Duration::from_secs(5));
    rejected(
        narrow.verify_at(&[("Stripe-Signature", good.as_str())], &body, at(6)),
        "configured tolerance",
    );
}

#[test]
fn stripe_accepts_any_v1_and_any_rolled_secret() {
    let v = vectors();
    let body = fixture("stripe_refund_updated.json");
    let both = stripe_header(&[&v["stripe_refund_updated_old"], &v["stripe_refund_updated"]]);
    let current = StripeNotifications::new(secret("stripe_secret"));
    assert_eq!(
        current
            .verify_at(&[("Stripe-Signature", both.as_str())], &body, at(0))
            .unwrap()
            .len(),
        1
    );
    let old_only = stripe_header(&[&v["stripe_refund_updated_old"]]);
    rejected(
        current.verify_at(&[("Stripe-Signature", old_only.as_str())], &body, at(0)),
        "old secret dropped",
    );
    let rolling =
        StripeNotifications::new(secret("stripe_secret")).with_secret(secret("stripe_old_secret"));
    assert_eq!(
        rolling
            .verify_at(&[("Stripe-Signature", old_only.as_str())], &body, at(0))
            .unwrap()
            .len(),
        1
    );
}

/// The update of a signed Stripe fixture (`<name>.json`, signature `<name>`).
fn stripe_update(name: &str) -> RefundUpdate {
    stripe_update_for(Provider::Stripe.into(), name)
}

/// The update of a signed Stripe fixture, received by the endpoint of `account`.
fn stripe_update_for(account: payspec::Account, name: &str) -> RefundUpdate {
    let header = stripe_header(&[&vectors()[name]]);
    let stripe = StripeNotifications::new(secret("stripe_secret")).for_account(account);
    let body = fixture(&format!("{name}.json"));
    let mut updates = stripe
        .verify_at(&[("Stripe-Signature", header.as_str())], &body, at(0))
        .unwrap();
    updates.pop().unwrap()
}

#[test]
fn stripe_ignores_other_event_types() {
    let header = stripe_header(&[&vectors()["stripe_charge_succeeded"]]);
    let updates = StripeNotifications::new(secret("stripe_secret"))
        .verify_at(
            &[("Stripe-Signature", header.as_str())],
            &fixture("stripe_charge_succeeded.json"),
            at(0),
        )
        .unwrap();
    assert!(updates.is_empty());
}

fn gr4vy_headers(signatures: &str) -> [(&'static str, String); 3] {
    [
        ("X-Gr4vy-Webhook-Signatures", signatures.to_owned()),
        ("X-Gr4vy-Webhook-Timestamp", vectors()["timestamp"].clone()),
        ("X-Gr4vy-Webhook-ID", "delivery-1".to_owned()),
    ]
}

fn gr4vy_verify(
    gr4vy: &Gr4vyNotifications,
    headers: &[(&str, String)],
    body: &[u8],
    now: SystemTime,
) -> Result<Vec<RefundUpdate>, payspec::Error> {
    let pairs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    gr4vy.verify_at(pairs.as_slice(), body, now)
}

#[test]
fn gr4vy_refund_event_verified_rotated_and_refused() {
    let v = vectors();
    let body = fixture("gr4vy_refund_succeeded.json");
    let gr4vy = Gr4vyNotifications::new(secret("gr4vy_secret"));
    let rotating = gr4vy_headers(&format!(
        "{},{}",
        v["gr4vy_refund_succeeded_old"], v["gr4vy_refund_succeeded"]
    ));
    let updates = gr4vy_verify(&gr4vy, &rotating, &body, at(0)).unwrap();
    let update = &updates[0];
    assert_eq!(update.refund_id, "6a1d4e46-14ed-4fe1-a45f-eff4e025d211");
    assert_eq!(update.status, RefundStatus::Succeeded);
    assert_eq!(update.amount, Some(Money::new(1299, Currency::EUR)));
    assert_eq!(
        update.merchant_reference.as_deref(),
        Some("refund-order-1234")
    );
    assert_eq!(update.event_id.as_deref(), Some("delivery-1"));
    assert_eq!(update.event_type, "refund.succeeded");

    let old = gr4vy_headers(&v["gr4vy_refund_succeeded_old"]);
    rejected(
        gr4vy_verify(&gr4vy, &old, &body, at(0)),
        "secret not configured",
    );
    let both =
        Gr4vyNotifications::new(secret("gr4vy_secret")).with_secret(secret("gr4vy_old_secret"));
    assert_eq!(gr4vy_verify(&both, &old, &body, at(0)).unwrap().len(), 1);
    let good = gr4vy_headers(&v["gr4vy_refund_succeeded"]);
    rejected(gr4vy_verify(&gr4vy, &good, &body, at(301)), "stale");
    rejected(gr4vy_verify(&gr4vy, &good, &body, at(-301)), "future");
    let tampered = String::from_utf8(body)
        .unwrap()
        .replace("succeeded", "failed");
    rejected(
        gr4vy_verify(&gr4vy, &good, tampered.as_bytes(), at(0)),
        "tampered",
    );
    let captured = gr4vy_headers(&v["gr4vy_transaction_captured"]);
    let ignored = gr4vy_verify(
        &gr4vy,
        &captured,
        &fixture("gr4vy_transaction_captured.json"),
        at(0),
    );
    assert!(
        ignored.unwrap().is_empty(),
        "transaction events are not refund updates"
    );
}

#[test]
fn adyen_batch_maps_refund_items_and_skips_the_rest() {
    let adyen = AdyenNotifications::new(secret("adyen_key")).unwrap();
    let updates = adyen.verify(&fixture("adyen_refunds.json")).unwrap();
    let summary: Vec<_> = updates
        .iter()
        .map(|u| {
            (
                u.refund_id.as_str(),
                u.event_type.as_str(),
                u.status,
                u.amount,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "8815162938495721",
                "REFUND",
                RefundStatus::Succeeded,
                Some(Money::new(1000, Currency::EUR))
            ),
            // Adyen writes ISK with two decimals: 150000 is ISK 1500.
            (
                "8815162938495799",
                "REFUND_FAILED",
                RefundStatus::Failed,
                Some(Money::new(1500, Currency::ISK))
            ),
        ]
    );
    assert_eq!(updates[0].payment_id.as_deref(), Some("8835162938495706"));
    assert_eq!(
        updates[0].merchant_reference.as_deref(),
        Some("refund-order-1234")
    );
}

#[test]
fn adyen_refuses_the_whole_batch_for_one_bad_item() {
    let body = String::from_utf8(fixture("adyen_refunds.json")).unwrap();
    let adyen = AdyenNotifications::new(secret("adyen_key")).unwrap();
    let tampered = body.replace("\"value\":150000", "\"value\":150100");
    let error = rejected(adyen.verify(tampered.as_bytes()), "tampered item");
    assert!(error.message().contains("notificationItems[2]"), "{error}");
    let wrong = AdyenNotifications::new(Secret::new("00112233")).unwrap();
    rejected(wrong.verify(body.as_bytes()), "wrong key");
    let rotated = wrong.with_key(secret("adyen_key")).unwrap();
    assert_eq!(rotated.verify(body.as_bytes()).unwrap().len(), 2);
    let unsigned = body.replacen("\"hmacSignature\"", "\"other\"", 1);
    rejected(adyen.verify(unsigned.as_bytes()), "unsigned item");
}

#[test]
fn secrets_never_appear_in_debug_or_errors() {
    let v = vectors();
    let stripe = StripeNotifications::new(secret("stripe_secret"));
    let gr4vy = Gr4vyNotifications::new(secret("gr4vy_secret"));
    let adyen = AdyenNotifications::new(secret("adyen_key")).unwrap();
    let error = stripe
        .verify(&[("Stripe-Signature", "t=1,v1=00")], b"{}")
        .unwrap_err();
    let shown = format!("{stripe:?} {gr4vy:?} {adyen:?} {error} {error:?}");
    for name in ["stripe_secret", "gr4vy_secret", "adyen_key"] {
        assert!(!shown.contains(&v[name]), "{name} leaked: {shown}");
    }
}

#[test]
fn the_inbox_keeps_a_final_update_over_a_late_pending_one_and_stays_bounded() {
    let verified = stripe_update("stripe_refund_updated");
    let inbox = Notifications::with_capacity(1);
    inbox.push(verified.clone());
    inbox.push(stripe_update("stripe_refund_created"));
    let id = "re_3OqP2K2eZvKYlo2C0aBcDeFg";
    assert_eq!(
        inbox.latest(Provider::Stripe, id),
        Some(verified),
        "the final state stays"
    );
    let adyen = AdyenNotifications::new(secret("adyen_key")).unwrap();
    inbox.extend(adyen.verify(&fixture("adyen_refunds.json")).unwrap());
    assert_eq!(
        inbox.latest(Provider::Stripe, id),
        None,
        "evicted beyond the capacity"
    );
}
