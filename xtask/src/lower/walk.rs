//! Visiting every schema of an OpenAPI 3.0-shaped document, children before parents.

use serde_json::Value;

/// Keywords whose value is one schema.
const ONE: [&str; 2] = ["not", "additionalProperties"];
/// Keywords whose value is a list of schemas.
const LIST: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to schemas.
const MAP: [&str; 4] = ["properties", "patternProperties", "definitions", "$defs"];

/// Calls `visit` on every schema in `document`: `components/schemas`, and every `schema` of a
/// parameter, header or media type, with each schema's subschemas visited first. Examples and
/// extensions are data, never entered.
pub fn schemas(document: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    if let Some(components) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        components.values_mut().for_each(|s| schema(s, visit));
    }
    for (key, child) in document.as_object_mut().into_iter().flatten() {
        if key != "components" {
            outside(child, visit);
        }
    }
    if let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_object_mut)
    {
        for (key, child) in components {
            if key != "schemas" {
                outside(child, visit);
            }
        }
    }
}

/// A part of the document that is not a schema but may hold `schema` keys.
fn outside(value: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "schema" {
                    schema(child, visit);
                } else if !is_data(key) {
                    outside(child, visit);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| outside(item, visit)),
        _ => {}
    }
}

/// One schema: its subschemas, then itself.
pub fn schema(value: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    let Some(map) = value.as_object_mut() else {
        return;
    };
    for key in ONE {
        if let Some(child) = map.get_mut(key).filter(|c| c.is_object()) {
            schema(child, visit);
        }
    }
    match map.get_mut("items") {
        Some(Value::Array(items)) => items.iter_mut().for_each(|s| schema(s, visit)),
        Some(child) => schema(child, visit),
        None => {}
    }
    for key in LIST {
        if let Some(Value::Array(items)) = map.get_mut(key) {
            items.iter_mut().for_each(|s| schema(s, visit));
        }
    }
    for key in MAP {
        if let Some(Value::Object(children)) = map.get_mut(key) {
            children.values_mut().for_each(|s| schema(s, visit));
        }
    }
    visit(value);
}

/// Keys whose values are data rather than OpenAPI structure.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum") || key.starts_with("x-")
}
