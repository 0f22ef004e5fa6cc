//! Gr4vy: refunds of transactions in minor units, keyed by `idempotency-key`.

use payspec_gr4vy::types;
use serde_json::json;

use super::{Call, body, check, check_echo, replay, shown};
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::refund::{Capabilities, Provider, Refund, RefundRequest, RefundStatus, Resolution};
use crate::{BoxFuture, RefundProvider};

const CALL: Call = Call {
    provider: Provider::Gr4vy,
    write: true,
    idempotent: true,
};
const LOOKUP: Call = Call {
    provider: Provider::Gr4vy,
    write: false,
    idempotent: true,
};

/// The largest amount Gr4vy accepts in one refund, in minor units.
const MAX_AMOUNT: i64 = 99_999_999;

/// Refunds through a generated Gr4vy client.
#[derive(Clone, Debug)]
pub struct Gr4vy {
    client: payspec_gr4vy::Client,
}

impl Gr4vy {
    /// An adapter over a configured client (instance URL and signing key).
    pub fn new(client: payspec_gr4vy::Client) -> Self {
        Gr4vy { client }
    }
}

pub(crate) fn status(value: &types::RefundStatus) -> RefundStatus {
    match value {
        types::RefundStatus::Succeeded => RefundStatus::Succeeded,
        types::RefundStatus::Declined | types::RefundStatus::Failed => RefundStatus::Failed,
        types::RefundStatus::Voided => RefundStatus::Cancelled,
        types::RefundStatus::Processing | types::RefundStatus::Unknown(_) => RefundStatus::Pending,
    }
}

fn refund(value: types::Refund) -> Result<Refund, Error> {
    let currency = Currency::from_code(&value.currency).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", *value.currency),
        )
    })?;
    Ok(Refund {
        provider: Provider::Gr4vy,
        id: Some(value.id.to_string()),
        status: status(&value.status),
        raw_status: value.status.to_string(),
        amount: Some(Money::new(value.amount, currency)),
        replayed: false,
        reconciliation_id: Some(value.reconciliation_id),
        net_amount: None,
    })
}

fn documented(status: u16, error: types::Error, call: &Call) -> Error {
    let kind = match (status, error.code.as_deref()) {
        (409, Some("duplicate_record")) => ErrorKind::Duplicate,
        (425, _) => ErrorKind::Conflict,
        (422, _) => ErrorKind::Declined(DeclineReason::Other),
        (status, _) => call.kind_for_status(status),
    };
    Error::new(kind, error.message.unwrap_or_default())
        .with_code(error.code)
        .with_refund_id(error.resource_id)
}

impl Gr4vy {
    /// Gr4vy refunds carry no currency: the transaction's applies. A refund in another currency
    /// would move a different sum, so the transaction is read first (a lookup, safe to repeat)
    /// and the refund refused before sending unless the currencies agree.
    async fn check_currency(&self, transaction_id: &str, amount: Money) -> Result<(), Error> {
        let transaction = self
            .client
            .get_transaction()
            .transaction_id(transaction_id)
            .send()
            .await
            .map_err(|e| LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP)))?
            .into_inner();
        let currency = transaction.currency.to_string();
        if currency == amount.currency().code() {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Declined(DeclineReason::CurrencyMismatch),
            format!(
                "the transaction is in {}, not {}: Gr4vy refunds in the transaction's currency",
                shown(&currency),
                amount.currency().code()
            ),
        )
        .with_outcome(crate::Outcome::NotSent)
        .with_provider(Provider::Gr4vy))
    }
}

impl RefundProvider for Gr4vy {
    fn provider(&self) -> Provider {
        Provider::Gr4vy
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            partial_refunds: true,
            full_refund_without_amount: true,
            outcomes: crate::OutcomeReporting::LookupAndNotification,
            idempotency: true,
            refunds_payments: true,
            refunds_captures: false,
            reason: true,
            merchant_reference: true,
        }
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            check(Provider::Gr4vy, self.capabilities(), request)?;
            let mut fields = serde_json::Map::new();
            if let Some(amount) = request.amount {
                if amount.minor() > MAX_AMOUNT {
                    return Err(Error::invalid_input(format!(
                        "Gr4vy refunds at most {MAX_AMOUNT} minor units, got {amount}"
                    )));
                }
                self.check_currency(request.target.id(), amount).await?;
                fields.insert("amount".into(), json!(amount.minor()));
            }
            if let Some(reason) = &request.reason {
                fields.insert("reason".into(), json!(reason));
            }
            if let Some(reference) = &request.merchant_reference {
                fields.insert("external_identifier".into(), json!(reference));
            }
            let response = self
                .client
                .refund_transaction()
                .transaction_id(request.target.id())
                .idempotency_key(request.idempotency_key.as_str())
                .body(body::<types::TransactionRefundCreate>(fields.into())?)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?;
            let refund = refund(response.into_inner())
                .map_err(|e| CALL.unreadable(e.message()))
                .and_then(|refund| CALL.made(refund))?;
            check_echo(
                Provider::Gr4vy,
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
            refund(response.into_inner()).map_err(|e| LOOKUP.unreadable(e.message()))
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(replay(self, request))
    }
}
