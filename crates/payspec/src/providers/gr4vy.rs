//! Gr4vy: refunds of transactions in minor units, keyed by `idempotency-key`.

use payspec_gr4vy::types;

use super::call::{Call, check_echo, replay};
use super::check::{check, field};
use crate::error::{DeclineReason, Error, ErrorKind, shown};
use crate::money::{Currency, Money};
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{AmountForm, Amounts, Idempotency, Reasons, RequestId, Rules, ServerErrors};
use crate::{BoxFuture, RefundProvider};

/// Gr4vy's semantics: ISO 4217 minor units, at most 99,999,999 per refund; a free-text reason
/// (up to 100 characters); refunds stored under `idempotency-key`. Gr4vy documents no request
/// id header.
pub const RULES: Rules = Rules {
    provider: Provider::Gr4vy,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: true,
        outcomes: OutcomeReporting::LookupAndNotification,
        refunds_payments: true,
        refunds_captures: false,
        note_to_payer: false,
        merchant_reference: true,
    },
    amounts: Amounts::iso(AmountForm::Units).at_most(99_999_999),
    reasons: Reasons::text("duplicate", "fraudulent", "requested by customer"),
    id_prefixes: &[],
    idempotency: Idempotency::Key {
        header: "idempotency-key",
        server_errors: ServerErrors::Resend,
    },
    retry_hint: None,
    request_id: RequestId::None,
};

const CALL: Call = Call::write(&RULES);
const LOOKUP: Call = Call::lookup(&RULES);

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
        // Processing, a value the spec does not list, or one a later version of the spec adds.
        _ => RefundStatus::Pending,
    }
}

fn refund(value: types::Refund) -> Result<Refund, Error> {
    let currency = Currency::from_code(&value.currency).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", *value.currency),
        )
    })?;
    let mut refund = Refund::new(
        Provider::Gr4vy,
        Some(value.id.to_string()),
        status(&value.status),
        value.status.to_string(),
    )
    .with_amount(Some(RULES.amounts.from_units(value.amount, currency)?));
    refund.reconciliation_id = Some(value.reconciliation_id);
    Ok(refund)
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
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let mut body = types::TransactionRefundCreate {
                reason: checked
                    .reason
                    .as_deref()
                    .map(|reason| field("reason", reason))
                    .transpose()?,
                external_identifier: request
                    .merchant_reference
                    .as_deref()
                    .map(|reference| field("external_identifier", reference))
                    .transpose()?,
                ..Default::default()
            };
            if let Some(amount) = request.amount {
                body.amount = Some(RULES.amounts.to_units(amount)?);
                self.check_currency(&checked.id, amount).await?;
            }
            let response = self
                .client
                .refund_transaction()
                .transaction_id(checked.id.as_str())
                .idempotency_key(request.idempotency_key.as_str())
                .body(body)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?;
            let refund = CALL.refund(CALL.answer(response), refund)?;
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
