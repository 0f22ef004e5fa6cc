//! Inline object schemas as named components.
//!
//! Swagger 2.0 references often define every body inline, nested many levels deep. Each inline
//! object schema (one with `properties`) becomes a component named after where it sits: the
//! enclosing component's name plus the property's name in UpperCamelCase
//! (`CreatePaymentRequest` → `CreatePaymentRequestOrderInformation`), `Item` for array items,
//! `Value` for map values and `Option<n>` for composition alternatives. Bodies are named after
//! their operation: `<OperationId>Request` and `<OperationId><status>Response`. Names are
//! stable (the document's order, then a number on collision), and schemas equal but for their
//! prose (descriptions, titles, examples) share one component.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use serde_json::{Map, Value, json};

use super::Notes;
use crate::preflight::METHODS;

/// Names every inline object schema of `document` as a component; see the module docs.
pub fn name_inline_objects(document: &mut Value, notes: &mut Notes) {
    let mut namer = Namer {
        taken: document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default(),
        ..Namer::default()
    };
    let mut components = document
        .pointer_mut("/components/schemas")
        .map(Value::take)
        .and_then(|v| match v {
            Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default();
    for (name, schema) in components.iter_mut() {
        namer.children(schema, name);
    }
    for (path, item) in document
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flatten()
    {
        for method in METHODS {
            if let Some(operation) = item.get_mut(method) {
                let base = operation_name(operation, method, path);
                namer.operation(operation, &base);
            }
        }
    }
    let named = namer.named.len();
    let shared = namer.reused;
    components.extend(namer.named);
    if let Some(root) = document.as_object_mut() {
        let section = root
            .entry("components")
            .or_insert_with(|| json!({}))
            .as_object_mut();
        if let Some(section) = section {
            section.insert("schemas".into(), Value::Object(components));
        }
    }
    if named > 0 {
        notes.add(format!(
            "{named} inline object schemas named as components ({shared} more uses shared one)"
        ));
    }
}

#[derive(Default)]
struct Namer {
    /// Every component name in use.
    taken: BTreeSet<String>,
    /// The new components, by name.
    named: Map<String, Value>,
    /// A schema's shape without prose → the component holding it.
    by_shape: BTreeMap<String, String>,
    /// Inline schemas that reused an existing component.
    reused: usize,
}

impl Namer {
    /// Names the inline schemas of an operation's request body and responses.
    fn operation(&mut self, operation: &mut Value, base: &str) {
        let bodies = operation
            .pointer_mut("/requestBody/content")
            .and_then(Value::as_object_mut);
        for media in bodies.into_iter().flat_map(|c| c.values_mut()) {
            if let Some(schema) = media.get_mut("schema") {
                self.place(schema, &format!("{base}Request"));
            }
        }
        let responses = operation
            .get_mut("responses")
            .and_then(Value::as_object_mut);
        for (status, response) in responses.into_iter().flatten() {
            let name = format!("{base}{}Response", status.to_upper_camel_case());
            let content = response.get_mut("content").and_then(Value::as_object_mut);
            for media in content.into_iter().flat_map(|c| c.values_mut()) {
                if let Some(schema) = media.get_mut("schema") {
                    self.place(schema, &name);
                }
            }
        }
    }

    /// Names `schema` (after its children) as `name` if it is an inline object.
    fn place(&mut self, schema: &mut Value, name: &str) {
        if is_inline_object(schema) {
            self.children(schema, name);
            let name = self.register(name, schema.take());
            *schema = json!({ "$ref": format!("#/components/schemas/{name}") });
        } else {
            self.children(schema, name);
        }
    }

    /// Names the inline objects inside `schema`, whose own name is `name`.
    fn children(&mut self, schema: &mut Value, name: &str) {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            for (property, child) in properties.iter_mut() {
                self.place(child, &format!("{name}{}", property.to_upper_camel_case()));
            }
        }
        if let Some(items) = map.get_mut("items").filter(|i| i.is_object()) {
            self.place(items, &format!("{name}Item"));
        }
        if let Some(values) = map
            .get_mut("additionalProperties")
            .filter(|v| v.is_object())
        {
            self.place(values, &format!("{name}Value"));
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(alternatives)) = map.get_mut(keyword) {
                for (i, alternative) in alternatives.iter_mut().enumerate() {
                    self.place(alternative, &format!("{name}Option{}", i + 1));
                }
            }
        }
    }

    /// Stores `schema` under `wanted` (or the component of the same shape); returns the name.
    fn register(&mut self, wanted: &str, schema: Value) -> String {
        let shape = without_prose(&schema).to_string();
        if let Some(existing) = self.by_shape.get(&shape) {
            self.reused += 1;
            return existing.clone();
        }
        let mut name = wanted.to_owned();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        self.by_shape.insert(shape, name.clone());
        self.named.insert(name.clone(), schema);
        name
    }
}

/// An object schema written in place (not a `$ref`) with properties of its own.
fn is_inline_object(schema: &Value) -> bool {
    schema.get("$ref").is_none()
        && schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
}

/// The schema without the keys that are prose or sample data.
fn without_prose(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !matches!(k.as_str(), "description" | "title" | "example" | "examples")
                })
                .map(|(k, v)| (k.clone(), without_prose(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_prose).collect()),
        other => other.clone(),
    }
}

/// `<OperationId>` in UpperCamelCase, or `<Method><Path>` for an operation without one.
fn operation_name(operation: &Value, method: &str, path: &str) -> String {
    match operation.get("operationId").and_then(Value::as_str) {
        Some(id) => id.to_upper_camel_case(),
        None => format!("{method} {path}").to_upper_camel_case(),
    }
}
