//! What one call to a generated client comes to: a failure classified by the provider's rules
//! (what happened to the money, the request id and the retry hint from the answer's headers),
//! or an answer with its request id.

use std::time::Duration;

use progenitor_client::{Error as ClientError, ResponseValue};
use reqwest::header::HeaderMap;

use payspec_runtime::Failure;

use crate::error::{Error, ErrorKind, Outcome};
use crate::money::Money;
use crate::refund::{Refund, RefundRequest, Resolution};
use crate::rules::Rules;

/// How a call to one provider maps onto the facade's results.
pub(crate) struct Call {
    pub rules: &'static Rules,
    /// The call moves money (a refund, not a lookup).
    pub write: bool,
}

/// A success answer's body, with what its headers said.
pub(crate) struct Answer<T> {
    pub value: T,
    pub status: u16,
    pub request_id: Option<String>,
}

impl Call {
    /// A call that moves money.
    pub const fn write(rules: &'static Rules) -> Self {
        Call { rules, write: true }
    }

    /// A lookup.
    pub const fn lookup(rules: &'static Rules) -> Self {
        Call {
            rules,
            write: false,
        }
    }

    /// A success answer, with the request id its headers carry.
    pub fn answer<T>(&self, response: ResponseValue<T>) -> Answer<T> {
        Answer {
            status: response.status().as_u16(),
            request_id: self.rules.request_id_from(response.headers()),
            value: response.into_inner(),
        }
    }

    /// Classifies a failure of the generated client; `documented` maps a documented error body.
    pub fn error<E>(
        &self,
        error: ClientError<E>,
        documented: impl FnOnce(u16, E) -> Error,
    ) -> Error {
        let provider = self.rules.provider;
        if let Some(failure) = Failure::from_error(&error) {
            return self.failure(failure).with_provider(provider);
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
                let headers = response.headers().clone();
                self.answered(documented(status, response.into_inner()), &headers)
            }
            ClientError::UnexpectedResponse(response) => {
                let status = response.status().as_u16();
                let error = Error::new(
                    self.kind_for_status(status),
                    format!("undocumented answer HTTP {status}"),
                );
                self.answered(error, response.headers())
            }
            ClientError::InvalidResponsePayload(_, e) => self.unreadable(format!(
                "the answer did not match the documented schema: {e}"
            )),
            ClientError::InvalidUpgrade(e) => Error::new(ErrorKind::Transient, e.to_string()),
        };
        error.with_provider(provider)
    }

    /// An error the provider answered with: what its headers add.
    fn answered(&self, error: Error, headers: &HeaderMap) -> Error {
        error
            .answered()
            .with_retry_after(retry_after(headers))
            .with_retry_hint(self.rules.retry_hint_from(headers))
            .with_request_id(self.rules.request_id_from(headers))
    }

    /// What the runtime concluded about the call, with the request id of the answer it
    /// concluded from, when there was one.
    fn failure(&self, failure: Failure) -> Error {
        let request_id = failure.request_id().map(str::to_owned);
        let error = match failure {
            Failure::Unauthenticated(why) => {
                Error::new(ErrorKind::Authentication, why).with_outcome(Outcome::NotSent)
            }
            // A lookup sent with POST (a search) is never an unknown refund.
            Failure::OutcomeUnknown { message, .. } if self.write => {
                Error::new(ErrorKind::OutcomeUnknown, message)
            }
            failure => self.unreadable(failure.message()),
        };
        error.with_request_id(request_id)
    }

    /// An answer that cannot be read: for a write the refund may have been made.
    pub fn unreadable(&self, why: impl std::fmt::Display) -> Error {
        let kind = if self.write {
            ErrorKind::OutcomeUnknown
        } else {
            ErrorKind::Transient
        };
        Error::new(kind, why.to_string()).with_provider(self.rules.provider)
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
            // A server error is safe to resend only under a key the provider does not store it
            // under (its rules say which).
            500..=599 if self.write && !self.rules.resends_server_errors() => {
                ErrorKind::OutcomeUnknown
            }
            200..=399 | 500..=599 => ErrorKind::Transient,
            _ => ErrorKind::InvalidInput,
        }
    }

    /// The refund a success answer carries, read by `parse`, with the request id of the answer's
    /// headers when it has one. An answer `parse` cannot read is unreadable, and so is one to a
    /// call that moves money without a refund id or status (see [`Call::made`]).
    pub fn refund<T>(
        &self,
        answer: Answer<T>,
        parse: impl FnOnce(T) -> Result<Refund, Error>,
    ) -> Result<Refund, Error> {
        let mut refund = parse(answer.value).map_err(|e| {
            self.unreadable(e.message())
                .with_request_id(answer.request_id.clone())
        })?;
        // A provider whose request id is in the body has set it already.
        if answer.request_id.is_some() {
            refund.request_id = answer.request_id;
        }
        if self.write {
            self.made(refund)
        } else {
            Ok(refund)
        }
    }

    /// A refund from a success answer: without an id or a status it cannot be followed, so the
    /// outcome is unknown, not a success.
    fn made(&self, refund: Refund) -> Result<Refund, Error> {
        if refund.id.as_deref().is_none_or(str::is_empty) || refund.raw_status.is_empty() {
            return Err(self
                .unreadable("the provider answered success without a refund id or status")
                .with_refund_id(refund.id)
                .with_request_id(refund.request_id));
        }
        Ok(refund)
    }
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    payspec_runtime::retry::parse_retry_after(value, std::time::SystemTime::now())
}

