//! Fitting the chosen operations to our dialect: the provider's prose removed (descriptions,
//! titles, examples, extensions), operation ids in lowerCamelCase, summaries marked TODO, one
//! JSON media type per body, response descriptions from the status code, `default` split into
//! `4XX` and `5XX` beside a typed success, and schema names in UpperCamelCase.

use std::collections::BTreeMap;

use heck::{ToLowerCamelCase, ToTitleCase, ToUpperCamelCase};
use serde_json::{Value, json};

use crate::lower::walk;
use crate::preflight::{METHODS, is_json};

/// Keys holding prose or sample data, removed everywhere they are OpenAPI structure.
const PROSE: [&str; 7] = [
    "description",
    "summary",
    "title",
    "example",
    "examples",
    "externalDocs",
    "xml",
];

/// Applies every rule in the module docs to an imported document.
pub fn tidy(document: &mut Value, notes: &mut Vec<String>) {
    walk::schemas(document, &mut |schema| {
        if let Some(map) = schema.as_object_mut() {
            map.retain(|key, _| !PROSE.contains(&key.as_str()) && !key.starts_with("x-"));
        }
        // `allOf: [$ref]` that only carried prose is the reference again.
        if let Some([only]) = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            if schema.as_object().is_some_and(|m| m.len() == 1) && only.get("$ref").is_some() {
                *schema = only.clone();
            }
        }
    });
    for section in ["paths", "components", "servers"] {
        if let Some(part) = document.get_mut(section) {
            structure(part);
        }
    }
    let paths = document.get_mut("paths").and_then(Value::as_object_mut);
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS {
            if let Some(operation) = item.get_mut(method) {
                self::operation(operation, method, path, notes);
            }
        }
    }
    if let Some(responses) = document
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut)
    {
        for response in responses.values_mut() {
            response["description"] = json!("Response");
            one_json_media_type(response, notes);
        }
    }
    rename_schemas(document);
}

/// Removes prose from the parts that are not schemas (schemas are done by the walker).
fn structure(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !PROSE.contains(&key.as_str()) && !key.starts_with("x-"));
            map.remove("callbacks");
            map.remove("links");
            for (key, child) in map.iter_mut() {
                match key.as_str() {
                    "schema" | "schemas" => {}
                    "scopes" => {
                        for scope in child
                            .as_object_mut()
                            .into_iter()
                            .flat_map(|s| s.values_mut())
                        {
                            *scope = json!("");
                        }
                    }
                    _ => structure(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(structure),
        _ => {}
    }
}

fn operation(operation: &mut Value, method: &str, path: &str, notes: &mut Vec<String>) {
    let label = format!("{} {path}", method.to_uppercase());
    let id = match operation.get("operationId").and_then(Value::as_str) {
        Some(id) => id.to_lower_camel_case(),
        None => format!("{method} {path}").to_lower_camel_case(),
    };
    let words = id.to_title_case().to_lowercase();
    operation["summary"] = json!(format!("TODO: one line on what `{id}` does ({words}?)"));
    operation["operationId"] = json!(id);
    if let Some(body) = operation.get_mut("requestBody") {
        one_json_media_type(body, notes);
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let typed_success = responses
        .iter()
        .any(|(code, r)| code.starts_with('2') && r.get("content").is_some());
    if typed_success {
        if let Some(default) = responses.remove("default") {
            for range in ["4XX", "5XX"] {
                responses.entry(range).or_insert_with(|| default.clone());
            }
            notes.push(format!(
                "{label}: `default` response written as `4XX` and `5XX`"
            ));
        }
    }
    if !responses
        .keys()
        .any(|c| c.starts_with('4') || c.starts_with('5') || c == "default")
    {
        responses.insert(
            "4XX".into(),
            json!({ "description": "TODO: the provider's error responses and their body" }),
        );
    }
    for (code, response) in responses.iter_mut() {
        if response.get("$ref").is_none() {
            one_json_media_type(response, notes);
            if response.get("description").is_none() {
                response["description"] = json!(reason(code));
            }
        }
    }
}

/// Keeps the first JSON media type of a body or response (the generator takes one).
fn one_json_media_type(holder: &mut Value, notes: &mut Vec<String>) {
    let Some(content) = holder.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    let Some(keep) = content.keys().find(|m| is_json(m)).cloned() else {
        return;
    };
    if content.len() > 1 {
        let dropped: Vec<String> = content.keys().filter(|m| **m != keep).cloned().collect();
        notes.push(format!(
            "kept `{keep}`, dropped media types {}",
            dropped.join(", ")
        ));
        content.retain(|media, _| *media == keep);
    }
}

/// A response description from its status code alone.
fn reason(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        "400" => "Bad Request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not Found",
        "409" => "Conflict",
        "422" => "Unprocessable Entity",
        "429" => "Too Many Requests",
        "500" => "Internal Server Error",
        "502" => "Bad Gateway",
        "503" => "Service Unavailable",
        "504" => "Gateway Timeout",
        c if c.starts_with('2') => "Success",
        c if c.starts_with('4') || c.starts_with('5') => "Error",
        _ => "Response",
    }
}

/// Schema components renamed to UpperCamelCase (the Rust type's name), references following.
fn rename_schemas(document: &mut Value) {
    let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mut renames = BTreeMap::new();
    let old = std::mem::take(schemas);
    for (name, schema) in old {
        let wanted = name.to_upper_camel_case();
        let mut new = wanted.clone();
        let mut n = 2;
        while schemas.contains_key(&new) {
            new = format!("{wanted}{n}");
            n += 1;
        }
        schemas.insert(new.clone(), schema);
        renames.insert(
            format!("#/components/schemas/{name}"),
            format!("#/components/schemas/{new}"),
        );
    }
    retarget(document, &renames);
}

fn retarget(value: &mut Value, renames: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get_mut("$ref") {
                if let Some(new) = renames.get(target) {
                    *target = new.clone();
                }
            }
            map.values_mut().for_each(|child| retarget(child, renames));
        }
        Value::Array(items) => items.iter_mut().for_each(|child| retarget(child, renames)),
        _ => {}
    }
}
