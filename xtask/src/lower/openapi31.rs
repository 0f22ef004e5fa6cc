//! OpenAPI 3.1 to 3.0.3: JSON Schema 2020-12 constructs rewritten in 3.0 terms.
//!
//! - `type: [X, "null"]` and `anyOf`/`oneOf: [X, {type: "null"}]` become `X` with
//!   `nullable: true` (a `$ref` is wrapped as `allOf: [$ref]`, the 3.0 way to qualify it);
//! - `const: v` becomes `enum: [v]`; `examples: [a, ...]` becomes `example: a`;
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` become a bound plus the 3.0 boolean;
//! - keywords 3.0 lacks (`if`, `prefixItems`, `$schema`, ...) and `webhooks` are dropped, noted.

use serde_json::{Map, Value, json};

use super::{Notes, walk};

/// Keywords with no 3.0 equivalent: dropped.
const UNSUPPORTED: [&str; 14] = [
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$defs",
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "propertyNames",
    "contentMediaType",
    "contentEncoding",
];

/// Lowers a whole 3.1 document.
pub fn lower(mut document: Value, notes: &mut Notes) -> Value {
    if let Some(root) = document.as_object_mut() {
        root.insert("openapi".into(), json!("3.0.3"));
        for key in ["webhooks", "jsonSchemaDialect"] {
            if root.remove(key).is_some() {
                notes.add(format!("dropped `{key}` (OpenAPI 3.1 only)"));
            }
        }
        root.entry("paths").or_insert_with(|| json!({}));
        if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
            if components.remove("pathItems").is_some() {
                notes.add("dropped `components/pathItems` (OpenAPI 3.1 only)");
            }
        }
    }
    for pointer in ["/info/summary", "/info/license/identifier"] {
        let (parent, key) = pointer.rsplit_once('/').unwrap_or_default();
        if let Some(map) = document.pointer_mut(parent).and_then(Value::as_object_mut) {
            if map.remove(key).is_some() {
                notes.add(format!("dropped `{}` (OpenAPI 3.1 only)", &pointer[1..]));
            }
        }
    }
    walk::schemas(&mut document, &mut |schema| lower_schema(schema, notes));
    document
}

/// Lowers one schema whose subschemas are already lowered.
pub fn lower_schema(schema: &mut Value, notes: &mut Notes) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    type_list(map, notes);
    for keyword in ["anyOf", "oneOf"] {
        null_alternative(map, keyword, notes);
    }
    if let Some(value) = map.remove("const") {
        map.insert("enum".into(), Value::Array(vec![value]));
        notes.add("`const` became a one-value `enum`");
    }
    if let Some(Value::Array(mut examples)) = map.remove("examples") {
        if !examples.is_empty() {
            map.insert("example".into(), examples.swap_remove(0));
        }
        notes.add("`examples: [...]` became `example`");
    }
    for (keyword, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit) = map.get(keyword).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), limit);
            map.insert(keyword.into(), Value::Bool(true));
            notes.add(format!(
                "numeric `{keyword}` became `{bound}` and `{keyword}: true`"
            ));
        }
    }
    for keyword in UNSUPPORTED {
        if map.remove(keyword).is_some() {
            notes.add(format!("dropped `{keyword}` (no OpenAPI 3.0 equivalent)"));
        }
    }
    if map.remove("prefixItems").is_some() {
        notes.add("dropped `prefixItems` (no OpenAPI 3.0 equivalent)");
    }
}

/// `type: [X, "null"]`: the null becomes `nullable`; several other types become an `anyOf`.
fn type_list(map: &mut Map<String, Value>, notes: &mut Notes) {
    let Some(Value::Array(types)) = map.get("type").cloned() else {
        return;
    };
    let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    if others.len() < types.len() {
        map.insert("nullable".into(), Value::Bool(true));
        notes.add("`type: [X, \"null\"]` became `nullable: true`");
    }
    match others.as_slice() {
        [] => {
            map.remove("type");
        }
        [one] => {
            map.insert("type".into(), one.clone());
        }
        several => {
            map.remove("type");
            let alternatives = several.iter().map(|t| json!({ "type": t })).collect();
            map.insert("anyOf".into(), Value::Array(alternatives));
            notes.add("`type: [X, Y]` became `anyOf`");
        }
    }
}

/// `anyOf`/`oneOf` with a `{type: "null"}` alternative: the null becomes `nullable`, and a
/// single remaining alternative replaces the list.
fn null_alternative(map: &mut Map<String, Value>, keyword: &str, notes: &mut Notes) {
    let Some(Value::Array(alternatives)) = map.get(keyword) else {
        return;
    };
    let is_null = |s: &Value| {
        s.get("type") == Some(&json!("null")) && s.as_object().is_some_and(|m| m.len() == 1)
    };
    if !alternatives.iter().any(is_null) {
        return;
    }
    let mut rest: Vec<Value> = alternatives
        .iter()
        .filter(|s| !is_null(s))
        .cloned()
        .collect();
    map.insert("nullable".into(), Value::Bool(true));
    notes.add(format!(
        "`{keyword}: [X, {{type: null}}]` became X with `nullable: true`"
    ));
    if rest.len() != 1 {
        map.insert(keyword.into(), Value::Array(rest));
        return;
    }
    map.remove(keyword);
    let Value::Object(only) = rest.remove(0) else {
        return;
    };
    if only.contains_key("$ref") {
        map.insert("allOf".into(), json!([only]));
        return;
    }
    for (key, value) in only {
        map.entry(key).or_insert(value);
    }
}
