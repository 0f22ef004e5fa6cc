//! An in-memory provider, so applications can test their refund code without a network.
//!
//! The payment or capture id chooses the outcome:
//!
//! | Target id | Outcome |
//! |---|---|
//! | `fake_succeeded` | `Ok`, status `Succeeded` |
//! | `fake_pending` | `Ok`, status `Pending`; the first lookup reports `Succeeded` |
//! | `fake_failed` | `Ok`, status `Failed` |
//! | `fake_review` | `Ok`, status `RequiresReview` |
//! | `fake_requires_action` | `Ok`, status `RequiresAction` (Stripe's `requires_action`); lookups report it until [`FakeProvider::notify`] moves it |
//! | `fake_declined_exceeds` | `Declined(ExceedsRefundableAmount)` |
//! | `fake_declined_refunded` | `Declined(AlreadyFullyRefunded)` |
//! | `fake_declined_window` | `Declined(RefundWindowExpired)` |
//! | `fake_declined_not_captured` | `Declined(NotCaptured)` |
//! | `fake_declined_disputed` | `Declined(Disputed)` |
//! | `fake_declined_currency` | `Declined(CurrencyMismatch)` |
//! | `fake_conflict` | `Conflict` |
//! | `fake_rate_limited` | `RateLimited`, retry after one second |
//! | `fake_transient` | `Transient` |
//! | `fake_outcome_unknown` | `OutcomeUnknown`, although the refund was recorded: a retry with the same key (or [`Payspec::resolve`](crate::Payspec::resolve)) returns it |
//! | `fake_integrity` | `Integrity`: the "provider" reports one minor unit less |
//! | anything else | `NotFound` |
//!
//! Every error but `Integrity` carries the target id as its [`Error::code`].
//!
//! A repeated idempotency key returns the stored refund with `replayed: true`, as PayPal does,
//! and never makes a second refund, even for concurrent requests. Clones share their refunds,
//! so a test can keep one while [`Payspec`](crate::Payspec) holds another.
//!
//! # Outcomes by notification
//!
//! By default the fake reports outcomes by lookup. [`FakeProvider::reporting`] makes it report
//! them as Adyen does, only by notification ([`OutcomeReporting::Notification`]: lookups are
//! `Unsupported`), or both ways. [`FakeProvider::notify`] moves one of its refunds to a new
//! status and returns the [`RefundUpdate`] a verified notification would bring, which the test
//! pushes into the inbox as the application's webhook endpoint would; waits complete from it.
//!
//! ```
//! use payspec::fake::FakeProvider;
//! use payspec::{Currency, IdempotencyKey, Money, OutcomeReporting, Payspec, PollPolicy};
//! use payspec::{Provider, RefundRequest, RefundStatus, Target};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let fake = FakeProvider::new().reporting(OutcomeReporting::Notification);
//! let payspec = Payspec::new().with(fake.clone());
//! let request = RefundRequest::new(
//!     Provider::Fake,
//!     Target::Payment("fake_pending".into()),
//!     Some(Money::new(1000, Currency::EUR)),
//!     IdempotencyKey::new("refund-1").unwrap(),
//! );
//! let refund = payspec.refund(&request).await.unwrap();
//! assert_eq!(refund.status, RefundStatus::Pending);
//!
//! // What the webhook endpoint pushes once the provider's notification is verified.
//! let update = fake.notify(&refund, RefundStatus::Succeeded).unwrap();
//! payspec.notifications().push(update);
//!
//! let settled = payspec.wait_for_final(refund, PollPolicy::default()).await.unwrap();
//! assert_eq!(settled.status, RefundStatus::Succeeded);
//! # });
//! ```

mod magic;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::error::{Error, ErrorKind, shown};
use crate::money::Money;
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{AmountForm, Amounts, Idempotency, Reasons, RequestId, Rules, ServerErrors};
use crate::webhooks::RefundUpdate;
use crate::{BoxFuture, RefundProvider};
use magic::{Magic, magic, raw_status};

/// The fake's semantics: everything supported, ISO 4217 amounts, any reason as text, keys
/// stored as PayPal and Gr4vy store them, outcomes by lookup.
pub const RULES: Rules = rules(OutcomeReporting::Lookup);

/// [`RULES`], reporting outcomes only by notification.
const BY_NOTIFICATION: Rules = rules(OutcomeReporting::Notification);

/// [`RULES`], reporting outcomes both ways.
const BY_BOTH: Rules = rules(OutcomeReporting::LookupAndNotification);

const fn rules(outcomes: OutcomeReporting) -> Rules {
    Rules {
        provider: Provider::Fake,
        capabilities: Capabilities {
            partial_refunds: true,
            full_refund_without_amount: true,
            outcomes,
            refunds_payments: true,
            refunds_captures: true,
            note_to_payer: true,
            merchant_reference: true,
        },
        amounts: Amounts::iso(AmountForm::Units),
        reasons: Reasons::text("duplicate", "fraudulent", "requested_by_customer"),
        id_prefixes: &[],
        idempotency: Idempotency::Key {
            header: "Idempotency-Key",
            server_errors: ServerErrors::Resend,
        },
        retry_hint: None,
        request_id: RequestId::None,
    }
}

/// The in-memory provider; see the module documentation for its magic target ids. Clones
/// share their refunds.
#[derive(Clone, Debug)]
pub struct FakeProvider {
    rules: &'static Rules,
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    by_key: HashMap<String, Refund>,
    by_id: HashMap<String, Made>,
    notifications: usize,
}

