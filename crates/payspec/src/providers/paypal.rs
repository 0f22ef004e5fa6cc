//! PayPal: refunds of captures, keyed by `PayPal-Request-Id`; decimal amounts with PayPal's own
//! precision for HUF, JPY and TWD.

use payspec_paypal::types;
use serde_json::json;

use super::{Call, body, check, check_echo, replay};
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::refund::{Capabilities, Provider, Refund, RefundRequest, RefundStatus, Resolution};
use crate::{BoxFuture, RefundProvider};

const CALL: Call = Call {
    provider: Provider::PayPal,
    write: true,
    idempotent: true,
};
const LOOKUP: Call = Call {
    provider: Provider::PayPal,
    write: false,
    idempotent: true,
};

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

/// Decimal places PayPal uses for a currency: none for HUF, JPY and TWD, ISO 4217 otherwise.
pub fn exponent(currency: Currency) -> Result<u16, Error> {
    match currency {
        Currency::HUF | Currency::JPY | Currency::TWD => Ok(0),
        other => Ok(Money::exponent(other)?),
    }
}

pub(crate) fn money(value: &types::Money) -> Result<Money, Error> {
    let currency = Currency::from_code(&value.currency_code).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", *value.currency_code),
        )
    })?;
    Ok(Money::from_decimal_with_exponent(
        &value.value,
        currency,
        exponent(currency)?,
    )?)
}

pub(crate) fn status(value: &types::RefundStatus) -> RefundStatus {
    match value {
        types::RefundStatus::Completed => RefundStatus::Succeeded,
        types::RefundStatus::Cancelled => RefundStatus::Cancelled,
        types::RefundStatus::Failed => RefundStatus::Failed,
        types::RefundStatus::Pending | types::RefundStatus::Unknown(_) => RefundStatus::Pending,
    }
}

fn refund(value: types::Refund, replayed: bool) -> Result<Refund, Error> {
    Ok(Refund {
        provider: Provider::PayPal,
        status: value.status.as_ref().map_or(RefundStatus::Pending, status),
        raw_status: value
            .status
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        amount: value.amount.as_ref().map(money).transpose()?,
        net_amount: value
            .seller_payable_breakdown
            .as_ref()
            .and_then(|b| b.net_amount.as_ref())
            .map(money)
            .transpose()?,
        id: value.id,
        replayed,
        reconciliation_id: None,
    })
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
        .with_debug_id(error.debug_id)
}

impl RefundProvider for PayPal {
    fn provider(&self) -> Provider {
        Provider::PayPal
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            partial_refunds: true,
            full_refund_without_amount: true,
            outcomes: crate::OutcomeReporting::LookupAndNotification,
            idempotency: true,
            refunds_payments: false,
            refunds_captures: true,
            reason: true,
            merchant_reference: true,
        }
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            check(Provider::PayPal, self.capabilities(), request)?;
            let mut fields = serde_json::Map::new();
            if let Some(amount) = request.amount {
                let value = amount.to_decimal_with_exponent(exponent(amount.currency())?)?;
                fields.insert(
                    "amount".into(),
                    json!({"currency_code": amount.currency().code(), "value": value}),
                );
            }
            if let Some(reason) = &request.reason {
                fields.insert("note_to_payer".into(), json!(reason));
            }
            if let Some(reference) = &request.merchant_reference {
                fields.insert("invoice_id".into(), json!(reference));
            }
            let response = self
                .client
                .refund_captured_payment()
                .capture_id(request.target.id())
                .pay_pal_request_id(request.idempotency_key.as_str())
                .prefer(types::RefundCapturedPaymentPrefer::ReturnRepresentation)
                .body(body::<types::RefundRequest>(fields.into())?)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?;
            let replayed = response.status().as_u16() == 200;
            let refund = refund(response.into_inner(), replayed)
                .map_err(|e| CALL.unreadable(e.message()))
                .and_then(|refund| CALL.made(refund))?;
            check_echo(
                Provider::PayPal,
                request.amount,
                refund.amount,
                refund.id.as_deref(),
            )?;
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
            refund(response.into_inner(), false).map_err(|e| LOOKUP.unreadable(e.message()))
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(replay(self, request))
    }
}
