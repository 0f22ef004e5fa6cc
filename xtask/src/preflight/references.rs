//! References: every `$ref` outside example values and extensions must name an entry under
//! `#/components/` of the same file.

use serde_json::{Map, Value};

use super::{Checker, child_pointer};

impl Checker<'_> {
    /// Reports each `$ref` under `value` (found at `pointer`) that does not resolve.
    pub(super) fn references(&mut self, value: &Value, pointer: &str) {
        self.references_in(value, pointer, false);
    }

    /// [`Checker::references`]; `names` when `value`'s keys are property names (the value of
    /// `properties`), where `example` or `x-...` names a schema like any other key.
    fn references_in(&mut self, value: &Value, pointer: &str, names: bool) {
        match value {
            Value::Object(object) => {
                self.reference(object, pointer);
                for (key, child) in object {
                    let child_ptr = child_pointer(pointer, key);
                    // Example values and extensions are free-form: a `$ref` key inside them is
                    // data. An `examples` entry may itself be a reference to a component.
                    if names {
                        self.references_in(child, &child_ptr, false);
                    } else if key == "examples" {
                        for (name, entry) in child.as_object().into_iter().flatten() {
                            if let Some(entry) = entry.as_object() {
                                self.reference(entry, &child_pointer(&child_ptr, name));
                            }
                        }
                    } else if key != "example" && !key.starts_with("x-") {
                        self.references_in(child, &child_ptr, key == "properties");
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.references_in(item, &format!("{pointer}/{i}"), false);
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
  schemas:
    Event:
      type: object
      properties:
        example: {$ref: '#/components/schemas/Gone'}
        x-note: {$ref: '#/components/schemas/Event'}
        properties: {$ref: '#/components/schemas/Lost'}
";

    #[test]
    fn an_examples_entry_pointing_nowhere_is_reported_and_example_values_are_data() {
        // Properties named `example`, `x-...` or `properties` are schemas, checked like others.
        let (document, errors) = Document::read(SPEC);
        assert!(errors.is_empty(), "{errors:?}");
        let findings: Vec<String> = super::super::check("specs/t.yaml", &document.unwrap())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            findings,
            [
                "specs/t.yaml:25:19: error: `$ref: #/components/schemas/Gone` does not resolve: it must name an entry under `#/components/` in this file",
                "specs/t.yaml:27:22: error: `$ref: #/components/schemas/Lost` does not resolve: it must name an entry under `#/components/` in this file",
                "specs/t.yaml:16:23: error: `$ref: #/components/examples/Missing` does not resolve: it must name an entry under `#/components/` in this file",
            ],
        );
    }
}
