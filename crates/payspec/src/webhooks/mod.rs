//! Refund outcomes that arrive by notification.
//!
//! Each provider that signs its notifications has a verifier here: [`AdyenNotifications`]
//! (HMAC-SHA256 per notification item), [`StripeNotifications`] (`Stripe-Signature`),
//! [`Gr4vyNotifications`] (`X-Gr4vy-Webhook-Signatures`) and [`PayPalNotifications`] (PayPal's
//! verification call). A verifier checks the signature over the raw body (in constant time,
//! within a tolerance window where the provider signs a timestamp) and turns the refund events
//! in it into [`RefundUpdate`]s; other event types are ignored. A bad, missing, stale or future
//! signature is an [`ErrorKind::Authentication`] error and nothing is applied. CyberSource and
//! Maverick publish no signed refund notifications payspec can verify ([`scheme`]).
//!
//! The application pushes verified updates into a [`Notifications`] inbox, which
//! [`crate::Payspec::wait_for_final`] (or [`Notifications::wait_for_final`]) reads beside its
//! lookups. A webhook endpoint is a few lines in any framework; with axum (whose `HeaderMap` is
//! the one this crate reads) the handler is:
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use payspec::runtime::Secret;
//! use payspec::webhooks::StripeNotifications;
//! use payspec::Payspec;
//! use reqwest::header::HeaderMap;
//!
//! struct App {
//!     payspec: Payspec,
//!     stripe: StripeNotifications,
//! }
//!
//! // axum: `Router::new().route("/webhooks/stripe", post(stripe_webhook)).with_state(app)`,
//! // with `State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes` as the arguments.
//! async fn stripe_webhook(app: Arc<App>, headers: HeaderMap, body: &[u8]) -> u16 {
//!     match app.stripe.verify(&headers, body) {
//!         Ok(updates) => {
//!             app.payspec.notifications().extend(updates);
//!             200
//!         }
//!         Err(_) => 400, // nothing applied; the provider sends it again
//!     }
//! }
//!
//! # fn main() {
//! let app = Arc::new(App {
//!     payspec: Payspec::new(),
//!     stripe: StripeNotifications::new(Secret::new("whsec_...")),
//! });
//! # let _ = stripe_webhook(app, HeaderMap::new(), b"");
//! # }
//! ```
//!
//! [`ErrorKind::Authentication`]: crate::ErrorKind::Authentication

#[cfg(feature = "adyen")]
mod adyen;
#[cfg(feature = "gr4vy")]
mod gr4vy;
mod inbox;
#[cfg(feature = "paypal")]
mod paypal;
// Helpers shared by the verifiers; a build without some providers leaves parts unused.
#[cfg_attr(
    not(all(
        feature = "adyen",
        feature = "gr4vy",
        feature = "paypal",
        feature = "stripe"
    )),
    allow(dead_code)
)]
mod notification;
#[cfg_attr(
    not(all(
        feature = "adyen",
        feature = "gr4vy",
        feature = "paypal",
        feature = "stripe"
    )),
    allow(dead_code)
)]
mod signature;
#[cfg(feature = "stripe")]
mod stripe;
mod wait;

use std::time::Duration;

#[cfg(feature = "adyen")]
pub use adyen::AdyenNotifications;
#[cfg(feature = "gr4vy")]
pub use gr4vy::Gr4vyNotifications;
pub use inbox::Notifications;
#[cfg(feature = "paypal")]
pub use paypal::PayPalNotifications;
#[cfg(feature = "stripe")]
pub use stripe::StripeNotifications;
pub(crate) use wait::wait_for_final;

use crate::error::{Error, ErrorKind};
use crate::money::Money;
use crate::provider::{Account, Provider};
use crate::refund::{Refund, RefundStatus};

