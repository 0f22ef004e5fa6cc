//! Maverick Payments: refunds of payments on one terminal, with decimal amounts in the terminal's
//! currency. No idempotency keys: each refund's `externalId` is derived from its idempotency key,
//! and an unknown outcome is resolved by listing the payment's refunds with that id.

use payspec_maverick::types;

use std::time::Duration;

use super::settle::Settle;
use super::call::{Call, check_echo};
use super::check::{check, field};
use crate::error::{Error, ErrorKind, shown};
use crate::money::Currency;
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{AmountForm, Amounts, Idempotency, Reasons, RequestId, Rules};
use crate::{BoxFuture, RefundProvider};

/// Maverick's semantics: ISO 4217 decimal amounts in the terminal's currency; no reason; no
/// idempotency keys, so a reference derived from the key goes in `externalId` (at most 64
/// characters); no documented request id.
pub const RULES: Rules = Rules {
    provider: Provider::Maverick,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: true,
        outcomes: OutcomeReporting::Lookup,
        refunds_payments: true,
        refunds_captures: false,
        note_to_payer: false,
        merchant_reference: false,
    },
    amounts: Amounts::iso(AmountForm::Decimal),
    reasons: Reasons::NONE,
    id_prefixes: &[],
    idempotency: Idempotency::Reference {
        field: "externalId",
        max_len: 64,
    },
    retry_hint: None,
    request_id: RequestId::None,
};

const CALL: Call = Call::write(&RULES);
const LOOKUP: Call = Call::lookup(&RULES);

/// The marker of `request` at Maverick.
fn reference(request: &RefundRequest) -> String {
    RULES
        .reference(&request.idempotency_key)
        .expect("Maverick's rules mark refunds by reference")
}

/// Refunds through a generated Maverick client, on one dashboard terminal.
#[derive(Debug)]
pub struct Maverick {
    client: payspec_maverick::Client,
    terminal: i64,
    currency: Currency,
    settle: Settle,
}

impl Maverick {
    /// An adapter refunding on `terminal`, whose amounts are in `currency`.
    pub fn new(client: payspec_maverick::Client, terminal: i64, currency: Currency) -> Self {
        Maverick {
            client,
            terminal,
            currency,
            settle: Settle::new(Duration::from_secs(60)),
        }
    }

    /// How long after sending a refund a listing without it means it was not made (default 60
    /// seconds): at least the longest time Maverick may take to record a refund it received.
    #[must_use]
    pub fn with_lookup_lag(mut self, lag: Duration) -> Self {
        self.settle = Settle::new(lag);
        self
    }

    fn refund_from(&self, value: types::Transaction) -> Result<Refund, Error> {
        let amount = RULES.amounts.from_decimal(&value.amount, self.currency)?;
        Ok(Refund::new(
            Provider::Maverick,
            Some(value.id.to_string()),
            status(&value.status.status),
            value.status.status.to_string(),
        )
        .with_amount(Some(amount)))
    }
}

fn status(value: &types::TransactionStatusValue) -> RefundStatus {
    match value {
        types::TransactionStatusValue::Approved => RefundStatus::Succeeded,
        types::TransactionStatusValue::Error | types::TransactionStatusValue::Decline => {
            RefundStatus::Failed
        }
        // In progress, a value the spec does not list, or one a later version of the spec adds.
        _ => RefundStatus::Pending,
    }
}

/// Maverick documents no error body: the status decides, the body is kept as the message.
fn undocumented(status: u16, error: types::Error, call: &Call) -> Error {
    let message = error.0.get("message").and_then(|m| m.as_str()).map_or_else(
        || serde_json::Value::Object(error.0.clone()).to_string(),
        str::to_owned,
    );
    Error::new(call.kind_for_status(status), message)
}

/// A Maverick id: decimal digits only (no sign, no spaces), from 1 to the largest int64.
fn payment_id(id: &str) -> Result<u64, Error> {
    id.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| id.parse::<i64>().ok())
        .flatten()
        .filter(|id| *id > 0)
        .map(i64::unsigned_abs)
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "Maverick ids are integers from 1 to {}, got {}",
                i64::MAX,
                shown(id)
            ))
            .with_provider(Provider::Maverick)
        })
}

impl RefundProvider for Maverick {
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let id = payment_id(&checked.id)?;
            let reference = reference(request);
            let mut body = types::RefundRequest {
                amount: None,
                external_id: Some(field("externalId", &reference)?),
                terminal: types::TerminalInput { id: self.terminal },
            };
            if let Some(amount) = request.amount {
                if amount.currency() != self.currency {
                    return Err(Error::new(
                        ErrorKind::Declined(crate::DeclineReason::CurrencyMismatch),
                        format!(
                            "the terminal refunds in {}, not {}",
                            self.currency.code(),
                            amount.currency().code()
                        ),
                    )
                    .with_provider(Provider::Maverick));
                }
                let value = RULES.amounts.to_decimal(amount)?;
                body.amount = Some(field("amount", &value)?);
            }
            self.settle.sent(&reference);
            let response = self
                .client
                .refund_payment()
                .id(id)
                .body(types::RefundBody::RefundRequest(body))
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| undocumented(status, body, &CALL)))?;
            let refund = CALL.refund(CALL.answer(response), |value| self.refund_from(value))?;
            check_echo(request.amount, &refund)?;
            Ok(refund)
        })
    }

    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let response = self
                .client
                .get_payment()
                .id(payment_id(refund_id)?)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| undocumented(status, body, &LOOKUP)))?;
            LOOKUP.refund(LOOKUP.answer(response), |value| self.refund_from(value))
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(async move {
            let id = payment_id(check(&RULES, request)?.id.as_str())?;
            let reference = reference(request);
            let found = self
                .client
                .list_payments()
                .filter_external_id_eq(reference.as_str())
                .filter_parent_id_eq(id)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| undocumented(status, body, &LOOKUP)))?
                .into_inner();
            let made = found.items.into_iter().find(|t| {
                t.external_id.as_deref() == Some(reference.as_str())
                    && t.parent.as_ref().and_then(|p| p.id) == i64::try_from(id).ok()
            });
            if let Some(transaction) = made {
                let refund = self
                    .refund_from(transaction)
                    .map_err(|e| LOOKUP.unreadable(e.message()))?;
                return Ok(Resolution::Made(refund));
            }
            Ok(self.settle.not_found(&reference))
        })
    }
}
