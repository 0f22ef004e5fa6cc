//! Which component schemas requests and responses reach, and a request-side copy of every
//! component both reach.
//!
//! The generated types follow one rule per side: a type reachable from a request (body or
//! parameter) refuses unknown fields, so a request built from JSON never silently drops one; a
//! type reachable from a response accepts them, because providers add fields. A component both
//! sides reach (PayPal's `Money`, in the refund request and in the refund) cannot be both, so
//! progenitor sees two: the component under its own name for responses, and a copy named
//! `<Name>Input` that every request-side schema refers to instead. Only components holding an
//! object with properties are copied: strictness means nothing to a string, a number, an enum
//! or a map.
//!
//! Reachability follows `$ref`, `allOf`/`oneOf`/`anyOf`, `not`, `items`, `properties` and
//! `additionalProperties`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::preflight::METHODS;
use crate::yaml::escape_token;

const SCHEMAS: &str = "#/components/schemas/";

/// Keywords whose value is an array of subschemas.
const LISTS: [&str; 3] = ["allOf", "oneOf", "anyOf"];
/// Keywords whose value is one subschema.
const SINGLES: [&str; 3] = ["items", "additionalProperties", "not"];

/// Redirects every request-side schema to a `<Name>Input` copy of each component that both
/// requests and responses reach and that holds an object with properties. Returns the copies, by original name.
pub fn split_shared_components(doc: &mut Value) -> BTreeMap<String, String> {
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let request_roots = roots(doc, Side::Request);
    let request = reachable(
        &schemas,
        request_roots.iter().filter_map(|p| doc.pointer(p)),
    );
    let response = reachable(
        &schemas,
        roots(doc, Side::Response)
            .iter()
            .filter_map(|p| doc.pointer(p)),
    );
    let mut copies = BTreeMap::new();
    for name in request.intersection(&response) {
        if holds_object(&schemas, name) {
            let mut copy = format!("{name}Input");
            while schemas.contains_key(&copy) {
                copy.push_str("Input");
            }
            copies.insert(name.clone(), copy);
        }
    }
    if copies.is_empty() {
        return copies;
    }
    for pointer in &request_roots {
        if let Some(schema) = doc.pointer_mut(pointer) {
            redirect(schema, &copies);
        }
    }
    let Some(components) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return copies;
    };
    for name in request.difference(&response) {
        if let Some(schema) = components.get_mut(name) {
            redirect(schema, &copies);
        }
    }
    for (original, copy) in &copies {
        let mut schema = schemas[original].clone();
        redirect(&mut schema, &copies);
        components.insert(copy.clone(), schema);
    }
    copies
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Request,
    Response,
}

