//! Specs that would generate broken or crashing code, refused with their place: empty enums,
//! `$ref` cycles that every value must follow (a type with no finite value, whose generated
//! parser overflows the stack), `$ref` chains longer than [`MAX_REF_CHAIN`], more than
//! [`MAX_OPERATIONS`] operations, and schemas nested deeper than [`MAX_SCHEMA_DEPTH`]. The file
//! size limit is checked before parsing (`spec/read.rs`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Linter, Rule};
use crate::preflight::METHODS;
use crate::yaml::escape_token;

/// The largest spec file read, in bytes (64 MiB).
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// The most `$ref` hops from one component to the schema it finally names.
pub const MAX_REF_CHAIN: usize = 64;
/// The most operations one spec may hold.
pub const MAX_OPERATIONS: usize = 10_000;
/// The deepest a schema may nest (properties, items, compositions).
pub const MAX_SCHEMA_DEPTH: usize = 64;

/// Keywords whose value is one subschema.
const ONE: [&str; 3] = ["items", "additionalProperties", "not"];
/// Keywords whose value is a list of subschemas.
const LIST: [&str; 3] = ["allOf", "anyOf", "oneOf"];

const SCHEMAS: &str = "#/components/schemas/";

impl Linter<'_> {
    pub(super) fn hostile(&mut self) {
        let doc = self.doc;
        self.empty_enums(&doc.value);
        let empty = serde_json::Map::new();
        let schemas = doc
            .value
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        for (name, schema) in schemas {
            let pointer = format!("/components/schemas/{}", escape_token(name));
            if let Some(at) = too_deep(schema, &pointer, 0) {
                self.report(
                    Rule::Limit,
                    &at,
                    format!("schema `{name}` nests deeper than {MAX_SCHEMA_DEPTH} levels, the limit; name the inner schemas as components"),
                );
            }
        }
        self.required_cycles(schemas);
        self.ref_chains(schemas);
        let operations = operation_count(&self.doc.value);
        if operations > MAX_OPERATIONS {
            self.report(
                Rule::Limit,
                "/paths",
                format!("{operations} operations, more than the limit of {MAX_OPERATIONS}; split the spec"),
            );
        }
    }

    fn empty_enums(&mut self, value: &Value) {
        let mut found = Vec::new();
        super::text::nodes(value, "", &mut |key, child, pointer| {
            if key == Some("enum") && child.as_array().is_some_and(Vec::is_empty) {
                found.push(pointer.to_owned());
            }
        });
        for pointer in found {
            self.report(
                Rule::Structure,
                &pointer,
                "`enum: []` admits no value, so no request or response could hold it; list the values or remove `enum`".into(),
            );
        }
    }

    /// Components that must contain themselves: a cycle of `$ref`s through the schema itself,
    /// `allOf` members and required, non-nullable properties (no `Option`, `Vec` or map between).
    fn required_cycles(&mut self, schemas: &serde_json::Map<String, Value>) {
        let edges: BTreeMap<&str, Vec<String>> = schemas
            .iter()
            .map(|(name, schema)| {
                let mut targets = Vec::new();
                required_refs(schema, &mut targets);
                (name.as_str(), targets)
            })
            .collect();
        let mut state: BTreeMap<&str, Visit> = BTreeMap::new();
        let mut cycles = Vec::new();
        for name in edges.keys() {
            let mut stack = Vec::new();
            find_cycles(name, &edges, &mut state, &mut stack, &mut cycles);
        }
        for cycle in cycles {
            self.report(
                Rule::Structure,
                &format!("/components/schemas/{}", escape_token(cycle[0])),
                format!(
                    "`{}` has no finite value: each must contain the next through required properties, `allOf` or `$ref`, so the generated parser would overflow the stack; make one of these properties optional, nullable or an array",
                    cycle.join("` → `")
                ),
            );
        }
    }

    /// Components that are a bare `$ref` to another, followed more than [`MAX_REF_CHAIN`] times.
    fn ref_chains(&mut self, schemas: &serde_json::Map<String, Value>) {
        let alias = |name: &str| {
            let schema = schemas.get(name)?.as_object()?;
            (schema.len() == 1).then_some(())?;
            schema.get("$ref")?.as_str()?.strip_prefix(SCHEMAS)
        };
        let targets: std::collections::BTreeSet<&str> =
            schemas.keys().filter_map(|name| alias(name)).collect();
        for name in schemas.keys() {
            // Report each chain once, where it starts.
            if targets.contains(name.as_str()) {
                continue;
            }
            let mut hops = 0;
            let mut current = name.as_str();
            while let Some(next) = alias(current) {
                hops += 1;
                current = next;
                if hops > MAX_REF_CHAIN {
                    self.report(
                        Rule::Limit,
                        &format!("/components/schemas/{}", escape_token(name)),
                        format!("`{name}` starts a chain of more than {MAX_REF_CHAIN} `$ref` hops, the limit; point it at the schema it means"),
                    );
                    break;
                }
            }
        }
    }
}

