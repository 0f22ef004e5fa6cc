//! One refund API over CyberSource, Gr4vy, PayPal and Maverick Payments.
//!
//! Each provider is an adapter ([`providers`]) over its generated client; all of them implement
//! [`RefundProvider`], so application code refunds, looks refunds up and waits for them the same
//! way everywhere. The facade only maps and decides: HTTP, authentication, idempotency keys and
//! retries live in the generated clients and their runtime.
//!
//! Money is integer minor units ([`Money`]), converted exactly to each provider's wire form;
//! amounts a provider cannot represent are refused, never rounded.
//!
//! # Exactly once
//!
//! Every refund carries an [`IdempotencyKey`] chosen by the caller for one logical refund and
//! kept for all of its life. Providers with idempotency keys (PayPal, Gr4vy) get it as such;
//! providers without (CyberSource, Maverick) get a merchant reference derived from it
//! ([`IdempotencyKey::reference`]), which [`Payspec::resolve`] searches for. Every error says what
//! happened to the money ([`Error::outcome`]), and one rule, safe for every provider, says what
//! to do next:
//!
//! - [`Outcome::NotSent`] or [`Outcome::NotApplied`]: nothing moved; sending the same request
//!   again is safe, and worth it when [`Error::is_retryable`] (after [`Error::retry_after`]).
//! - [`Outcome::Unknown`]: call [`Payspec::resolve`] with the same request until it answers
//!   [`Resolution::Made`] (done) or [`Resolution::NotMade`] (send the same request again);
//!   [`Resolution::Pending`] means ask again later. Never send it again before that.
//! - [`Outcome::Applied`]: the refund exists; never send it again.
//!
//! ```no_run
//! use payspec::{Outcome, Payspec, Refund, RefundRequest, Resolution};
//!
//! async fn refund_once(payspec: &Payspec, request: &RefundRequest) -> Result<Refund, payspec::Error> {
//!     loop {
//!         let error = match payspec.refund(request).await {
//!             Ok(refund) => return Ok(refund),
//!             Err(error) => error,
//!         };
//!         match error.outcome() {
//!             Outcome::Unknown => loop {
//!                 match payspec.resolve(request).await {
//!                     Ok(Resolution::Made(refund)) => return Ok(refund),
//!                     Ok(Resolution::NotMade) => break,
//!                     Ok(Resolution::Pending(wait)) => tokio::time::sleep(wait).await,
//!                     Err(e) if e.is_retryable() => tokio::time::sleep(std::time::Duration::from_secs(1)).await,
//!                     Err(e) => return Err(e),
//!                 }
//!             },
//!             _ if error.is_retryable() => {
//!                 tokio::time::sleep(error.retry_after().unwrap_or(std::time::Duration::from_secs(1))).await
//!             }
//!             _ => return Err(error),
//!         }
//!     }
//! }
//! ```

#![deny(missing_docs)]

pub mod error;
pub mod fake;
pub mod money;
pub mod providers;
pub mod refund;
pub mod webhooks;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// Credentials, retries and timeouts for the provider clients.
pub use payspec_runtime as runtime;

pub use error::{DeclineReason, Error, ErrorKind, Outcome};
pub use money::{Currency, Money, MoneyError};
pub use refund::{
    Capabilities, IdempotencyKey, OutcomeReporting, Provider, Refund, RefundRequest, RefundStatus,
    Resolution, Target,
};

/// A boxed future, so that providers can be used as `dyn RefundProvider`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A provider that can refund. Every adapter and [`fake::FakeProvider`] implement it.
pub trait RefundProvider: Send + Sync {
    /// Which provider this is.
    fn provider(&self) -> Provider;

    /// What it supports; a request it cannot serve is refused before sending.
    fn capabilities(&self) -> Capabilities;

    /// Refunds `request`. A repeated call with the same idempotency key is applied at most once
    /// where [`Capabilities::idempotency`] holds.
    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>>;

    /// Looks a refund up by the provider's refund id.
    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>>;

    /// Finds out whether `request` (whose outcome was unknown) made a refund: by replaying it
    /// under its idempotency key where the provider stores keys, by searching for its merchant
    /// reference where it does not.
    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>>;
}

