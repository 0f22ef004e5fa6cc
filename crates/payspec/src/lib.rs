//! One refund API over Adyen, CyberSource, Gr4vy, Maverick Payments, PayPal and Stripe.
//!
//! Each provider is an adapter ([`providers`]) over its generated client; all of them implement
//! [`RefundProvider`], so application code refunds, looks refunds up and waits for them the same
//! way everywhere. The facade only maps and decides: HTTP, authentication, idempotency keys and
//! retries live in the generated clients and their runtime.
//!
//! Each provider's semantics are declared once as data ([`Rules`], the `RULES` constant of each
//! adapter) and applied by shared code: how it writes amounts, which refund reasons it carries,
//! how a plain id is classified, how it keeps a refund from happening twice, and where its retry
//! hint and request id come from.
//!
//! Money is integer minor units ([`Money`]), converted exactly to each provider's wire form by
//! its rules; amounts a provider cannot represent are refused before sending, never rounded.
//!
//! [`Payspec`] holds the adapters by account name, so several accounts of one provider can sit
//! side by side; each request names its [`Account`]. Each provider is a cargo feature of its
//! name (all on by default); a build compiles only the enabled ones, and [`clients`] re-exports
//! their generated clients.
//!
//! # Exactly once
//!
//! Every refund carries an [`IdempotencyKey`] chosen by the caller for one logical refund and
//! kept for all of its life. Providers that store idempotency keys
//! ([`rules::Idempotency::Key`]: PayPal, Gr4vy, Stripe, Adyen) get it as such; providers without
//! ([`rules::Idempotency::Reference`]: CyberSource, Maverick) get a merchant reference derived
//! from it ([`IdempotencyKey::reference`]), which [`Payspec::resolve`] searches for. A server
//! error answered to a refund is "nothing applied" only where the provider stores nothing under
//! the key for it ([`rules::ServerErrors::Resend`]); everywhere else it is an unknown outcome.
//! Every error says what happened to the money ([`Error::outcome`]), and one rule, safe for every
//! provider, says what to do next:
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
pub mod provider;
pub mod providers;
pub mod refund;
pub mod rules;
pub mod webhooks;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// Credentials, retries and timeouts for the provider clients.
pub use payspec_runtime as runtime;

pub use error::{DeclineReason, Error, ErrorKind, Outcome};
pub use money::{Currency, Money, MoneyError};
pub use provider::{Account, Provider, UnknownProvider};
pub use providers::clients;
pub use refund::{
    Capabilities, IdempotencyKey, OutcomeReporting, Refund, RefundReason, RefundRequest,
    RefundStatus, Resolution, Target,
};
pub use rules::Rules;

/// A boxed future, so that providers can be used as `dyn RefundProvider`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A provider that can refund. Every adapter and [`fake::FakeProvider`] implement it.
pub trait RefundProvider: Send + Sync {
    /// The provider's semantics, declared as data; shared code applies them.
    fn rules(&self) -> &'static Rules;

    /// Which provider this is.
    fn provider(&self) -> Provider {
        self.rules().provider
    }

    /// What it supports; a request it cannot serve is refused before sending.
    fn capabilities(&self) -> Capabilities {
        self.rules().capabilities
    }

    /// Refunds `request`. A repeated call with the same idempotency key is applied at most once
    /// where the provider stores keys ([`Rules::idempotency`](rules::Rules::idempotency)).
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

/// Every configured account behind one object: each request goes to the account it names.
///
/// Build it once at start-up and share it; the provider clients inside share connections,
/// credentials and token caches. An adapter added with [`Payspec::with`] is the account named
/// after its provider (`"paypal"`); [`Payspec::with_account`] names accounts, so that several
/// accounts of one provider sit side by side.
///
/// ```
/// use payspec::fake::FakeProvider;
/// use payspec::{Currency, IdempotencyKey, Money, Payspec, Provider, RefundRequest, RefundStatus, Target};
///
/// # tokio_test(async {
/// let payspec = Payspec::new()
///     .with(FakeProvider::new())
///     .with_account("fake-eu", FakeProvider::new());
/// let request = RefundRequest::new(
///     "fake-eu",
///     Target::Payment("fake_succeeded".into()),
///     Some(Money::new(1000, Currency::EUR)),
///     IdempotencyKey::new("refund-1").unwrap(),
/// );
/// let refund = payspec.refund(&request).await.unwrap();
/// assert_eq!(refund.status, RefundStatus::Succeeded);
/// assert_eq!((refund.account.as_str(), refund.provider), ("fake-eu", Provider::Fake));
/// # });
/// # fn tokio_test(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Default)]
pub struct Payspec {
    accounts: Vec<(Account, Box<dyn RefundProvider>)>,
    notifications: webhooks::Notifications,
}

impl Payspec {
    /// No accounts yet; add them with [`Payspec::with`] or [`Payspec::with_account`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the account named after the adapter's provider.
    #[must_use]
    pub fn with(self, adapter: impl RefundProvider + 'static) -> Self {
        let account = Account::from(adapter.provider());
        self.with_account(account, adapter)
    }

