//! Adyen Checkout v71: refunds of captured payments by their `pspReference`, in integer minor
//! units by Adyen's own currency table, keyed by `Idempotency-Key` ([`RULES`]).
//!
//! Adyen answers a refund with `received` (here [`RefundStatus::Pending`]) and the refund's own
//! `pspReference`; the outcome arrives only in a signed `REFUND` (or `REFUND_FAILED`)
//! notification, which [`crate::webhooks::AdyenNotifications`] verifies into the inbox that
//! [`crate::Payspec::wait_for_final`] reads. There is no lookup. Adyen stores idempotency keys,
//! so `resolve` replays the request under the same key: Adyen answers with the stored refund, or
//! makes it now, once either way.

use payspec_adyen::types;

use super::call::{Call, check_echo, replay};
use super::check::{check, field};
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::Currency;
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{
    AmountForm, Amounts, CurrencyRule, Idempotency, OtherReason, Reasons, RequestId, Rules,
    ServerErrors,
};
use crate::{BoxFuture, RefundProvider};

/// Adyen's semantics: integer minor units, with two decimals for CLP and ISK and none for CVE
/// and IDR; `merchantRefundReason` from its fixed list (`OTHER` for any other reason); the
/// amount is required; modifications stored under `Idempotency-Key` (a 5xx is resent under the
/// same key, as Adyen documents); the answer's `pspReference` is the request's id. A refund is
/// only `received` when answered: its outcome arrives by notification, never by lookup.
pub const RULES: Rules = Rules {
    provider: Provider::Adyen,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: false,
        outcomes: OutcomeReporting::Notification,
        refunds_payments: true,
        refunds_captures: false,
        note_to_payer: false,
        merchant_reference: false,
    },
    amounts: Amounts::iso(AmountForm::Units).except(&[
        CurrencyRule::new(Currency::CLP, 2),
        CurrencyRule::new(Currency::ISK, 2),
        CurrencyRule::new(Currency::CVE, 0),
        CurrencyRule::new(Currency::IDR, 0),
    ]),
    reasons: Reasons::fixed(
        "DUPLICATE",
        "FRAUD",
        "CUSTOMER REQUEST",
        OtherReason::Fixed("OTHER"),
    ),
    id_prefixes: &[],
    idempotency: Idempotency::Key {
        header: "Idempotency-Key",
        server_errors: ServerErrors::Resend,
    },
    retry_hint: None,
    request_id: RequestId::BodyField("pspReference"),
};

const CALL: Call = Call::write(&RULES);

/// The longest `reference` Adyen takes.
const REFERENCE_LEN: usize = 80;

/// Refunds through a generated Adyen Checkout client, for one merchant account.
#[derive(Clone, Debug)]
pub struct Adyen {
    client: payspec_adyen::Client,
    merchant_account: String,
}

impl Adyen {
    /// An adapter over a configured client (base URL and API key) that refunds payments of
    /// `merchant_account` (the merchant account name in the Customer Area).
    pub fn new(client: payspec_adyen::Client, merchant_account: impl Into<String>) -> Self {
        Adyen {
            client,
            merchant_account: merchant_account.into(),
        }
    }
}

/// Maps a documented Adyen error body; its `pspReference` names the request for support.
fn documented(status: u16, error: types::ServiceError, call: &Call) -> Error {
    let kind = match status {
        422 => ErrorKind::Declined(DeclineReason::Other),
        status => call.kind_for_status(status),
    };
    let message = match (&error.error_type, error.message) {
        (Some(kind), Some(message)) => format!("{kind}: {message}"),
        (_, message) => message.unwrap_or_default(),
    };
    Error::new(kind, message)
        .with_code(error.error_code)
        .with_request_id(error.psp_reference)
}

fn refund(value: &types::PaymentRefundResponse) -> Result<Refund, Error> {
    let currency = Currency::from_code(&value.amount.currency).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", *value.amount.currency),
        )
    })?;
    let mut refund = Refund::new(
        Provider::Adyen,
        Some(value.psp_reference.clone()),
        RefundStatus::Pending,
        value.status.to_string(),
    )
    .with_amount(Some(
        RULES.amounts.from_units(value.amount.value, currency)?,
    ));
    refund.request_id = Some(value.psp_reference.clone());
    Ok(refund)
}

impl RefundProvider for Adyen {
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let amount = request
                .amount
                .expect("checked: Adyen refunds name their amount");
            let body = types::PaymentRefundRequest {
                amount: types::AmountInput {
                    currency: field("amount.currency", amount.currency().code())?,
                    value: RULES.amounts.to_units(amount)?,
                },
                merchant_account: self.merchant_account.clone(),
                reference: Some(field(
                    "reference",
                    &request.idempotency_key.reference(REFERENCE_LEN),
                )?),
                merchant_refund_reason: checked
                    .reason
                    .as_deref()
                    .map(|reason| field("merchantRefundReason", reason))
                    .transpose()?,
                application_info: None,
                capture_psp_reference: None,
                enhanced_scheme_data: None,
                line_items: Vec::new(),
                splits: Vec::new(),
                store: None,
            };
            let response = self
                .client
                .refund_captured_payment()
                .payment_psp_reference(checked.id.as_str())
                .idempotency_key(request.idempotency_key.as_str())
                .body(body)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?;
            let refund = CALL.refund(CALL.answer(response), |value| refund(&value))?;
            check_echo(request.amount, &refund)?;
            Ok(refund)
        })
    }

    /// Adyen has no refund lookup: always [`ErrorKind::Unsupported`], nothing sent.
    fn get_refund<'a>(&'a self, _refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async {
            Err(Error::new(
                ErrorKind::Unsupported,
                "Adyen reports refund outcomes only by notification: verify them with \
                 webhooks::AdyenNotifications and wait with Payspec::wait_for_final",
            )
            .with_provider(Provider::Adyen))
        })
    }

    /// Replays the request under its idempotency key, which Adyen stores.
    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(replay(self, request))
    }
}
