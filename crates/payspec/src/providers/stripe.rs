//! Stripe: refunds of payment intents (`pi_`) and charges (`ch_`, `py_`) in integer minor
//! units by Stripe's own currency rules, keyed by `Idempotency-Key` ([`RULES`]).
//!
//! Stripe stores every answer under the key, a 500 included, so a replay cannot resolve an
//! unknown outcome: [`Stripe`]'s `resolve` lists the refunds of the payment or charge and looks
//! for the payspec reference its refunds carry in `metadata[payspec_reference]`. When the search
//! shows the refund was not made, the next send of the request goes under a fresh Stripe key
//! derived from the payspec key (`<key>~1`, ...), since the original key would only replay the
//! stored error.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use payspec_stripe::types;

use super::call::{Call, check_echo};
use super::check::{check, field};
use super::settle::Settle;
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::Currency;
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{
    AmountForm, Amounts, CurrencyRule, Idempotency, OtherReason, Reasons, RequestId, Rules,
    ServerErrors, TargetKind,
};
use crate::{BoxFuture, RefundProvider};

/// Stripe's semantics: integer minor units, with MGA zero-decimal (ISO: two), ISK with two
/// decimals in whole krónur (ISO: none) and three-decimal currencies in multiples of ten; the
/// fixed reasons `duplicate`, `fraudulent` and `requested_by_customer`; `pi_` payment intents
/// and `ch_` charges; refunds stored under `Idempotency-Key`, a 5xx included (so a 5xx is an
/// unknown outcome, resolved by a search); `Stripe-Should-Retry` hints; every answer carries
/// `Request-Id`. Outcomes by lookup and by `refund.*` webhooks.
pub const RULES: Rules = Rules {
    provider: Provider::Stripe,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: true,
        outcomes: OutcomeReporting::LookupAndNotification,
        refunds_payments: true,
        refunds_captures: true,
        note_to_payer: false,
        merchant_reference: true,
    },
    amounts: Amounts::iso(AmountForm::Units).except(&[
        CurrencyRule::new(Currency::MGA, 0),
        CurrencyRule::new(Currency::ISK, 2).step(100),
        CurrencyRule::new(Currency::BHD, 3).step(10),
        CurrencyRule::new(Currency::JOD, 3).step(10),
        CurrencyRule::new(Currency::KWD, 3).step(10),
        CurrencyRule::new(Currency::OMR, 3).step(10),
        CurrencyRule::new(Currency::TND, 3).step(10),
    ]),
    reasons: Reasons::fixed(
        "duplicate",
        "fraudulent",
        "requested_by_customer",
        OtherReason::Refused,
    ),
    id_prefixes: &[
        ("pi_", TargetKind::Payment),
        ("ch_", TargetKind::Capture),
        ("py_", TargetKind::Capture),
    ],
    idempotency: Idempotency::Key {
        header: "Idempotency-Key",
        server_errors: ServerErrors::Unknown,
    },
    retry_hint: Some("Stripe-Should-Retry"),
    request_id: RequestId::Header("Request-Id"),
};

const CALL: Call = Call::write(&RULES);
const LOOKUP: Call = Call::lookup(&RULES);

/// The metadata key that marks a refund with its payspec reference, for `resolve`.
const REFERENCE_KEY: &str = "payspec_reference";
/// The caller's own [`RefundRequest::merchant_reference`], in metadata beside it.
const MERCHANT_REFERENCE_KEY: &str = "merchant_reference";
/// How many pages of 100 refunds of one payment `resolve` reads at most.
const MAX_PAGES: usize = 10;
/// Refunds per page of the search (Stripe's largest).
const PAGE: std::num::NonZeroU64 = std::num::NonZeroU64::new(100).expect("not zero");

/// Refunds through a generated Stripe client.
#[derive(Debug)]
pub struct Stripe {
    client: payspec_stripe::Client,
    settle: Settle,
    /// For each payspec key whose refund a search showed not made: how many fresh Stripe keys
    /// it has been given.
    resends: Mutex<HashMap<String, u32>>,
}

impl Stripe {
    /// An adapter over a configured client (base URL and secret key).
    pub fn new(client: payspec_stripe::Client) -> Self {
        Stripe {
            client,
            settle: Settle::new(Duration::from_secs(60)),
            resends: Mutex::default(),
        }
    }

    /// How long after sending a refund a list without it means it was not made (default one
    /// minute).
    #[must_use]
    pub fn with_lookup_lag(mut self, lag: Duration) -> Self {
        self.settle = Settle::new(lag);
        self
    }

    /// The Stripe key `request` is sent under: the payspec key, or a fresh one derived from it
    /// once a search showed the refund was not made.
    fn stripe_key(&self, request: &RefundRequest) -> String {
        let key = request.idempotency_key.as_str();
        let resends = self.resends.lock().unwrap_or_else(|p| p.into_inner());
        match resends.get(key) {
            Some(n) => format!("{key}~{n}"),
            None => key.to_owned(),
        }
    }
}

/// The marker of `request` in the refund's metadata.
fn reference(request: &RefundRequest) -> String {
    request.idempotency_key.reference(64)
}

fn refund(value: &types::Refund) -> Result<Refund, Error> {
    let currency = Currency::from_code(&value.currency.to_ascii_uppercase()).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", value.currency),
        )
    })?;
    let raw = value
        .status
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    Ok(Refund::new(
        Provider::Stripe,
        Some(value.id.to_string()),
        status(&raw),
        raw,
    )
    .with_amount(Some(RULES.amounts.from_units(value.amount, currency)?)))
}

