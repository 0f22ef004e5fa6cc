//! CyberSource: refunds of payments or captures with decimal amounts. No idempotency keys: each
//! refund's `clientReferenceInformation.code` is derived from its idempotency key, a repeat is
//! answered `DUPLICATE_REQUEST`, and an unknown outcome is resolved with a transaction search for
//! that code.

use payspec_cybersource::types;
use serde_json::json;

use std::time::Duration;

use super::settle::Settle;
use super::{Call, body, check, check_echo};
use crate::error::{DeclineReason, Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::refund::{
    Capabilities, Provider, Refund, RefundRequest, RefundStatus, Resolution, Target,
};
use crate::{BoxFuture, RefundProvider};

const CALL: Call = Call {
    provider: Provider::CyberSource,
    write: true,
    idempotent: false,
};
const LOOKUP: Call = Call {
    provider: Provider::CyberSource,
    write: false,
    idempotent: true,
};

/// The longest `clientReferenceInformation.code` CyberSource takes.
const REFERENCE_LEN: usize = 50;

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

fn refund_status(value: &types::RefundStatus) -> RefundStatus {
    match value {
        types::RefundStatus::Declined | types::RefundStatus::InvalidRequest => RefundStatus::Failed,
        types::RefundStatus::Pending | types::RefundStatus::Unknown(_) => RefundStatus::Pending,
    }
}

fn transaction_status(value: &types::TransactionStatus) -> RefundStatus {
    match value {
        types::TransactionStatus::Transmitted => RefundStatus::Succeeded,
        types::TransactionStatus::Declined | types::TransactionStatus::InvalidRequest => {
            RefundStatus::Failed
        }
        types::TransactionStatus::Pending
        | types::TransactionStatus::Authorized
        | types::TransactionStatus::Unknown(_) => RefundStatus::Pending,
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
    Ok(Some(Money::from_decimal(amount, currency)?))
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
    fn provider(&self) -> Provider {
        Provider::CyberSource
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            partial_refunds: true,
            full_refund_without_amount: false,
            outcomes: crate::OutcomeReporting::Lookup,
            idempotency: false,
            refunds_payments: true,
            refunds_captures: true,
            reason: true,
            merchant_reference: true,
        }
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            check(Provider::CyberSource, self.capabilities(), request)?;
            let amount = request
                .amount
                .expect("checked: CyberSource refunds name an amount");
            let total = amount.try_to_decimal()?;
            let reference = request.idempotency_key.reference(REFERENCE_LEN);
            let mut fields = json!({
                "clientReferenceInformation": {"code": reference},
                "orderInformation": {
                    "amountDetails": {"totalAmount": total, "currency": amount.currency().code()}
                },
            });
            // The code marks the refund for `resolve`; the caller's own reference goes beside it.
            if let Some(comments) = &request.merchant_reference {
                fields["clientReferenceInformation"]["comments"] = json!(comments);
            }
            if let Some(reason) = &request.reason {
                fields["processingInformation"] = json!({"refundOptions": {"reason": reason}});
            }
            let body = body::<types::RefundRequest>(fields)?;
            self.settle.sent(&reference);
            let sent = match &request.target {
                Target::Payment(id) => {
                    self.client
                        .refund_payment()
                        .id(id.as_str())
                        .body(body)
                        .send()
                        .await
                }
                Target::Capture(id) => {
                    self.client
                        .refund_capture()
                        .id(id.as_str())
                        .body(body)
                        .send()
                        .await
                }
            };
            let value = sent
                .map_err(|e| CALL.error(e, |status, body| documented(status, body, &CALL)))?
                .into_inner();
            let echoed = value.refund_amount_details.as_ref();
            let refund = Refund {
                provider: Provider::CyberSource,
                id: value.id.as_ref().map(|id| id.to_string()),
                status: value
                    .status
                    .as_ref()
                    .map_or(RefundStatus::Pending, refund_status),
                raw_status: value
                    .status
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                amount: money(
                    echoed.and_then(|d| d.refund_amount.as_ref()),
                    echoed.and_then(|d| d.currency.as_ref()),
                )
                .map_err(|e| CALL.unreadable(e.message()))?,
                replayed: false,
                reconciliation_id: value.reconciliation_id.clone(),
                net_amount: None,
            };
            let refund = CALL.made(refund)?;
            check_echo(
                Provider::CyberSource,
                Some(amount),
                refund.amount,
                refund.id.as_deref(),
            )?;
            Ok(refund)
        })
    }

    fn get_refund<'a>(&'a self, refund_id: &'a str) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            let value = self
                .client
                .get_transaction()
                .id(refund_id)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| documented(status, body, &LOOKUP)))?
                .into_inner();
            let status = value
                .application_information
                .as_ref()
                .and_then(|a| a.status.as_ref());
            let details = value
                .order_information
                .as_ref()
                .and_then(|o| o.amount_details.as_ref());
            Ok(Refund {
                provider: Provider::CyberSource,
                id: value.id.as_ref().map(|id| id.to_string()),
                status: status.map_or(RefundStatus::Pending, transaction_status),
                raw_status: status.map(ToString::to_string).unwrap_or_default(),
                amount: money(
                    details.and_then(|d| d.total_amount.as_ref()),
                    details.and_then(|d| d.currency.as_ref()),
                )
                .map_err(|e| LOOKUP.unreadable(e.message()))?,
                replayed: false,
                reconciliation_id: value.reconciliation_id.clone(),
                net_amount: None,
            })
        })
    }

    fn resolve<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<Resolution, Error>> {
        Box::pin(async move {
            check(Provider::CyberSource, self.capabilities(), request)?;
            let reference = request.idempotency_key.reference(REFERENCE_LEN);
            let search = body::<types::CreateSearchRequest>(json!({
                "save": false,
                "query": format!("clientReferenceInformation.code:{reference}"),
                "limit": 10,
                "sort": "submitTimeUtc:asc",
            }))?;
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
