//! PayPal: refunds of captures, keyed by `PayPal-Request-Id`; decimal amounts with PayPal's own
//! precision for HUF, JPY and TWD ([`RULES`]).

use payspec_paypal::types;

use super::call::{Call, check_echo, replay};
use super::check::{check, field};
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{
    AmountForm, Amounts, CurrencyRule, Idempotency, Reasons, RequestId, Rules, ServerErrors,
};
use crate::{BoxFuture, RefundProvider};

/// PayPal's semantics: decimal amounts, with no decimals for HUF, JPY and TWD; no reason
/// field (the payer's note is separate); refunds stored under `PayPal-Request-Id`; every answer
/// carries `PayPal-Debug-Id`.
pub const RULES: Rules = Rules {
    provider: Provider::PayPal,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: true,
        outcomes: OutcomeReporting::LookupAndNotification,
        refunds_payments: false,
        refunds_captures: true,
        note_to_payer: true,
        merchant_reference: true,
    },
    amounts: Amounts::iso(AmountForm::Decimal).except(&[
        CurrencyRule::new(Currency::HUF, 0),
        CurrencyRule::new(Currency::JPY, 0),
        CurrencyRule::new(Currency::TWD, 0),
    ]),
    reasons: Reasons::NONE,
    id_prefixes: &[],
    idempotency: Idempotency::Key {
        header: "PayPal-Request-Id",
        server_errors: ServerErrors::Resend,
    },
    retry_hint: None,
    request_id: RequestId::Header("PayPal-Debug-Id"),
};

const CALL: Call = Call::write(&RULES);
const LOOKUP: Call = Call::lookup(&RULES);

/// Refunds through a generated PayPal client.
#[derive(Clone, Debug)]
pub struct PayPal {
    client: payspec_paypal::Client,
}

impl PayPal {
    /// An adapter over a configured client (base URL and OAuth credentials).
    pub fn new(client: payspec_paypal::Client) -> Self {
        PayPal { client }
    }
}

pub(crate) fn money(value: &types::Money) -> Result<Money, Error> {
    let currency = Currency::from_code(&value.currency_code).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", *value.currency_code),
        )
    })?;
    RULES.amounts.from_decimal(&value.value, currency)
}

/// `money` as PayPal's amount: its decimal string and currency code.
fn amount_input(money: Money) -> Result<types::MoneyInput, Error> {
    let value = RULES.amounts.to_decimal(money)?;
    Ok(types::MoneyInput {
        currency_code: field("amount.currency_code", money.currency().code())?,
        value: field("amount.value", &value)?,
    })
}

pub(crate) fn status(value: &types::RefundStatus) -> RefundStatus {
    match value {
        types::RefundStatus::Completed => RefundStatus::Succeeded,
        types::RefundStatus::Cancelled => RefundStatus::Cancelled,
        types::RefundStatus::Failed => RefundStatus::Failed,
        // Pending, a value the spec does not list, or one a later version of the spec adds.
        _ => RefundStatus::Pending,
    }
}

fn refund(value: types::Refund) -> Result<Refund, Error> {
    let mut refund = Refund::new(
        Provider::PayPal,
        value.id,
        value.status.as_ref().map_or(RefundStatus::Pending, status),
        value
            .status
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    )
    .with_amount(value.amount.as_ref().map(money).transpose()?);
    refund.net_amount = value
        .seller_payable_breakdown
        .as_ref()
        .and_then(|b| b.net_amount.as_ref())
        .map(money)
        .transpose()?;
    Ok(refund)
}

/// Maps a documented PayPal error body by its first `details[].issue`.
pub(crate) fn documented(status: u16, error: types::Error, call: &Call) -> Error {
    let issue = error.details.first().map(|d| d.issue.clone());
    let kind = match (status, issue.as_deref()) {
        (422, Some("REFUND_AMOUNT_EXCEEDED")) => {
            ErrorKind::Declined(DeclineReason::ExceedsRefundableAmount)
        }
        (422, Some("CAPTURE_FULLY_REFUNDED")) => {
            ErrorKind::Declined(DeclineReason::AlreadyFullyRefunded)
        }
        (422, Some("REFUND_TIME_LIMIT_EXCEEDED")) => {
            ErrorKind::Declined(DeclineReason::RefundWindowExpired)
        }
        (422, Some("PENDING_CAPTURE")) => ErrorKind::Declined(DeclineReason::NotCaptured),
        (422, Some("TRANSACTION_DISPUTED")) => ErrorKind::Declined(DeclineReason::Disputed),
        (422, Some("REFUND_CAPTURE_CURRENCY_MISMATCH")) => {
            ErrorKind::Declined(DeclineReason::CurrencyMismatch)
        }
        (422, Some("DECIMAL_PRECISION" | "DECIMALS_NOT_SUPPORTED")) => ErrorKind::InvalidInput,
        (422, _) => ErrorKind::Declined(DeclineReason::Other),
        (409, _) => ErrorKind::Conflict,
        (status, _) => call.kind_for_status(status),
    };
    Error::new(kind, error.message.unwrap_or_default())
        .with_code(issue.or(error.name))
        .with_request_id(error.debug_id)
}

impl RefundProvider for PayPal {
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let body = types::RefundRequest {
                amount: request.amount.map(amount_input).transpose()?,
                note_to_payer: request
                    .note_to_payer
                    .as_deref()
                    .map(|note| field("note_to_payer", note))
                    .transpose()?,
                invoice_id: request
                    .merchant_reference
                    .as_deref()
                    .map(|reference| field("invoice_id", reference))
                    .transpose()?,
                ..Default::default()
            };
            let response = self
                .client
                .refund_captured_payment()
                .capture_id(checked.id.as_str())
                .pay_pal_request_id(request.idempotency_key.as_str())
                .prefer(types::RefundCapturedPaymentPrefer::ReturnRepresentation)
                .body(body)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?;
            let answer = CALL.answer(response);
            let replayed = answer.status == 200;
            let mut refund = CALL.refund(answer, refund)?;
            refund.replayed = replayed;
            check_echo(request.amount, &refund)?;
            Ok(refund)
        })
    }

    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let response = self
                .client
                .get_refund()
                .refund_id(refund_id)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP)))?;
            LOOKUP.refund(LOOKUP.answer(response), refund)
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(replay(self, request))
    }
}
