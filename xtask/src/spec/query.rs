//! Object-typed and `deepObject` query parameters, flattened into the scalar parameters they are
//! sent as, so each is a builder method and the wire format is the one the spec documents.
//!
//! - `style: form` (the default, exploded): an object's properties are sent as their own
//!   parameters, `?status=open&kind=card`.
//! - `style: deepObject`: `?created[gte]=1&created[lt]=2`, nested objects one bracket deeper, and
//!   arrays as repeated `name[]=` keys (`expand[]=a&expand[]=b`), as Stripe reads them.
//! - An object among `anyOf`/`oneOf` alternatives (Stripe's `created`: a timestamp, or bounds)
//!   gives both: the scalar as the parameter itself, the object's properties beside it.
//!
//! A property is required only when the parameter is, the object is its only form, and the
//! object requires it. A `deepObject` value nested beyond that (a map of free keys, a list of
//! objects, alternatives that include an object) stays one parameter, sent by the runtime
//! (`metadata[key]=value`, `items[0][price]=p`). What cannot be sent as documented (a map in a form object, an
//! unexploded object) is a located error.

use serde_json::{Map, Value, json};

use super::errors::{operation_id, operation_pointers};
use crate::yaml::resolve;

/// A query parameter the view cannot send as documented: its pointer and why.
pub type Problem = (String, String);

/// A `deepObject` query parameter (or part of one) nested beyond what builder methods can
/// flatten (Stripe's `metadata` map, its `invoice_items` list of objects), kept whole: the
/// generated code hands it to `payspec_runtime::form::DeepQuery`, which sends
/// `metadata[key]=value` and `invoice_items[0][amount]=100`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepMap {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The parameter's name.
    pub name: String,
}

/// Flattens every object-typed or `deepObject` query parameter of `doc`; returns what cannot be
/// sent as documented and the maps kept whole.
pub fn flatten(doc: &mut Value) -> (Vec<Problem>, Vec<DeepMap>) {
    let mut problems = Vec::new();
    let mut maps = Vec::new();
    for pointer in operation_pointers(doc) {
        let item_pointer = pointer
            .rsplit_once('/')
            .map(|(item, _)| item.to_owned())
            .unwrap_or_default();
        for owner in [item_pointer, pointer.clone()] {
            let list_pointer = format!("{owner}/parameters");
            let Some(parameters) = doc.pointer(&list_pointer).and_then(Value::as_array) else {
                continue;
            };
            let mut flattened = Vec::new();
            let mut changed = false;
            for (index, parameter) in parameters.iter().enumerate() {
                let parameter = resolve(doc, parameter);
                let parts = if sent_whole(doc, parameter) {
                    let mut kept = parameter.clone();
                    kept["schema"] = one_of(doc, &parameter["schema"]);
                    kept[WHOLE] = json!(true);
                    Ok(Some(vec![kept]))
                } else {
                    expand(doc, parameter)
                };
                match parts {
                    Ok(None) => flattened.push(parameter.clone()),
                    Ok(Some(parts)) => {
                        changed = true;
                        for mut part in parts {
                            if let Some(part) = part.as_object_mut() {
                                if part.remove(WHOLE).is_some() {
                                    part.insert("style".into(), json!("form"));
                                    let name = part["name"].as_str().unwrap_or_default();
                                    maps.push(DeepMap {
                                        operation_id: operation_id(doc, &pointer),
                                        name: name.to_owned(),
                                    });
                                }
                            }
                            flattened.push(part);
                        }
                    }
                    Err(message) => problems.push((format!("{list_pointer}/{index}"), message)),
                }
            }
            if changed {
                if let Some(slot) = doc.pointer_mut(&list_pointer) {
                    *slot = Value::Array(flattened);
                }
            }
        }
    }
    (problems, maps)
}

/// Marks a flattened parameter the runtime sends whole (`DeepQuery`), until it is recorded.
const WHOLE: &str = "x-payspec-sent-whole";