/// Whether `value` carries `reference` in its metadata.
fn marked(value: &types::Refund, reference: &str) -> bool {
    value
        .metadata
        .as_ref()
        .and_then(|m| m.get(REFERENCE_KEY))
        .is_some_and(|v| v.as_str() == reference)
}

/// Maps a documented Stripe error body by its `code`.
fn documented(status: u16, error: types::Error, call: &Call) -> Error {
    let error = error.error;
    let code = error.code.as_deref().cloned();
    let kind = match (status, code.as_deref()) {
        (400, Some("charge_already_refunded")) => {
            ErrorKind::Declined(DeclineReason::AlreadyFullyRefunded)
        }
        (400, Some("amount_too_large")) => {
            ErrorKind::Declined(DeclineReason::ExceedsRefundableAmount)
        }
        (400, Some("charge_disputed")) => ErrorKind::Declined(DeclineReason::Disputed),
        (400, Some("resource_missing")) | (404, _) => ErrorKind::NotFound,
        (402, _) => ErrorKind::Declined(DeclineReason::Other),
        // A service Stripe depends on failed: the refund may or may not exist.
        (424, _) if call.write => ErrorKind::OutcomeUnknown,
        (424, _) => ErrorKind::Transient,
        (status, _) => call.kind_for_status(status),
    };
    Error::new(
        kind,
        error.message.as_deref().cloned().unwrap_or_default(),
    )
    .with_code(code)
}

/// Stripe's refund status values (`pending`, `requires_action`, `succeeded`, `failed`,
/// `canceled`); any other is still pending.
pub(crate) fn status(raw: &str) -> RefundStatus {
    match raw {
        "succeeded" => RefundStatus::Succeeded,
        "failed" => RefundStatus::Failed,
        "canceled" => RefundStatus::Cancelled,
        "requires_action" => RefundStatus::RequiresAction,
        _ => RefundStatus::Pending,
    }
}

impl RefundProvider for Stripe {
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let reference = reference(request);
            let mut metadata = HashMap::from([(REFERENCE_KEY.to_owned(), reference.clone())]);
            if let Some(mine) = &request.merchant_reference {
                metadata.insert(MERCHANT_REFERENCE_KEY.to_owned(), mine.clone());
            }
            let mut body = types::CreateRefundRequest {
                amount: request
                    .amount
                    .map(|amount| RULES.amounts.to_units(amount))
                    .transpose()?,
                reason: checked
                    .reason
                    .as_deref()
                    .map(|reason| field("reason", reason))
                    .transpose()?,
                metadata: Some(types::MetadataParam::Object(metadata)),
                ..Default::default()
            };
            match checked.kind {
                TargetKind::Payment => {
                    body.payment_intent = Some(field("payment_intent", &checked.id)?);
                }
                TargetKind::Capture => body.charge = Some(field("charge", &checked.id)?),
            }
            self.settle.sent(&reference);
            let response = self
                .client
                .create_refund()
                .idempotency_key(self.stripe_key(request))
                .body(body)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?;
            let replayed = response
                .headers()
                .get("Idempotent-Replayed")
                .is_some_and(|v| v.as_bytes() == b"true");
            let mut refund = CALL.refund(CALL.answer(response), |value| refund(&value))?;
            refund.replayed = replayed;
            check_echo(request.amount, &refund)?;
            Ok(refund)
        })
    }

    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let response = self
                .client
                .retrieve_refund()
                .refund(refund_id)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP)))?;
            LOOKUP.refund(LOOKUP.answer(response), |value| refund(&value))
        })
    }

    /// Lists the refunds of the request's payment intent or charge, newest first, for the one
    /// marked with its reference; never replays (Stripe would answer a stored 500 again).
    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let reference = reference(request);
            let mut after: Option<String> = None;
            for _ in 0..MAX_PAGES {
                let list = self.client.list_refunds().limit(PAGE);
                let list = match checked.kind {
                    TargetKind::Payment => list.payment_intent(checked.id.as_str()),
                    TargetKind::Capture => list.charge(checked.id.as_str()),
                };
                let list = match &after {
                    Some(id) => list.starting_after(id.as_str()),
                    None => list,
                };
                let response = list.send().await.map_err(|e| {
                    LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP))
                })?;
                let answer = LOOKUP.answer(response);
                if let Some(found) = answer.value.data.iter().find(|r| marked(r, &reference)) {
                    let mut made = refund(found).map_err(|e| LOOKUP.unreadable(e.message()))?;
                    made.request_id = answer.request_id;
                    return Ok(Resolution::Made(made));
                }
                match answer.value.data.last() {
                    Some(last) if answer.value.has_more => after = Some(last.id.to_string()),
                    _ => return Ok(self.not_made(request, &reference)),
                }
            }
            Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "more than {} refunds of {} to search: look for metadata[{REFERENCE_KEY}]={reference} in the Dashboard",
                    MAX_PAGES as u64 * PAGE.get(),
                    checked.id
                ),
            )
            .with_provider(Provider::Stripe))
        })
    }
}

impl Stripe {
    /// A search that found no refund for `request`: once believable, the next send goes under
    /// a fresh Stripe key (the original one would replay the stored error).
    fn not_made(&self, request: &RefundRequest, reference: &str) -> Resolution {
        let resolution = self.settle.not_found(reference);
        if resolution == Resolution::NotMade {
            let mut resends = self.resends.lock().unwrap_or_else(|p| p.into_inner());
            *resends
                .entry(request.idempotency_key.as_str().to_owned())
                .or_insert(0) += 1;
        }
        resolution
    }
}
