//! `cargo xtask lint`: what a valid spec is. The preflight checks (what the generator cannot
//! handle) plus the project's own rules: every operation has a summary and documented error
//! responses, examples validate against their schemas, patterns work in JavaScript (Prism) as in
//! Rust, components are used, and names follow one style. `cargo xtask gen` refuses specs with
//! errors, so both commands agree on what is valid.

use std::collections::BTreeSet;
use std::fmt;

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};
use crate::preflight::{self, METHODS};
use crate::yaml::{Document, escape_token};

/// How serious a finding is: errors fail `lint` and `gen`, warnings only `lint --deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed.
    Error,
    /// Should be fixed.
    Warning,
}

/// One lint finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub diagnostic: Diagnostic,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.diagnostic.location {
            Location::Position { line, column } => {
                write!(
                    f,
                    "{}:{line}:{column}: {label}: {}",
                    self.diagnostic.file, self.diagnostic.message
                )
            }
            Location::Pointer(pointer) => {
                write!(
                    f,
                    "{}#{pointer}: {label}: {}",
                    self.diagnostic.file, self.diagnostic.message
                )
            }
        }
    }
}

/// Every finding for `specs/<provider>.yaml`, including YAML errors.
pub fn lint_file(root: &std::path::Path, provider: &str) -> Vec<Finding> {
    let file = format!("specs/{provider}.yaml");
    let error = |location, message| {
        vec![Finding {
            severity: Severity::Error,
            diagnostic: Diagnostic {
                file: file.clone(),
                location,
                message,
            },
        }]
    };
    let source = match std::fs::read_to_string(root.join(&file)) {
        Ok(source) => source,
        Err(e) => {
            return error(
                Location::Pointer(String::new()),
                format!("cannot read: {e}"),
            );
        }
    };
    match Document::parse(&source) {
        Ok(doc) => lint(&file, &doc),
        Err(errors) => errors
            .into_iter()
            .flat_map(|e| {
                error(
                    Location::Position {
                        line: e.position.line,
                        column: e.position.column,
                    },
                    e.message,
                )
            })
            .collect(),
    }
}

/// Every finding for one parsed spec, errors first.
pub fn lint(file: &str, doc: &Document) -> Vec<Finding> {
    let mut linter = Linter {
        file,
        doc,
        out: Vec::new(),
    };
    for diagnostic in preflight::check(file, doc) {
        linter.out.push(Finding {
            severity: Severity::Error,
            diagnostic,
        });
    }
    if linter.out.is_empty() {
        linter.operations();
        linter.examples();
        linter.patterns(&doc.value, "");
        linter.unused_components();
        linter.names();
        linter.todos(&doc.value, "");
    }
    linter.out.sort_by_key(|f| f.severity);
    linter.out
}

struct Linter<'a> {
    file: &'a str,
    doc: &'a Document,
    out: Vec<Finding>,
}