/// Fails when the provider echoed another amount or currency than was requested, or none when
/// an amount was requested: the refund exists, but what it moved is not what was asked.
pub(crate) fn check_echo(requested: Option<Money>, refund: &Refund) -> Result<(), Error> {
    let provider = refund.provider;
    let problem = match (requested, refund.amount) {
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
        .with_refund_id(refund.id.clone())
        .with_request_id(refund.request_id.clone()))
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

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::*;
    use crate::provider::Provider;
    use crate::rules::{Idempotency, RequestId, ServerErrors};

    /// Stripe's rules as they bear on a failed call: a 5xx is stored under the key, and
    /// `Stripe-Should-Retry` hints; the request id is the `Request-Id` header.
    const STORES_SERVER_ERRORS: Rules = Rules {
        idempotency: Idempotency::Key {
            header: "Idempotency-Key",
            server_errors: ServerErrors::Unknown,
        },
        retry_hint: Some("Stripe-Should-Retry"),
        request_id: RequestId::Header("Request-Id"),
        provider: Provider::Fake,
        ..crate::fake::RULES
    };

    fn answered(status: u16, headers: &[(&'static str, &'static str)]) -> Error {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        let response = ResponseValue::new((), StatusCode::from_u16(status).unwrap(), map);
        let call = Call::write(&STORES_SERVER_ERRORS);
        // A documented error body that says nothing more than its status.
        call.error(ClientError::ErrorResponse(response), |status, ()| {
            Error::new(call.kind_for_status(status), "refused")
        })
    }

    #[test]
    fn a_server_error_stored_under_the_key_is_an_unknown_outcome() {
        let error = answered(500, &[("Request-Id", "req_123"), ("Stripe-Should-Retry", "true")]);
        assert_eq!(error.kind(), &ErrorKind::OutcomeUnknown);
        assert_eq!(error.outcome(), Outcome::Unknown);
        assert!(!error.is_retryable(), "a hint never makes an unknown outcome retryable");
        assert_eq!(error.request_id(), Some("req_123"));
    }

    #[test]
    fn the_retry_hint_decides_whether_a_refusal_is_worth_resending() {
        let hinted_no = answered(429, &[("Stripe-Should-Retry", "false")]);
        assert_eq!(hinted_no.kind(), &ErrorKind::RateLimited);
        assert!(!hinted_no.is_retryable());
        let hinted_yes = answered(409, &[("Stripe-Should-Retry", "true")]);
        assert_eq!(hinted_yes.outcome(), Outcome::Unknown, "a conflict stays unknown");
        assert!(!hinted_yes.is_retryable());
        let hinted_yes = answered(400, &[("Stripe-Should-Retry", "true")]);
        assert_eq!(hinted_yes.outcome(), Outcome::NotApplied);
        assert!(hinted_yes.is_retryable());
        assert!(answered(429, &[]).is_retryable(), "without a hint, the kind decides");
    }
}
