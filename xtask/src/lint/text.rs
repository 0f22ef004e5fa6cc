//! Rules on strings anywhere in the spec (examples and extensions aside): patterns must compile
//! as ECMAScript with the `u` flag, and `TODO: ...` placeholders are reported.

use serde_json::Value;

use super::{Linter, Rule};
use crate::yaml::escape_token;

impl Linter<'_> {
    /// Patterns must compile as ECMAScript with the `u` flag (Prism, typify's regress) too.
    pub(super) fn patterns(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let child_pointer = format!("{pointer}/{}", escape_token(key));
                    if key == "pattern" {
                        if let Some(pattern) = child.as_str() {
                            if let Err(error) = regress::Regex::with_flags(pattern, "u") {
                                self.report(
                                    Rule::Pattern,
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
    pub(super) fn todos(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::String(text) if text.starts_with("TODO") => {
                self.report(Rule::Todo, pointer, format!("left to fill in: {text}"));
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
}