/// JSON pointers of the schemas at the edge of one side: request bodies and parameters, or
/// response bodies. A `$ref` to `components/requestBodies`, `parameters` or `responses` is
/// followed, so the pointer names the schema where it is written.
fn roots(doc: &Value, side: Side) -> Vec<String> {
    let mut holders: Vec<String> = Vec::new();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        let item_ptr = format!("/paths/{}", escape_token(path));
        let operations = METHODS
            .iter()
            .filter(|method| item.get(**method).is_some())
            .map(|method| format!("{item_ptr}/{method}"));
        let owners: Vec<String> = std::iter::once(item_ptr.clone())
            .chain(operations)
            .collect();
        for owner in owners {
            let keys: &[&str] = match side {
                Side::Request => &["parameters", "requestBody"],
                Side::Response => &["responses"],
            };
            for key in keys {
                let pointer = format!("{owner}/{key}");
                match doc.pointer(&pointer) {
                    Some(Value::Array(list)) => {
                        holders.extend((0..list.len()).map(|i| format!("{pointer}/{i}")));
                    }
                    Some(Value::Object(map)) if *key == "responses" => holders.extend(
                        map.keys()
                            .map(|code| format!("{pointer}/{}", escape_token(code))),
                    ),
                    Some(_) => holders.push(pointer),
                    None => {}
                }
            }
        }
    }
    holders
        .into_iter()
        .map(|holder| follow(doc, holder))
        .flat_map(|holder| {
            let media = doc
                .pointer(&format!("{holder}/content"))
                .and_then(Value::as_object)
                .map(|content| {
                    content
                        .keys()
                        .map(|m| format!("{holder}/content/{}/schema", escape_token(m)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            std::iter::once(format!("{holder}/schema")).chain(media)
        })
        .filter(|pointer| doc.pointer(pointer).is_some())
        .collect()
}

/// The pointer a local `$ref` at `pointer` names (one step), or `pointer` itself.
fn follow(doc: &Value, pointer: String) -> String {
    doc.pointer(&pointer)
        .and_then(|value| value.get("$ref"))
        .and_then(Value::as_str)
        .and_then(|target| target.strip_prefix('#'))
        .map_or(pointer, str::to_owned)
}

/// The names of the components reachable from `roots`.
fn reachable<'v>(
    schemas: &serde_json::Map<String, Value>,
    roots: impl Iterator<Item = &'v Value>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<&Value> = roots.collect();
    while let Some(schema) = pending.pop() {
        for node in nodes(schema) {
            let Some(name) = component_name(node) else {
                continue;
            };
            if seen.insert(name.to_owned()) {
                pending.extend(schemas.get(name));
            }
        }
    }
    seen
}

/// Whether the component `name`, or any component it reaches, describes an object with
/// properties (what typify makes a struct; a bare `type: object` is a JSON map).
fn holds_object(schemas: &serde_json::Map<String, Value>, name: &str) -> bool {
    let Some(schema) = schemas.get(name) else {
        return false;
    };
    let closure = reachable(schemas, std::iter::once(schema));
    std::iter::once(schema)
        .chain(closure.iter().filter_map(|n| schemas.get(n)))
        .flat_map(nodes)
        .any(|node| {
            node.get("properties")
                .and_then(Value::as_object)
                .is_some_and(|properties| !properties.is_empty())
        })
}

/// `schema` and every subschema written inside it (without following `$ref`).
fn nodes(schema: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    let mut pending = vec![schema];
    while let Some(node) = pending.pop() {
        out.push(node);
        for key in LISTS {
            pending.extend(
                node.get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        }
        for key in SINGLES {
            pending.extend(node.get(key).filter(|v| v.is_object()));
        }
        let properties = node.get("properties").and_then(Value::as_object);
        pending.extend(properties.into_iter().flat_map(|p| p.values()));
    }
    out
}

/// Points every `$ref` inside `schema` to a copied component at the copy.
fn redirect(schema: &mut Value, copies: &BTreeMap<String, String>) {
    if let Some(copy) = component_name(schema).and_then(|name| copies.get(name)) {
        schema["$ref"] = Value::String(format!("{SCHEMAS}{copy}"));
    }
    for key in LISTS {
        if let Some(list) = schema.get_mut(key).and_then(Value::as_array_mut) {
            list.iter_mut().for_each(|s| redirect(s, copies));
        }
    }
    for key in SINGLES {
        if let Some(single) = schema.get_mut(key).filter(|v| v.is_object()) {
            redirect(single, copies);
        }
    }
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        properties.values_mut().for_each(|s| redirect(s, copies));
    }
}

/// The component a schema's `$ref` names.
fn component_name(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix(SCHEMAS)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn body(schema: Value) -> Value {
        json!({"content": {"application/json": {"schema": schema}}})
    }

    fn spec(request: Value, response: Value, schemas: Value) -> Value {
        json!({
            "paths": {"/x": {"post": {
                "requestBody": body(request),
                "responses": {"200": body(response)},
            }}},
            "components": {"schemas": schemas},
        })
    }

    fn reference(name: &str) -> Value {
        json!({"$ref": format!("{SCHEMAS}{name}")})
    }

    #[test]
    fn reachability_follows_every_composition_keyword() {
        let doc = spec(
            json!({"allOf": [reference("A")], "properties": {
                "list": {"type": "array", "items": reference("B")},
                "map": {"type": "object", "additionalProperties": reference("C")},
                "either": {"oneOf": [reference("D")], "anyOf": [reference("E")]},
            }}),
            reference("Unrelated"),
            json!({"A": {}, "B": {}, "C": {}, "D": {"not": reference("F")}, "E": {}, "F": {}, "Unrelated": {}}),
        );
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let request = roots(&doc, Side::Request);
        let found = reachable(schemas, request.iter().filter_map(|p| doc.pointer(p)));
        assert_eq!(
            found,
            ["A", "B", "C", "D", "E", "F"].map(String::from).into()
        );
    }

    #[test]
    fn a_shared_object_gets_a_request_copy_and_requests_point_to_it() {
        let mut doc = spec(
            json!({"type": "object", "properties": {"money": reference("Money"), "item": reference("Item"), "tags": reference("Tags")}}),
            json!({"type": "object", "properties": {"money": reference("Money"), "code": reference("Code"), "tags": reference("Tags")}}),
            json!({
                "Money": {"type": "object", "properties": {"currency": reference("Code")}},
                "MoneyInput": {"description": "taken"},
                "Item": {"type": "object", "properties": {"price": reference("Money")}},
                "Code": {"type": "string"},
                "Tags": {"type": "object", "additionalProperties": {"type": "string"}},
            }),
        );
        let copies = split_shared_components(&mut doc);
        assert_eq!(copies, [("Money".into(), "MoneyInputInput".into())].into());
        let request = &doc["paths"]["/x"]["post"]["requestBody"]["content"]["application/json"];
        assert_eq!(
            request["schema"]["properties"]["money"],
            reference("MoneyInputInput")
        );
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Item"]["properties"]["price"],
            reference("MoneyInputInput")
        );
        assert_eq!(
            schemas["MoneyInputInput"]["properties"]["currency"],
            reference("Code")
        );
        assert_eq!(
            schemas["Money"]["properties"]["currency"],
            reference("Code")
        );
        let response = &doc["paths"]["/x"]["post"]["responses"]["200"]["content"];
        assert_eq!(
            response["application/json"]["schema"]["properties"]["money"],
            reference("Money")
        );
    }

    #[test]
    fn referenced_request_bodies_and_parameters_are_request_roots() {
        let doc = json!({
            "paths": {"/x/{id}": {
                "parameters": [{"$ref": "#/components/parameters/Id"}],
                "post": {"requestBody": {"$ref": "#/components/requestBodies/Body"}},
            }},
            "components": {
                "parameters": {"Id": {"name": "id", "in": "path", "schema": reference("Id")}},
                "requestBodies": {"Body": body(reference("Body"))},
                "schemas": {"Id": {}, "Body": {}},
            },
        });
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        let request = roots(&doc, Side::Request);
        let found = reachable(schemas, request.iter().filter_map(|p| doc.pointer(p)));
        assert_eq!(found, ["Body", "Id"].map(String::from).into());
    }
}
