//! A JSON value written as block-style YAML that `crate::yaml` reads back to the same value.
//!
//! Strings stay plain where that is unambiguous and are double-quoted (JSON escapes are valid
//! YAML) otherwise. Keys follow the order a person reading a spec expects (`openapi`, `info`,
//! `paths`, ...; `operationId` and `summary` first in an operation; `type` first in a schema),
//! the rest alphabetically.

use std::fmt::Write;

use serde_json::Value;
use yaml_rust2::scanner::TScalarStyle;

/// Keys written before the others, in this order.
const FIRST: [&str; 28] = [
    "openapi",
    "info",
    "title",
    "version",
    "x-payspec-crate-version",
    "x-payspec-idempotency-header",
    "x-payspec-request-id-header",
    "x-payspec-retry-hint-header",
    "x-payspec-keyed-server-error",
    "servers",
    "url",
    "security",
    "paths",
    "components",
    "operationId",
    "summary",
    "name",
    "in",
    "$ref",
    "type",
    "format",
    "required",
    "nullable",
    "parameters",
    "requestBody",
    "responses",
    "description",
    "schemas",
];

/// The whole document as YAML text.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    block(value, 0, &mut out);
    out
}

/// Writes a mapping or sequence at `indent` (the caller has ended its line), or a scalar.
fn block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| (FIRST.iter().position(|f| f == k).unwrap_or(FIRST.len()), *k));
            for key in keys {
                let _ = write!(out, "{pad}{}:", scalar(&Value::String(key.clone())));
                child(&map[key], indent, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                let _ = write!(out, "{pad}-");
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        // The first key goes on the dash's line.
                        let mut nested = String::new();
                        block(item, indent + 2, &mut nested);
                        out.push(' ');
                        out.push_str(&nested[indent + 2..]);
                    }
                    _ => child(item, indent, out),
                }
            }
        }
        scalar_value => {
            let _ = writeln!(out, "{pad}{}", scalar(scalar_value));
        }
    }
}

/// Writes what follows `key:` or `-`.
fn child(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            block(value, indent + 2, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            block(value, indent + 2, out);
        }
        Value::Object(_) => out.push_str(" {}\n"),
        Value::Array(_) => out.push_str(" []\n"),
        scalar_value => {
            let _ = writeln!(out, " {}", scalar(scalar_value));
        }
    }
}

/// A scalar: plain when it reads back as the same value, else a JSON string.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) if is_plain(text) => text.clone(),
        other => other.to_string(),
    }
}

fn is_plain(text: &str) -> bool {
    let mut chars = text.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '$' | '('));
    let rest_ok = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " _-./{}$+()=,;@".contains(c));
    let ambiguous = matches!(
        text.to_ascii_lowercase().as_str(),
        "yes" | "no" | "on" | "off" | "y" | "n"
    );
    first_ok
        && rest_ok
        && !ambiguous
        && !text.ends_with(' ')
        && crate::yaml::scalar(text, TScalarStyle::Plain) == Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_back_as_the_same_value() {
        let value = json!({
            "openapi": "3.0.3",
            "paths": {"/a/{id}": {"get": {"responses": {"200": {"description": "OK"}}}}},
            "list": [{"a": 1, "b": [true, null]}, [], {}, "yes", "1.5", "#/x", "a: b", "é\n\"q\""],
            "pattern": "^[0-9]+(\\.[0-9]+)?$",
            "n": -2.5e-7,
            "empty": ""
        });
        let text = to_yaml(&value);
        let read = crate::yaml::Document::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(read.value, value, "{text}");
        assert!(text.starts_with("openapi: 3.0.3\n"), "{text}");
    }
}