/// A refund the fake made, with what a notification about it names.
#[derive(Debug)]
struct Made {
    refund: Refund,
    payment_id: String,
    merchant_reference: Option<String>,
}

impl Default for FakeProvider {
    fn default() -> Self {
        FakeProvider {
            rules: &RULES,
            state: Arc::default(),
        }
    }
}

impl FakeProvider {
    /// An empty fake, reporting outcomes by lookup.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same fake (sharing its refunds), reporting outcomes as `outcomes` says: with
    /// [`OutcomeReporting::Notification`], lookups are `Unsupported` and only
    /// [`FakeProvider::notify`] moves a refund on, as with Adyen.
    #[must_use]
    pub fn reporting(mut self, outcomes: OutcomeReporting) -> Self {
        self.rules = match outcomes {
            OutcomeReporting::Lookup => &RULES,
            OutcomeReporting::Notification => &BY_NOTIFICATION,
            OutcomeReporting::LookupAndNotification => &BY_BOTH,
        };
        self
    }

    /// Moves `refund` (one this fake made) to `status`, so lookups report it, and returns the
    /// update a verified notification about it would bring, for the account `refund` names.
    /// Push it into the inbox a wait reads ([`Payspec::notifications`]); being the fake's, it
    /// never completes another provider's refund.
    ///
    /// [`Payspec::notifications`]: crate::Payspec::notifications
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`] when this fake made no such refund.
    pub fn notify(&self, refund: &Refund, status: RefundStatus) -> Result<RefundUpdate, Error> {
        let id = refund.id.as_deref().unwrap_or_default();
        let mut state = self.state();
        state.notifications += 1;
        let event = state.notifications;
        let made = state
            .by_id
            .get_mut(id)
            .filter(|_| refund.provider == Provider::Fake)
            .ok_or_else(|| no_refund(id))?;
        made.refund.status = status;
        made.refund.raw_status = raw_status(status).into();
        Ok(RefundUpdate {
            account: refund.account.clone(),
            provider: Provider::Fake,
            refund_id: id.to_owned(),
            status,
            raw_status: raw_status(status).into(),
            event_type: "refund.updated".into(),
            event_id: Some(format!("fake_event_{event}")),
            amount: made.refund.amount,
            payment_id: Some(made.payment_id.clone()),
            merchant_reference: made.merchant_reference.clone(),
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Every change is one insert or one field, so a poisoned lock is still consistent.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn record(
        &mut self,
        request: &RefundRequest,
        status: RefundStatus,
        amount: Option<Money>,
    ) -> Refund {
        let id = format!("fake_refund_{}", self.by_id.len() + 1);
        let refund = Refund::new(Provider::Fake, Some(id.clone()), status, raw_status(status))
            .with_amount(amount);
        let made = Made {
            refund: refund.clone(),
            payment_id: request.target.id().to_owned(),
            merchant_reference: request.merchant_reference.clone(),
        };
        self.by_id.insert(id, made);
        self.by_key
            .insert(request.idempotency_key.as_str().to_owned(), refund.clone());
        refund
    }
}

fn no_refund(id: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("no refund {}", shown(id)))
        .with_provider(Provider::Fake)
}

impl RefundProvider for FakeProvider {
    fn rules(&self) -> &'static Rules {
        self.rules
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            super::providers::check::check(self.rules, request)?;
            // One lock for the lookup and the record: a key makes one refund, however many
            // requests carry it at once.
            let mut state = self.state();
            if let Some(stored) = state.by_key.get(request.idempotency_key.as_str()) {
                return Ok(Refund {
                    replayed: true,
                    ..stored.clone()
                });
            }
            let id = request.target.id();
            let refused = |error: Error| {
                Err(error
                    .with_provider(Provider::Fake)
                    .with_code(Some(id.to_owned())))
            };
            match magic(id) {
                Magic::Made(status) => Ok(state.record(request, status, request.amount)),
                Magic::Refused(error) => refused(error),
                Magic::MadeUnanswered => {
                    state.record(request, RefundStatus::Pending, request.amount);
                    refused(Error::new(
                        ErrorKind::OutcomeUnknown,
                        "no answer; resolve the request",
                    ))
                }
                Magic::MadeShort => {
                    let echoed = request
                        .amount
                        .map(|a| Money::new(a.minor() - 1, a.currency()));
                    let refund = state.record(request, RefundStatus::Succeeded, echoed);
                    super::providers::call::check_echo(request.amount, &refund).map(|()| refund)
                }
            }
        })
    }

    /// The refund as it stands; a `Pending` one has `Succeeded` by its first lookup.
    /// A fake reporting only by notification has no lookup: always [`ErrorKind::Unsupported`].
    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            if !self.rules.capabilities.outcomes.lookup() {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    "this fake reports refund outcomes only by notification: push \
                     FakeProvider::notify's updates and wait with Payspec::wait_for_final",
                )
                .with_provider(Provider::Fake));
            }
            let mut state = self.state();
            let made = state
                .by_id
                .get_mut(refund_id)
                .ok_or_else(|| no_refund(refund_id))?;
            if made.refund.status == RefundStatus::Pending {
                made.refund.status = RefundStatus::Succeeded;
                made.refund.raw_status = raw_status(RefundStatus::Succeeded).into();
            }
            Ok(made.refund.clone())
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(super::providers::call::replay(self, request))
    }
}
