//! OAuth2 client credentials (PayPal): one cached token shared by every call and refreshed
//! shortly before it expires. Concurrent callers share one fetch, but no caller holds a lock
//! while it runs: each fetch is bounded by a timeout, and its failure is shared by the callers
//! that waited for it (one timeout, not one per caller), then forgotten.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::OnceCell;

use crate::Secret;

/// Refresh this long before the provider's expiry, so a token never expires in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// A token source for the client credentials grant.
pub struct ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: Secret,
    /// The current fetch: in flight, done, or failed. Replaced (never awaited) under the lock.
    current: Mutex<Arc<Fetch>>,
}

/// One fetch of a token, awaited by every caller that arrived while it was in flight.
#[derive(Default)]
struct Fetch(OnceCell<Result<CachedToken, TokenError>>);

#[derive(Clone)]
struct CachedToken {
    token: Secret,
    refresh_at: Instant,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

/// A token could not be fetched. The message names the status, never a credential.
#[derive(Clone, Debug)]
pub struct TokenError(pub(crate) String);

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TokenError {}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
}

impl ClientCredentials {
    /// A token source posting to `token_url` (e.g. `https://api-m.paypal.com/v1/oauth2/token`,
    /// or `/v1/oauth2/token`, resolved against the client's base URL).
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        ClientCredentials {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret,
            current: Mutex::new(Arc::default()),
        }
    }

    /// A valid token, fetched within `timeout` when none is cached, from the token URL resolved
    /// against `base_url`. `rejected` is a token the
    /// provider just refused (401): it is replaced, once, even if it has not expired; another
    /// caller's newer token is reused.
    ///
    /// # Errors
    /// The fetch failed or timed out; callers that were waiting for the same fetch get the
    /// same error, and the next call starts a new fetch.
    pub async fn token(
        &self,
        http: &reqwest::Client,
        base_url: &str,
        rejected: Option<&Secret>,
        timeout: Duration,
    ) -> Result<Secret, TokenError> {
        let fetch = {
            let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
            let replace = match current.0.get() {
                None => false,
                Some(Err(_)) => true,
                Some(Ok(cached)) => {
                    Instant::now() >= cached.refresh_at || rejected == Some(&cached.token)
                }
            };
            if replace {
                *current = Arc::default();
            }
            Arc::clone(&current)
        };
        let result = fetch
            .0
            .get_or_init(|| self.fetch(http, base_url, timeout))
            .await;
        result
            .as_ref()
            .map(|cached| cached.token.clone())
            .map_err(Clone::clone)
    }

    async fn fetch(
        &self,
        http: &reqwest::Client,
        base_url: &str,
        timeout: Duration,
    ) -> Result<CachedToken, TokenError> {
        let url = token_url(&self.token_url, base_url)?;
        let response = http
            .post(url)
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .form(&[("grant_type", "client_credentials")])
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| TokenError(format!("token request failed: {}", e.without_url())))?;
        let status = response.status();
        if !status.is_success() {
            return Err(TokenError(format!("token request answered {status}")));
        }
        let body: TokenResponse = response
            .json()
            .await
            .map_err(|_| TokenError("token response is not the documented JSON".into()))?;
        let lifetime = Duration::from_secs(body.expires_in);
        Ok(CachedToken {
            token: Secret::new(body.access_token),
            refresh_at: Instant::now() + lifetime.saturating_sub(EXPIRY_MARGIN.min(lifetime / 2)),
        })
    }
}

/// `token_url` resolved against `base_url` (RFC 3986, the base read as a directory, so
/// `oauth/token` goes under its path and `/oauth/token` replaces it).
fn token_url(token_url: &str, base_url: &str) -> Result<reqwest::Url, TokenError> {
    let unusable = || TokenError(format!("the token URL `{token_url}` cannot be resolved"));
    if let Ok(absolute) = reqwest::Url::parse(token_url) {
        return Ok(absolute);
    }
    let mut base = reqwest::Url::parse(base_url).map_err(|_| unusable())?;
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.join(token_url).map_err(|_| unusable())
}

#[cfg(test)]
mod tests {
    use super::token_url;

    #[test]
    fn relative_token_urls_resolve_against_the_base() {
        let resolved = |url, base| token_url(url, base).unwrap().to_string();
        assert_eq!(
            resolved("/v1/oauth2/token", "https://api-m.paypal.com"),
            "https://api-m.paypal.com/v1/oauth2/token"
        );
        assert_eq!(
            resolved("/v1/oauth2/token", "http://127.0.0.1:9000/api"),
            "http://127.0.0.1:9000/v1/oauth2/token"
        );
        assert_eq!(
            resolved("oauth/token", "https://h.example/api"),
            "https://h.example/api/oauth/token"
        );
        assert_eq!(
            resolved("https://auth.example/token", "https://h.example"),
            "https://auth.example/token"
        );
        assert!(token_url("/token", "not a url").is_err());
    }
}