/// How long a signed timestamp may be away from the clock, by default (Stripe's own default).
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// A refund's new state, taken from a verified notification. Only the verifiers make them (and
/// [`FakeProvider::notify`](crate::fake::FakeProvider::notify), for the fake's own refunds), so
/// an inbox holds nothing unverified.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefundUpdate {
    /// The account whose endpoint received it: the verifier's (named after the provider
    /// unless set with the verifier's `for_account`). Waits for refunds of that account read it.
    pub account: Account,
    /// The provider that signed it.
    pub provider: Provider,
    /// The provider's refund id (Adyen: the refund's `pspReference`).
    pub refund_id: String,
    /// The unified status.
    pub status: RefundStatus,
    /// The provider's own status value (Adyen: the item's `success`, `true` or `false`).
    pub raw_status: String,
    /// The provider's event type (`refund.updated`, `REFUND`, `PAYMENT.CAPTURE.REFUNDED`).
    pub event_type: String,
    /// The provider's id of the event, for recognising deliveries of the same event.
    pub event_id: Option<String>,
    /// The refunded amount, when the notification carries it.
    pub amount: Option<Money>,
    /// The refunded payment or capture, when the notification names it.
    pub payment_id: Option<String>,
    /// The merchant reference the refund was made with (the [`crate::IdempotencyKey`]'s
    /// reference where the adapter sent one), when the notification carries it.
    pub merchant_reference: Option<String>,
}

impl RefundUpdate {
    /// `refund` as this update says it stands now.
    pub fn apply(&self, mut refund: Refund) -> Refund {
        refund.id = Some(self.refund_id.clone());
        refund.status = self.status;
        refund.raw_status.clone_from(&self.raw_status);
        if self.amount.is_some() {
            refund.amount = self.amount;
        }
        refund
    }
}

/// Where a verifier reads the headers a notification arrived with. Names are matched without
/// regard to case.
pub trait Headers {
    /// The value of header `name`, if present and text.
    fn header(&self, name: &str) -> Option<&str>;
}

/// The `http` crate's map, which axum, hyper and reqwest use.
impl Headers for reqwest::header::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|value| value.to_str().ok())
    }
}

/// Name and value pairs, for any other framework (actix-web: collect `req.headers()`).
impl Headers for [(&str, &str)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    }
}

impl<const N: usize> Headers for [(&str, &str); N] {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

/// How a provider signs its notifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// An HMAC-SHA256 of each item's fields, keyed with a hex key ([`AdyenNotifications`]).
    AdyenHmac,
    /// `Stripe-Signature`: an HMAC-SHA256 of the timestamp and the body ([`StripeNotifications`]).
    StripeSignature,
    /// `X-Gr4vy-Webhook-Signatures`: an HMAC-SHA256 of the timestamp and the body
    /// ([`Gr4vyNotifications`]).
    Gr4vyHmac,
    /// An RSA signature that PayPal's verification call checks ([`PayPalNotifications`]).
    PayPalVerificationCall,
}

/// How `provider` signs its notifications.
///
/// # Errors
/// [`ErrorKind::Unsupported`] for CyberSource and Maverick (and the fake): their documentation
/// that payspec follows describes no signed refund notification, so their outcomes are looked up.
pub fn scheme(provider: Provider) -> Result<Scheme, Error> {
    match provider {
        #[cfg(feature = "adyen")]
        Provider::Adyen => Ok(Scheme::AdyenHmac),
        #[cfg(feature = "stripe")]
        Provider::Stripe => Ok(Scheme::StripeSignature),
        #[cfg(feature = "gr4vy")]
        Provider::Gr4vy => Ok(Scheme::Gr4vyHmac),
        #[cfg(feature = "paypal")]
        Provider::PayPal => Ok(Scheme::PayPalVerificationCall),
        other => Err(Error::new(
            ErrorKind::Unsupported,
            format!(
                "{other} sends no signed refund notifications payspec can verify; look refunds up with get_refund"
            ),
        )
        .with_provider(other)),
    }
}
