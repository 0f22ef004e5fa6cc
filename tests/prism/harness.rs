//! Prism (`@stoplight/prism-cli`, pinned) as a spec-validating mock server: installed into
//! `target/prism` with npm on first use, started on a free loopback port per spec, stopped on drop.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The Prism release the contract tests are pinned to.
const PRISM: &str = "@stoplight/prism-cli@5.16.0";
const STARTUP: Duration = Duration::from_secs(60);

static INSTALL: Mutex<()> = Mutex::new(());

/// The `prism` executable, installing it on first use.
fn prism_binary() -> PathBuf {
    let _one_at_a_time = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    let prefix = xtask::workspace_root().join("target/prism");
    let binary = prefix.join("node_modules/.bin/prism");
    let stamp = prefix.join("installed-version");
    if binary.exists() && std::fs::read_to_string(&stamp).is_ok_and(|v| v == PRISM) {
        return binary;
    }
    std::fs::create_dir_all(&prefix).unwrap();
    let status = Command::new("npm")
        .args([
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(PRISM)
        .stdout(Stdio::null())
        .status()
        .expect("npm is needed to install Prism for the contract tests");
    assert!(status.success(), "npm install {PRISM} failed");
    std::fs::write(&stamp, PRISM).unwrap();
    binary
}

/// A running Prism mock of one spec; killed when dropped.
pub struct Prism {
    child: Child,
    pub base_url: String,
}

impl Prism {
    /// Starts `prism mock --errors specs/<provider>.yaml` and waits until it accepts connections.
    /// Responses are the spec's examples.
    pub fn start(provider: &str) -> Prism {
        Prism::start_with(provider, &[])
    }

    /// Like [`Prism::start`], but in dynamic mode (`-d`): every response is generated at random
    /// from the response schema, so repeated calls exercise the whole schema.
    pub fn start_dynamic(provider: &str) -> Prism {
        Prism::start_with(provider, &["--dynamic"])
    }

    fn start_with(provider: &str, extra: &[&str]) -> Prism {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let spec = xtask::workspace_root().join(format!("specs/{provider}.yaml"));
        let child = Command::new(prism_binary())
            .args([
                "mock",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "--errors",
            ])
            .args(extra)
            .arg(&spec)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let prism = Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < STARTUP,
                "Prism did not start within {STARTUP:?} for {provider}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        prism
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a raw request that violates the spec and asserts that Prism rejects it, so that a pass
/// through Prism means something (Prism fails open on patterns it cannot compile).
pub async fn assert_rejects(
    prism: &Prism,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) {
    payspec_runtime::install_crypto_provider();
    let http = reqwest::Client::new();
    let mut request = http.request(method.parse().unwrap(), format!("{}{path}", prism.base_url));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    // A violation is answered with the spec's matching error status (or 422) and listed in
    // `sl-violations`; a missing credential with 401; a bad path parameter with 422.
    let flagged = response.headers().contains_key("sl-violations") || matches!(status, 401 | 422);
    assert!(
        flagged && !response.status().is_success(),
        "Prism accepted an invalid {method} {path} with {status}: it is not validating this operation"
    );
}

/// Asserts that a call through a generated client passed Prism's validation.
pub fn assert_accepted<T, E: std::fmt::Debug>(
    operation: &str,
    result: Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) {
    let rejected = match &result {
        Ok(response) if response.status().is_success() => return,
        Ok(response) => Some((response.status(), response.headers())),
        Err(progenitor_client::Error::ErrorResponse(response)) => {
            Some((response.status(), response.headers()))
        }
        Err(progenitor_client::Error::UnexpectedResponse(response)) => {
            Some((response.status(), response.headers()))
        }
        Err(_) => None,
    };
    match rejected {
        Some((status, headers)) => {
            let violations = headers
                .get("sl-violations")
                .map(|v| v.to_str().unwrap_or_default().to_owned());
            panic!("{operation}: Prism answered {status} with violations {violations:?}")
        }
        None => panic!("{operation}: {:?}", result.err()),
    }
}
