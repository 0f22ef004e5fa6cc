//! The document against openapiv3's model of OpenAPI 3.0: the first value it cannot read, located
//! in the source (openapiv3's untagged enums hide the path below them, so the offending value
//! is searched for under the path serde reports).

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::yaml::{Document, escape_token};

/// The document as openapiv3's model, or where and why it is not one.
pub fn openapi(file: &str, document: &Document, value: &Value) -> Result<OpenAPI, Diagnostic> {
    deserialize(value).map_err(|(pointer, message)| {
        let pointer = offending_value(&message)
            .and_then(|needle| find_scalar(document.value.pointer(&pointer)?, &needle))
            .map_or(pointer.clone(), |below| pointer.clone() + &below);
        crate::lint::at(file, document, &pointer, message)
    })
}

/// Deserializes into openapiv3, turning a type error into a JSON pointer and message.
fn deserialize(value: &Value) -> Result<OpenAPI, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let pointer: String = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => {
                    Some(format!("/{}", escape_token(key)))
                }
                serde_path_to_error::Segment::Seq { index } => Some(format!("/{index}")),
                _ => None,
            })
            .collect();
        (
            pointer,
            format!("not a valid OpenAPI 3.0 document here: {}", error.inner()),
        )
    })
}

/// The value serde complained about, from messages such as `invalid type: string "maybe", ...`.
fn offending_value(message: &str) -> Option<Value> {
    let rest = message
        .split_once("invalid type: ")
        .or_else(|| message.split_once("invalid value: "))?
        .1;
    if let Some(quoted) = rest.strip_prefix("string \"") {
        return quoted
            .split_once('"')
            .map(|(text, _)| Value::String(text.to_owned()));
    }
    let number = rest
        .strip_prefix("integer `")
        .or_else(|| rest.strip_prefix("floating point `"))?;
    number
        .split_once('`')
        .and_then(|(n, _)| serde_json::from_str(n).ok())
}

/// The pointer (relative to `value`) of the first scalar equal to `needle`.
fn find_scalar(value: &Value, needle: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(key, child)| {
            find_scalar(child, needle).map(|p| format!("/{}{p}", escape_token(key)))
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, child)| find_scalar(child, needle).map(|p| format!("/{i}{p}"))),
        scalar => (scalar == needle).then(String::new),
    }
}
