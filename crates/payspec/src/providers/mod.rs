//! One adapter per provider, each mapping the facade's request onto the generated client and the
//! provider's answers (statuses, amounts, error bodies) back. No HTTP code lives here.

pub mod cybersource;
pub mod gr4vy;
pub mod maverick;
pub mod paypal;

use std::time::Duration;

use progenitor_client::Error as ClientError;
use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind};
use crate::money::Money;
use crate::refund::{Capabilities, Provider, RefundRequest, Target};

/// Builds a generated request type from JSON, so its own checks (lengths, patterns) apply.
pub(crate) fn body<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Error> {
    serde_json::from_value(value)
        .map_err(|e| Error::invalid_input(format!("not accepted by the provider's schema: {e}")))
}

/// Checks a request against what the provider can do, before anything is sent.
pub(crate) fn check(
    provider: Provider,
    capabilities: Capabilities,
    request: &RefundRequest,
) -> Result<(), Error> {
    request.validate()?;
    if request.provider != provider {
        return Err(Error::invalid_input(format!(
            "the request is for {}, but was sent to {provider}",
            request.provider
        )));
    }
    let unsupported = |what: &str| {
        Err(
            Error::new(ErrorKind::Unsupported, format!("{provider} cannot {what}"))
                .with_provider(provider),
        )
    };
    match request.target {
        Target::Payment(_) if !capabilities.refunds_payments => {
            return unsupported("refund a payment by id; pass the capture");
        }
        Target::Capture(_) if !capabilities.refunds_captures => {
            return unsupported("refund a capture by id; pass the payment");
        }
        _ => {}
    }
    if request.amount.is_none() && !capabilities.full_refund_without_amount {
        return unsupported("refund the rest without an amount; pass the amount");
    }
    Ok(())
}

/// How a failed call maps onto the facade's error, for one provider and operation.
pub(crate) struct Call {
    pub provider: Provider,
    /// The call moves money (a refund, not a lookup).
    pub write: bool,
    /// The provider honours idempotency keys, so repeating the write is safe.
    pub idempotent: bool,
}

impl Call {
    /// Classifies a failure of the generated client; `documented` maps a documented error body.
    pub fn error<E>(
        &self,
        error: ClientError<E>,
        documented: impl FnOnce(u16, E) -> Error,
    ) -> Error {
        let unsafe_write = self.write && !self.idempotent;
        let error = match error {
            ClientError::InvalidRequest(message) => Error::invalid_input(message),
            ClientError::Custom(message) if message.starts_with("outcome unknown") => {
                Error::new(ErrorKind::OutcomeUnknown, message)
            }
            ClientError::Custom(message) => Error::new(ErrorKind::Transient, message),
            ClientError::CommunicationError(e) if e.is_connect() => Error::new(
                ErrorKind::Transient,
                format!("could not connect: {}", e.without_url()),
            ),
            ClientError::CommunicationError(e) | ClientError::ResponseBodyError(e) => {
                let kind = if unsafe_write {
                    ErrorKind::OutcomeUnknown
                } else {
                    ErrorKind::Transient
                };
                Error::new(kind, format!("no usable answer: {}", e.without_url()))
            }
            ClientError::ErrorResponse(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(response.headers());
                documented(status, response.into_inner()).with_retry_after(retry_after)
            }
            ClientError::UnexpectedResponse(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(response.headers());
                Error::new(
                    self.kind_for_status(status),
                    format!("unexpected HTTP {status}"),
                )
                .with_retry_after(retry_after)
            }
            ClientError::InvalidResponsePayload(_, e) => {
                let kind = if self.write {
                    ErrorKind::OutcomeUnknown
                } else {
                    ErrorKind::Transient
                };
                Error::new(
                    kind,
                    format!("the answer did not match the documented schema: {e}"),
                )
            }
            ClientError::InvalidUpgrade(e) => Error::new(ErrorKind::Transient, e.to_string()),
        };
        error.with_provider(self.provider)
    }

    /// The kind an HTTP status means when the body says nothing more specific.
    pub fn kind_for_status(&self, status: u16) -> ErrorKind {
        match status {
            401 | 403 => ErrorKind::Authentication,
            404 => ErrorKind::NotFound,
            409 | 425 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            500..=599 if self.write && !self.idempotent => ErrorKind::OutcomeUnknown,
            500..=599 => ErrorKind::Transient,
            _ => ErrorKind::InvalidInput,
        }
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    payspec_runtime::retry::parse_retry_after(value, std::time::SystemTime::now())
}

/// Fails when the provider echoed another amount or currency than was requested.
pub(crate) fn check_echo(
    provider: Provider,
    requested: Option<Money>,
    echoed: Option<Money>,
    refund_id: Option<&str>,
) -> Result<(), Error> {
    match (requested, echoed) {
        (Some(requested), Some(echoed)) if requested != echoed => Err(Error::new(
            ErrorKind::Integrity,
            format!("requested a refund of {requested} but {provider} reports {echoed}"),
        )
        .with_provider(provider)
        .with_refund_id(refund_id.map(str::to_owned))),
        _ => Ok(()),
    }
}
