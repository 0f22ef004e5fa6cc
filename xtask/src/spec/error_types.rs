//! Operations whose error statuses document different JSON bodies get one error enum each.
//!
//! A progenitor method has one error type. When an operation's errors differ by status (PayPal's
//! 400 `error_400` beside its 422 `error_422`), the codegen view points every error response at a
//! placeholder component named for the enum, which progenitor is told to leave to us
//! (`with_replacement`); the generator then writes the enum, one variant per status holding that
//! status's documented body, and reads each status into its variant
//! (`generate::responses`). Inline error bodies become components so their types have names.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::errors::operation_pointers;
use super::names::{status_variant, type_name};
use crate::preflight::{is_json, parse_status};
use crate::yaml::resolve;

/// The error enum of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The enum's Rust name, also the placeholder component's name (`RefundCapturedPaymentError`).
    pub name: String,
    /// One variant per documented error status, in status order.
    pub variants: Vec<ErrorVariant>,
}

/// One status of an [`ErrorEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The status key as documented: `422`, `4XX`.
    pub status: String,
    /// The variant's name: `UnprocessableEntity`, `ClientError`.
    pub name: String,
    /// The Rust type of the body: the component's generated type name.
    pub body: String,
}

/// Gives each operation whose JSON error bodies differ an error enum, rewriting `doc` so that
/// progenitor sees one error type, and returns the enums.
pub fn split_error_bodies(doc: &mut Value, names: &mut Names) -> Vec<ErrorEnum> {
    let mut enums = Vec::new();
    for pointer in operation_pointers(doc) {
        let Some(statuses) = differing_bodies(doc, &pointer) else {
            continue;
        };
        let operation_id = doc
            .pointer(&format!("{pointer}/operationId"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let stem = type_name(&operation_id);
        let name = names.claim(format!("{stem}Error"));
        let mut variants = Vec::new();
        for (status, schema) in statuses {
            let variant = status_variant(&status);
            let component = names.component_for(doc, schema, &format!("{stem}{variant}Body"));
            retype(doc, &pointer, &status, &name);
            variants.push(ErrorVariant {
                status,
                name: variant,
                body: type_name(&component),
            });
        }
        schemas(doc).insert(name.clone(), json!({}));
        enums.push(ErrorEnum {
            operation_id,
            name,
            variants,
        });
    }
    enums
}

/// The error statuses of the operation at `pointer` and their JSON body schemas, when there are
/// at least two different ones.
fn differing_bodies(doc: &Value, pointer: &str) -> Option<Vec<(String, Value)>> {
    let responses = doc.pointer(&format!("{pointer}/responses"))?.as_object()?;
    let mut statuses: Vec<(String, Value)> = responses
        .iter()
        .filter(|(code, _)| parse_status(code).is_some_and(|s| s.is_error()))
        .filter_map(|(code, response)| {
            let (_, media) = resolve(doc, response)
                .get("content")?
                .as_object()?
                .iter()
                .find(|(media_type, _)| is_json(media_type))?;
            Some((code.clone(), media.get("schema")?.clone()))
        })
        .collect();
    let distinct: BTreeSet<String> = statuses.iter().map(|(_, s)| s.to_string()).collect();
    if distinct.len() < 2 {
        return None;
    }
    statuses.sort_by_key(|(code, _)| order(code));
    Some(statuses)
}

/// Codes before the ranges that contain them, as the generated `match` needs.
fn order(code: &str) -> (u16, u8) {
    match code.strip_suffix("XX") {
        Some(class) => (class.parse::<u16>().unwrap_or(9) * 100 + 99, 1),
        None => (code.parse().unwrap_or(999), 0),
    }
}

/// Points the JSON body of `status` in the operation at `pointer` to the component `name`, on a
/// copy of the response when it is shared through `$ref` (a response without a body gets one).
pub(super) fn retype(doc: &mut Value, pointer: &str, status: &str, name: &str) {
    let response_pointer = format!("{pointer}/responses/{}", crate::yaml::escape_token(status));
    let Some(written) = doc.pointer(&response_pointer) else {
        return;
    };
    let mut response = resolve(doc, written).clone();
    let schema = json!({ "$ref": format!("#/components/schemas/{name}") });
    match response.get_mut("content").and_then(Value::as_object_mut) {
        Some(content) if !content.is_empty() => {
            for (media_type, media) in content.iter_mut() {
                if is_json(media_type) {
                    media["schema"] = schema.clone();
                }
            }
        }
        _ => response["content"] = json!({ "application/json": { "schema": schema } }),
    }
    if let Some(slot) = doc.pointer_mut(&response_pointer) {
        *slot = response;
    }
}

/// The component names of a document and the Rust names they take, so that components the view
/// adds take neither.
pub struct Names(BTreeSet<String>);

impl Names {
    /// The names `doc` already uses.
    pub fn of(doc: &Value) -> Names {
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        Names(
            schemas
                .into_iter()
                .flat_map(|schemas| schemas.keys())
                .flat_map(|name| [name.clone(), type_name(name)])
                .collect(),
        )
    }

    /// `wanted`, or `wanted` with the smallest number appended that is free; then taken.
    pub fn claim(&mut self, wanted: String) -> String {
        let name = (1..)
            .map(|n| match n {
                1 => wanted.clone(),
                n => format!("{wanted}{n}"),
            })
            .find(|candidate| !self.0.contains(candidate))
            .expect("some number is free");
        self.0.insert(name.clone());
        name
    }

    /// The component `schema` refers to, or a new component named after `wanted` holding it.
    pub fn component_for(&mut self, doc: &mut Value, schema: Value, wanted: &str) -> String {
        let referenced = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"));
        if let Some(component) = referenced {
            return component.to_owned();
        }
        let component = self.claim(wanted.to_owned());
        schemas(doc).insert(component.clone(), schema);
        component
    }
}

/// The document's `components/schemas`, created when missing.
pub(super) fn schemas(doc: &mut Value) -> &mut Map<String, Value> {
    if !doc["components"].is_object() {
        doc["components"] = json!({});
    }
    if !doc["components"]["schemas"].is_object() {
        doc["components"]["schemas"] = json!({});
    }
    doc["components"]["schemas"]
        .as_object_mut()
        .expect("just made an object")
}