/// The component names a value of `schema` must contain.
fn required_refs(schema: &Value, out: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    if map.get("nullable") == Some(&Value::Bool(true)) {
        return;
    }
    if let Some(target) = map.get("$ref").and_then(Value::as_str) {
        out.extend(target.strip_prefix(SCHEMAS).map(str::to_owned));
    }
    for member in map
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        required_refs(member, out);
    }
    let required = map.get("required").and_then(Value::as_array);
    for name in required.into_iter().flatten().filter_map(Value::as_str) {
        if let Some(property) = map.get("properties").and_then(|p| p.get(name)) {
            required_refs(property, out);
        }
    }
}

/// Where the depth-first search is with a component.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    OnPath,
    Done,
}

/// Depth-first from `name`, recording each cycle once as the path around it (first name
/// repeated at the end).
fn find_cycles<'a>(
    name: &'a str,
    edges: &'a BTreeMap<&str, Vec<String>>,
    state: &mut BTreeMap<&'a str, Visit>,
    path: &mut Vec<&'a str>,
    cycles: &mut Vec<Vec<&'a str>>,
) {
    if state.contains_key(name) {
        return;
    }
    state.insert(name, Visit::OnPath);
    path.push(name);
    for next in edges.get(name).into_iter().flatten() {
        let Some((next, _)) = edges.get_key_value(next.as_str()) else {
            continue;
        };
        match state.get(next) {
            Some(Visit::OnPath) => {
                let from = path.iter().position(|n| n == next).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(next);
                cycles.push(cycle);
            }
            Some(Visit::Done) => {}
            None => find_cycles(next, edges, state, path, cycles),
        }
    }
    path.pop();
    state.insert(name, Visit::Done);
}

/// The pointer of the first subschema of `schema` deeper than [`MAX_SCHEMA_DEPTH`].
fn too_deep(schema: &Value, pointer: &str, depth: usize) -> Option<String> {
    if depth > MAX_SCHEMA_DEPTH {
        return Some(pointer.to_owned());
    }
    let map = schema.as_object()?;
    let one = ONE
        .iter()
        .filter_map(|key| Some((format!("{pointer}/{key}"), map.get(*key)?)));
    let list = LIST.iter().flat_map(|key| {
        let items = map
            .get(*key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        items
            .enumerate()
            .map(move |(i, item)| (format!("{pointer}/{key}/{i}"), item))
    });
    let properties = map
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, child)| {
            (
                format!("{pointer}/properties/{}", escape_token(name)),
                child,
            )
        });
    one.chain(list)
        .chain(properties)
        .find_map(|(child_pointer, child)| too_deep(child, &child_pointer, depth + 1))
}

fn operation_count(document: &Value) -> usize {
    let paths = document.get("paths").and_then(Value::as_object);
    paths
        .into_iter()
        .flatten()
        .map(|(_, item)| METHODS.iter().filter(|m| item.get(**m).is_some()).count())
        .sum()
}
