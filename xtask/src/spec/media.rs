//! Request bodies documented in several media types.
//!
//! A progenitor method sends one media type. The codegen view keeps the one the runtime sends
//! best (JSON, then form, then raw bytes, then text, then multipart) and records the others,
//! which the crate's README lists beside the method. A body offered only in media types the
//! generator cannot send (XML alone) stays a located error in the preflight.
//!
//! A form body's `encoding` says which fields go in brackets (`deepObject`); the generated code
//! hands those names to `payspec_runtime::form`, which encodes the body.

use serde_json::Value;

use super::errors::{operation_id, operation_pointers};
use super::status_enums::{Names, schemas};
use crate::preflight::is_json;
use crate::yaml::resolve;

/// An operation whose request body is also documented in media types the client does not send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMediaTypes {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The media type the generated method sends.
    pub sent: String,
    /// The other documented media types, in spec order.
    pub others: Vec<String>,
}

/// The fields of an operation's form body that the spec encodes as `deepObject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormEncoding {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The top-level fields sent in brackets (`metadata[order]=1`).
    pub deep: Vec<String>,
}

/// Removes each form body's `encoding` from `doc` (progenitor does not read it) and returns the
/// fields it sends as `deepObject`, for the generated code to pass to the runtime's encoder.
pub fn form_encodings(doc: &mut Value) -> Vec<FormEncoding> {
    let mut found = Vec::new();
    for pointer in operation_pointers(doc) {
        let media_pointer =
            format!("{pointer}/requestBody/content/application~1x-www-form-urlencoded");
        let Some(media) = doc
            .pointer_mut(&media_pointer)
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let Some(Value::Object(encoding)) = media.remove("encoding") else {
            continue;
        };
        let deep: Vec<String> = encoding
            .iter()
            .filter(|(_, e)| e.get("style").and_then(Value::as_str) == Some("deepObject"))
            .map(|(field, _)| field.clone())
            .collect();
        if deep.is_empty() {
            continue;
        }
        let operation_id = operation_id(doc, &pointer);
        found.push(FormEncoding { operation_id, deep });
    }
    found
}

/// How well the generated client sends `media_type`; `None` when it cannot.
pub fn rank(media_type: &str) -> Option<u8> {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    match essence {
        _ if is_json(media_type) => Some(0),
        "application/x-www-form-urlencoded" => Some(1),
        "application/octet-stream" => Some(2),
        "text/plain" => Some(3),
        "multipart/form-data" => Some(4),
        _ => None,
    }
}

/// Replaces each request body shared through `$ref` (`components/requestBodies`) with a copy
/// in its operation, so the steps below reshape one operation's body only.
pub fn inline_request_bodies(doc: &mut Value) {
    for pointer in operation_pointers(doc) {
        let body_pointer = format!("{pointer}/requestBody");
        let Some(body) = doc.pointer(&body_pointer) else {
            continue;
        };
        if body.get("$ref").is_none() {
            continue;
        }
        let copy = resolve(doc, body).clone();
        if let Some(slot) = doc.pointer_mut(&body_pointer) {
            *slot = copy;
        }
    }
}

/// Keeps one media type per request body in `doc` and returns what was left out.
pub fn keep_one(doc: &mut Value) -> Vec<OtherMediaTypes> {
    let mut found = Vec::new();
    for pointer in operation_pointers(doc) {
        let body_pointer = format!("{pointer}/requestBody");
        let Some(body) = doc.pointer(&body_pointer).map(|b| resolve(doc, b).clone()) else {
            continue;
        };
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            continue;
        };
        if content.len() < 2 {
            continue;
        }
        let Some(sent) = content
            .keys()
            .filter(|m| rank(m).is_some())
            .min_by_key(|m| rank(m))
            .cloned()
        else {
            continue;
        };
        let others: Vec<String> = content.keys().filter(|m| **m != sent).cloned().collect();
        let mut body = body.clone();
        if let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) {
            content.retain(|media_type, _| *media_type == sent);
        }
        if let Some(slot) = doc.pointer_mut(&body_pointer) {
            *slot = body;
        }
        let operation_id = operation_id(doc, &pointer);
        found.push(OtherMediaTypes {
            operation_id,
            sent,
            others,
        });
    }
    found
}

/// Operations whose request body is sent as `multipart/form-data`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Multipart {
    /// Their `operationId`s.
    pub operations: Vec<String>,
    /// The placeholder component progenitor replaces by `payspec_runtime::multipart::File`,
    /// standing for every `format: binary` field of those bodies.
    pub file: Option<String>,
}

/// Types each multipart body as JSON for progenitor (the generated code then sends it through
/// `payspec_runtime::multipart`), its `format: binary` fields as files.
pub fn multipart_bodies(doc: &mut Value, names: &mut Names) -> Multipart {
    let mut found = Multipart::default();
    for pointer in operation_pointers(doc) {
        let content_pointer = format!("{pointer}/requestBody/content");
        let Some(content) = doc.pointer(&content_pointer).and_then(Value::as_object) else {
            continue;
        };
        let Some(media) = content.get("multipart/form-data").cloned() else {
            continue;
        };
        let file = found
            .file
            .get_or_insert_with(|| names.claim("MultipartFile".to_owned()))
            .clone();
        let mut media = media;
        if let Some(schema) = media.get_mut("schema") {
            mark_files(doc, schema, &file);
        }
        media.as_object_mut().map(|m| m.remove("encoding"));
        if let Some(slot) = doc.pointer_mut(&content_pointer) {
            *slot = serde_json::json!({ "application/json": media });
        }
        found.operations.push(operation_id(doc, &pointer));
    }
    if let Some(file) = &found.file {
        schemas(doc).insert(file.clone(), serde_json::json!({}));
    }
    found
}

/// Points every `format: binary` string among the fields of `schema` (and the items of its list
/// fields) at the file placeholder; an inline body is edited in place, a referenced one in its
/// component.
fn mark_files(doc: &mut Value, schema: &mut Value, file: &str) {
    let file_ref = serde_json::json!({ "$ref": format!("#/components/schemas/{file}") });
    let is_binary = |s: &Value| s.get("format").and_then(Value::as_str) == Some("binary");
    let target = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference.trim_start_matches('#').to_owned(),
        None => String::new(),
    };
    let body = if target.is_empty() {
        Some(schema)
    } else {
        doc.pointer_mut(&target)
    };
    let Some(fields) = body
        .and_then(|b| b.get_mut("properties"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for field in fields.values_mut() {
        if is_binary(field) {
            *field = file_ref.clone();
        } else if let Some(items) = field.get_mut("items").filter(|i| is_binary(i)) {
            *items = file_ref.clone();
        }
    }
}