/// Whether `parameter` is a `deepObject` query parameter the runtime sends whole.
fn sent_whole(doc: &Value, parameter: &Value) -> bool {
    let deep = parameter.get("style").and_then(Value::as_str) == Some("deepObject");
    let query = parameter.get("in").and_then(Value::as_str) == Some("query");
    deep && query
        && parameter
            .get("schema")
            .is_some_and(|s| nested(doc, s, false))
}

/// Whether a `deepObject` value of `schema` nests beyond what builder methods can flatten: a map
/// of free keys, a list of objects, or (below the top level, or with a list or map among them)
/// alternatives that include an object.
fn nested(doc: &Value, schema: &Value, below_top: bool) -> bool {
    let schema = resolve(doc, schema);
    let map = schema
        .get("additionalProperties")
        .is_some_and(Value::is_object)
        && schema
            .get("properties")
            .is_none_or(|p| p.as_object().is_some_and(|p| p.is_empty()));
    let list_of_objects = schema.get("type").and_then(Value::as_str) == Some("array")
        && schema
            .get("items")
            .is_some_and(|items| !scalar(resolve(doc, items)));
    let alternatives = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array);
    let awkward = alternatives.is_some_and(|members| {
        members.iter().any(|m| {
            let m = resolve(doc, m);
            (below_top && !scalar(m)) || nested(doc, m, true) && !is_object_with_fields(m)
        })
    });
    map || list_of_objects || awkward
}

/// `schema` with `anyOf` read as `oneOf`: typify makes a struct of optional parts (with a
/// builder, which progenitor cannot take for an optional parameter) from `anyOf`, an enum from
/// `oneOf`. A value sent whole is one of its alternatives either way.
fn one_of(doc: &Value, schema: &Value) -> Value {
    let mut schema = resolve(doc, schema).clone();
    if let Some(map) = schema.as_object_mut() {
        if let Some(alternatives) = map.remove("anyOf") {
            map.insert("oneOf".into(), alternatives);
        }
    }
    schema
}

fn scalar(schema: &Value) -> bool {
    matches!(
        schema.get("type").and_then(Value::as_str),
        Some("string" | "integer" | "number" | "boolean")
    ) || (schema.get("type").is_none() && schema.get("enum").is_some())
}

fn is_object_with_fields(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// The parameters `parameter` is sent as, or `None` when it is sent as written.
fn expand(doc: &Value, parameter: &Value) -> Result<Option<Vec<Value>>, String> {
    if parameter.get("in").and_then(Value::as_str) != Some("query") {
        return Ok(None);
    }
    let name = parameter
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(schema) = parameter.get("schema") else {
        return Ok(None);
    };
    let deep = parameter.get("style").and_then(Value::as_str) == Some("deepObject");
    let explode = parameter
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let schema = resolve(doc, schema);
    let (scalars, objects) = forms(doc, schema);
    if objects.is_empty() {
        if !deep {
            return Ok(None);
        }
        let mut plain = parameter.clone();
        plain["style"] = json!("form");
        if is_array(doc, schema) {
            plain["name"] = json!(format!("{name}[]"));
        }
        return Ok(Some(vec![plain]));
    }
    if !deep && !explode {
        return Err(format!(
            "query parameter `{name}` is an object sent unexploded (`a,1,b,2`), which the generator cannot send; use `explode: true` or `style: deepObject`"
        ));
    }
    let required = parameter.get("required").and_then(Value::as_bool) == Some(true);
    let mut parts = Vec::new();
    if !scalars.is_empty() {
        let schema = match scalars.as_slice() {
            [one] => (*one).clone(),
            many => json!({ "oneOf": many }),
        };
        let mut plain = parameter.clone();
        plain["style"] = json!("form");
        plain["schema"] = schema;
        plain["required"] = json!(false);
        parts.push(plain);
    }
    let only_object = scalars.is_empty() && objects.len() == 1;
    for object in objects {
        let prefix = deep.then(|| name.to_owned());
        properties(
            doc,
            object,
            prefix.as_deref(),
            required && only_object,
            &mut parts,
        )
        .map_err(|message| format!("query parameter `{name}`: {message}"))?;
    }
    Ok(Some(parts))
}

/// The scalar and object alternatives of `schema` (itself, or its `anyOf`/`oneOf` members).
fn forms<'v>(doc: &'v Value, schema: &'v Value) -> (Vec<&'v Value>, Vec<&'v Value>) {
    let members: Vec<&Value> = match schema.get("anyOf").or_else(|| schema.get("oneOf")) {
        Some(Value::Array(members)) => members.iter().map(|m| resolve(doc, m)).collect(),
        _ => vec![schema],
    };
    members.into_iter().partition(|member| !is_object(member))
}

