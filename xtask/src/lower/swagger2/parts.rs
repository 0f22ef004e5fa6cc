//! The pieces of a Swagger 2.0 document rewritten one by one: media types and `content`,
//! form bodies, non-body parameters, security definitions, schema keywords and servers.

use serde_json::{Map, Value, json};

use super::{SCHEMA_KEYS, strings};
use crate::lower::Notes;

/// The media types with JSON ones first (progenitor types the first), `application/json` if none.
pub fn json_first(media: &[String]) -> Vec<String> {
    let mut media = media.to_vec();
    if media.is_empty() {
        media.push("application/json".into());
    }
    media.sort_by_key(|m| !crate::preflight::is_json(m));
    media
}

/// `content` with `schema` under each media type (and its example from Swagger `examples`).
pub fn content(media: Vec<String>, schema: &Value, examples: Option<&Value>) -> Value {
    let mut content = Map::new();
    for media_type in media {
        let mut entry = json!({ "schema": schema });
        if let Some(example) = examples.and_then(|e| e.get(&media_type)) {
            entry["example"] = example.clone();
        }
        content.insert(media_type, entry);
    }
    Value::Object(content)
}

/// `in: formData` parameters as one object schema, form-encoded or multipart (for files).
pub fn form_body(parameters: Vec<Value>, consumes: &[String]) -> Value {
    let multipart = consumes.iter().any(|m| m.starts_with("multipart/"))
        || parameters
            .iter()
            .any(|p| p.get("type") == Some(&json!("file")));
    let media = if multipart {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for parameter in parameters {
        let name = parameter
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if parameter.get("required") == Some(&json!(true)) {
            required.push(json!(name));
        }
        let schema = parameter_schema(parameter)
            .get("schema")
            .cloned()
            .unwrap_or_default();
        properties.insert(name, schema);
    }
    let mut schema = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    json!({ "content": { media: { "schema": schema } } })
}

/// A non-body parameter (or header) with its value keys moved into `schema`.
pub fn parameter_schema(parameter: Value) -> Value {
    let Value::Object(mut parameter) = parameter else {
        return parameter;
    };
    if parameter.contains_key("$ref") || parameter.contains_key("schema") {
        return Value::Object(parameter);
    }
    let mut schema = Map::new();
    for key in SCHEMA_KEYS {
        if let Some(value) = parameter.remove(key) {
            schema.insert(key.into(), value);
        }
    }
    if let Some(Value::Bool(true)) = parameter.remove("x-nullable") {
        schema.insert("nullable".into(), json!(true));
    }
    match parameter
        .remove("collectionFormat")
        .as_ref()
        .and_then(Value::as_str)
    {
        Some("multi") => {
            parameter.insert("style".into(), json!("form"));
            parameter.insert("explode".into(), json!(true));
        }
        Some("ssv") => {
            parameter.insert("style".into(), json!("spaceDelimited"));
        }
        Some("pipes") => {
            parameter.insert("style".into(), json!("pipeDelimited"));
        }
        Some(_) if parameter.get("in") == Some(&json!("query")) => {
            parameter.insert("style".into(), json!("form"));
            parameter.insert("explode".into(), json!(false));
        }
        _ => {}
    }
    parameter.remove("allowEmptyValue");
    parameter.insert("schema".into(), Value::Object(schema));
    Value::Object(parameter)
}

/// A Swagger security definition as a 3.0 security scheme.
pub fn security_scheme(scheme: Value, notes: &mut Notes) -> Value {
    let Value::Object(mut scheme) = scheme else {
        return scheme;
    };
    match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => json!({ "type": "http", "scheme": "basic" }),
        Some("oauth2") => {
            let flow = match scheme.remove("flow").as_ref().and_then(Value::as_str) {
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                Some("password") => "password",
                _ => "implicit",
            };
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(value) = scheme.remove(key) {
                    details.insert(key.into(), value);
                }
            }
            details.entry("scopes").or_insert_with(|| json!({}));
            json!({ "type": "oauth2", "flows": { flow: details } })
        }
        Some("apiKey") => Value::Object(scheme),
        other => {
            notes.add(format!(
                "security definition of type {other:?} kept as it is"
            ));
            Value::Object(scheme)
        }
    }
}

/// Swagger-only schema keywords in 3.0 form.
pub fn lower_schema(schema: &mut Value, notes: &mut Notes) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    if let Some(nullable) = map.remove("x-nullable") {
        map.insert("nullable".into(), nullable);
        notes.add("`x-nullable` became `nullable`");
    }
    if let Some(Value::String(property)) = map.get("discriminator").cloned() {
        map.insert("discriminator".into(), json!({ "propertyName": property }));
    }
    if map.get("type") == Some(&json!("file")) {
        map.insert("type".into(), json!("string"));
        map.insert("format".into(), json!("binary"));
    }
}

/// `servers` from `schemes`, `host` and `basePath`.
pub fn servers(root: &Map<String, Value>) -> Value {
    let base = root
        .get("basePath")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/');
    let Some(host) = root.get("host").and_then(Value::as_str) else {
        return json!([{ "url": if base.is_empty() { "/" } else { base } }]);
    };
    let schemes = strings(root.get("schemes"));
    let schemes = if schemes.is_empty() {
        vec!["https".to_owned()]
    } else {
        schemes
    };
    schemes
        .iter()
        .map(|scheme| json!({ "url": format!("{scheme}://{host}{base}") }))
        .collect()
}
