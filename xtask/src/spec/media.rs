//! Request bodies documented in several media types.
//!
//! A progenitor method sends one media type. The codegen view keeps the one the runtime sends
//! best (JSON, then form, then raw bytes, then text) and records the others, which the crate's
//! README lists beside the method. A body offered only in media types the generator cannot send
//! (`multipart/form-data` alone) stays a located error in the preflight.

use serde_json::Value;

use super::errors::operation_pointers;
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

/// How well the generated client sends `media_type`; `None` when it cannot.
pub fn rank(media_type: &str) -> Option<u8> {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    match essence {
        _ if is_json(media_type) => Some(0),
        "application/x-www-form-urlencoded" => Some(1),
        "application/octet-stream" => Some(2),
        "text/plain" => Some(3),
        _ => None,
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
        let operation_id = doc
            .pointer(&format!("{pointer}/operationId"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        found.push(OtherMediaTypes {
            operation_id,
            sent,
            others,
        });
    }
    found
}
