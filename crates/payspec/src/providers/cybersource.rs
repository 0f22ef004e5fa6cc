//! CyberSource: refunds of payments or captures with decimal amounts. No idempotency keys: each
//! refund's `clientReferenceInformation.code` is derived from its idempotency key, a repeat is
//! answered `DUPLICATE_REQUEST`, and an unknown outcome is resolved with a transaction search for
//! that code.

use payspec_cybersource::types;

use std::time::Duration;

use super::settle::Settle;
use super::call::{Call, check_echo};
use super::check::{check, field};
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::provider::Provider;
use crate::refund::{
    Capabilities, OutcomeReporting, Refund, RefundRequest, RefundStatus, Resolution,
};
use crate::rules::{AmountForm, Amounts, Idempotency, Reasons, RequestId, Rules, TargetKind};
use crate::{BoxFuture, RefundProvider};

/// CyberSource's semantics: ISO 4217 decimal amounts; a free-text reason; no idempotency keys,
/// so a reference derived from the key goes in `clientReferenceInformation.code` (at most 50
/// characters); every answer carries `v-c-correlation-id`.
pub const RULES: Rules = Rules {
    provider: Provider::CyberSource,
    capabilities: Capabilities {
        partial_refunds: true,
        full_refund_without_amount: false,
        outcomes: OutcomeReporting::Lookup,
        refunds_payments: true,
        refunds_captures: true,
        note_to_payer: false,
        merchant_reference: true,
    },
    amounts: Amounts::iso(AmountForm::Decimal),
    reasons: Reasons::text("duplicate", "fraudulent", "requested by customer"),
    id_prefixes: &[],
    idempotency: Idempotency::Reference {
        field: "clientReferenceInformation.code",
        max_len: 50,
    },
    retry_hint: None,
    request_id: RequestId::Header("v-c-correlation-id"),
};

const CALL: Call = Call::write(&RULES);
const LOOKUP: Call = Call::lookup(&RULES);

/// Refunds through a generated CyberSource client.
#[derive(Debug)]
pub struct CyberSource {
    client: payspec_cybersource::Client,
    settle: Settle,
}

impl CyberSource {
    /// An adapter over a configured client (base URL and HTTP Signature credentials).
    pub fn new(client: payspec_cybersource::Client) -> Self {
        CyberSource {
            client,
            settle: Settle::new(Duration::from_secs(300)),
        }
    }

    /// How long after sending a refund a transaction search without it means it was not made
    /// (default 5 minutes): at least the delay before CyberSource's search sees a transaction.
    #[must_use]
    pub fn with_lookup_lag(mut self, lag: Duration) -> Self {
        self.settle = Settle::new(lag);
        self
    }
}

/// The marker of `request` at CyberSource.
fn reference(request: &RefundRequest) -> String {
    RULES
        .reference(&request.idempotency_key)
        .expect("CyberSource's rules mark refunds by reference")
}

fn refund_status(value: &types::RefundStatus) -> RefundStatus {
    match value {
        types::RefundStatus::Declined | types::RefundStatus::InvalidRequest => RefundStatus::Failed,
        // Pending, a value the spec does not list, or one a later version of the spec adds.
        _ => RefundStatus::Pending,
    }
}

fn transaction_status(value: &types::TransactionStatus) -> RefundStatus {
    match value {
        types::TransactionStatus::Transmitted => RefundStatus::Succeeded,
        types::TransactionStatus::Declined | types::TransactionStatus::InvalidRequest => {
            RefundStatus::Failed
        }
        // Pending, authorized, a value the spec does not list, or one a later version adds.
        _ => RefundStatus::Pending,
    }
}

fn money(
    amount: Option<&types::Money>,
    currency: Option<&types::Currency>,
) -> Result<Option<Money>, Error> {
    let (Some(amount), Some(code)) = (amount, currency) else {
        return Ok(None);
    };
    let currency = Currency::from_code(code).ok_or_else(|| {
        Error::new(
            ErrorKind::Integrity,
            format!("unknown currency `{}`", code.as_str()),
        )
    })?;
    Ok(Some(RULES.amounts.from_decimal(amount, currency)?))
}

fn documented(status: u16, error: types::Error, call: &Call) -> Error {
    let reason = error.reason.as_ref().map(ToString::to_string);
    let kind = match (status, &error.reason) {
        (400, Some(types::ErrorReason::DuplicateRequest)) => ErrorKind::Duplicate,
        (400, Some(types::ErrorReason::NotSupported)) => ErrorKind::Unsupported,
        (
            400,
            Some(types::ErrorReason::CaptureAlreadyVoided | types::ErrorReason::InvalidAmount),
        ) => ErrorKind::Declined(DeclineReason::Other),
        (status, _) => call.kind_for_status(status),
    };
    let message = error
        .message
        .or_else(|| error.response.and_then(|r| r.rmsg))
        .unwrap_or_default();
    Error::new(kind, message).with_code(reason)
}

