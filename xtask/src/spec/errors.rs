//! Error statuses documented without a body beside others with a JSON body.
//!
//! Providers answer some errors with nothing (CyberSource's 404, PayPal's 500 in some
//! references) and others with a JSON error body, but a progenitor method has one error type.
//! The body-less statuses stay in the spec and in the crate's README, and are removed from what
//! progenitor sees: such an answer then reaches the caller as `Error::UnexpectedResponse`, which
//! carries its status, never as a failure to parse a body that was never promised.

use serde_json::Value;

use crate::preflight::{METHODS, is_json, parse_status};
use crate::yaml::resolve;

/// One operation's error statuses documented without a body beside typed ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodylessErrors {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The status keys, in spec order (`404`, `5XX`).
    pub statuses: Vec<String>,
}

/// Removes from `doc` each body-less error status of an operation that also documents a JSON
/// error body, and returns what was removed.
pub fn strip_bodyless_errors(doc: &mut Value) -> Vec<BodylessErrors> {
    let mut found = Vec::new();
    let mut removals: Vec<(String, String)> = Vec::new();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let responses = operation.get("responses").and_then(Value::as_object);
            let errors: Vec<(&String, Body)> = responses
                .into_iter()
                .flatten()
                .filter(|(code, _)| {
                    *code != "default" && parse_status(code).is_some_and(|s| s.is_error())
                })
                .map(|(code, response)| (code, body(resolve(doc, response))))
                .collect();
            let statuses: Vec<String> = errors
                .iter()
                .filter(|(_, body)| *body == Body::None)
                .map(|(code, _)| (*code).clone())
                .collect();
            if statuses.is_empty() || !errors.iter().any(|(_, body)| *body == Body::Json) {
                continue;
            }
            let pointer = format!(
                "/paths/{}/{method}/responses",
                crate::yaml::escape_token(path)
            );
            removals.extend(statuses.iter().map(|code| (pointer.clone(), code.clone())));
            found.push(BodylessErrors {
                operation_id: operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                statuses,
            });
        }
    }
    for (pointer, code) in removals {
        if let Some(responses) = doc.pointer_mut(&pointer).and_then(Value::as_object_mut) {
            responses.remove(&code);
        }
    }
    found
}

#[derive(PartialEq)]
enum Body {
    Json,
    Other,
    None,
}

/// What a response documents as its body, as progenitor would type it.
fn body(response: &Value) -> Body {
    match response.get("content").and_then(Value::as_object) {
        None => Body::None,
        Some(content) if content.is_empty() => Body::None,
        Some(content) => {
            let json = content
                .iter()
                .any(|(media, value)| is_json(media) && value.get("schema").is_some());
            if json { Body::Json } else { Body::Other }
        }
    }
}
