//! The runtime each generated client carries: authentication, idempotency keys, retries,
//! timeouts and tracing, applied through progenitor's client hooks.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use progenitor_client::Error;
use reqwest::header::{HeaderName, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Request, Response};

use tracing::Instrument;

use crate::Secret;
use crate::answer;
use crate::auth::{self, Auth};
use crate::outcome::{self, Failure};
use crate::retry::{Attempt, Decision, KeyedServerError, RetryPolicy, parse_retry_after};

/// What the runtime needs to know about a provider; each generated crate defines one from its
/// spec. Plumbing of generated code, not for users.
#[doc(hidden)]
#[derive(Debug)]
pub struct Provider {
    /// Short name, e.g. `paypal`, used in traces and errors.
    pub name: &'static str,
    /// The header carrying an idempotency key, when the provider has one.
    pub idempotency_header: Option<&'static str>,
    /// Operations that move money or change state (POST, PATCH): without an idempotency header,
    /// one that may have been sent is never retried and its failure is reported as "outcome
    /// unknown".
    pub writes: &'static [&'static str],
    /// Per operation, the spec's `security`: alternatives of scheme names sent together (an
    /// empty alternative needs none). An operation not listed needs none.
    pub security: &'static [(&'static str, &'static [&'static [&'static str]])],
    /// The header in which the provider says whether to retry (`true`/`false`).
    pub retry_hint_header: Option<&'static str>,
    /// What a 5xx answered under an idempotency key means.
    pub keyed_server_error: KeyedServerError,
    /// The response header carrying the provider's id for the request.
    pub request_id_header: Option<&'static str>,
}

/// The runtime of one generated client: cheap to clone; clones share credentials and the
/// token cache.
///
/// ```
/// use std::time::Duration;
/// use payspec_runtime::{Auth, RetryPolicy, Runtime, Scheme, Secret};
///
/// let runtime = Runtime::new(Auth::scheme("bearerAuth", Scheme::bearer(Secret::new("api-key"))))
///     .with_timeout(Duration::from_secs(10))
///     .with_retry(RetryPolicy::none());
/// assert_eq!(runtime.timeout(), Duration::from_secs(10));
/// ```
#[derive(Clone, Debug)]
pub struct Runtime {
    auth: Arc<Auth>,
    retry: RetryPolicy,
    timeout: Duration,
    max_body: usize,
}

impl Runtime {
    /// A runtime with `auth` (a generated crate's `Credentials`, or an [`Auth`]), the default
    /// retry policy and a 30 second timeout per attempt.
    pub fn new(auth: impl Into<Auth>) -> Self {
        Runtime {
            auth: Arc::new(auth.into()),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
            max_body: answer::DEFAULT_MAX_BODY,
        }
    }

    /// The same runtime (same credentials and token cache) with another retry policy.
    #[must_use]
    pub fn with_retry(&self, retry: RetryPolicy) -> Self {
        Runtime {
            retry,
            ..self.clone()
        }
    }

