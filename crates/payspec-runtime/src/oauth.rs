//! OAuth2 client credentials (PayPal): one cached token shared by every call, fetched by one
//! caller at a time, refreshed shortly before it expires, and never cached when the fetch failed.

use std::fmt;
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

use crate::Secret;

/// Refresh this long before the provider's expiry, so a token never expires in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// A token source for the client credentials grant.
pub struct ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: Secret,
    cached: Mutex<Option<CachedToken>>,
}

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
#[derive(Debug)]
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
    /// A token source posting to `token_url` (e.g. `https://api-m.paypal.com/v1/oauth2/token`).
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        ClientCredentials {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret,
            cached: Mutex::new(None),
        }
    }

    /// A valid token. Concurrent callers wait for one fetch instead of fetching each.
    /// `rejected` is a token the provider just refused (401): it is replaced, once, even if it
    /// has not expired; another caller's newer token is reused.
    pub async fn token(
        &self,
        http: &reqwest::Client,
        rejected: Option<&Secret>,
    ) -> Result<Secret, TokenError> {
        let mut cached = self.cached.lock().await;
        if let Some(current) = cached.as_ref() {
            let still_fresh = Instant::now() < current.refresh_at;
            if still_fresh && rejected != Some(&current.token) {
                return Ok(current.token.clone());
            }
        }
        *cached = None;
        let fetched = self.fetch(http).await?;
        let token = fetched.token.clone();
        *cached = Some(fetched);
        Ok(token)
    }

    async fn fetch(&self, http: &reqwest::Client) -> Result<CachedToken, TokenError> {
        let response = http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .form(&[("grant_type", "client_credentials")])
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
