//! A spec's contract surface, flattened for comparison: operations with their parameters,
//! request fields and response fields per status, security schemes and servers.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::preflight::METHODS;

/// Everything a caller of the API depends on.
#[derive(Debug, Default)]
pub struct Surface {
    /// Keyed by `METHOD /path`.
    pub operations: BTreeMap<String, Operation>,
    /// Security schemes by name, without their prose.
    pub security: BTreeMap<String, Value>,
    /// Server URLs.
    pub servers: BTreeSet<String>,
}

/// One operation's inputs and outputs.
#[derive(Debug, Default)]
pub struct Operation {
    pub id: String,
    /// Keyed by `in name` (e.g. `header PayPal-Request-Id`).
    pub parameters: BTreeMap<String, Field>,
    /// Whether the operation takes a body, and whether it is required.
    pub body: Option<bool>,
    /// Request body fields by dotted path (`amount.value`, `links[].href`); `` is the body itself.
    pub request: BTreeMap<String, Field>,
    /// Response fields by status, then dotted path.
    pub responses: BTreeMap<String, BTreeMap<String, Field>>,
}

/// What a field or parameter promises.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    pub required: bool,
    pub kind: Option<String>,
    pub format: Option<String>,
    pub nullable: bool,
    pub values: Option<BTreeSet<String>>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<String>,
    pub maximum: Option<String>,
    pub pattern: Option<String>,
}

impl Surface {
    /// Flattens a spec document.
    pub fn of(doc: &Value) -> Surface {
        let mut surface = Surface::default();
        for server in doc
            .get("servers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(url) = server.get("url").and_then(Value::as_str) {
                surface.servers.insert(url.to_owned());
            }
        }
        let schemes = doc
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object);
        for (name, scheme) in schemes.into_iter().flatten() {
            let mut scheme = scheme.clone();
            if let Some(map) = scheme.as_object_mut() {
                map.remove("description");
            }
            surface.security.insert(name.clone(), scheme);
        }
        let flattener = Flattener { doc };
        for (path, item) in doc
            .get("paths")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                surface.operations.insert(
                    format!("{} {path}", method.to_uppercase()),
                    flattener.operation(operation),
                );
            }
        }
        surface
    }
}

struct Flattener<'a> {
    doc: &'a Value,
}

impl<'a> Flattener<'a> {
    fn resolve(&self, value: &'a Value) -> &'a Value {
        crate::yaml::resolve(self.doc, value)
    }

    fn operation(&self, operation: &Value) -> Operation {
        let mut out = Operation {
            id: operation
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            ..Operation::default()
        };
        for parameter in operation
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let parameter = self.resolve(parameter);
            let key = format!(
                "{} {}",
                parameter
                    .get("in")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
                parameter
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
            );
            let required = parameter.get("required") == Some(&Value::Bool(true));
            let schema = parameter
                .get("schema")
                .map(|s| self.resolve(s))
                .unwrap_or(&Value::Null);
            out.parameters.insert(key, self.field(schema, required));
        }
        if let Some(body) = operation.get("requestBody").map(|b| self.resolve(b)) {
            out.body = Some(body.get("required") == Some(&Value::Bool(true)));
            if let Some(schema) = first_schema(body) {
                self.flatten(schema, "", true, &mut out.request, 0);
            }
        }
        for (status, response) in operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let response = self.resolve(response);
            let mut fields = BTreeMap::new();
            if let Some(schema) = first_schema(response) {
                self.flatten(schema, "", true, &mut fields, 0);
            }
            out.responses.insert(status.clone(), fields);
        }
        out
    }

    fn field(&self, schema: &Value, required: bool) -> Field {
        let text = |key: &str| {
            schema
                .get(key)
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        };
        Field {
            required,
            kind: text("type")
                .or_else(|| self.all_of_object(schema))
                .or_else(|| {
                    ["oneOf", "anyOf", "allOf"]
                        .iter()
                        .find(|k| schema.get(**k).is_some())
                        .map(|k| (*k).to_owned())
                }),
            format: text("format"),
            nullable: schema.get("nullable") == Some(&Value::Bool(true)),
            values: schema.get("enum").and_then(Value::as_array).map(|values| {
                values
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect()
            }),
            min_length: schema.get("minLength").and_then(Value::as_u64),
            max_length: schema.get("maxLength").and_then(Value::as_u64),
            minimum: text("minimum"),
            maximum: text("maximum"),
            pattern: text("pattern"),
        }
    }

    /// `object` for an `allOf` of object schemas (their properties are merged at one path).
    fn all_of_object(&self, schema: &Value) -> Option<String> {
        let members = schema.get("allOf")?.as_array()?;
        members
            .iter()
            .map(|m| self.resolve(m))
            .any(|m| m.get("type") == Some(&Value::from("object")) || m.get("properties").is_some())
            .then(|| "object".to_owned())
    }

    /// Records `schema` at `path` and its properties below it.
    fn flatten(
        &self,
        schema: &'a Value,
        path: &str,
        required: bool,
        out: &mut BTreeMap<String, Field>,
        depth: usize,
    ) {
        let schema = self.resolve(schema);
        if depth > 12 {
            return;
        }
        // `allOf: [{$ref}]` wraps one schema (a common way to document a `$ref`).
        if let Some([only]) = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            let mut field = self.field(self.resolve(only), required);
            field.nullable |= schema.get("nullable") == Some(&Value::Bool(true));
            out.insert(path.to_owned(), field);
            return self.flatten_children(self.resolve(only), path, out, depth);
        }
        out.insert(path.to_owned(), self.field(schema, required));
        self.flatten_children(schema, path, out, depth);
    }

    fn flatten_children(
        &self,
        schema: &'a Value,
        path: &str,
        out: &mut BTreeMap<String, Field>,
        depth: usize,
    ) {
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, property) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            self.flatten(
                property,
                &child,
                required.contains(name.as_str()),
                out,
                depth + 1,
            );
        }
        // The members of a several-schema `allOf` all describe the value at `path`.
        for member in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.flatten_children(self.resolve(member), path, out, depth + 1);
        }
        if let Some(items) = schema.get("items") {
            self.flatten(items, &format!("{path}[]"), true, out, depth + 1);
        }
        for keyword in ["oneOf", "anyOf"] {
            for (i, variant) in schema
                .get(keyword)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let name = variant
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.rsplit('/').next())
                    .map_or_else(|| i.to_string(), str::to_owned);
                self.flatten(variant, &format!("{path}<{name}>"), true, out, depth + 1);
            }
        }
    }
}

/// The schema of the first media type of a request body or response.
fn first_schema(value: &Value) -> Option<&Value> {
    value
        .get("content")?
        .as_object()?
        .values()
        .next()?
        .get("schema")
}
