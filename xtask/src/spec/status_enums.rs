//! Operations whose statuses document different JSON bodies get one enum per side.
//!
//! A progenitor method has one success type and one error type. When an operation's errors
//! differ by status (PayPal's 400 `error_400` beside its 422 `error_422`), or its successes do
//! (PayPal's invoice send: `200` a link, `202` an acknowledgement), the codegen view points each
//! of those responses at a placeholder component named for the enum, which progenitor is told
//! to leave to us (`with_replacement`); the generator then writes the enum, one variant per
//! status holding that status's documented body (none for a body-less success), and reads each
//! status into its variant (`generate::responses`). Inline bodies become components so their
//! types have names.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::errors::{Body, body, operation_id, operation_pointers};
use super::names::{status_variant, type_name};
use crate::preflight::{is_json, parse_status};
use crate::yaml::resolve;

/// Which responses an enum types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Success,
    Error,
}

/// The success or error enum of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEnum {
    /// The operation's `operationId`.
    pub operation_id: String,
    pub side: Side,
    /// The enum's Rust name, also the placeholder component's name (`SendInvoiceResponse`,
    /// `RefundCapturedPaymentError`).
    pub name: String,
    /// One variant per documented status, in status order.
    pub variants: Vec<StatusVariant>,
}

/// One status of a [`StatusEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusVariant {
    /// The status key as documented: `422`, `4XX`.
    pub status: String,
    /// The variant's name: `UnprocessableEntity`, `ClientError`, `Accepted`.
    pub name: String,
    /// The Rust type of the body (the component's generated type name); `None` for a success
    /// documented without one.
    pub body: Option<String>,
}

/// Gives each operation whose JSON bodies differ by status an enum per side, rewriting `doc` so
/// that progenitor sees one type per side, and returns the enums.
pub fn split_by_status(doc: &mut Value, names: &mut Names) -> Vec<StatusEnum> {
    let mut enums = Vec::new();
    for pointer in operation_pointers(doc) {
        for side in [Side::Success, Side::Error] {
            let Some(statuses) = differing_bodies(doc, &pointer, side) else {
                continue;
            };
            let operation_id = operation_id(doc, &pointer);
            let stem = type_name(&operation_id);
            let suffix = match side {
                Side::Success => "Response",
                Side::Error => "Error",
            };
            let name = names.claim(format!("{stem}{suffix}"));
            let mut variants = Vec::new();
            for (status, schema) in statuses {
                let variant = status_variant(&status);
                let body = schema.map(|schema| {
                    let wanted = format!("{stem}{variant}Body");
                    type_name(&names.component_for(doc, schema, &wanted))
                });
                retype(doc, &pointer, &status, &name);
                variants.push(StatusVariant {
                    status,
                    name: variant,
                    body,
                });
            }
            schemas(doc).insert(name.clone(), json!({}));
            enums.push(StatusEnum {
                operation_id,
                side,
                name,
                variants,
            });
        }
    }
    enums
}

/// The statuses of one side of the operation at `pointer` with their JSON body schemas (`None`
/// for a success without a body), when at least two different bodies are documented.
fn differing_bodies(
    doc: &Value,
    pointer: &str,
    side: Side,
) -> Option<Vec<(String, Option<Value>)>> {
    let responses = doc.pointer(&format!("{pointer}/responses"))?.as_object()?;
    let mut statuses = Vec::new();
    for (code, response) in responses {
        let Some(status) = parse_status(code) else {
            continue;
        };
        let wanted = match side {
            Side::Error => status.is_error(),
            Side::Success => status.is_success() && code != "default",
        };
        if !wanted {
            continue;
        }
        match body(doc, response) {
            Body::None if side == Side::Success => statuses.push((code.clone(), None)),
            Body::None => {}
            Body::Json(schema) => statuses.push((code.clone(), Some(schema))),
            Body::Other => return None,
        }
    }
    let distinct: BTreeSet<String> = statuses
        .iter()
        .filter_map(|(_, schema)| schema.as_ref().map(Value::to_string))
        .collect();
    if distinct.len() < 2 {
        return None;
    }
    statuses.sort_by_key(|(code, _)| order(code));
    Some(statuses)
}

/// Status order, codes before the ranges that contain them: the order of the enum's variants.
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

    /// Marks `name` as used, e.g. by a type typify will derive.
    pub fn reserve(&mut self, name: &str) {
        self.0.insert(name.to_owned());
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
