//! Rules on nodes anywhere in the spec (examples aside): patterns must compile as the generated
//! client and Prism compile them, `x-payspec-verbatim` must sit where the generator honours it,
//! and `TODO: ...` placeholders are reported.

use serde_json::Value;

use super::{Linter, Rule};
use crate::spec::verbatim;
use crate::yaml::escape_token;

impl Linter<'_> {
    /// Patterns must compile as the generated client compiles them (`payspec-pattern`), and as
    /// ECMAScript with the `u` flag, as Prism does, for the contract tests to check them.
    pub(super) fn patterns(&mut self) {
        let mut found = Vec::new();
        nodes(&self.doc.value, "", &mut |key, value, pointer| {
            if let (Some("pattern"), Some(pattern)) = (key, value.as_str()) {
                if let Err(error) = payspec_pattern::Pattern::new(pattern) {
                    found.push((Rule::Pattern, pointer.to_owned(), format!("pattern `{pattern}` cannot be checked by the generated client ({error})")));
                } else if let Err(error) = regress::Regex::with_flags(pattern, "u") {
                    found.push((Rule::PrismPattern, pointer.to_owned(), format!("pattern `{pattern}` is not a valid JavaScript regular expression with the u flag ({error}); Prism would silently skip validation")));
                }
            }
        });
        for (rule, pointer, message) in found {
            self.report(rule, &pointer, message);
        }
    }

    /// `x-payspec-verbatim` only where the generator honours it: `true`, on a component schema.
    pub(super) fn verbatim(&mut self) {
        let mut found = Vec::new();
        nodes(&self.doc.value, "", &mut |key, value, pointer| {
            if key == Some(verbatim::KEY) {
                found.extend(verbatim::misplaced(pointer, value).map(|m| (pointer.to_owned(), m)));
            }
        });
        for (pointer, message) in found {
            self.report(Rule::Structure, &pointer, message);
        }
    }

    /// `TODO: ...` strings, which `cargo xtask import` writes where a person must decide.
    pub(super) fn todos(&mut self) {
        let mut found = Vec::new();
        nodes(&self.doc.value, "", &mut |_, value, pointer| {
            if let Some(text) = value.as_str().filter(|text| text.starts_with("TODO")) {
                found.push((pointer.to_owned(), format!("left to fill in: {text}")));
            }
        });
        for (pointer, message) in found {
            self.report(Rule::Todo, &pointer, message);
        }
    }
}

/// Calls `visit` with every node under `value` (its key when a mapping holds it, the node, its
/// pointer), examples aside: they are data, not spec.
pub(super) fn nodes(
    value: &Value,
    pointer: &str,
    visit: &mut dyn FnMut(Option<&str>, &Value, &str),
) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if matches!(key.as_str(), "example" | "examples") {
                    continue;
                }
                let child_pointer = format!("{pointer}/{}", escape_token(key));
                visit(Some(key), child, &child_pointer);
                nodes(child, &child_pointer, visit);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let item_pointer = format!("{pointer}/{i}");
                visit(None, item, &item_pointer);
                nodes(item, &item_pointer, visit);
            }
        }
        _ => {}
    }
}
