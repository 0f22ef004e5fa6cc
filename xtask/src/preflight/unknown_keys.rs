//! Unknown keys: every object is walked with the kind `openapi_keys.rs` gives it, and a key the
//! kind does not have is reported, as a structure error when it is a near miss of a known key.

use serde_json::Value;

use super::openapi_keys::{Kind, Shape, fields, kind_name, referable};
use super::status::parse_status;
use super::{Checker, child_pointer};
use crate::lint::Rule;

impl Checker<'_> {
    /// Checks the keys of `value`, found at `pointer`, which holds a `shape`.
    pub(super) fn keys(&mut self, value: &Value, pointer: &str, shape: Shape) {
        match shape {
            Shape::Free => {}
            Shape::BoolOrSchema if value.is_boolean() => {}
            Shape::BoolOrSchema => self.keys(value, pointer, Shape::Kind(Kind::Schema)),
            Shape::MapOf(kind) => {
                for (key, child) in value.as_object().into_iter().flatten() {
                    self.keys(child, &child_pointer(pointer, key), Shape::Kind(kind));
                }
            }
            Shape::ListOf(kind) => {
                for (i, child) in value.as_array().into_iter().flatten().enumerate() {
                    self.keys(child, &format!("{pointer}/{i}"), Shape::Kind(kind));
                }
            }
            Shape::Paths => {
                for (path, item) in value.as_object().into_iter().flatten() {
                    let child = child_pointer(pointer, path);
                    if !path.starts_with('/') && !path.starts_with("x-") {
                        self.report(&child, format!("path `{path}` must start with `/`"));
                    }
                    self.keys(item, &child, Shape::Kind(Kind::PathItem));
                }
            }
            Shape::Responses => {
                for (code, response) in value.as_object().into_iter().flatten() {
                    let child = child_pointer(pointer, code);
                    if parse_status(code).is_none() && !code.starts_with("x-") {
                        self.report(
                            &child,
                            format!("`{code}` is not a response status: use a code such as `201`, a range such as `4XX`, or `default`"),
                        );
                    }
                    self.keys(response, &child, Shape::Kind(Kind::Response));
                }
            }
            Shape::Kind(kind) => self.object_keys(value, pointer, kind),
        }
    }

    fn object_keys(&mut self, value: &Value, pointer: &str, kind: Kind) {
        let Some(object) = value.as_object() else {
            return;
        };
        let reference = referable(kind) && object.contains_key("$ref");
        // Beside `$ref`, a schema's keys apply to the field (the codegen view wraps the reference
        // in `allOf`); other objects may only be documented, as OpenAPI 3.1 allows.
        if reference && kind != Kind::Schema {
            for key in object
                .keys()
                .filter(|k| !matches!(k.as_str(), "$ref" | "description" | "summary"))
                .filter(|k| !k.starts_with("x-"))
            {
                self.report(
                    &child_pointer(pointer, key),
                    format!("`{key}` beside `$ref` is ignored by OpenAPI 3.0; move it into the referenced component"),
                );
            }
            return;
        }
        let known = fields(kind);
        for (key, child) in object {
            let child_ptr = child_pointer(pointer, key);
            if key.starts_with("x-") || (reference && key == "$ref") {
                continue;
            }
            match known.iter().find(|(name, _)| name == key) {
                Some((_, shape)) => self.keys(child, &child_ptr, *shape),
                None => {
                    // A near miss of a known key is a typo that changes the client (a misspelled
                    // `requestBody` drops the body); any other key is ignored by every tool.
                    let near = closest(key, known.iter().map(|(name, _)| *name));
                    let rule = if near.is_some() {
                        Rule::Structure
                    } else {
                        Rule::UnknownKey
                    };
                    let hint = near
                        .map(|name| format!("; did you mean `{name}`?"))
                        .unwrap_or_else(|| "; extensions must start with `x-`".to_owned());
                    self.report_as(
                        rule,
                        &child_ptr,
                        format!(
                            "unknown key `{key}` in {} object (it would be silently ignored){hint}",
                            kind_name(kind)
                        ),
                    );
                }
            }
        }
    }
}

/// The known key closest to a misspelled one (same letters ignoring case, or at most two edits).
fn closest<'k>(key: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let lower = key.to_ascii_lowercase();
    known
        .map(|name| (edit_distance(&lower, &name.to_ascii_lowercase()), name))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}
