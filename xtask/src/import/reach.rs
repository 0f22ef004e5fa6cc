//! The components an imported spec needs: everything its operations reach through `$ref`s,
//! and the security schemes its requirements name.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// The `components` of `source` that `document` (the chosen operations) reaches.
pub fn components(source: &Value, document: &Value) -> Value {
    let mut wanted: Vec<String> = Vec::new();
    refs(document, &mut wanted);
    let mut seen = BTreeSet::new();
    let mut out = Map::new();
    while let Some(reference) = wanted.pop() {
        if !seen.insert(reference.clone()) {
            continue;
        }
        let Some(pointer) = reference.strip_prefix('#') else {
            continue;
        };
        let Some(target) = source.pointer(pointer) else {
            continue;
        };
        refs(target, &mut wanted);
        let mut parts = pointer.trim_start_matches("/components/").splitn(2, '/');
        if let (Some(section), Some(name)) = (parts.next(), parts.next()) {
            let name = name.replace("~1", "/").replace("~0", "~");
            let entry = out
                .entry(section.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            entry[name] = target.clone();
        }
    }
    let schemes = source.pointer("/components/securitySchemes");
    for name in security_names(document) {
        if let Some(scheme) = schemes.and_then(|s| s.get(&name)) {
            let entry = out
                .entry("securitySchemes")
                .or_insert_with(|| Value::Object(Map::new()));
            entry[name] = scheme.clone();
        }
    }
    Value::Object(out)
}

/// Every `$ref` target in `value` (examples and extensions are data and skipped).
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str) {
                out.push(target.to_owned());
            }
            for (key, child) in map {
                if !matches!(key.as_str(), "example" | "examples") && !key.starts_with("x-") {
                    refs(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

/// Security scheme names in the document's and its operations' requirements.
fn security_names(document: &Value) -> BTreeSet<String> {
    let operations = document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .flat_map(|(_, item)| item.as_object().into_iter().flatten().map(|(_, op)| op));
    std::iter::once(document)
        .chain(operations)
        .filter_map(|holder| holder.get("security").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|requirement| requirement.keys().cloned())
        .collect()
}
