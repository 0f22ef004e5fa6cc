//! Error responses as one progenitor method can read them.
//!
//! A progenitor method has one success type and one error type, and counts a `default` response
//! as both. Real specs document more than that, so the codegen view reshapes each operation:
//!
//! - `default` beside a documented success means "any other error": it becomes `4XX` and `5XX`
//!   (where those are not documented already), so it types the errors and not the success.
//! - Error statuses documented without a JSON body (CyberSource's 404, an HTML 502) beside others
//!   with one are removed from the view: such an answer reaches the caller as
//!   `Error::UnexpectedResponse`, which carries its status and body, never as a failure to parse
//!   a body that was never promised. They stay in the spec and in the crate's README.
//! - Differing JSON error bodies are told apart by status: see [`super::status_enums`].

use serde_json::Value;

use crate::preflight::{METHODS, is_json, parse_status};
use crate::yaml::resolve;

/// One operation's error statuses documented without a JSON body beside typed ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodylessErrors {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The status keys, in spec order (`404`, `5XX`).
    pub statuses: Vec<String>,
}

/// Every operation in `doc`: its JSON pointer, path and method.
pub(crate) fn operations(doc: &Value) -> Vec<(String, String, &'static str)> {
    let paths = doc.get("paths").and_then(Value::as_object);
    paths
        .into_iter()
        .flatten()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|method| item.get(**method).is_some())
                .map(move |method| {
                    let pointer = format!("/paths/{}/{method}", crate::yaml::escape_token(path));
                    (pointer, path.clone(), *method)
                })
        })
        .collect()
}

/// The JSON pointer of every operation in `doc`.
pub(super) fn operation_pointers(doc: &Value) -> Vec<String> {
    operations(doc)
        .into_iter()
        .map(|(pointer, ..)| pointer)
        .collect()
}

/// The `operationId` of the operation at `pointer`, empty when it has none.
pub(super) fn operation_id(doc: &Value, pointer: &str) -> String {
    doc.pointer(&format!("{pointer}/operationId"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Replaces `default` with `4XX` and `5XX` in each operation that documents a success status.
pub fn default_as_error_ranges(doc: &mut Value) {
    for pointer in operation_pointers(doc) {
        let Some(responses) = doc
            .pointer_mut(&format!("{pointer}/responses"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let has_success = responses
            .keys()
            .any(|code| code.starts_with('2') && parse_status(code).is_some_and(|s| !s.is_error()));
        if !has_success {
            continue;
        }
        let Some(default) = responses.remove("default") else {
            continue;
        };
        for range in ["4XX", "5XX"] {
            responses.entry(range).or_insert_with(|| default.clone());
        }
    }
}

/// Removes from `doc` each error status without a JSON body of an operation whose error
/// statuses are not all alike (some with a JSON body, some without, or some with another
/// body), and returns what was removed.
pub fn strip_bodyless_errors(doc: &mut Value) -> Vec<BodylessErrors> {
    let mut found = Vec::new();
    for pointer in operation_pointers(doc) {
        let Some(operation) = doc.pointer(&pointer) else {
            continue;
        };
        let responses = operation.get("responses").and_then(Value::as_object);
        let errors: Vec<(&String, Body)> = responses
            .into_iter()
            .flatten()
            .filter(|(code, _)| parse_status(code).is_some_and(|s| s.is_error()))
            .map(|(code, response)| (code, body(doc, response)))
            .collect();
        let kind = |body: &Body| std::mem::discriminant(body);
        let uniform = errors
            .windows(2)
            .all(|pair| kind(&pair[0].1) == kind(&pair[1].1));
        if uniform {
            continue;
        }
        let statuses: Vec<String> = errors
            .iter()
            .filter(|(_, body)| !matches!(body, Body::Json(_)))
            .map(|(code, _)| (*code).clone())
            .collect();
        if statuses.is_empty() {
            continue;
        }
        let operation_id = operation_id(doc, &pointer);
        if let Some(responses) = doc
            .pointer_mut(&format!("{pointer}/responses"))
            .and_then(Value::as_object_mut)
        {
            for code in &statuses {
                responses.remove(code);
            }
        }
        found.push(BodylessErrors {
            operation_id,
            statuses,
        });
    }
    found
}

/// What a response documents as its body.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Body {
    /// No content.
    None,
    /// The schema of its (first) JSON media type.
    Json(Value),
    /// Content in other media types only, or JSON without a schema.
    Other,
}

/// What `response` (followed through `$ref`) documents as its body, as progenitor would type it.
pub(super) fn body(doc: &Value, response: &Value) -> Body {
    match resolve(doc, response)
        .get("content")
        .and_then(Value::as_object)
    {
        None => Body::None,
        Some(content) if content.is_empty() => Body::None,
        Some(content) => content
            .iter()
            .find_map(|(media, value)| value.get("schema").filter(|_| is_json(media)))
            .map_or(Body::Other, |schema| Body::Json(schema.clone())),
    }
}
