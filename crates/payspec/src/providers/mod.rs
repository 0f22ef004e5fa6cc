//! One adapter per provider, each mapping the facade's request onto the generated client and the
//! provider's answers (statuses, amounts, error bodies) back. No HTTP code lives here.

pub mod cybersource;
pub mod gr4vy;
pub mod maverick;
pub mod paypal;
mod settle;

use std::time::Duration;

use progenitor_client::Error as ClientError;
use serde::de::DeserializeOwned;

use payspec_runtime::Failure;

use crate::error::{Error, ErrorKind, Outcome};
use crate::money::Money;
use crate::refund::{Capabilities, Provider, Refund, RefundRequest, Resolution, Target};

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
    if request.reason.is_some() && !capabilities.reason {
        return unsupported("carry a refund reason; leave it out");
    }
    if request.merchant_reference.is_some() && !capabilities.merchant_reference {
        return unsupported("carry a merchant reference; leave it out");
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
        if let Some(failure) = Failure::from_error(&error) {
            return self.failure(failure).with_provider(self.provider);
        }
        let error = match error {
            ClientError::InvalidRequest(message) | ClientError::Custom(message) => {
                Error::invalid_input(message)
            }
            ClientError::CommunicationError(e) if e.is_connect() => Error::new(
                ErrorKind::Transient,
                format!("could not connect: {}", e.without_url()),
            )
            .with_outcome(Outcome::NotSent),
            ClientError::CommunicationError(e) | ClientError::ResponseBodyError(e) => {
                self.unreadable(format!("no usable answer: {}", e.without_url()))
            }
            ClientError::ErrorResponse(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(response.headers());
                documented(status, response.into_inner())
                    .answered()
                    .with_retry_after(retry_after)
            }
            ClientError::UnexpectedResponse(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(response.headers());
                Error::new(
                    self.kind_for_status(status),
                    format!("undocumented answer HTTP {status}"),
                )
                .answered()
                .with_retry_after(retry_after)
            }
            ClientError::InvalidResponsePayload(_, e) => self.unreadable(format!(
                "the answer did not match the documented schema: {e}"
            )),
            ClientError::InvalidUpgrade(e) => Error::new(ErrorKind::Transient, e.to_string()),
        };
        error.with_provider(self.provider)
    }

    /// What the runtime concluded about the call.
    fn failure(&self, failure: Failure) -> Error {
        match failure {
            Failure::Unauthenticated(why) => {
                Error::new(ErrorKind::Authentication, why).with_outcome(Outcome::NotSent)
            }
            // A lookup sent with POST (a search) is never an unknown refund.
            Failure::OutcomeUnknown(why) if self.write => {
                Error::new(ErrorKind::OutcomeUnknown, why)
            }
            failure => self.unreadable(failure.message()),
        }
    }

    /// An answer that cannot be read: for a write the refund may have been made.
    pub fn unreadable(&self, why: impl std::fmt::Display) -> Error {
        let kind = if self.write {
            ErrorKind::OutcomeUnknown
        } else {
            ErrorKind::Transient
        };
        Error::new(kind, why.to_string()).with_provider(self.provider)
    }

    /// The kind an HTTP status means when the body says nothing more specific.
    pub fn kind_for_status(&self, status: u16) -> ErrorKind {
        match status {
            401 | 403 => ErrorKind::Authentication,
            404 => ErrorKind::NotFound,
            409 | 425 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            // A success or redirect the spec does not document: the write may have been applied.
            200..=399 if self.write => ErrorKind::OutcomeUnknown,
            // A server error is safe to resend only under an idempotency key.
            500..=599 if self.write && !self.idempotent => ErrorKind::OutcomeUnknown,
            200..=399 | 500..=599 => ErrorKind::Transient,
            _ => ErrorKind::InvalidInput,
        }
    }

    /// A refund from a success answer: without an id or a status it cannot be followed, so the
    /// outcome is unknown, not a success.
    pub fn made(&self, refund: Refund) -> Result<Refund, Error> {
        if refund.id.as_deref().is_none_or(str::is_empty) || refund.raw_status.is_empty() {
            return Err(self
                .unreadable("the provider answered success without a refund id or status")
                .with_refund_id(refund.id));
        }
        Ok(refund)
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    payspec_runtime::retry::parse_retry_after(value, std::time::SystemTime::now())
}

/// Fails when the provider echoed another amount or currency than was requested, or none when
/// an amount was requested: the refund exists, but what it moved is not what was asked.
pub(crate) fn check_echo(
    provider: Provider,
    requested: Option<Money>,
    echoed: Option<Money>,
    refund_id: Option<&str>,
) -> Result<(), Error> {
    let problem = match (requested, echoed) {
        (Some(requested), Some(echoed)) if requested != echoed => {
            format!("requested a refund of {requested} but {provider} reports {echoed}")
        }
        (Some(requested), None) => {
            format!("requested a refund of {requested} but {provider} reports no amount")
        }
        _ => return Ok(()),
    };
    Err(Error::new(ErrorKind::Integrity, problem)
        .with_provider(provider)
        .with_refund_id(refund_id.map(str::to_owned)))
}

/// An id from outside (the caller or a provider) as it may appear in a message: escaped, and
/// cut short when long.
pub(crate) fn shown(id: &str) -> String {
    let mut escaped: String = id.chars().take(64).flat_map(char::escape_debug).collect();
    if id.chars().count() > 64 {
        escaped.push('…');
    }
    format!("`{escaped}`")
}

/// Resolves a request at a provider that stores idempotency keys by sending it again under the
/// same key: the provider answers with the refund it stored, or makes it now; once either way.
pub(crate) async fn replay(
    provider: &dyn crate::RefundProvider,
    request: &RefundRequest,
) -> Result<Resolution, Error> {
    match provider.refund(request).await {
        Ok(refund) => Ok(Resolution::Made(refund)),
        Err(error) if error.kind() == &ErrorKind::Duplicate => match error.refund_id() {
            Some(id) => provider.get_refund(id).await.map(Resolution::Made),
            None => Err(error),
        },
        Err(error) if error.outcome() == Outcome::Unknown => Ok(Resolution::Pending(
            error.retry_after().unwrap_or(Duration::from_secs(1)),
        )),
        Err(error) => Err(error),
    }
}
