//! Authentication the runtime can perform: each security scheme classified into what
//! `payspec-runtime` implements ([`Kind`]), and each operation's `security` (its own, else the
//! document's) resolved into alternatives. An operation no alternative of which can be
//! satisfied, or naming an undeclared scheme, is a generation error at that `security`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Linter, Rule};
use crate::preflight::METHODS;
use crate::yaml::escape_token;

/// The extension naming a custom scheme on a security scheme.
pub const CUSTOM: &str = "x-payspec-scheme";
/// The extension listing the scopes an `es512-jwt` scheme's tokens claim.
pub const JWT_SCOPES: &str = "x-payspec-jwt-scopes";

/// A security scheme as the runtime implements it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `type: apiKey`, in a header (`query: false`) or the query.
    ApiKey { name: String, query: bool },
    /// `type: http`, `scheme: bearer`.
    Bearer,
    /// `type: http`, `scheme: basic`.
    Basic,
    /// `type: oauth2` with a `clientCredentials` flow.
    ClientCredentials { token_url: String },
    /// `x-payspec-scheme: http-signature`.
    HttpSignature,
    /// `x-payspec-scheme: es512-jwt`, with the scopes its tokens claim.
    Es512Jwt { scopes: Vec<String> },
}

impl Kind {
    /// The runtime feature the scheme needs, if any.
    pub fn feature(&self) -> Option<&'static str> {
        match self {
            Kind::ClientCredentials { .. } => Some("oauth2"),
            Kind::HttpSignature => Some("http-signature"),
            Kind::Es512Jwt { .. } => Some("es512-jwt"),
            Kind::ApiKey { .. } | Kind::Bearer | Kind::Basic => None,
        }
    }
}

/// What the runtime would do with the scheme `value`, or why it cannot.
pub fn kind(value: &Value) -> Result<Kind, String> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default();
    if let Some(custom) = value.get(CUSTOM) {
        return match custom.as_str() {
            Some("http-signature") => Ok(Kind::HttpSignature),
            Some("es512-jwt") => Ok(Kind::Es512Jwt {
                scopes: value
                    .get(JWT_SCOPES)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            }),
            _ => Err(format!(
                "`{CUSTOM}: {custom}` is no scheme the runtime knows (http-signature, es512-jwt)"
            )),
        };
    }
    match text("type") {
        "apiKey" => match text("in") {
            "header" | "query" if !text("name").is_empty() => Ok(Kind::ApiKey {
                name: text("name").to_owned(),
                query: text("in") == "query",
            }),
            "cookie" => Err("an API key in a cookie is not supported".into()),
            other => Err(format!(
                "an API key `in: {other}` with name `{}` cannot be sent",
                text("name")
            )),
        },
        "http" => match text("scheme").to_ascii_lowercase().as_str() {
            "bearer" => Ok(Kind::Bearer),
            "basic" => Ok(Kind::Basic),
            other => Err(format!(
                "HTTP scheme `{other}` is not supported (basic, bearer), nor declared with `{CUSTOM}`"
            )),
        },
        "oauth2" => match value
            .pointer("/flows/clientCredentials/tokenUrl")
            .and_then(Value::as_str)
        {
            Some(url) => Ok(Kind::ClientCredentials {
                token_url: url.to_owned(),
            }),
            None => Err("OAuth2 without a `clientCredentials` flow is not supported".into()),
        },
        "openIdConnect" => Err("OpenID Connect is not supported".into()),
        other => Err(format!("security scheme type `{other}` is not supported")),
    }
}

/// One operation's `security` in force.
#[derive(Clone, Debug)]
pub struct OperationSecurity {
    /// The `operationId` (empty when missing).
    pub operation_id: String,
    /// The pointer of the `security` in force: the operation's, `/security`, or empty when
    /// the document has none.
    pub pointer: String,
    /// Alternatives of scheme names, each sent together; `[[]]` when none is needed.
    pub alternatives: Vec<Vec<String>>,
}

