//! References: every `$ref` outside examples and extensions must name an entry under
//! `#/components/` of the same file.

use serde_json::Value;

use super::{Checker, child_pointer};

impl Checker<'_> {
    /// Reports each `$ref` under `value` (found at `pointer`) that does not resolve.
    pub(super) fn references(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Object(object) => {
                if let Some(reference) = object.get("$ref") {
                    let target = reference.as_str().unwrap_or_default();
                    let resolves = target.strip_prefix('#').is_some_and(|p| {
                        p.starts_with("/components/") && self.doc.value.pointer(p).is_some()
                    });
                    if !resolves {
                        self.report(
                            &child_pointer(pointer, "$ref"),
                            format!("`$ref: {target}` does not resolve: it must name an entry under `#/components/` in this file"),
                        );
                    }
                }
                for (key, child) in object {
                    // Examples and extensions are free-form: a `$ref` key inside them is data.
                    if key == "example" || key == "examples" || key.starts_with("x-") {
                        continue;
                    }
                    self.references(child, &child_pointer(pointer, key));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.references(item, &format!("{pointer}/{i}"));
                }
            }
            _ => {}
        }
    }
}
