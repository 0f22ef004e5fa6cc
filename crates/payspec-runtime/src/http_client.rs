//! The HTTP client every generated client uses unless given its own.

use std::time::Duration;

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client that never follows redirects (a redirected write could be applied twice, or carry
/// signed headers to another origin), names itself in `User-Agent` (`product`, e.g.
/// `payspec-paypal/0.1.0`, then `payspec-runtime/<version>`), and bounds connecting. The runtime
/// sets each attempt's own timeout.
///
/// A client you build yourself for `Client::new_with_client` must not follow redirects either:
/// the runtime refuses any answer that did not come from the URL the request went to. With the
/// `rustls` feature, build it after calling [`install_crypto_provider`] (or this function):
/// reqwest refuses to build a rustls client while the process has no crypto provider.
///
/// With the `rustls` feature, rustls uses the process's default crypto provider, and `ring`
/// is installed as that default when the process has none.
///
/// # Errors
/// When the TLS backend cannot be initialised (no usable root certificates or crypto provider).
///
/// ```
/// let http = payspec_runtime::http_client("my-app/1.0")?;
/// # Ok::<(), reqwest::Error>(())
/// ```
pub fn http_client(product: &str) -> reqwest::Result<reqwest::Client> {
    install_crypto_provider();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(format!(
            "{product} payspec-runtime/{}",
            env!("CARGO_PKG_VERSION")
        ))
        .connect_timeout(CONNECT_TIMEOUT)
        .build()
}

/// With the `rustls` feature, makes `ring` the process's rustls crypto provider unless one is
/// installed already (yours is kept); without it, does nothing. Needed before building a
/// `reqwest::Client` of your own.
///
/// ```
/// payspec_runtime::install_crypto_provider();
/// let http = reqwest::Client::builder()
///     .redirect(reqwest::redirect::Policy::none())
///     .build()?;
/// # Ok::<(), reqwest::Error>(())
/// ```
pub fn install_crypto_provider() {
    #[cfg(feature = "rustls")]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one first: theirs is kept, and is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
