//! Finding the place in a spec that progenitor or typify failed on.
//!
//! Their errors and panics name no place ("unexpected value type", "entered unreachable code").
//! When generating a whole spec fails, the operations are halved until each failing one is
//! generated alone with the components it reaches, then each component those failing operations
//! reach is generated alone: a component that fails by itself is reported at its place, and an
//! operation only when none of its components explains its failure. Only the failing run pays
//! for this.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

/// The failing places of `document` (the codegen view) as `(pointer, message)`, using `generate`
/// to try each part; empty when no part fails alone.
pub fn failing_parts(
    document: &Value,
    generate: impl Fn(&Value) -> Result<(), String>,
) -> Vec<(String, String)> {
    let operations = crate::spec::errors::operations(document);
    let mut failing_operations = Vec::new();
    halve(document, &operations, &generate, &mut failing_operations);
    let suspects: BTreeSet<&String> = failing_operations.iter().flat_map(|(_, _, r)| r).collect();
    let mut failing: BTreeMap<&String, (String, BTreeSet<String>)> = BTreeMap::new();
    for suspect in suspects {
        let mut part = skeleton(document);
        let reached = closure(document, &json!({ "$ref": suspect }));
        part["components"] = components(document, &reached);
        if let Err(message) = generate(&part) {
            failing.insert(suspect, (message, reached));
        }
    }
    // A component is to blame when none of the others it reaches fails by itself too (when they
    // all do, as in a cycle, each of them is).
    let mut failing_components: BTreeMap<String, String> = failing
        .iter()
        .filter(|(suspect, (_, reached))| {
            !reached
                .iter()
                .any(|other| other != **suspect && failing.contains_key(other))
        })
        .map(|(suspect, (message, _))| ((*suspect).clone(), message.clone()))
        .collect();
    if failing_components.is_empty() {
        failing_components = failing
            .into_iter()
            .map(|(suspect, (message, _))| (suspect.clone(), message))
            .collect();
    }
    let mut found: Vec<(String, String)> = failing_components
        .iter()
        .map(|(reference, message)| {
            (
                reference.trim_start_matches('#').to_owned(),
                message.clone(),
            )
        })
        .collect();
    for (pointer, message, reached) in failing_operations {
        if !reached.iter().any(|r| failing_components.contains_key(r)) {
            found.push((pointer, message));
        }
    }
    found
}

/// The operations among `operations` that fail alone, found by halving: a set that generates
/// is cleared at once, so a large spec with few failures costs a few dozen runs, not one per
/// operation.
fn halve(
    document: &Value,
    operations: &[(String, String, &'static str)],
    generate: &impl Fn(&Value) -> Result<(), String>,
    failing: &mut Vec<(String, String, BTreeSet<String>)>,
) {
    if operations.is_empty() {
        return;
    }
    let mut part = skeleton(document);
    let mut paths = Map::new();
    for (_, path, method) in operations {
        let item = &document["paths"][path];
        let kept = paths.entry(path.clone()).or_insert_with(|| json!({}));
        kept[*method] = item[*method].clone();
        if let Some(shared) = item.get("parameters") {
            kept["parameters"] = shared.clone();
        }
    }
    part["paths"] = Value::Object(paths);
    let reached = closure(document, &part["paths"]);
    part["components"] = components(document, &reached);
    let Err(message) = generate(&part) else {
        return;
    };
    match operations {
        [(pointer, ..)] => failing.push((pointer.clone(), message, reached)),
        _ => {
            let (first, second) = operations.split_at(operations.len() / 2);
            halve(document, first, generate, failing);
            halve(document, second, generate, failing);
        }
    }
}

/// The document without paths or components.
fn skeleton(document: &Value) -> Value {
    let mut part = document.clone();
    if let Some(map) = part.as_object_mut() {
        map.insert("paths".into(), json!({}));
        map.remove("components");
    }
    part
}

/// Every `$ref` reachable from `value` through the document's components.
fn closure(document: &Value, value: &Value) -> BTreeSet<String> {
    let mut reached = BTreeSet::new();
    let mut pending = Vec::new();
    refs(value, &mut pending);
    while let Some(reference) = pending.pop() {
        if reached.insert(reference.clone()) {
            if let Some(target) = reference
                .strip_prefix('#')
                .and_then(|p| document.pointer(p))
            {
                refs(target, &mut pending);
            }
        }
    }
    reached
}

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                out.push(reference.clone());
            }
            map.values().for_each(|child| refs(child, out));
        }
        Value::Array(items) => items.iter().for_each(|child| refs(child, out)),
        _ => {}
    }
}

/// The document's components restricted to `reached`, keeping every security scheme.
fn components(document: &Value, reached: &BTreeSet<String>) -> Value {
    let mut kept = json!({});
    if let Some(schemes) = document.pointer("/components/securitySchemes") {
        kept["securitySchemes"] = schemes.clone();
    }
    for reference in reached {
        let Some(rest) = reference.strip_prefix("#/components/") else {
            continue;
        };
        let Some((kind, name)) = rest.split_once('/') else {
            continue;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        if let Some(target) = document.pointer(&reference[1..]) {
            if !kept[kind].is_object() {
                kept[kind] = json!({});
            }
            kept[kind][name] = target.clone();
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_component_is_blamed_instead_of_the_operations_reaching_it() {
        let document = json!({
            "paths": {
                "/a": {"get": {"responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Bad"}}}}}}},
                "/b": {"get": {"responses": {"204": {"description": "fine"}}}},
            },
            "components": {"schemas": {"Bad": {"x-bad": true}, "Good": {}}},
        });
        let generate = |part: &Value| match part.to_string().contains("x-bad") {
            true => Err("typify panicked".to_owned()),
            false => Ok(()),
        };
        assert_eq!(
            failing_parts(&document, generate),
            vec![(
                "/components/schemas/Bad".to_owned(),
                "typify panicked".to_owned()
            )]
        );
    }

    #[test]
    fn an_operation_failing_by_itself_is_blamed() {
        let document = json!({
            "paths": {"/a": {"get": {"x-bad": true, "responses": {}}}, "/b": {"get": {"responses": {}}}},
        });
        let generate = |part: &Value| match part.to_string().contains("x-bad") {
            true => Err("unreachable".to_owned()),
            false => Ok(()),
        };
        assert_eq!(
            failing_parts(&document, generate),
            vec![("/paths/~1a/get".to_owned(), "unreachable".to_owned())]
        );
    }
}
