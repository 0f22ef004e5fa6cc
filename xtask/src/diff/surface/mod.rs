//! A spec's contract surface, flattened for comparison: operations with their parameters
//! (path-item ones merged in), request fields, response fields, headers and media types per
//! status, deprecation, effective security, and the spec's security schemes and servers.
//! `schema.rs` flattens one schema into fields.

mod schema;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::preflight::METHODS;
pub use schema::Field;
use schema::Flattener;

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
#[derive(Clone, Debug, Default)]
pub struct Operation {
    pub id: String,
    /// Keyed by `in name` (e.g. `header PayPal-Request-Id`); path-item parameters included,
    /// the operation's own winning on the same `in name`.
    pub parameters: BTreeMap<String, Field>,
    /// Whether the operation takes a body, and whether it is required.
    pub body: Option<bool>,
    /// Request body fields by dotted path (`amount.value`, `links[].href`, `<Variant>` for a
    /// `oneOf`/`anyOf` alternative); `` is the body itself.
    pub request: BTreeMap<String, Field>,
    /// The request body's media types.
    pub request_media: Vec<String>,
    /// Response fields by status, then dotted path.
    pub responses: BTreeMap<String, BTreeMap<String, Field>>,
    /// Response media types by status.
    pub response_media: BTreeMap<String, Vec<String>>,
    /// Response headers by status, then name (lowercased).
    pub headers: BTreeMap<String, BTreeMap<String, Field>>,
    pub deprecated: bool,
    /// `x-sunset`: the date (`YYYY-MM-DD`) after which a deprecated operation may go.
    pub sunset: Option<String>,
    /// The accepted ways to authenticate (operation `security`, else the spec's), each the
    /// `+`-joined scheme names one requirement needs; empty when anonymous.
    pub security: BTreeSet<String>,
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
        let flattener = Flattener::new(doc);
        let global = requirements(doc.get("security"));
        for (path, item) in entries(doc, "paths") {
            let item = flattener.resolve(item);
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                let mut flat = operation_of(&flattener, item, operation);
                flat.security = match operation.get("security") {
                    Some(own) => requirements(Some(own)),
                    None => global.clone(),
                };
                surface
                    .operations
                    .insert(format!("{} {path}", method.to_uppercase()), flat);
            }
        }
        surface
    }
}

fn operation_of(flattener: &Flattener, item: &Value, operation: &Value) -> Operation {
    let mut out = Operation {
        id: text(operation, "operationId").unwrap_or_default(),
        deprecated: operation.get("deprecated") == Some(&Value::Bool(true)),
        sunset: text(operation, "x-sunset"),
        ..Operation::default()
    };
    let declared = |holder: &Value| {
        holder
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    // Path-item parameters first, so the operation's own replace them by `in name`.
    for parameter in declared(item).iter().chain(&declared(operation)) {
        let parameter = flattener.resolve(parameter);
        let key = format!(
            "{} {}",
            text(parameter, "in").unwrap_or_default(),
            text(parameter, "name").unwrap_or_default()
        );
        let required = parameter.get("required") == Some(&Value::Bool(true));
        let schema = parameter.get("schema").unwrap_or(&Value::Null);
        let mut field = flattener.field(flattener.resolve(schema), required);
        field.deprecated |= parameter.get("deprecated") == Some(&Value::Bool(true));
        field.sunset = field.sunset.or_else(|| text(parameter, "x-sunset"));
        out.parameters.insert(key, field);
    }
    if let Some(body) = operation.get("requestBody").map(|b| flattener.resolve(b)) {
        out.body = Some(body.get("required") == Some(&Value::Bool(true)));
        out.request_media = media_types(body);
        if let Some(schema) = first_schema(body) {
            flattener.flatten(schema, "", true, &mut out.request, 0);
        }
    }
    for (status, response) in entries(operation, "responses") {
        let response = flattener.resolve(response);
        let mut fields = BTreeMap::new();
        if let Some(schema) = first_schema(response) {
            flattener.flatten(schema, "", true, &mut fields, 0);
        }
        out.responses.insert(status.clone(), fields);
        out.response_media
            .insert(status.clone(), media_types(response));
        let mut headers = BTreeMap::new();
        for (name, header) in entries(response, "headers") {
            let header = flattener.resolve(header);
            let required = header.get("required") == Some(&Value::Bool(true));
            let schema = header.get("schema").unwrap_or(&Value::Null);
            headers.insert(
                name.to_ascii_lowercase(),
                flattener.field(flattener.resolve(schema), required),
            );
        }
        out.headers.insert(status.clone(), headers);
    }
    out
}

/// The entries of the object at `key`, if any.
fn entries<'v>(value: &'v Value, key: &str) -> impl Iterator<Item = (&'v String, &'v Value)> {
    value
        .get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
}

/// A string value, or any other value as JSON text.
fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
}

/// A `security` list as its alternatives; `{}` (anonymous) is the empty string.
fn requirements(security: Option<&Value>) -> BTreeSet<String> {
    security
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|requirement| requirement.keys().cloned().collect::<Vec<_>>().join("+"))
        .collect()
}

fn media_types(value: &Value) -> Vec<String> {
    value
        .get("content")
        .and_then(Value::as_object)
        .map(|content| content.keys().cloned().collect())
        .unwrap_or_default()
}

/// The schema of a request body or response: its first JSON media type's, else its first's.
fn first_schema(value: &Value) -> Option<&Value> {
    let content = value.get("content")?.as_object()?;
    content
        .iter()
        .find(|(media, _)| media.contains("json"))
        .or_else(|| content.iter().next())?
        .1
        .get("schema")
}
