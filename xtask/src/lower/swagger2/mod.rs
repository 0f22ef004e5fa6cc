//! Swagger 2.0 to OpenAPI 3.0.3.
//!
//! - `host`, `basePath` and `schemes` become `servers`;
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` move under `components`
//!   (body parameters to `requestBodies`), and every `$ref` follows them;
//! - an `in: body` parameter becomes the `requestBody`, in each media type of `consumes`;
//!   `in: formData` parameters become one form (or multipart, with files) body;
//! - other parameters carry their type, format, bounds and `collectionFormat` in a `schema`;
//! - a response's `schema` becomes its `content` in each media type of `produces`, and its
//!   header types become header schemas;
//! - in schemas, `x-nullable` becomes `nullable`, a string `discriminator` an object, and
//!   `type: file` a binary string.

use serde_json::{Map, Value, json};

mod parts;

use parts::{
    content, form_body, json_first, lower_schema, parameter_schema, security_scheme, servers,
};

use super::{Notes, walk};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];
/// Parameter keys that describe the value, which 3.0 moves into `schema`.
pub(crate) const SCHEMA_KEYS: [&str; 16] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

/// Lowers a whole Swagger 2.0 document.
pub fn lower(document: Value, notes: &mut Notes) -> Result<Value, String> {
    let Value::Object(mut root) = document else {
        return Err("a Swagger document must be an object".into());
    };
    let media = |root: &Map<String, Value>, key: &str| strings(root.get(key));
    let context = Context {
        consumes: media(&root, "consumes"),
        produces: media(&root, "produces"),
        body_parameters: root
            .get("parameters")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(_, p)| p.get("in") == Some(&json!("body")))
            .map(|(name, _)| name.clone())
            .collect(),
    };
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    out.insert(
        "info".into(),
        root.remove("info").unwrap_or_else(|| json!({})),
    );
    out.insert("servers".into(), servers(&root));
    let mut components = Map::new();
    if let Some(definitions) = root.remove("definitions") {
        components.insert("schemas".into(), definitions);
    }
    let mut parameters = Map::new();
    let mut bodies = Map::new();
    for (name, parameter) in take_map(root.remove("parameters")) {
        if parameter.get("in") == Some(&json!("body")) {
            bodies.insert(name, context.body(&parameter, &context.consumes));
        } else {
            parameters.insert(name, parameter_schema(parameter));
        }
    }
    let responses: Map<String, Value> = take_map(root.remove("responses"))
        .into_iter()
        .map(|(name, r)| (name, context.response(r, &context.produces)))
        .collect();
    let security: Map<String, Value> = take_map(root.remove("securityDefinitions"))
        .into_iter()
        .map(|(name, scheme)| (name, security_scheme(scheme, notes)))
        .collect();
    for (key, map) in [
        ("parameters", parameters),
        ("requestBodies", bodies),
        ("responses", responses),
        ("securitySchemes", security),
    ] {
        if !map.is_empty() {
            components.insert(key.into(), Value::Object(map));
        }
    }
    let mut paths = Map::new();
    for (path, item) in take_map(root.remove("paths")) {
        paths.insert(path, context.path_item(item, notes));
    }
    out.insert("paths".into(), Value::Object(paths));
    out.insert("components".into(), Value::Object(components));
    for key in ["security", "tags", "externalDocs"] {
        if let Some(value) = root.remove(key) {
            out.insert(key.into(), value);
        }
    }
    let mut document = Value::Object(out);
    rename_refs(&mut document, &context.body_parameters);
    walk::schemas(&mut document, &mut |schema| lower_schema(schema, notes));
    Ok(document)
}

/// Document-wide defaults an operation may override.
struct Context {
    consumes: Vec<String>,
    produces: Vec<String>,
    /// Names of the top-level parameters that are bodies (they become `requestBodies`).
    body_parameters: Vec<String>,
}

impl Context {
    fn path_item(&self, item: Value, notes: &mut Notes) -> Value {
        let Value::Object(mut item) = item else {
            return item;
        };
        let shared = take_list(item.remove("parameters"));
        for method in METHODS {
            if let Some(operation) = item.remove(method) {
                item.insert(method.into(), self.operation(operation, &shared, notes));
            }
        }
        Value::Object(item)
    }

    fn operation(&self, operation: Value, shared: &[Value], notes: &mut Notes) -> Value {
        let Value::Object(mut operation) = operation else {
            return operation;
        };
        let consumes = or_default(
            strings(operation.remove("consumes").as_ref()),
            &self.consumes,
        );
        let produces = or_default(
            strings(operation.remove("produces").as_ref()),
            &self.produces,
        );
        operation.remove("schemes");
        let own = take_list(operation.remove("parameters"));
        let key = |p: &Value| {
            (
                p.get("in").cloned(),
                p.get("name").cloned(),
                p.get("$ref").cloned(),
            )
        };
        let overridden = |p: &Value| own.iter().any(|o| key(o) == key(p));
        let all: Vec<Value> = shared
            .iter()
            .filter(|p| !overridden(p))
            .cloned()
            .chain(own.clone())
            .collect();
        let mut parameters = Vec::new();
        let mut form = Vec::new();
        for parameter in all {
            let reference = parameter
                .get("$ref")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let body_ref = reference
                .strip_prefix("#/parameters/")
                .is_some_and(|name| self.body_parameters.iter().any(|b| b == name));
            match parameter.get("in").and_then(Value::as_str) {
                _ if body_ref => {
                    operation.insert("requestBody".into(), json!({ "$ref": reference }));
                }
                Some("body") => {
                    operation.insert("requestBody".into(), self.body(&parameter, &consumes));
                }
                Some("formData") => form.push(parameter),
                _ => parameters.push(parameter_schema(parameter)),
            }
        }
        if !form.is_empty() {
            operation.insert("requestBody".into(), form_body(form, &consumes));
            notes.add("`in: formData` parameters became a form request body");
        }
        if !parameters.is_empty() {
            operation.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some(Value::Object(responses)) = operation.remove("responses") {
            let responses = responses
                .into_iter()
                .map(|(status, r)| (status, self.response(r, &produces)))
                .collect();
            operation.insert("responses".into(), Value::Object(responses));
        }
        Value::Object(operation)
    }

    /// An `in: body` parameter as a request body.
    fn body(&self, parameter: &Value, consumes: &[String]) -> Value {
        let schema = parameter
            .get("schema")
            .cloned()
            .unwrap_or_else(|| json!({}));
        let mut body = Map::new();
        if let Some(description) = parameter.get("description") {
            body.insert("description".into(), description.clone());
        }
        body.insert(
            "required".into(),
            json!(parameter.get("required") == Some(&json!(true))),
        );
        body.insert(
            "content".into(),
            content(json_first(consumes), &schema, None),
        );
        Value::Object(body)
    }

    fn response(&self, response: Value, produces: &[String]) -> Value {
        let Value::Object(mut response) = response else {
            return response;
        };
        if response.contains_key("$ref") {
            return Value::Object(response);
        }
        let examples = response.remove("examples");
        if let Some(schema) = response.remove("schema") {
            response.insert(
                "content".into(),
                content(json_first(produces), &schema, examples.as_ref()),
            );
        }
        if let Some(Value::Object(headers)) = response.get_mut("headers") {
            for header in headers.values_mut() {
                *header = parameter_schema(header.take());
            }
        }
        response.entry("description").or_insert_with(|| json!(""));
        Value::Object(response)
    }
}

/// Points every `$ref` at the component it moved to.
fn rename_refs(value: &mut Value, body_parameters: &[String]) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                let renamed = if let Some(name) = reference.strip_prefix("#/definitions/") {
                    Some(format!("#/components/schemas/{name}"))
                } else if let Some(name) = reference.strip_prefix("#/parameters/") {
                    let section = if body_parameters.iter().any(|b| b == name) {
                        "requestBodies"
                    } else {
                        "parameters"
                    };
                    Some(format!("#/components/{section}/{name}"))
                } else {
                    reference
                        .strip_prefix("#/responses/")
                        .map(|name| format!("#/components/responses/{name}"))
                };
                if let Some(renamed) = renamed {
                    *reference = renamed;
                }
            }
            for (key, child) in map.iter_mut() {
                if !matches!(key.as_str(), "example" | "examples" | "default" | "enum") {
                    rename_refs(child, body_parameters);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| rename_refs(item, body_parameters)),
        _ => {}
    }
}

pub(crate) fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn take_map(value: Option<Value>) -> Map<String, Value> {
    match value {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn take_list(value: Option<Value>) -> Vec<Value> {
    match value {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

/// The operation's own media types, or the document's when it declares none.
fn or_default(own: Vec<String>, default: &[String]) -> Vec<String> {
    if own.is_empty() {
        default.to_vec()
    } else {
        own
    }
}