/// Every operation's security in force, in document order.
pub fn operations(doc: &Value) -> Vec<OperationSecurity> {
    let global = doc.get("security");
    let mut out = Vec::new();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let own = format!("/paths/{}/{method}/security", escape_token(path));
            let (pointer, requirements) = match (operation.get("security"), global) {
                (Some(own_security), _) => (own, Some(own_security)),
                (None, Some(global)) => ("/security".to_owned(), Some(global)),
                (None, None) => (String::new(), None),
            };
            let alternatives = match requirements.and_then(Value::as_array) {
                Some(list) if !list.is_empty() => list
                    .iter()
                    .map(|requirement| {
                        requirement
                            .as_object()
                            .map(|r| r.keys().cloned().collect())
                            .unwrap_or_default()
                    })
                    .collect(),
                _ => vec![Vec::new()],
            };
            out.push(OperationSecurity {
                operation_id: operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                pointer,
                alternatives,
            });
        }
    }
    out
}

/// The declared scheme `name`, `$ref` resolved.
pub fn scheme<'a>(doc: &'a Value, name: &str) -> Option<&'a Value> {
    let value = doc.pointer(&format!(
        "/components/securitySchemes/{}",
        escape_token(name)
    ))?;
    Some(crate::yaml::resolve(doc, value))
}

/// Whether every scheme of `alternative` is declared and supported.
pub fn satisfiable(doc: &Value, alternative: &[String]) -> bool {
    alternative
        .iter()
        .all(|name| scheme(doc, name).is_some_and(|s| kind(s).is_ok()))
}

/// `info` keys naming a response header.
const HEADER_KEYS: [&str; 3] = [
    "x-payspec-idempotency-header",
    "x-payspec-retry-hint-header",
    "x-payspec-request-id-header",
];

/// The `info` key saying what a 5xx under an idempotency key means, and its values.
const KEYED_SERVER_ERROR: (&str, [&str; 2]) =
    ("x-payspec-keyed-server-error", ["resend", "unknown"]);

impl Linter<'_> {
    /// The retry and request-id keys of `info` hold what the runtime can use.
    fn retry_semantics(&mut self) {
        let Some(info) = self.doc.value.get("info") else {
            return;
        };
        let mut problems = Vec::new();
        for key in HEADER_KEYS {
            let Some(value) = info.get(key) else { continue };
            let valid = value.as_str().is_some_and(|name| {
                !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
            });
            if !valid {
                problems.push((key, format!("`{key}` must be a header name, not {value}")));
            }
        }
        let (key, values) = KEYED_SERVER_ERROR;
        if let Some(value) = info.get(key) {
            if !value.as_str().is_some_and(|v| values.contains(&v)) {
                problems.push((
                    key,
                    format!("`{key}` must be `resend` or `unknown`, not {value}"),
                ));
            }
        }
        for (key, message) in problems {
            self.report(Rule::Security, &format!("/info/{key}"), message);
        }
    }

    pub(super) fn security(&mut self) {
        self.retry_semantics();
        let doc = &self.doc.value;
        let mut reported = BTreeSet::new();
        for operation in operations(doc) {
            let mut problems = Vec::new();
            for name in operation.alternatives.iter().flatten() {
                match scheme(doc, name) {
                    None => problems.push(format!(
                        "`{name}` is not declared in `components/securitySchemes`"
                    )),
                    Some(value) => {
                        if let Err(why) = kind(value) {
                            problems.push(format!("`{name}`: {why}"));
                        }
                    }
                }
            }
            let undeclared = operation
                .alternatives
                .iter()
                .flatten()
                .any(|name| scheme(doc, name).is_none());
            let none_works = !operation
                .alternatives
                .iter()
                .any(|alternative| satisfiable(doc, alternative));
            if (undeclared || none_works) && reported.insert(operation.pointer.clone()) {
                problems.dedup();
                let whose = if operation.pointer == "/security" {
                    "the document's `security`".to_owned()
                } else {
                    format!("the `security` of `{}`", operation.operation_id)
                };
                self.report(
                    Rule::Security,
                    &operation.pointer,
                    format!(
                        "the runtime cannot authenticate {whose}: {}",
                        problems.join("; ")
                    ),
                );
            }
        }
    }
}
