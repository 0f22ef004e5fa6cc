//! Examples against their schemas: every media type, parameter and schema example is validated
//! (JSON Schema draft 4, formats checked) against the schema it illustrates.
//!
//! The cost is linear in the spec: the schemas become one JSON Schema document (the components,
//! and each distinct example schema once under `definitions`), registered once, and each
//! distinct schema's validator is compiled once, however many examples share it.

use std::collections::HashMap;

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Map, Value, json};

use super::{Linter, Rule};
use crate::yaml::escape_token;

/// The URI the schema document is registered under.
const DOCUMENT: &str = "urn:payspec:spec";

/// One example to check: where it is, its schema, and the example.
struct Example<'a> {
    pointer: String,
    /// The schema as written (a schema's own example: the schema without `example`).
    schema: SchemaRef<'a>,
    example: &'a Value,
}

/// The schema an example illustrates.
enum SchemaRef<'a> {
    /// The `schema` beside a media type's or parameter's example.
    Beside(&'a Value),
    /// The schema that holds the example.
    Holding(&'a Map<String, Value>),
}

impl SchemaRef<'_> {
    /// The schema as JSON Schema (draft 4).
    fn json_schema(&self) -> Value {
        match self {
            SchemaRef::Beside(schema) => json_schema(schema),
            SchemaRef::Holding(map) => json_schema_object(map),
        }
    }
}

impl Linter<'_> {
    /// Every media type, parameter and component example against its own schema.
    pub(super) fn examples(&mut self) {
        let mut examples = Vec::new();
        collect_examples(&self.doc.value, "", &mut examples);
        if examples.is_empty() {
            return;
        }
        // Each distinct schema once, by its JSON text.
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut definitions = Map::new();
        let slots: Vec<usize> = examples
            .iter()
            .map(|example| {
                let schema = example.schema.json_schema();
                let next = index.len();
                *index.entry(schema.to_string()).or_insert_with(|| {
                    definitions.insert(next.to_string(), schema);
                    next
                })
            })
            .collect();
        let components = json_schema(self.doc.value.get("components").unwrap_or(&Value::Null));
        let document = json!({"components": components, "definitions": definitions});
        let validators = match compile(document, index.len()) {
            Ok(validators) => validators,
            Err(error) => vec![Err(error); index.len()],
        };
        for (example, slot) in examples.iter().zip(slots) {
            let problems = match &validators[slot] {
                Ok(validator) => problems(validator, self.resolve_example(example.example)),
                Err(error) => {
                    self.report(
                        Rule::Example,
                        &example.pointer,
                        format!("the schema for this example is not valid: {error}"),
                    );
                    continue;
                }
            };
            if !problems.is_empty() {
                self.report(
                    Rule::Example,
                    &example.pointer,
                    format!("example does not match its schema: {}", problems.join("; ")),
                );
            }
        }
    }

    /// An `examples` entry's value, following a `$ref` to `components/examples`.
    fn resolve_example<'v>(&'v self, example: &'v Value) -> &'v Value {
        let resolved = crate::yaml::resolve(&self.doc.value, example);
        if std::ptr::eq(resolved, example) {
            example
        } else {
            resolved.get("value").unwrap_or(&Value::Null)
        }
    }
}

/// A validator for each of the `count` schemas under `definitions` in `document`.
fn compile(document: Value, count: usize) -> Result<Vec<Result<Validator, String>>, String> {
    let registry = Registry::new()
        .add(DOCUMENT, Draft::Draft4.create_resource(document))
        .and_then(|builder| builder.prepare())
        .map_err(|error| error.to_string())?;
    let options = jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .with_format("uuid", is_uuid)
        .with_registry(&registry);
    Ok((0..count)
        .map(|i| {
            options
                .build(&json!({"$ref": format!("{DOCUMENT}#/definitions/{i}")}))
                .map_err(|error| error.to_string())
        })
        .collect())
}

/// Why `example` does not match, one line per problem, each with its place in the example.
fn problems(validator: &Validator, example: &Value) -> Vec<String> {
    validator
        .iter_errors(example)
        .map(|e| {
            let at = e.instance_path().to_string();
            if at.is_empty() {
                e.to_string()
            } else {
                format!("{at}: {e}")
            }
        })
        .collect()
}

/// Every example of media types, parameters and schemas, with its schema.
fn collect_examples<'a>(value: &'a Value, pointer: &str, out: &mut Vec<Example<'a>>) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            for (i, item) in items.iter().enumerate() {
                collect_examples(item, &format!("{pointer}/{i}"), out);
            }
        }
        return;
    };
    if let Some(schema) = map.get("schema") {
        if let Some(example) = map.get("example") {
            out.push(Example {
                pointer: format!("{pointer}/example"),
                schema: SchemaRef::Beside(schema),
                example,
            });
        }
        for (name, example) in map
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            out.push(Example {
                pointer: format!("{pointer}/examples/{}", escape_token(name)),
                schema: SchemaRef::Beside(schema),
                example: example.get("value").unwrap_or(example),
            });
        }
    } else if map.contains_key("type") && !map.contains_key("in") {
        // A schema with its own example.
        if let Some(example) = map.get("example") {
            out.push(Example {
                pointer: format!("{pointer}/example"),
                schema: SchemaRef::Holding(map),
                example,
            });
        }
    }
    for (key, child) in map {
        if matches!(key.as_str(), "example" | "examples") || key.starts_with("x-") {
            continue;
        }
        collect_examples(child, &format!("{pointer}/{}", escape_token(key)), out);
    }
}

/// `8-4-4-4-12` hexadecimal digits (draft 4 has no `uuid` format of its own).
fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// An OpenAPI 3.0 schema as JSON Schema (draft 4): `nullable` becomes a `null` alternative;
/// examples, extensions and OpenAPI-only keywords are left out.
fn json_schema(value: &Value) -> Value {
    match value {
        Value::Object(map) => json_schema_object(map),
        Value::Array(items) => Value::Array(items.iter().map(json_schema).collect()),
        other => other.clone(),
    }
}

fn json_schema_object(map: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    for (key, child) in map {
        if matches!(
            key.as_str(),
            "example" | "examples" | "nullable" | "discriminator" | "xml" | "externalDocs"
        ) || key.starts_with("x-")
        {
            continue;
        }
        out.insert(key.clone(), json_schema(child));
    }
    if map.get("nullable") == Some(&Value::Bool(true)) {
        return json!({"anyOf": [Value::Object(out), {"type": "null"}]});
    }
    Value::Object(out)
}