    /// Adds (or replaces) the account `name`, served by `adapter`.
    #[must_use]
    pub fn with_account(
        mut self,
        name: impl Into<Account>,
        adapter: impl RefundProvider + 'static,
    ) -> Self {
        let name = name.into();
        self.accounts.retain(|(account, _)| *account != name);
        self.accounts.push((name, Box::new(adapter)));
        self
    }

    /// The configured accounts and their providers, in the order they were added.
    pub fn accounts(&self) -> impl Iterator<Item = (&Account, Provider)> {
        self.accounts
            .iter()
            .map(|(account, adapter)| (account, adapter.provider()))
    }

    /// The adapter serving `account`.
    ///
    /// # Errors
    /// [`ErrorKind::Unsupported`] when no such account was configured.
    pub fn account(&self, account: impl Into<Account>) -> Result<&dyn RefundProvider, Error> {
        let account = account.into();
        self.accounts
            .iter()
            .find(|(name, _)| *name == account)
            .map(|(_, adapter)| adapter.as_ref())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Unsupported,
                    format!(
                        "no account {} is configured",
                        error::shown(account.as_str())
                    ),
                )
                .with_account(account)
            })
    }

    /// What the provider behind `account` supports, if configured.
    pub fn capabilities(&self, account: impl Into<Account>) -> Option<Capabilities> {
        self.account(account).ok().map(|p| p.capabilities())
    }

    /// Refunds through the account `request` names.
    ///
    /// # Errors
    /// See [`Error::kind`].
    pub async fn refund(&self, request: &RefundRequest) -> Result<Refund, Error> {
        let adapter = self.account(&request.account)?;
        stamped(&request.account, adapter, adapter.refund(request).await)
    }

    /// Finds out whether `request` made a refund after an error whose
    /// [outcome](Error::outcome) was unknown; see the crate docs for the rule.
    ///
    /// # Errors
    /// See [`Error::kind`]; a retryable error means: ask again later.
    pub async fn resolve(&self, request: &RefundRequest) -> Result<Resolution, Error> {
        let adapter = self.account(&request.account)?;
        stamped(&request.account, adapter, adapter.resolve(request).await)
    }

    /// Looks up a refund made through `account`.
    ///
    /// # Errors
    /// See [`Error::kind`].
    pub async fn get_refund(
        &self,
        account: impl Into<Account>,
        refund_id: &str,
    ) -> Result<Refund, Error> {
        let account = account.into();
        let adapter = self.account(&account)?;
        stamped(&account, adapter, adapter.get_refund(refund_id).await)
    }

    /// The inbox for verified refund notifications ([`webhooks`]), which
    /// [`Payspec::wait_for_final`] reads.
    pub fn notifications(&self) -> &webhooks::Notifications {
        &self.notifications
    }

    /// Waits until `refund` (through the account it was made through) is final, by lookup or
    /// by a notification for that account pushed into [`Payspec::notifications`], whichever
    /// comes first; see [`wait_for_final`].
    ///
    /// # Errors
    /// See [`wait_for_final`].
    pub async fn wait_for_final(
        &self,
        refund: Refund,
        policy: PollPolicy,
    ) -> Result<Refund, Error> {
        let account = refund.account.clone();
        let adapter = self.account(&account)?;
        stamped(
            &account,
            adapter,
            self.notifications
                .wait_for_final(adapter, refund, policy)
                .await,
        )
    }
}

/// A result that went through `account`, saying so.
fn stamped<T: Stamp>(
    account: &Account,
    adapter: &dyn RefundProvider,
    result: Result<T, Error>,
) -> Result<T, Error> {
    match result {
        Ok(value) => Ok(value.stamp(account)),
        Err(error) => Err(error.through(account.clone(), adapter.provider())),
    }
}

/// What carries the account it came through.
trait Stamp {
    fn stamp(self, account: &Account) -> Self;
}

impl Stamp for Refund {
    fn stamp(mut self, account: &Account) -> Self {
        self.account = account.clone();
        self
    }
}

impl Stamp for Resolution {
    fn stamp(self, account: &Account) -> Self {
        match self {
            Resolution::Made(refund) => Resolution::Made(refund.stamp(account)),
            other => other,
        }
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
