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
//! | `fake_declined_exceeds` | `Declined(ExceedsRefundableAmount)` |
//! | `fake_declined_refunded` | `Declined(AlreadyFullyRefunded)` |
//! | `fake_declined_window` | `Declined(RefundWindowExpired)` |
//! | `fake_declined_not_captured` | `Declined(NotCaptured)` |
//! | `fake_declined_disputed` | `Declined(Disputed)` |
//! | `fake_declined_currency` | `Declined(CurrencyMismatch)` |
//! | `fake_conflict` | `Conflict` |
//! | `fake_rate_limited` | `RateLimited`, retry after one second |
//! | `fake_transient` | `Transient` |
//! | `fake_outcome_unknown` | `OutcomeUnknown`, although the refund was recorded: a retry with the same key returns it |
//! | `fake_integrity` | `Integrity`: the "provider" reports one minor unit less |
//! | anything else | `NotFound` |
//!
//! Every error but `Integrity` carries the target id as its [`Error::code`].
//!
//! A repeated idempotency key returns the stored refund with `replayed: true`, as PayPal does.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::Money;
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{AmountForm, Amounts, Idempotency, Reasons, RequestId, Rules, ServerErrors};
use crate::{BoxFuture, RefundProvider};

/// The fake's semantics: everything supported, ISO 4217 amounts, any reason as text, keys
/// stored as PayPal and Gr4vy store them.
pub const RULES: Rules = Rules {
    provider: Provider::Fake,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: true,
        outcomes: OutcomeReporting::Lookup,
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
};

/// The in-memory provider; see the module documentation for its magic target ids.
#[derive(Debug, Default)]
pub struct FakeProvider {
    by_key: Mutex<HashMap<String, Refund>>,
    by_id: Mutex<HashMap<String, Refund>>,
}

impl FakeProvider {
    /// An empty fake.
    pub fn new() -> Self {
        Self::default()
    }

    fn record(
        &self,
        request: &RefundRequest,
        status: RefundStatus,
        amount: Option<Money>,
    ) -> Refund {
        let mut by_id = self.by_id.lock().expect("fake state");
        let id = format!("fake_refund_{}", by_id.len() + 1);
        let refund = Refund::new(
            Provider::Fake,
            Some(id.clone()),
            status,
            format!("{status:?}").to_uppercase(),
        )
        .with_amount(amount);
        by_id.insert(id, refund.clone());
        self.by_key
            .lock()
            .expect("fake state")
            .insert(request.idempotency_key.as_str().to_owned(), refund.clone());
        refund
    }
}

fn declined(reason: DeclineReason) -> Result<RefundStatus, Error> {
    Err(Error::new(
        ErrorKind::Declined(reason),
        format!("declined: {reason:?}"),
    ))
}

impl RefundProvider for FakeProvider {
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            super::providers::check::check(&RULES, request)?;
            if let Some(stored) = self
                .by_key
                .lock()
                .expect("fake state")
                .get(request.idempotency_key.as_str())
            {
                return Ok(Refund {
                    replayed: true,
                    ..stored.clone()
                });
            }
            let status = match request.target.id() {
                "fake_succeeded" => Ok(RefundStatus::Succeeded),
                "fake_pending" => Ok(RefundStatus::Pending),
                "fake_failed" => Ok(RefundStatus::Failed),
                "fake_review" => Ok(RefundStatus::RequiresReview),
                "fake_declined_exceeds" => declined(DeclineReason::ExceedsRefundableAmount),
                "fake_declined_refunded" => declined(DeclineReason::AlreadyFullyRefunded),
                "fake_declined_window" => declined(DeclineReason::RefundWindowExpired),
                "fake_declined_not_captured" => declined(DeclineReason::NotCaptured),
                "fake_declined_disputed" => declined(DeclineReason::Disputed),
                "fake_declined_currency" => declined(DeclineReason::CurrencyMismatch),
                "fake_conflict" => Err(Error::new(
                    ErrorKind::Conflict,
                    "a refund with this key is in flight",
                )),
                "fake_rate_limited" => Err(Error::new(ErrorKind::RateLimited, "slow down")
                    .with_retry_after(Some(Duration::from_secs(1)))),
                "fake_transient" => {
                    Err(Error::new(ErrorKind::Transient, "temporarily unavailable"))
                }
                "fake_outcome_unknown" => {
                    self.record(request, RefundStatus::Pending, request.amount);
                    Err(Error::new(
                        ErrorKind::OutcomeUnknown,
                        "no answer; look the refund up",
                    ))
                }
                "fake_integrity" => {
                    let echoed = request
                        .amount
                        .map(|a| Money::new(a.minor() - 1, a.currency()));
                    let refund = self.record(request, RefundStatus::Succeeded, echoed);
                    return super::providers::call::check_echo(request.amount, &refund)
                        .map(|()| refund);
                }
                other => Err(Error::new(
                    ErrorKind::NotFound,
                    format!("no payment `{other}`"),
                )),
            }
            .map_err(|e| {
                e.with_provider(Provider::Fake)
                    .with_code(Some(request.target.id().to_owned()))
            })?;
            Ok(self.record(request, status, request.amount))
        })
    }

    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let mut by_id = self.by_id.lock().expect("fake state");
            let refund = by_id.get_mut(refund_id).ok_or_else(|| {
                Error::new(ErrorKind::NotFound, format!("no refund `{refund_id}`"))
                    .with_provider(Provider::Fake)
            })?;
            let current = refund.clone();
            if refund.status == RefundStatus::Pending {
                refund.status = RefundStatus::Succeeded;
                refund.raw_status = "SUCCEEDED".into();
            }
            Ok(current)
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(super::providers::call::replay(self, request))
    }
}
