//! Adds the selected schemes' credentials to one attempt: query keys first (signatures cover the
//! query), then fixed headers and tokens, then signed headers.

use std::time::{Duration, SystemTime};

use reqwest::Request;
use reqwest::header::{HeaderName, HeaderValue};

use super::scheme::{Kind, Scheme};
use crate::Secret;
use crate::outcome::Failure;
use crate::sign::RequestParts;

/// What applying credentials needs besides the request (all of it for OAuth2 tokens).
#[cfg_attr(not(feature = "oauth2"), allow(dead_code))]
pub(crate) struct Context<'a> {
    pub http: &'a reqwest::Client,
    /// The client's base URL, against which a relative token URL is resolved.
    pub base_url: &'a str,
    pub timeout: Duration,
    /// A token the provider just refused (401), to replace once.
    pub rejected: Option<Secret>,
}

/// Authenticates `request` with `schemes`; returns the OAuth2 token it used, if any.
pub(crate) async fn apply(
    schemes: &[&Scheme],
    request: &mut Request,
    #[cfg_attr(not(feature = "oauth2"), allow(unused_variables))] context: Context<'_>,
) -> Result<Option<Secret>, Failure> {
    for scheme in schemes {
        if let Kind::Query { name, value } = &scheme.0 {
            request
                .url_mut()
                .query_pairs_mut()
                .append_pair(name, value.expose());
        }
    }
    #[cfg_attr(not(feature = "oauth2"), allow(unused_mut))]
    let mut token = None;
    for scheme in schemes {
        match &scheme.0 {
            Kind::Header { name, value } => insert(request, name, value, "header")?,
            #[cfg(feature = "oauth2")]
            Kind::Token(source) => {
                let fetched = source
                    .token(
                        context.http,
                        context.base_url,
                        context.rejected.as_ref(),
                        context.timeout,
                    )
                    .await
                    .map_err(|e| Failure::Unauthenticated(format!("no access token: {e}")))?;
                let value = Secret::new(format!("Bearer {}", fetched.expose()));
                insert(request, "authorization", &value, "access token")?;
                token = Some(fetched);
            }
            Kind::Query { .. } | Kind::Signed(_) => {}
        }
    }
    for scheme in schemes {
        if let Kind::Signed(signer) = &scheme.0 {
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
            for header in signer.sign(&parts, SystemTime::now()) {
                insert(request, header.name, &header.value, "signed header")?;
            }
        }
    }
    Ok(token)
}

/// Sets the header `name` to `value`, marked sensitive so it never prints.
fn insert(request: &mut Request, name: &str, value: &Secret, what: &str) -> Result<(), Failure> {
    let refused = |part: &str| {
        Failure::Unauthenticated(format!("the {what} `{name}` is not a valid header {part}"))
    };
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| refused("name"))?;
    let mut value = HeaderValue::from_str(value.expose()).map_err(|_| refused("value"))?;
    value.set_sensitive(true);
    request.headers_mut().insert(name, value);
    Ok(())
}

/// `Host` as sent: the port only when it is not the scheme's default.
fn host(url: &reqwest::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => String::new(),
    }
}
