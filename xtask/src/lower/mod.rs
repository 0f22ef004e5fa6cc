//! Lowering a provider's reference document to our OpenAPI 3.0.3 dialect.
//!
//! Providers publish OpenAPI 3.0, OpenAPI 3.1 or Swagger 2.0, in JSON or YAML. [`read`] parses
//! either syntax and [`lower`] turns any of the three into OpenAPI 3.0.3 that the rest of the
//! xtask (and progenitor) understands: `openapi31.rs` rewrites 3.1 schemas (nullability, `const`,
//! `examples`, numeric exclusive bounds), `swagger2/` restructures Swagger 2.0 (definitions,
//! body and form parameters, media types, response schemas) and `inline.rs` names the inline
//! object schemas Swagger documents are full of. `walk.rs` visits every schema in a document.
//! In every dialect, keys beside a `$ref` (which 3.0 ignores) move beside an `allOf: [$ref]`.
//!
//! The API takes and returns plain JSON values, so `cargo xtask audit`, `cargo xtask import` and
//! the generator can all share it.

mod inline;
mod openapi31;
mod swagger2;
pub(crate) mod walk;

use std::path::Path;

use serde_json::{Map, Value, json};

pub use inline::name_inline_objects;

/// A document lowered to OpenAPI 3.0.3, and what the lowering changed or dropped.
#[derive(Debug)]
pub struct Lowered {
    pub document: Value,
    /// One line per kind of change, e.g. `3 schemas: \`const\` became a one-value \`enum\``.
    pub notes: Vec<String>,
}

/// The dialects [`lower`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Dialect {
    /// The dialect a document declares (`swagger: "2.0"` or `openapi: 3.x.y`).
    pub fn of(document: &Value) -> Result<Dialect, String> {
        if let Some(version) = document.get("swagger") {
            return match version.as_str() {
                Some("2.0") => Ok(Dialect::Swagger2),
                _ => Err(format!("unsupported Swagger version {version}")),
            };
        }
        match document.get("openapi").and_then(Value::as_str) {
            Some(v) if v.starts_with("3.0") => Ok(Dialect::OpenApi30),
            Some(v) if v.starts_with("3.1") => Ok(Dialect::OpenApi31),
            Some(v) => Err(format!("unsupported OpenAPI version {v}")),
            None => Err("not an OpenAPI or Swagger document: no `openapi` or `swagger` key".into()),
        }
    }
}

/// Counts changes by kind, for [`Lowered::notes`].
#[derive(Debug, Default)]
pub struct Notes(std::collections::BTreeMap<String, usize>);

impl Notes {
    /// Records one occurrence of a change.
    pub fn add(&mut self, what: impl Into<String>) {
        *self.0.entry(what.into()).or_default() += 1;
    }

    fn into_lines(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(what, n)| {
                if n == 1 {
                    what
                } else {
                    format!("{what} (×{n})")
                }
            })
            .collect()
    }
}

/// Lowers a parsed reference document to OpenAPI 3.0.3.
pub fn lower(document: Value) -> Result<Lowered, String> {
    let mut notes = Notes::default();
    let mut document = match Dialect::of(&document)? {
        Dialect::OpenApi30 => document,
        Dialect::OpenApi31 => openapi31::lower(document, &mut notes),
        Dialect::Swagger2 => {
            let mut document = swagger2::lower(document, &mut notes)?;
            name_inline_objects(&mut document, &mut notes);
            document
        }
    };
    walk::schemas(&mut document, &mut |schema| {
        if let Some(map) = schema.as_object_mut() {
            ref_siblings(map, &mut notes);
        }
    });
    Ok(Lowered {
        document,
        notes: notes.into_lines(),
    })
}

fn ref_siblings(map: &mut Map<String, Value>, notes: &mut Notes) {
    if wrap_ref_siblings(map) {
        notes.add("keys beside `$ref` kept beside `allOf: [$ref]`");
    }
}

/// Keys beside `$ref` in a schema are ignored by 3.0 (and by typify): keeps them by wrapping the
/// reference in `allOf`, so a description documents the field and `nullable` makes it optional.
/// Returns whether the schema changed.
pub(crate) fn wrap_ref_siblings(map: &mut Map<String, Value>) -> bool {
    if !map.contains_key("$ref") || map.keys().all(|k| k == "$ref" || k.starts_with("x-")) {
        return false;
    }
    let reference = map.remove("$ref").unwrap_or_default();
    map.insert("allOf".into(), json!([{ "$ref": reference }]));
    true
}

/// Reads a reference file: JSON (by extension or a leading `{`) with serde_json, which takes any
/// valid JSON (surrogate-pair escapes included); anything else with the YAML reader.
pub fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json = path.extension().is_some_and(|e| e == "json") || text.trim_start().starts_with('{');
    if json {
        return serde_json::from_str(&text)
            .map_err(|e| format!("{}: invalid JSON: {e}", path.display()));
    }
    crate::yaml::Document::parse(&text)
        .map(|document| document.value)
        .map_err(|errors| {
            let first = &errors[0];
            format!(
                "{}:{}:{}: {}",
                path.display(),
                first.position.line,
                first.position.column,
                first.message
            )
        })
}

#[cfg(test)]
mod tests;