impl Linter<'_> {
    fn report(&mut self, severity: Severity, pointer: &str, message: String) {
        let location = match self.doc.position(pointer) {
            Some(p) => Location::Position {
                line: p.line,
                column: p.column,
            },
            None => Location::Pointer(pointer.to_owned()),
        };
        self.out.push(Finding {
            severity,
            diagnostic: Diagnostic {
                file: self.file.to_owned(),
                location,
                message,
            },
        });
    }

    fn operations(&mut self) {
        for (label, pointer, operation) in operations(self.doc) {
            if operation
                .get("summary")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                self.report(
                    Severity::Error,
                    &pointer,
                    format!("{label} has no `summary`; it becomes the method's doc comment"),
                );
            }
            let responses = operation.get("responses").and_then(Value::as_object);
            let documents_errors = responses.into_iter().flatten().any(|(code, _)| {
                code == "default" || code.starts_with('4') || code.starts_with('5')
            });
            if !documents_errors {
                self.report(
                    Severity::Error,
                    &format!("{pointer}/responses"),
                    format!("{label} documents no error response; add the provider's 4XX/5XX responses and their body"),
                );
            }
        }
    }

    /// Every media type, parameter and component example against its own schema.
    fn examples(&mut self) {
        let components = json_schema(self.doc.value.get("components").unwrap_or(&Value::Null));
        let mut checks: Vec<(String, Value, Value)> = Vec::new();
        collect_examples(&self.doc.value, "", &mut checks);
        for (pointer, schema, example) in checks {
            let resolved_example = self.resolve_example(&example);
            let mut root = json_schema(&schema);
            if let Value::Object(map) = &mut root {
                map.insert("components".into(), components.clone());
            }
            let validator = match jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .should_validate_formats(true)
                .with_format("uuid", is_uuid)
                .build(&root)
            {
                Ok(validator) => validator,
                Err(error) => {
                    self.report(
                        Severity::Error,
                        &pointer,
                        format!("the schema for this example is not valid: {error}"),
                    );
                    continue;
                }
            };
            let problems: Vec<String> = validator
                .iter_errors(&resolved_example)
                .map(|e| {
                    let at = e.instance_path().to_string();
                    if at.is_empty() {
                        e.to_string()
                    } else {
                        format!("{at}: {e}")
                    }
                })
                .collect();
            if !problems.is_empty() {
                self.report(
                    Severity::Error,
                    &pointer,
                    format!("example does not match its schema: {}", problems.join("; ")),
                );
            }
        }
    }

    /// An `examples` entry's value, following a `$ref` to `components/examples`.
    fn resolve_example(&self, example: &Value) -> Value {
        let resolved = crate::yaml::resolve(&self.doc.value, example);
        if std::ptr::eq(resolved, example) {
            example.clone()
        } else {
            resolved.get("value").cloned().unwrap_or(Value::Null)
        }
    }

    /// Patterns must compile as ECMAScript with the `u` flag (Prism, typify's regress) too.
    fn patterns(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let child_pointer = format!("{pointer}/{}", escape_token(key));
                    if key == "pattern" {
                        if let Some(pattern) = child.as_str() {
                            if let Err(error) = regress::Regex::with_flags(pattern, "u") {
                                self.report(
                                    Severity::Error,
                                    &child_pointer,
                                    format!("pattern `{pattern}` is not a valid JavaScript regular expression with the u flag ({error}); Prism would silently skip validation"),
                                );
                            }
                        }
                    } else if !matches!(key.as_str(), "example" | "examples") {
                        self.patterns(child, &child_pointer);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.patterns(item, &format!("{pointer}/{i}"));
                }
            }
            _ => {}
        }
    }

    /// `TODO: ...` strings, which `cargo xtask import` writes where a person must decide.
    fn todos(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::String(text) if text.starts_with("TODO") => {
                self.report(
                    Severity::Warning,
                    pointer,
                    format!("left to fill in: {text}"),
                );
            }
            Value::Object(map) => {
                for (key, child) in map {
                    if !matches!(key.as_str(), "example" | "examples") {
                        self.todos(child, &format!("{pointer}/{}", escape_token(key)));
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.todos(item, &format!("{pointer}/{i}"));
                }
            }
            _ => {}
        }
    }

    fn unused_components(&mut self) {
        let mut referenced = BTreeSet::new();
        collect_refs(&self.doc.value, &mut referenced);
        let security: BTreeSet<String> = security_names(&self.doc.value);
        let Some(components) = self.doc.value.get("components").and_then(Value::as_object) else {
            return;
        };
        for (section, entries) in components {
            for name in entries
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, _)| name)
            {
                let pointer = format!("/components/{section}/{}", escape_token(name));
                let used = if section == "securitySchemes" {
                    security.contains(name)
                } else {
                    referenced.contains(&format!("#{pointer}"))
                };
                if !used {
                    self.report(
                        Severity::Warning,
                        &pointer,
                        format!("`{section}/{name}` is never referenced; remove it or use it"),
                    );
                }
            }
        }
    }

    fn names(&mut self) {
        for (label, pointer, operation) in operations(self.doc) {
            if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                if id != id.to_lower_camel_case() {
                    self.report(
                        Severity::Warning,
                        &format!("{pointer}/operationId"),
                        format!(
                            "{label}: operationId `{id}` should be lowerCamelCase (`{}`)",
                            id.to_lower_camel_case()
                        ),
                    );
                }
            }
        }
        let schemas = self
            .doc
            .value
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        let names: Vec<String> = schemas
            .into_iter()
            .flatten()
            .map(|(name, _)| name.clone())
            .collect();
        for name in names {
            if name != name.to_upper_camel_case() {
                self.report(
                    Severity::Warning,
                    &format!("/components/schemas/{}", escape_token(&name)),
                    format!(
                        "schema `{name}` should be UpperCamelCase (`{}`), the Rust type's name",
                        name.to_upper_camel_case()
                    ),
                );
            }
        }
    }
}

/// Every operation as (`METHOD path`, JSON pointer, operation).
fn operations(doc: &Document) -> Vec<(String, String, &Value)> {
    let paths = doc.value.get("paths").and_then(Value::as_object);
    let mut out = Vec::new();
    for (path, item) in paths.into_iter().flatten() {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                let pointer = format!("/paths/{}/{method}", escape_token(path));
                out.push((
                    format!("{} {path}", method.to_uppercase()),
                    pointer,
                    operation,
                ));
            }
        }
    }
    out
}

/// (pointer of the example, its schema, the example) for media types, parameters and schemas.
fn collect_examples(value: &Value, pointer: &str, out: &mut Vec<(String, Value, Value)>) {
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
            out.push((
                format!("{pointer}/example"),
                schema.clone(),
                example.clone(),
            ));
        }
        for (name, example) in map
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let example = match example.get("value") {
                Some(value) => value.clone(),
                None => example.clone(),
            };
            out.push((
                format!("{pointer}/examples/{}", escape_token(name)),
                schema.clone(),
                example,
            ));
        }
    } else if map.contains_key("type") && !map.contains_key("in") {
        // A schema with its own example.
        if let Some(example) = map.get("example") {
            let mut schema = value.clone();
            if let Value::Object(schema) = &mut schema {
                schema.remove("example");
            }
            out.push((format!("{pointer}/example"), schema, example.clone()));
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

/// An OpenAPI 3.0 schema as JSON Schema (draft 4): `nullable` becomes a `null` alternative.
fn json_schema(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
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
                return serde_json::json!({"anyOf": [Value::Object(out), {"type": "null"}]});
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(json_schema).collect()),
        other => other.clone(),
    }
}

fn collect_refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str) {
                out.insert(target.to_owned());
            }
            map.values().for_each(|child| collect_refs(child, out));
        }
        Value::Array(items) => items.iter().for_each(|child| collect_refs(child, out)),
        _ => {}
    }
}

/// Names used in `security` requirements, at the top level or per operation.
fn security_names(value: &Value) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |requirements: Option<&Value>| {
        for requirement in requirements.and_then(Value::as_array).into_iter().flatten() {
            names.extend(
                requirement
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, _)| name.clone()),
            );
        }
    };
    add(value.get("security"));
    for item in value
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(_, item)| item)
    {
        for method in METHODS {
            add(item.get(method).and_then(|op| op.get("security")));
        }
    }
    names
}
