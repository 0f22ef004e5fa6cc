//! Rules on operations and names: every operation has a summary (its method's doc comment) and
//! documented error responses; operationIds are lowerCamelCase and schema names UpperCamelCase,
//! the style of the generated Rust names.

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use serde_json::Value;

use super::{Linter, Rule};
use crate::preflight::METHODS;
use crate::yaml::{Document, escape_token};

impl Linter<'_> {
    pub(super) fn operations(&mut self) {
        for (label, pointer, operation) in operations(self.doc) {
            if operation
                .get("summary")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                self.report(
                    Rule::Summary,
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
                    Rule::ErrorResponses,
                    &format!("{pointer}/responses"),
                    format!("{label} documents no error response; add the provider's 4XX/5XX responses and their body"),
                );
            }
        }
    }

    pub(super) fn names(&mut self) {
        for (label, pointer, operation) in operations(self.doc) {
            if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                if id != id.to_lower_camel_case() {
                    self.report(
                        Rule::Naming,
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
                    Rule::Naming,
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
