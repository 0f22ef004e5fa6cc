//! Schemas typify cannot read as written, reshaped without losing a value.
//!
//! - A string enum with numbers among its values (`enum: [1, "2"]`) has them as strings: typify
//!   refuses the number, and the wire carries the string either way once typed as `string`.
//! - A value listed twice is listed once.
//! - When typify would give two values the same Rust name (`Etc/GMT+0`, `Etc/GMT-0`), or a value
//!   would be named `Unknown` (the generator's variant for values a client does not know yet),
//!   every value is given a distinct name spelled from its characters (`EtcGmtPlus0`,
//!   `EtcGmtMinus0`, `UnknownValue`). typify sees those names as the values; the generator puts
//!   the real values back (`generate::enum_names`).
//! - `format` on an object schema (`format: json`) is dropped: it means nothing to an object,
//!   and typify cannot generate one with it.
//! - A `pattern` the generated client cannot compile (`(?i)abc`, a backreference) is dropped:
//!   the client would panic compiling it. Lint reports it (an error there, a warning in `gen`).

use std::collections::BTreeSet;

use serde_json::Value;

use super::names::type_name;

/// A string enum whose variants the generator names: `(name, value)` in value order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedEnum {
    pub variants: Vec<(String, String)>,
}

/// Applies every reshaping above to the schemas of `doc`; returns the enums it named.
pub fn tidy(doc: &mut Value) -> Vec<NamedEnum> {
    let mut named = Vec::new();
    crate::lower::walk::schemas(doc, &mut |schema| {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        let object = map.get("type").and_then(Value::as_str) == Some("object")
            || map.contains_key("properties");
        if object {
            map.remove("format");
        }
        let pattern = map.get("pattern").and_then(Value::as_str);
        if pattern.is_some_and(|p| payspec_pattern::Pattern::new(p).is_err()) {
            map.remove("pattern");
        }
        if map.get("type").and_then(Value::as_str) != Some("string") {
            return;
        }
        let Some(Value::Array(mut values)) = map.remove("enum") else {
            return;
        };
        let mut seen = BTreeSet::new();
        let mut strings = Vec::new();
        // `null` among the values means the field may be null; typify would otherwise wrap the
        // enum in an `Option` newtype of the enum's own name.
        if values.iter().any(Value::is_null) {
            values.retain(|v| !v.is_null());
            map.insert("nullable".to_owned(), Value::Bool(true));
        }
        for value in values.drain(..) {
            let value = match value {
                Value::Number(n) => Value::String(n.to_string()),
                Value::Bool(b) => Value::String(b.to_string()),
                other => other,
            };
            if seen.insert(value.to_string()) {
                strings.push(value);
            }
        }
        let texts: Vec<&str> = strings.iter().filter_map(Value::as_str).collect();
        if let Some(variants) = names_needed(&texts) {
            // typify drops a value that fails the string's own checks; the names would.
            for check in ["pattern", "minLength", "maxLength"] {
                map.remove(check);
            }
            for value in &mut strings {
                if let Some(text) = value.as_str() {
                    let name = &variants.iter().find(|(_, v)| v == text).expect("named").0;
                    *value = Value::String(name.clone());
                }
            }
            named.push(NamedEnum { variants });
        }
        map.insert("enum".to_owned(), Value::Array(strings));
    });
    named
}

/// Names for `values` when typify's own would collide or include `Unknown`, else `None`.
fn names_needed(values: &[&str]) -> Option<Vec<(String, String)>> {
    let typify = |spell: &dyn Fn(&str) -> String| -> Vec<String> {
        values.iter().map(|v| type_name(&spell(v))).collect()
    };
    let plain = typify(&|v| v.to_owned());
    let marked = typify(&|v| v.replace(|c: char| c == '_' || !c.is_alphanumeric(), "X"));
    let fine = |names: &[String]| {
        names.iter().collect::<BTreeSet<_>>().len() == names.len()
            && !names.iter().any(|n| n == "Unknown")
    };
    if fine(&plain) || (has_duplicates(&plain) && fine(&marked)) {
        return None;
    }
    let mut taken = BTreeSet::from(["Unknown".to_owned()]);
    let variants = values
        .iter()
        .map(|value| {
            let base = match type_name(&spelled(value)) {
                name if name == "Unknown" => "UnknownValue".to_owned(),
                name => name,
            };
            let name = (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}{n}")
                    }
                })
                .find(|candidate| !taken.contains(candidate))
                .expect("some number is free");
            taken.insert(name.clone());
            (name, (*value).to_owned())
        })
        .collect();
    Some(variants)
}

fn has_duplicates(names: &[String]) -> bool {
    names.iter().collect::<BTreeSet<_>>().len() != names.len()
}

/// `value` with each symbol that tells values apart written as a word, other symbols as word
/// breaks: `Etc/GMT+0` → `Etc GMT Plus 0`.
fn spelled(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        let word = match c {
            '+' => "Plus",
            '-' => "Minus",
            '.' => "Dot",
            '*' => "Star",
            '&' => "And",
            '@' => "At",
            '#' => "Hash",
            '%' => "Percent",
            '=' => "Equals",
            ':' => "Colon",
            '<' => "Less",
            '>' => "Greater",
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "",
        };
        out.push(' ');
        out.push_str(word);
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tidied(schema: Value) -> (Value, Vec<NamedEnum>) {
        let mut doc = json!({"components": {"schemas": {"S": schema}}});
        let named = tidy(&mut doc);
        (doc["components"]["schemas"]["S"].clone(), named)
    }

    #[test]
    fn null_among_the_values_makes_the_enum_nullable() {
        let (schema, _) = tidied(json!({"type": "string", "enum": ["weekly", null]}));
        assert_eq!(schema["enum"], json!(["weekly"]));
        assert_eq!(schema["nullable"], json!(true));
    }

    #[test]
    fn colliding_values_get_names_spelled_from_their_symbols() {
        let (schema, named) =
            tidied(json!({"type": "string", "enum": ["Etc/GMT+0", "Etc/GMT-0", "UTC"]}));
        assert_eq!(
            schema["enum"],
            json!(["EtcGmtPlus0", "EtcGmtMinus0", "Utc"])
        );
        assert_eq!(
            named[0].variants[1],
            ("EtcGmtMinus0".into(), "Etc/GMT-0".into())
        );
    }

    #[test]
    fn numbers_become_strings_and_duplicates_go() {
        let (schema, named) = tidied(json!({"type": "string", "enum": [1, "2", "2", 1]}));
        assert_eq!(schema["enum"], json!(["1", "2"]));
        assert!(named.is_empty());
    }

    #[test]
    fn a_value_named_unknown_is_renamed_and_the_string_checks_go() {
        let (schema, named) = tidied(json!({
            "type": "string", "pattern": "^[A-Z]+$", "maxLength": 7, "enum": ["KNOWN", "UNKNOWN"]
        }));
        assert_eq!(
            schema,
            json!({"type": "string", "enum": ["Known", "UnknownValue"]})
        );
        assert_eq!(named.len(), 1);
    }

    #[test]
    fn a_pattern_the_client_cannot_compile_is_dropped() {
        let (schema, _) = tidied(json!({"type": "string", "pattern": "(?i)abc"}));
        assert_eq!(schema, json!({"type": "string"}));
    }

    #[test]
    fn objects_lose_their_format() {
        let (schema, _) = tidied(json!({"type": "object", "format": "json"}));
        assert_eq!(schema, json!({"type": "object"}));
    }
}
