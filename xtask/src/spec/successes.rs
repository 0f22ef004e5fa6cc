//! Success statuses documented with a body beside others without one.
//!
//! PayPal's void answers `200` with the authorization when asked for a representation and `204`
//! with nothing otherwise. A progenitor method has one success type, so the codegen view types
//! every success status with a placeholder that progenitor replaces by `Option<Body>`; the
//! generator then answers `None` for the body-less statuses (`generate::responses`).

use serde_json::{Value, json};

use super::errors::{Body, body, operation_id, operation_pointers};
use super::names::type_name;
use super::status_enums::{Names, retype, schemas};
use crate::preflight::parse_status;

/// An operation whose success may come without a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionalSuccess {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The placeholder component progenitor replaces (`VoidAuthorizationSuccess`).
    pub placeholder: String,
    /// The Rust type of the body (`Authorization2`).
    pub body: String,
    /// The success statuses documented without a body (`204`).
    pub empty: Vec<String>,
}

/// Types every success status of such operations with a placeholder, and returns them.
pub fn optional_bodies(doc: &mut Value, names: &mut Names) -> Vec<OptionalSuccess> {
    let mut found = Vec::new();
    for pointer in operation_pointers(doc) {
        let Some(responses) = doc
            .pointer(&format!("{pointer}/responses"))
            .and_then(Value::as_object)
        else {
            continue;
        };
        let mut typed: Vec<(String, Body)> = Vec::new();
        let mut empty = Vec::new();
        for (code, response) in responses {
            if !parse_status(code).is_some_and(|s| s.is_success()) || code == "default" {
                continue;
            }
            match body(doc, response) {
                Body::None => empty.push(code.clone()),
                other => typed.push((code.clone(), other)),
            }
        }
        let Some((_, Body::Json(schema))) = typed.first() else {
            continue;
        };
        if empty.is_empty() || typed.iter().any(|(_, b)| *b != Body::Json(schema.clone())) {
            continue;
        }
        let schema = schema.clone();
        let operation_id = operation_id(doc, &pointer);
        let stem = type_name(&operation_id);
        let body = names.component_for(doc, schema, &format!("{stem}Body"));
        let placeholder = names.claim(format!("{stem}Success"));
        for (code, _) in &typed {
            retype(doc, &pointer, code, &placeholder);
        }
        for code in &empty {
            retype(doc, &pointer, code, &placeholder);
        }
        schemas(doc).insert(placeholder.clone(), json!({}));
        found.push(OptionalSuccess {
            operation_id,
            placeholder,
            body: type_name(&body),
            empty,
        });
    }
    found
}
