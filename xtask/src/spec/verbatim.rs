//! Components marked `x-payspec-verbatim: true`: JSON the client passes on byte for byte
//! instead of reading into a generated type, as `payspec_runtime::RawJson`. PayPal's signature
//! verification needs this: it checks the event exactly as it was delivered, and a typed copy
//! would reorder its fields, drop unknown ones or respell numbers.
//!
//! The key belongs on a component schema (`#/components/schemas/<Name>`), so that every place
//! using the JSON names it by `$ref`; anywhere else, or with another value than `true`, it is a
//! structure error.

use serde_json::Value;

/// The extension key.
pub const KEY: &str = "x-payspec-verbatim";

/// The Rust type verbatim components become.
pub const RUST_TYPE: &str = "::payspec_runtime::RawJson";

/// Empties the schema of every verbatim component of `doc` (the type progenitor would build is
/// replaced anyway, and an empty schema is never split by side), and returns their names.
pub fn blank(doc: &mut Value) -> Vec<String> {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for (name, schema) in schemas.iter_mut() {
        if schema.get(KEY) == Some(&Value::Bool(true)) {
            *schema = serde_json::json!({});
            names.push(name.clone());
        }
    }
    names
}

/// Why the key found at `pointer` (the key's own pointer) with `value` would not be honoured,
/// if it would not.
pub fn misplaced(pointer: &str, value: &Value) -> Option<String> {
    let on_component = pointer
        .strip_suffix(&format!("/{KEY}"))
        .and_then(|schema| schema.strip_prefix("/components/schemas/"))
        .is_some_and(|name| !name.contains('/'));
    if !on_component {
        Some(format!(
            "`{KEY}` belongs on a schema under `components/schemas`, referred to by `$ref`"
        ))
    } else if value != &Value::Bool(true) {
        Some(format!("`{KEY}` must be `true` (or left out), not {value}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_marked_component_is_emptied_and_named() {
        let mut doc = json!({"components": {"schemas": {
            "Event": {"type": "object", KEY: true, "properties": {"id": {"type": "string"}}},
            "Other": {"type": "object", KEY: false},
        }}});
        assert_eq!(blank(&mut doc), ["Event"]);
        assert_eq!(doc["components"]["schemas"]["Event"], json!({}));
        assert_eq!(doc["components"]["schemas"]["Other"]["type"], "object");
    }

    #[test]
    fn the_key_anywhere_but_on_a_component_or_not_true_is_refused() {
        let at = |schema: &str| format!("{schema}/{KEY}");
        assert_eq!(
            misplaced(&at("/components/schemas/Event"), &json!(true)),
            None
        );
        assert!(misplaced(&at("/components/schemas/Bad"), &json!("yes")).is_some());
        assert!(
            misplaced(
                &at("/components/schemas/Outer/properties/inner"),
                &json!(true)
            )
            .is_some()
        );
        assert!(misplaced(&at("/paths/~1refunds/get"), &json!(true)).is_some());
    }
}
