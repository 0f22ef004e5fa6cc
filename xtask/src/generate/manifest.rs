//! `Cargo.toml` of a generated crate: only the dependencies its code uses, the runtime features
//! its schemes need, TLS backends as features (rustls by default), and
//! the licence files it ships. Every value from the spec is checked ([`check`]) or written as an
//! escaped TOML string, so a spec cannot add keys to the manifest.

use std::fmt::Write;
use std::path::Path;

use serde_json::Value;

use super::GeneratedFile;
use crate::diagnostic::{Diagnostic, Location};
use crate::spec::Spec;

/// The runtime, without its default features: the crate enables the schemes its spec uses.
const RUNTIME: &str =
    "version = \"0.1.0\", path = \"../../crates/payspec-runtime\", default-features = false";

/// The crate's features: the runtime's TLS backends (reqwest without one fails with "scheme is
/// not http") and HTTP/2, forwarded.
const FEATURES: &str = "[features]\n\
    default = [\"rustls\"]\n\
    # TLS with rustls and the `ring` crypto provider (no cmake needed).\n\
    rustls = [\"payspec-runtime/rustls\"]\n\
    # TLS with the platform's library (OpenSSL, Secure Transport, SChannel).\n\
    native-tls = [\"payspec-runtime/native-tls\"]\n\
    # HTTP/2 where the server offers it (HTTP/1.1, which every provider serves, otherwise).\n\
    http2 = [\"payspec-runtime/http2\"]\n";

/// Dependencies of every generated crate besides the runtime, in manifest syntax.
const ALWAYS: &[(&str, &str)] = &[
    ("progenitor-client", "\"0.15.1\""),
    (
        "reqwest",
        "{ version = \"0.13.5\", default-features = false, features = [\"json\", \"query\"] }",
    ),
    (
        "serde",
        "{ version = \"1.0.181\", features = [\"derive\"] }",
    ),
    ("serde_json", "\"1\""),
];

/// Dependencies added when the generated code names the crate (`::chrono::` and so on).
const WHEN_USED: &[(&str, &str)] = &[
    (
        "chrono",
        "{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }",
    ),
    ("regress", "\"0.10\""),
    ("uuid", "{ version = \"1\", features = [\"serde\"] }"),
];

/// The crate version when the spec's `info` has no `x-payspec-crate-version`.
const DEFAULT_VERSION: &str = "0.1.0";

/// The oldest Rust every generated crate builds with (the workspace's `rust-version`).
const RUST_VERSION: &str = "1.88";

/// Where the crates are developed.
const REPOSITORY: &str = "https://github.com/payspec/payspec";

/// The licence texts each crate ships beside its `license = "MIT OR Apache-2.0"`.
const LICENSES: [(&str, &str); 2] = [
    ("LICENSE-MIT", include_str!("../../../LICENSE-MIT")),
    ("LICENSE-APACHE", include_str!("../../../LICENSE-APACHE")),
];

/// The crate's package name, e.g. `payspec-paypal`.
pub fn package_name(spec: &Spec) -> String {
    format!("payspec-{}", spec.provider)
}

/// The crate's version, from `info.x-payspec-crate-version`.
pub fn crate_version(spec: &Spec) -> &str {
    spec.document
        .pointer("/info/x-payspec-crate-version")
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_VERSION)
}

/// What would make the manifest invalid: a spec file name that is not a crate name, a crate
/// version that is not semver.
pub fn check(spec: &Spec) -> Vec<Diagnostic> {
    let at = |pointer: &str, message: String| Diagnostic {
        file: spec.file.clone(),
        location: Location::Pointer(pointer.to_owned()),
        message,
    };
    let mut problems = Vec::new();
    let provider = &spec.provider;
    let valid_name = provider
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && provider
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && package_name(spec).len() <= 64;
    if !valid_name {
        problems.push(at(
            "",
            format!(
                "the file name `{provider}` cannot name the crate `payspec-{provider}`: use \
                 lower-case ASCII letters, digits, `-` and `_`, starting with a letter or digit \
                 (at most 56 characters)"
            ),
        ));
    }
    if let Err(error) = semver::Version::parse(crate_version(spec)) {
        problems.push(at(
            "/info/x-payspec-crate-version",
            format!(
                "{:?} is not a semver version such as 0.1.0: {error}",
                crate_version(spec)
            ),
        ));
    }
    problems
}

/// Renders `Cargo.toml` for the crate whose `src/lib.rs` is `code`; [`check`] must pass first.
pub fn manifest(spec: &Spec, code: &str) -> String {
    let title = &spec.openapi.info.title;
    let used = WHEN_USED
        .iter()
        .filter(|(name, _)| code.contains(&format!("::{name}::")));
    let schemes: Vec<String> = super::credentials::features(spec)
        .iter()
        .map(|feature| format!("\"{feature}\""))
        .collect();
    let runtime = format!(
        "payspec-runtime = {{ {RUNTIME}, features = [{}] }}\n",
        schemes.join(", ")
    );
    let dependencies: String = std::iter::once(runtime)
        .chain(
            ALWAYS
                .iter()
                .chain(used)
                .map(|(name, requirement)| format!("{name} = {requirement}\n")),
        )
        .collect();
    let name = package_name(spec);
    let description =
        format!("Typed Rust client for the {title}, generated from payspec's OpenAPI spec.");
    format!(
        "# Generated by `cargo xtask gen` from {file}. Do not edit.\n\
         [package]\n\
         name = {name_toml}\n\
         version = {version}\n\
         description = {description}\n\
         edition = \"2024\"\n\
         rust-version = \"{RUST_VERSION}\"\n\
         license = \"MIT OR Apache-2.0\"\n\
         repository = \"{REPOSITORY}\"\n\
         documentation = {documentation}\n\
         readme = \"README.md\"\n\
         keywords = [\"payments\", {provider}, \"refunds\", \"openapi\"]\n\
         categories = [\"api-bindings\"]\n\
         \n\
         {FEATURES}\
         \n\
         [dependencies]\n\
         {dependencies}",
        file = one_line(&spec.file),
        name_toml = toml_string(&name),
        version = toml_string(crate_version(spec)),
        description = toml_string(&description),
        documentation = toml_string(&format!("https://docs.rs/{name}")),
        provider = toml_string(&spec.provider),
    )
}

/// The licence files, in the crate's directory `dir`.
pub fn license_files(dir: &Path) -> Vec<GeneratedFile> {
    LICENSES
        .iter()
        .map(|(name, text)| GeneratedFile {
            path: dir.join(name),
            contents: (*text).to_owned(),
        })
        .collect()
}

/// `text` as a TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` on one line, for a comment.
fn one_line(text: &str) -> String {
    text.replace(|c: char| c.is_control(), " ")
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn toml_strings_escape_what_would_end_them() {
        assert_eq!(
            toml_string("0.1.0\"\nbuild = \"evil.rs"),
            r#""0.1.0\"\nbuild = \"evil.rs""#
        );
        assert_eq!(toml_string("a\\b\u{7f}"), r#""a\\b\u007F""#);
    }
}
