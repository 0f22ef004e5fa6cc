//! Operations whose error statuses document different JSON bodies get one error enum each.
//!
//! A progenitor method has one error type. When an operation's errors differ by status (PayPal's
//! 400 `error_400` beside its 422 `error_422`), the codegen view points every error response at a
//! placeholder component named for the enum, which progenitor is told to leave to us
//! (`with_replacement`); the generator then writes the enum, one variant per status holding that
//! status's documented body, and reads each status into its variant
//! (`generate::error_enums`). Inline error bodies become components so their types have names.

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
pub fn split_error_bodies(doc: &mut Value) -> Vec<ErrorEnum> {
    let mut enums = Vec::new();
    let mut taken: BTreeSet<String> = component_names(doc).map(|n| type_name(&n)).collect();
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
        let name = unique(&mut taken, format!("{stem}Error"));
        let mut variants = Vec::new();
        for (status, schema) in statuses {
            let variant = status_variant(&status);
            let component = match component_of(&schema) {
                Some(component) => component.to_owned(),
                None => {
                    let component = unique(&mut taken, format!("{stem}{variant}Body"));
                    schemas(doc).insert(component.clone(), schema);
                    component
                }
            };
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

/// Points the JSON body of `status` in the operation at `pointer` to the placeholder `name`,
/// on a copy of the response when it is shared through `$ref`.
fn retype(doc: &mut Value, pointer: &str, status: &str, name: &str) {
    let response_pointer = format!("{pointer}/responses/{}", crate::yaml::escape_token(status));
    let Some(written) = doc.pointer(&response_pointer) else {
        return;
    };
    let mut response = resolve(doc, written).clone();
    if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
        for (media_type, media) in content.iter_mut() {
            if is_json(media_type) {
                media["schema"] = json!({ "$ref": format!("#/components/schemas/{name}") });
            }
        }
    }
    if let Some(slot) = doc.pointer_mut(&response_pointer) {
        *slot = response;
    }
}

fn component_of(schema: &Value) -> Option<&str> {
    schema
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

fn component_names(doc: &Value) -> impl Iterator<Item = String> + '_ {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|schemas| schemas.keys().cloned())
}

fn schemas(doc: &mut Value) -> &mut Map<String, Value> {
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

/// `wanted`, or `wanted` with the smallest number appended that no other name has.
fn unique(taken: &mut BTreeSet<String>, wanted: String) -> String {
    let name = (1..)
        .map(|n| match n {
            1 => wanted.clone(),
            n => format!("{wanted}{n}"),
        })
        .find(|candidate| !taken.contains(candidate))
        .expect("some number is free");
    taken.insert(name.clone());
    name
}