fn is_object(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("object")
        || schema.get("properties").is_some()
        || schema
            .get("additionalProperties")
            .is_some_and(Value::is_object)
}

fn is_array(doc: &Value, schema: &Value) -> bool {
    resolve(doc, schema).get("type").and_then(Value::as_str) == Some("array")
}

/// One parameter per property of `object`, named `prefix[property]` (or `property` when there
/// is no prefix), nested objects flattened further under a prefix.
fn properties(
    doc: &Value,
    object: &Value,
    prefix: Option<&str>,
    required: bool,
    out: &mut Vec<Value>,
) -> Result<(), String> {
    let empty = Map::new();
    let fields = object
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    if fields.is_empty() {
        return Err("a map of free keys cannot be sent as query parameters by the generator; list its properties".to_owned());
    }
    let needed: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (property, schema) in fields {
        let wire = match prefix {
            Some(prefix) => format!("{prefix}[{property}]"),
            None => property.clone(),
        };
        let resolved = resolve(doc, schema);
        let required = required && needed.contains(&property.as_str());
        if prefix.is_some() && nested(doc, resolved, true) {
            let schema = one_of(doc, schema);
            let whole = json!({ "name": wire, "in": "query", "required": required, "schema": schema, WHOLE: true });
            out.push(whole);
            continue;
        }
        if is_object(resolved) && prefix.is_some() {
            properties(doc, resolved, Some(&wire), required, out)?;
            continue;
        }
        if is_object(resolved) {
            return Err(format!(
                "property `{property}` is an object inside an exploded form object, which has no documented wire format"
            ));
        }
        let wire = if prefix.is_some() && is_array(doc, resolved) {
            format!("{wire}[]")
        } else {
            wire
        };
        let mut parameter = json!({
            "name": wire,
            "in": "query",
            "required": required,
            "schema": one_of(doc, schema),
        });
        if let Some(description) = resolved
            .get("description")
            .or_else(|| schema.get("description"))
        {
            parameter["description"] = description.clone();
        }
        out.push(parameter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flattened(parameter: Value) -> (Value, Vec<DeepMap>) {
        let mut doc =
            json!({"paths": {"/x": {"get": {"operationId": "listX", "parameters": [parameter]}}}});
        let (problems, whole) = flatten(&mut doc);
        assert!(problems.is_empty(), "{problems:?}");
        (doc["paths"]["/x"]["get"]["parameters"].clone(), whole)
    }

    #[test]
    fn lists_of_objects_and_nested_alternatives_are_sent_whole() {
        let (parameters, whole) = flattened(json!({
            "name": "invoice", "in": "query", "style": "deepObject",
            "schema": {"type": "object", "properties": {
                "items": {"type": "array", "items": {"type": "object", "properties": {"amount": {"type": "integer"}}}},
                "address": {"anyOf": [{"type": "object", "properties": {"city": {"type": "string"}}}, {"type": "string", "enum": [""]}]},
                "currency": {"type": "string"},
            }},
        }));
        let names: Vec<&str> = parameters
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["invoice[address]", "invoice[currency]", "invoice[items]"]
        );
        let whole: Vec<&str> = whole.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(whole, ["invoice[address]", "invoice[items]"]);
        assert!(
            parameters
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p.get(WHOLE).is_none())
        );
    }

    #[test]
    fn a_map_of_free_keys_is_one_parameter_sent_whole() {
        let (parameters, whole) = flattened(json!({
            "name": "metadata", "in": "query", "style": "deepObject",
            "schema": {"type": "object", "additionalProperties": {"type": "string"}},
        }));
        assert_eq!(parameters[0]["name"], "metadata");
        assert_eq!(parameters[0]["style"], "form");
        assert_eq!(whole[0].name, "metadata");
    }
}
