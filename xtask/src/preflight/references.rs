//! References: every `$ref` outside example values and extensions must name an entry under
//! `#/components/` of the same file.

use serde_json::{Map, Value};

use super::{Checker, child_pointer};

impl Checker<'_> {
    /// Reports each `$ref` under `value` (found at `pointer`) that does not resolve.
    pub(super) fn references(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Object(object) => {
                self.reference(object, pointer);
                for (key, child) in object {
                    let child_ptr = child_pointer(pointer, key);
                    // Example values and extensions are free-form: a `$ref` key inside them is
                    // data. An `examples` entry may itself be a reference to a component.
                    if key == "examples" {
                        for (name, entry) in child.as_object().into_iter().flatten() {
                            if let Some(entry) = entry.as_object() {
                                self.reference(entry, &child_pointer(&child_ptr, name));
                            }
                        }
                    } else if key != "example" && !key.starts_with("x-") {
                        self.references(child, &child_ptr);
                    }
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

    /// Reports the `$ref` of `object` (found at `pointer`), if it has one that does not resolve.
    fn reference(&mut self, object: &Map<String, Value>, pointer: &str) {
        let Some(reference) = object.get("$ref") else {
            return;
        };
        let target = reference.as_str().unwrap_or_default();
        let resolves = target
            .strip_prefix('#')
            .is_some_and(|p| p.starts_with("/components/") && self.doc.value.pointer(p).is_some());
        if !resolves {
            self.report(
                &child_pointer(pointer, "$ref"),
                format!("`$ref: {target}` does not resolve: it must name an entry under `#/components/` in this file"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::yaml::Document;

    const SPEC: &str = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /refunds:
    get:
      operationId: listRefunds
      responses:
        '200':
          description: The refunds.
          content:
            application/json:
              schema: {type: object}
              example: {$ref: not a reference}
              examples:
                one: {$ref: '#/components/examples/One'}
                two: {$ref: '#/components/examples/Missing'}
                three: {value: {$ref: data}}
components:
  examples:
    One: {value: {}}
";

    #[test]
    fn an_examples_entry_pointing_nowhere_is_reported_and_example_values_are_data() {
        let (document, errors) = Document::read(SPEC);
        assert!(errors.is_empty(), "{errors:?}");
        let findings: Vec<String> = super::super::check("specs/t.yaml", &document.unwrap())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            findings,
            [
                "specs/t.yaml:16:23: error: `$ref: #/components/examples/Missing` does not resolve: it must name an entry under `#/components/` in this file"
            ],
        );
    }
}