/// Every configured provider behind one object: each request goes to the provider it names.
///
/// Build it once at start-up and share it; the provider clients inside share connections,
/// credentials and token caches.
#[derive(Default)]
///
/// ```
/// use payspec::fake::FakeProvider;
/// use payspec::{Currency, IdempotencyKey, Money, Payspec, Provider, RefundRequest, RefundStatus, Target};
///
/// # tokio_test(async {
/// let payspec = Payspec::new().with(FakeProvider::new());
/// let request = RefundRequest::new(
///     Provider::Fake,
///     Target::Payment("fake_succeeded".into()),
///     Some(Money::new(1000, Currency::USD)),
///     IdempotencyKey::new("refund-1").unwrap(),
/// );
/// let refund = payspec.refund(&request).await.unwrap();
/// assert_eq!(refund.status, RefundStatus::Succeeded);
/// # });
/// # fn tokio_test(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
/// # }
/// ```
pub struct Payspec {
    providers: Vec<Box<dyn RefundProvider>>,
    notifications: webhooks::Notifications,
}

impl Payspec {
    /// No providers yet; add them with [`Payspec::with`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a provider.
    #[must_use]
    pub fn with(mut self, provider: impl RefundProvider + 'static) -> Self {
        self.providers
            .retain(|p| p.provider() != provider.provider());
        self.providers.push(Box::new(provider));
        self
    }

    /// The adapter for `provider`.
    ///
    /// # Errors
    /// [`ErrorKind::Unsupported`] when it was not configured.
    pub fn provider(&self, provider: Provider) -> Result<&dyn RefundProvider, Error> {
        self.providers
            .iter()
            .find(|p| p.provider() == provider)
            .map(AsRef::as_ref)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Unsupported,
                    format!("{provider} is not configured"),
                )
            })
    }

    /// What `provider` supports, if configured.
    pub fn capabilities(&self, provider: Provider) -> Option<Capabilities> {
        self.provider(provider).ok().map(|p| p.capabilities())
    }

    /// Refunds through the provider `request` names.
    ///
    /// # Errors
    /// See [`Error::kind`].
    pub async fn refund(&self, request: &RefundRequest) -> Result<Refund, Error> {
        self.provider(request.provider)?.refund(request).await
    }

    /// Finds out whether `request` made a refund after an error whose
    /// [outcome](Error::outcome) was unknown; see the crate docs for the rule.
    ///
    /// # Errors
    /// See [`Error::kind`]; a retryable error means: ask again later.
    pub async fn resolve(&self, request: &RefundRequest) -> Result<Resolution, Error> {
        self.provider(request.provider)?.resolve(request).await
    }

    /// Looks up a refund at `provider`.
    ///
    /// # Errors
    /// See [`Error::kind`].
    pub async fn get_refund(&self, provider: Provider, refund_id: &str) -> Result<Refund, Error> {
        self.provider(provider)?.get_refund(refund_id).await
    }

    /// The inbox for verified refund notifications ([`webhooks`]), which
    /// [`Payspec::wait_for_final`] reads.
    pub fn notifications(&self) -> &webhooks::Notifications {
        &self.notifications
    }

    /// Waits until `refund` is final, by lookup or by a notification pushed into
    /// [`Payspec::notifications`], whichever comes first; see [`wait_for_final`].
    ///
    /// # Errors
    /// See [`wait_for_final`].
    pub async fn wait_for_final(
        &self,
        refund: Refund,
        policy: PollPolicy,
    ) -> Result<Refund, Error> {
        let provider = self.provider(refund.provider)?;
        self.notifications
            .wait_for_final(provider, refund, policy)
            .await
    }
}

/// How [`wait_for_final`] polls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollPolicy {
    /// The first wait between lookups; each later one doubles.
    pub initial_delay: Duration,
    /// The longest wait between lookups.
    pub max_delay: Duration,
    /// Give up (returning the last, still pending, state) after this long.
    pub max_wait: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            max_wait: Duration::from_secs(300),
        }
    }
}

/// Looks `refund` up until its status is final or `policy.max_wait` has passed, and returns the
/// last state seen (check [`RefundStatus::is_final`]). For providers that report outcomes by
/// notification ([`OutcomeReporting`]) wait with [`Payspec::wait_for_final`] or
/// [`webhooks::Notifications::wait_for_final`], which also read the verified notifications.
///
/// # Errors
/// The refund has no id yet, the provider reports outcomes only by notification, or a lookup
/// failed with an error that is not worth retrying.
pub async fn wait_for_final(
    provider: &dyn RefundProvider,
    refund: Refund,
    policy: PollPolicy,
) -> Result<Refund, Error> {
    webhooks::wait_for_final(provider, None, refund, policy).await
}

/// The README's examples, compiled by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
