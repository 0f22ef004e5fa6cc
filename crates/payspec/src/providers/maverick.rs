//! Maverick Payments: refunds of payments on one terminal, with decimal amounts in the terminal's
//! currency. No idempotency keys: a refund that may have been sent is never resent.

use payspec_maverick::types;
use serde_json::json;

use super::{Call, body, check, check_echo};
use crate::error::{Error, ErrorKind};
use crate::money::{Currency, Money};
use crate::refund::{Capabilities, Provider, Refund, RefundRequest, RefundStatus};
use crate::{BoxFuture, RefundProvider};

const CALL: Call = Call {
    provider: Provider::Maverick,
    write: true,
    idempotent: false,
};
const LOOKUP: Call = Call {
    provider: Provider::Maverick,
    write: false,
    idempotent: true,
};

/// Refunds through a generated Maverick client, on one dashboard terminal.
#[derive(Clone, Debug)]
pub struct Maverick {
    client: payspec_maverick::Client,
    terminal: i64,
    currency: Currency,
}

impl Maverick {
    /// An adapter refunding on `terminal`, whose amounts are in `currency`.
    pub fn new(client: payspec_maverick::Client, terminal: i64, currency: Currency) -> Self {
        Maverick {
            client,
            terminal,
            currency,
        }
    }

    fn refund_from(&self, value: types::Transaction) -> Result<Refund, Error> {
        Ok(Refund {
            provider: Provider::Maverick,
            id: Some(value.id.to_string()),
            status: status(&value.status.status),
            raw_status: value.status.status.to_string(),
            amount: Some(Money::from_decimal(&value.amount, self.currency)?),
            replayed: false,
        })
    }
}

fn status(value: &types::TransactionStatusValue) -> RefundStatus {
    match value {
        types::TransactionStatusValue::Approved => RefundStatus::Succeeded,
        types::TransactionStatusValue::Error | types::TransactionStatusValue::Decline => {
            RefundStatus::Failed
        }
        types::TransactionStatusValue::InProgress | types::TransactionStatusValue::Unknown(_) => {
            RefundStatus::Pending
        }
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

fn payment_id(id: &str) -> Result<std::num::NonZeroU64, Error> {
    id.parse().ok().ok_or_else(|| {
        Error::invalid_input(format!(
            "Maverick payment ids are positive integers, got `{id}`"
        ))
    })
}

impl RefundProvider for Maverick {
    fn provider(&self) -> Provider {
        Provider::Maverick
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            partial_refunds: true,
            full_refund_without_amount: true,
            status_lookup: true,
            idempotency: false,
            refunds_payments: true,
            refunds_captures: false,
        }
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> BoxFuture<'a, Result<Refund, Error>> {
        Box::pin(async move {
            check(Provider::Maverick, self.capabilities(), request)?;
            let id = payment_id(request.target.id())?;
            let mut fields = serde_json::Map::new();
            fields.insert("terminal".into(), json!({"id": self.terminal}));
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
                fields.insert("amount".into(), json!(amount.to_decimal()));
            }
            let response = self
                .client
                .refund_payment()
                .id(id)
                .body(body::<types::RefundBody>(fields.into())?)
                .send()
                .await
                .map_err(|e| CALL.error(e, |status, body| undocumented(status, body, &CALL)))?;
            let refund = self
                .refund_from(response.into_inner())
                .map_err(|e| e.with_provider(Provider::Maverick))?;
            check_echo(
                Provider::Maverick,
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
                .get_payment()
                .id(payment_id(refund_id)?)
                .send()
                .await
                .map_err(|e| LOOKUP.error(e, |status, body| undocumented(status, body, &LOOKUP)))?;
            self.refund_from(response.into_inner())
                .map_err(|e| e.with_provider(Provider::Maverick))
        })
    }
}
