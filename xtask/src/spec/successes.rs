//! Success statuses documented with a body beside others without one.
//!
//! PayPal's void answers `200` with the authorization when asked for a representation and `204`
//! with nothing otherwise. A progenitor method has one success type, so the codegen view types
//! every success status with a placeholder that progenitor replaces by `Option<Body>`; the
//! generator then answers `None` for the body-less statuses (`generate::responses`).

use serde_json::{Value, json};

use super::errors::{operation_id, operation_pointers};
use super::names::type_name;
use super::status_enums::{Names, retype, schemas};
use crate::preflight::{is_json, parse_status};
use crate::yaml::resolve;

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
        let mut typed: Vec<(String, Value)> = Vec::new();
        let mut empty = Vec::new();
        for (code, response) in responses {
            if !parse_status(code).is_some_and(|s| s.is_success()) || code == "default" {
                continue;
            }
            match resolve(doc, response)
                .get("content")
                .and_then(Value::as_object)
            {
                None => empty.push(code.clone()),
                Some(content) if content.is_empty() => empty.push(code.clone()),
                Some(content) => match content
                    .iter()
                    .find(|(m, v)| is_json(m) && v.get("schema").is_some())
                {
                    Some((_, media)) => typed.push((code.clone(), media["schema"].clone())),
                    None => typed.push((code.clone(), Value::Null)),
                },
            }
        }
        let Some((_, schema)) = typed.first() else {
            continue;
        };
        if empty.is_empty() || schema.is_null() || typed.iter().any(|(_, s)| s != schema) {
            continue;
        }
        let operation_id = operation_id(doc, &pointer);
        let stem = type_name(&operation_id);
        let body = names.component_for(doc, schema.clone(), &format!("{stem}Body"));
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