impl RefundProvider for CyberSource {
    fn rules(&self) -> &'static Rules {
        &RULES
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let checked = check(&RULES, request)?;
            let amount = request
                .amount
                .expect("checked: CyberSource refunds name an amount");
            let total = RULES.amounts.to_decimal(amount)?;
            let reference = reference(request);
            let body = types::RefundRequest {
                // The code marks the refund for `resolve`; the caller's own reference goes beside it.
                client_reference_information: Some(types::RefundClientReferenceInformation {
                    code: Some(field("clientReferenceInformation.code", &reference)?),
                    comments: request.merchant_reference.clone(),
                    ..Default::default()
                }),
                order_information: Some(types::RefundOrderInformation {
                    amount_details: Some(types::CaptureOrderInformationAmountDetails {
                        total_amount: Some(field(
                            "orderInformation.amountDetails.totalAmount",
                            &total,
                        )?),
                        currency: Some(field(
                            "orderInformation.amountDetails.currency",
                            amount.currency().code(),
                        )?),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                processing_information: checked.reason.map(|reason| {
                    types::RefundProcessingInformation {
                        refund_options: Some(types::RefundProcessingInformationRefundOptions {
                            reason: Some(reason),
                        }),
                        ..Default::default()
                    }
                }),
                ..Default::default()
            };
            self.settle.sent(&reference);
            let id = checked.id.as_str();
            let sent = match checked.kind {
                TargetKind::Payment => self.client.refund_payment().id(id).body(body).send().await,
                TargetKind::Capture => self.client.refund_capture().id(id).body(body).send().await,
            };
            let answer = CALL.answer(
                sent.map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?,
            );
            let refund = CALL.refund(answer, |value| {
            let echoed = value.refund_amount_details.as_ref();
            let mut refund = Refund::new(
                Provider::CyberSource,
                value.id.as_ref().map(|id| id.to_string()),
                value
                    .status
                    .as_ref()
                    .map_or(RefundStatus::Pending, refund_status),
                value
                    .status
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
            .with_amount(
                money(
                    echoed.and_then(|d| d.refund_amount.as_ref()),
                    echoed.and_then(|d| d.currency.as_ref()),
                )?,
            );
            refund.reconciliation_id = value.reconciliation_id;
            Ok(refund)
            })?;
            check_echo(Some(amount), &refund)?;
            Ok(refund)
        })
    }

    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let answer = LOOKUP.answer(
                self.client
                    .get_transaction()
                    .id(refund_id)
                    .send()
                    .await
                    .map_err(|e| {
                        LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP))
                    })?,
            );
            LOOKUP.refund(answer, |value| {
            let status = value
                .application_information
                .as_ref()
                .and_then(|a| a.status.as_ref());
            let details = value
                .order_information
                .as_ref()
                .and_then(|o| o.amount_details.as_ref());
            let mut refund = Refund::new(
                Provider::CyberSource,
                value.id.as_ref().map(|id| id.to_string()),
                status.map_or(RefundStatus::Pending, transaction_status),
                status.map(ToString::to_string).unwrap_or_default(),
            )
            .with_amount(
                money(
                    details.and_then(|d| d.total_amount.as_ref()),
                    details.and_then(|d| d.currency.as_ref()),
                )?,
            );
            refund.reconciliation_id = value.reconciliation_id;
            Ok(refund)
            })
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(async move {
            check(&RULES, request)?;
            let reference = reference(request);
            let search = types::CreateSearchRequest {
                save: Some(false),
                query: Some(format!("clientReferenceInformation.code:{reference}")),
                limit: Some(10),
                sort: Some("submitTimeUtc:asc".into()),
                ..Default::default()
            };
            let found = self
                .client
                .create_search()
                .body(search)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP)))?
                .into_inner();
            let made = found
                .embedded
                .into_iter()
                .flat_map(|embedded| embedded.transaction_summaries)
                .filter(|summary| {
                    summary
                        .client_reference_information
                        .as_ref()
                        .and_then(|c| c.code.as_deref())
                        == Some(reference.as_str())
                })
                .find_map(|summary| summary.id);
            if let Some(id) = made {
                return self.get_refund(&id).await.map(Resolution::Made);
            }
            Ok(self.settle.not_found(&reference))
        })
    }
}
