//! `cargo xtask import <provider> <reference> --op 'METHOD /path' ...`: starts
//! `specs/<provider>.yaml` from a provider's reference document.
//!
//! The reference is lowered to OpenAPI 3.0.3 ([`crate::lower`]); the chosen operations are kept
//! with every component they reach (`reach.rs`), stripped of the provider's prose and fitted to
//! what lint and the generator need (`tidy.rs`), and written as YAML (`emit.rs`). Facts that
//! cannot be derived are written as `TODO: ...` strings, which `cargo xtask lint` reports as
//! warnings. The spec is hand-maintained from then on: import never edits an existing spec (it
//! replaces one only with `--force`); to add an operation to a spec, import it into a scratch
//! provider and copy what it wrote.

mod emit;
mod reach;
mod tidy;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::preflight::METHODS;

pub use emit::to_yaml;

/// The spec written and what was decided on the way.
#[derive(Debug)]
pub struct Imported {
    pub document: Value,
    pub notes: Vec<String>,
}

/// Builds the spec for `operations` (`METHOD /path`, path parameter names ignored).
pub fn import(provider: &str, reference: Value, operations: &[String]) -> Result<Imported, String> {
    let lowered = crate::lower::lower(reference)?;
    let source = lowered.document;
    let mut notes = lowered.notes;
    let mut paths = Map::new();
    for wanted in operations {
        let (path, method) = find(&source, wanted)?;
        let item = paths.entry(path.clone()).or_insert_with(|| json!({}));
        let mut operation = source["paths"][&path][method].clone();
        let shared = source["paths"][&path].get("parameters").cloned();
        if let (Some(Value::Array(shared)), Some(map)) = (shared, operation.as_object_mut()) {
            let own = map.entry("parameters").or_insert_with(|| json!([]));
            if let Value::Array(own) = own {
                own.splice(0..0, shared);
            }
        }
        item[method] = operation;
    }
    let mut document = json!({
        "openapi": "3.0.3",
        "info": info(provider, &source),
        "servers": source
            .get("servers")
            .filter(|s| s.as_array().is_some_and(|s| !s.is_empty()))
            .cloned()
            .unwrap_or_else(|| json!([{ "url": "TODO: the API's base URL" }])),
        "paths": paths,
    });
    if let Some(security) = source.get("security") {
        document["security"] = security.clone();
    }
    document["components"] = reach::components(&source, &document);
    tidy::tidy(&mut document, &mut notes);
    if let Some(header) = idempotency_header(&document) {
        document["info"]["x-payspec-idempotency-header"] = json!(header);
    }
    Ok(Imported { document, notes })
}

/// Reads `reference`, imports `operations` and writes `specs/<provider>.yaml`.
pub fn run(
    root: &Path,
    provider: &str,
    reference: &Path,
    operations: &[String],
    force: bool,
) -> Result<(PathBuf, Vec<String>), String> {
    let file = root.join(format!("specs/{provider}.yaml"));
    if file.exists() && !force {
        return Err(format!(
            "{} exists; import starts new specs only (pass --force to replace it)",
            file.display()
        ));
    }
    let imported = import(provider, crate::lower::read(reference)?, operations)?;
    std::fs::write(&file, to_yaml(&imported.document))
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok((file, imported.notes))
}

/// The path (as the reference writes it) and method of `METHOD /path`.
fn find(source: &Value, wanted: &str) -> Result<(String, &'static str), String> {
    let (method, path) = wanted
        .trim()
        .split_once(' ')
        .ok_or_else(|| format!("`{wanted}`: write an operation as `METHOD /path`"))?;
    let method = METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .ok_or_else(|| format!("`{wanted}`: unknown method `{method}`"))?;
    let shape = |p: &str| crate::audit::path_shape(&format!("{method} {p}"));
    let paths = source.get("paths").and_then(Value::as_object);
    paths
        .into_iter()
        .flatten()
        .find(|(p, item)| shape(p) == shape(path.trim()) && item.get(*method).is_some())
        .map(|(p, _)| (p.clone(), *method))
        .ok_or_else(|| {
            let known: Vec<String> = paths
                .into_iter()
                .flatten()
                .flat_map(|(p, item)| {
                    METHODS
                        .iter()
                        .filter(|m| item.get(**m).is_some())
                        .map(move |m| format!("{} {p}", m.to_uppercase()))
                })
                .collect();
            format!(
                "`{wanted}` is not in the reference; it has: {}",
                known.join(", ")
            )
        })
}

/// `info`: the reference's title and version, a first crate version.
fn info(provider: &str, source: &Value) -> Value {
    let text = |key: &str| {
        source["info"]
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    json!({
        "title": text("title").unwrap_or_else(|| provider.to_owned()),
        "version": text("version").unwrap_or_else(|| "TODO: the API version".into()),
        "x-payspec-crate-version": "0.1.0",
    })
}

/// A header parameter named like an idempotency key, sent by a POST or PATCH operation.
fn idempotency_header(document: &Value) -> Option<String> {
    let paths = document.get("paths").and_then(Value::as_object)?;
    paths
        .values()
        .flat_map(|item| ["post", "patch"].into_iter().filter_map(|m| item.get(m)))
        .flat_map(|op| {
            op.get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .map(|p| crate::yaml::resolve(document, p))
        .filter(|p| p.get("in") == Some(&json!("header")))
        .filter_map(|p| p.get("name").and_then(Value::as_str))
        .find(|name| {
            let lower = name.to_ascii_lowercase();
            lower.contains("idempotency") || lower.ends_with("request-id")
        })
        .map(str::to_owned)
}
