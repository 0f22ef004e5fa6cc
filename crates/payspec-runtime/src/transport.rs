//! The runtime each generated client carries: authentication, idempotency keys, retries,
//! timeouts and tracing, applied through progenitor's client hooks.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use progenitor_client::Error;
use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Request, Response};

use tracing::Instrument;

use crate::Secret;
use crate::answer;
use crate::oauth::ClientCredentials;
use crate::outcome::Failure;
use crate::retry::{Attempt, Decision, RetryPolicy, parse_retry_after};
use crate::sign::{RequestParts, Signer};

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
}

/// How requests are authenticated.
///
/// ```
/// use payspec_runtime::sign::HttpSignature;
/// use payspec_runtime::{Auth, ClientCredentials, Secret};
///
/// // PayPal: OAuth2 client credentials.
/// let paypal = Auth::ClientCredentials(ClientCredentials::new(
///     "https://api-m.sandbox.paypal.com/v1/oauth2/token",
///     "client-id",
///     Secret::new("client-secret"),
/// ));
/// // CyberSource: HTTP Signature with a base64 shared secret.
/// let signer = HttpSignature::new("merchant", "key-id", Secret::new("c2VjcmV0"))?;
/// let cybersource = Auth::signed(signer);
/// # let _ = (paypal, cybersource);
/// # Ok::<(), payspec_runtime::sign::CredentialError>(())
/// ```
pub enum Auth {
    /// Headers computed per request (CyberSource signature, Gr4vy JWT, a bearer API key).
    Signed(Box<dyn Signer>),
    /// A bearer token from the OAuth2 client credentials grant (PayPal).
    ClientCredentials(ClientCredentials),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Signed(_) => f.write_str("Auth::Signed(..)"),
            Auth::ClientCredentials(source) => f
                .debug_tuple("Auth::ClientCredentials")
                .field(source)
                .finish(),
        }
    }
}

impl Auth {
    /// Per-request signing headers from `signer`.
    pub fn signed(signer: impl Signer + 'static) -> Self {
        Auth::Signed(Box::new(signer))
    }
}

/// The runtime of one generated client: cheap to clone; clones share credentials and the
/// token cache.
///
/// ```
/// use std::time::Duration;
/// use payspec_runtime::{Auth, RetryPolicy, Runtime, Secret, sign::BearerKey};
///
/// let runtime = Runtime::new(Auth::signed(BearerKey::new(Secret::new("api-key"))))
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
    /// A runtime with `auth`, the default retry policy and a 30 second timeout per attempt.
    pub fn new(auth: Auth) -> Self {
        Runtime {
            auth: Arc::new(auth),
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
            let key = uuid::Uuid::new_v4().to_string();
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
        request: Request,
        operation: &'static str,
    ) -> reqwest::Result<Response> {
        let span = tracing::info_span!("payspec.call", provider = provider.name, operation);
        self.attempts(provider, http, request)
            .instrument(span)
            .await
    }

    async fn attempts(
        &self,
        provider: &Provider,
        http: &reqwest::Client,
        request: Request,
    ) -> reqwest::Result<Response> {
        // Safe to send twice: a read, or a write carrying the provider's idempotency key.
        let idempotent = is_safe(request.method())
            || provider
                .idempotency_header
                .is_some_and(|h| request.headers().contains_key(h));
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
            let token = match self.authorize(http, &mut current, rejected.take()).await {
                Ok(token) => token,
                Err(failure) => {
                    tracing::warn!(attempt, %failure, "not sent");
                    return Ok(answer::local(failure));
                }
            };
            let sent_at = Instant::now();
            let result = http.execute(current).await;
            let latency_ms = sent_at.elapsed().as_millis() as u64;
            let outcome = match &result {
                Ok(response) => {
                    let status = response.status().as_u16();
                    tracing::info!(attempt, status, latency_ms, "response");
                    if status == 401
                        && !refreshed
                        && let (Auth::ClientCredentials(_), Some(token)) =
                            (self.auth.as_ref(), token)
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
                    Attempt::Answered {
                        status,
                        retry_after,
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
                        Ok(response) => {
                            Ok(answer::read(response, request.url(), self.max_body).await)
                        }
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
    #[doc(hidden)]
    // progenitor's hooks return its `Error`, large or not.
    #[allow(clippy::result_large_err)]
    pub fn check_outcome<E>(
        &self,
        provider: &Provider,
        result: &reqwest::Result<Response>,
        operation: &str,
    ) -> Result<(), Error<E>> {
        let keyless_write =
            provider.idempotency_header.is_none() && provider.writes.contains(&operation);
        let unknown = |why: String| {
            Failure::OutcomeUnknown(format!(
                "{} {operation} {why}; it may have been applied, so find out before sending it again",
                provider.name
            ))
        };
        let failure = match result {
            Ok(response) => match answer::failure(response) {
                Some(Failure::BadAnswer(why)) if keyless_write => Some(unknown(why.clone())),
                Some(failure) => Some(failure.clone()),
                None if keyless_write && response.status().is_server_error() => Some(unknown(
                    format!("was answered HTTP {}", response.status().as_u16()),
                )),
                None => None,
            },
            Err(error) if keyless_write && !error.is_connect() => Some(unknown(format!(
                "was sent but no answer arrived ({})",
                if error.is_timeout() {
                    "timed out"
                } else {
                    "connection lost"
                }
            ))),
            Err(_) => None,
        };
        match failure {
            Some(failure) => Err(failure.into_error()),
            None => Ok(()),
        }
    }

    /// Adds the authentication headers to one attempt; returns the bearer token it used, if any.
    async fn authorize(
        &self,
        http: &reqwest::Client,
        request: &mut Request,
        rejected: Option<Secret>,
    ) -> Result<Option<Secret>, Failure> {
        match self.auth.as_ref() {
            Auth::Signed(signer) => {
                let url = request.url();
                let host = host(url);
                let path_and_query = match url.query() {
                    Some(query) => format!("{}?{query}", url.path()),
                    None => url.path().to_owned(),
                };
                let parts = RequestParts {
                    method: request.method().as_str(),
                    host: &host,
                    path_and_query: &path_and_query,
                    body: request
                        .body()
                        .and_then(|b| b.as_bytes())
                        .unwrap_or_default(),
                };
                let headers = signer.sign(&parts, SystemTime::now());
                for header in headers {
                    let refused = |what: &str| {
                        Failure::Unauthenticated(format!(
                            "the signed header `{}` is not a valid header {what}",
                            header.name
                        ))
                    };
                    let name = HeaderName::from_bytes(header.name.as_bytes())
                        .map_err(|_| refused("name"))?;
                    let mut value = HeaderValue::from_str(header.value.expose())
                        .map_err(|_| refused("value"))?;
                    value.set_sensitive(true);
                    request.headers_mut().insert(name, value);
                }
                Ok(None)
            }
            Auth::ClientCredentials(source) => {
                let token = source
                    .token(http, rejected.as_ref(), self.timeout)
                    .await
                    .map_err(|e| Failure::Unauthenticated(format!("no access token: {e}")))?;
                let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .map_err(|_| {
                        Failure::Unauthenticated(
                            "the access token is not a valid header value".into(),
                        )
                    })?;
                value.set_sensitive(true);
                request.headers_mut().insert(AUTHORIZATION, value);
                Ok(Some(token))
            }
        }
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
}

/// `Host` as sent: the port only when it is not the scheme's default.
fn host(url: &reqwest::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => String::new(),
    }
}