    /// The same runtime (same credentials and token cache) with another timeout per attempt.
    #[must_use]
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Runtime {
            timeout,
            ..self.clone()
        }
    }

    /// The same runtime (same credentials and token cache) accepting answers of at most
    /// `bytes`; a larger one is not read (default: 4 MiB).
    #[must_use]
    pub fn with_max_response_bytes(&self, bytes: usize) -> Self {
        Runtime {
            max_body: bytes,
            ..self.clone()
        }
    }

    /// The timeout of one attempt.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Before the first attempt: chooses the idempotency key once per logical call (the
    /// caller's, or a new UUID v4) so every retry carries the same one.
    #[doc(hidden)]
    // progenitor's hooks return its `Error`, large or not.
    #[allow(clippy::result_large_err)]
    pub fn prepare<E>(
        &self,
        provider: &Provider,
        request: &mut Request,
        operation: &str,
    ) -> Result<(), Error<E>> {
        if let Some(header) = provider.idempotency_header
            && provider.writes.contains(&operation)
            && !request.headers().contains_key(header)
        {
            let name = HeaderName::from_bytes(header.as_bytes()).map_err(|_| {
                Error::InvalidRequest(format!("`{header}` is not a valid header name"))
            })?;
            let key = crate::random::uuid_v4();
            let value = HeaderValue::from_str(&key).expect("a UUID is a valid header value");
            request.headers_mut().insert(name, value);
        }
        Ok(())
    }

    /// Sends `request`, retrying as the policy allows, authenticating every attempt. The final
    /// answer is read whole, within the body limit; a failure of the runtime's own (no
    /// credentials, an unusable answer) comes back as a response [`Runtime::check_outcome`]
    /// turns into the client's error.
    #[doc(hidden)]
    pub async fn execute(
        &self,
        provider: &Provider,
        http: &reqwest::Client,
        base_url: &str,
        request: Request,
        operation: &'static str,
    ) -> reqwest::Result<Response> {
        let span = tracing::info_span!("payspec.call", provider = provider.name, operation);
        let call = Call {
            provider,
            http,
            base_url,
            operation,
        };
        self.attempts(call, request).instrument(span).await
    }

    async fn attempts(&self, call: Call<'_>, request: Request) -> reqwest::Result<Response> {
        let Call { provider, http, .. } = call;
        let keyed = provider
            .idempotency_header
            .is_some_and(|h| request.headers().contains_key(h));
        // Safe to send twice: a read, or a write carrying the provider's idempotency key.
        let idempotent = is_safe(request.method()) || keyed;
        let started = Instant::now();
        let mut rejected: Option<Secret> = None;
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            // Bodies are bytes (JSON), so a clone always exists; without one, send once.
            let Some(mut current) = request.try_clone() else {
                return http.execute(request).await;
            };
            *current.timeout_mut() = Some(self.timeout);
            let token = match self.authorize(&call, &mut current, rejected.take()).await {
                Ok(token) => token,
                Err(failure) => {
                    tracing::warn!(attempt, %failure, "not sent");
                    return Ok(answer::local(failure));
                }
            };
            // The URL as sent may carry an API key in its query: errors name the one without.
            let sent_to = current.url().clone();
            let sent_at = Instant::now();
            let result = http
                .execute(current)
                .await
                .map_err(|e| e.with_url(request.url().clone()));
            let latency_ms = sent_at.elapsed().as_millis() as u64;
            let outcome = match &result {
                Ok(response) => {
                    let status = response.status().as_u16();
                    tracing::info!(attempt, status, latency_ms, "response");
                    if status == 401
                        && !refreshed
                        && let Some(token) = token
                    {
                        refreshed = true;
                        rejected = Some(token);
                        attempt -= 1;
                        continue;
                    }
                    let retry_after = response
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let mut hint = provider
                        .retry_hint_header
                        .and_then(|h| response.headers().get(h))
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| match v.trim().to_ascii_lowercase().as_str() {
                            "true" => Some(true),
                            "false" => Some(false),
                            _ => None,
                        });
                    // The provider keeps a 5xx under the key and would replay it.
                    if hint.is_none()
                        && keyed
                        && status >= 500
                        && provider.keyed_server_error == KeyedServerError::Unknown
                    {
                        hint = Some(false);
                    }
                    Attempt::Answered {
                        status,
                        retry_after,
                        hint,
                    }
                }
                Err(error) if error.is_connect() => {
                    tracing::warn!(attempt, latency_ms, "connect failed");
                    Attempt::ConnectFailed
                }
                Err(error) => {
                    tracing::warn!(
                        attempt,
                        latency_ms,
                        timeout = error.is_timeout(),
                        "no response"
                    );
                    Attempt::SendFailed
                }
            };
            match self
                .retry
                .decide(outcome, attempt, started.elapsed(), idempotent)
            {
                Decision::Stop => {
                    return match result {
                        Ok(response) => Ok(answer::read(response, &sent_to, self.max_body).await),
                        Err(error) => Err(error),
                    };
                }
                Decision::RetryAfter(delay) => {
                    tracing::info!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    /// After the call: what the runtime concluded, as the client's error. A failure of its own
    /// ([`Failure::Unauthenticated`], [`Failure::BadAnswer`]) is passed on; a write to a provider
    /// without idempotency keys that may have been applied (no answer, a 5xx, an unusable
    /// answer) is [`Failure::OutcomeUnknown`]: the caller must find out before sending it again.
    /// A failure the provider answered keeps the request id its answer carried.
    #[doc(hidden)]
    // progenitor's hooks return its `Error`, large or not.
    #[allow(clippy::result_large_err)]
    pub fn check_outcome<E>(
        &self,
        provider: &Provider,
        result: &reqwest::Result<Response>,
        operation: &str,
    ) -> Result<(), Error<E>> {
        let write = provider.writes.contains(&operation);
        let keyless_write = provider.idempotency_header.is_none() && write;
        let unknown = |why: &str, request_id: Option<String>| Failure::OutcomeUnknown {
            message: format!(
                "{} {operation} {why}; it may have been applied, so find out before sending it again",
                provider.name
            ),
            request_id,
        };
        let failure = match result {
            Ok(response) => {
                let request_id = provider
                    .request_id_header
                    .and_then(|header| response.headers().get(header))
                    .and_then(outcome::request_id);
                match answer::failure(response) {
                    Some(Failure::BadAnswer { message, .. }) if keyless_write => {
                        Some(unknown(message, request_id))
                    }
                    Some(Failure::BadAnswer { message, .. }) => Some(Failure::BadAnswer {
                        message: message.clone(),
                        request_id,
                    }),
                    Some(failure) => Some(failure.clone()),
                    None if keyless_write && response.status().is_server_error() => Some(unknown(
                        &format!("was answered HTTP {}", response.status().as_u16()),
                        request_id,
                    )),
                    None => None,
                }
            }
            Err(error) if keyless_write && !error.is_connect() => Some(unknown(
                if error.is_timeout() {
                    "was sent but no answer arrived (timed out)"
                } else {
                    "was sent but no answer arrived (connection lost)"
                },
                None,
            )),
            Err(_) => None,
        };
        match failure {
            Some(failure) => Err(failure.into_error()),
            None => Ok(()),
        }
    }

    /// Authenticates one attempt with the credentials the operation's `security` asks for;
    /// returns the OAuth2 token it used, if any.
    async fn authorize(
        &self,
        call: &Call<'_>,
        request: &mut Request,
        rejected: Option<Secret>,
    ) -> Result<Option<Secret>, Failure> {
        let requirements = call
            .provider
            .security
            .iter()
            .find(|(operation, _)| *operation == call.operation)
            .map_or(&[&[] as &[&str]] as &[&[&str]], |(_, alternatives)| {
                alternatives
            });
        let schemes = self
            .auth
            .select(call.operation, requirements)
            .map_err(Failure::Unauthenticated)?;
        let context = auth::Context {
            http: call.http,
            base_url: call.base_url,
            timeout: self.timeout,
            rejected,
        };
        auth::apply(&schemes, request, context).await
    }
}

/// One logical call: what every attempt shares.
struct Call<'a> {
    provider: &'a Provider,
    http: &'a reqwest::Client,
    base_url: &'a str,
    operation: &'static str,
}

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
}
