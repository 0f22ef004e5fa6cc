//! Parameters of one operation whose Rust names would be the same.
//!
//! progenitor names a parameter's builder method and field after the parameter in snake_case, so
//! Twilio's `StartTime`, `StartTime<` and `StartTime>` (before and after bounds) would all be
//! `start_time`, and the crate would not compile. Each such parameter but the plainest is renamed
//! in the codegen view with its symbols spelled (`StartTimeBefore`, `StartTimeAfter`); the
//! generator writes the name as documented back where the request is built.

use std::collections::BTreeSet;

use heck::ToSnakeCase;
use serde_json::Value;

use super::errors::{operation_id, operation_pointers};
use crate::yaml::resolve;

/// A query or header parameter renamed for its builder method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenamedParameter {
    /// The operation's `operationId`.
    pub operation_id: String,
    /// The name the provider reads, e.g. `StartTime<`.
    pub wire: String,
    /// The name the view gave it, e.g. `StartTimeBefore`.
    pub name: String,
}

/// Renames each operation-level query or header parameter whose snake_case name another of the
/// operation's parameters already has.
pub fn spell_colliding(doc: &mut Value) -> Vec<RenamedParameter> {
    let mut renamed = Vec::new();
    for pointer in operation_pointers(doc) {
        let list = format!("{pointer}/parameters");
        let Some(parameters) = doc.pointer(&list).and_then(Value::as_array) else {
            continue;
        };
        let item = pointer.rsplit_once('/').map_or("", |(item, _)| item);
        let inherited = doc
            .pointer(&format!("{item}/parameters"))
            .and_then(Value::as_array);
        let names = |list: &Vec<Value>| -> Vec<String> {
            list.iter()
                .map(|p| {
                    resolve(doc, p)["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect()
        };
        let own = names(parameters);
        // Plain names first, so `StartTime` keeps its name and `StartTime<` is the one spelled.
        let mut order: Vec<usize> = (0..own.len()).collect();
        order.sort_by_key(|&i| own[i].chars().any(|c| !c.is_alphanumeric() && c != '_'));
        let mut taken: BTreeSet<String> = inherited
            .map(names)
            .unwrap_or_default()
            .iter()
            .map(|n| n.to_snake_case())
            .collect();
        let mut renames = Vec::new();
        for index in order {
            let wire = &own[index];
            if taken.insert(wire.to_snake_case()) {
                continue;
            }
            let spelled = spell(wire);
            let name = (1..)
                .map(|n| match n {
                    1 => spelled.clone(),
                    n => format!("{spelled}{n}"),
                })
                .find(|candidate| taken.insert(candidate.to_snake_case()))
                .expect("some number is free");
            renames.push((index, wire.clone(), name));
        }
        if renames.is_empty() {
            continue;
        }
        let id = operation_id(doc, &pointer);
        for (index, wire, name) in renames {
            let mut parameter = resolve(doc, &doc.pointer(&list).expect("listed")[index]).clone();
            let kind = parameter["in"].as_str().unwrap_or_default();
            if !matches!(kind, "query" | "header") {
                continue;
            }
            parameter["name"] = Value::String(name.clone());
            if let Some(slot) = doc.pointer_mut(&format!("{list}/{index}")) {
                *slot = parameter;
            }
            renamed.push(RenamedParameter {
                operation_id: id.clone(),
                wire,
                name,
            });
        }
    }
    renamed
}

/// `wire` with comparison symbols spelled as words: `StartTime<` → `StartTimeBefore`.
fn spell(wire: &str) -> String {
    let mut out = String::new();
    let mut rest = wire;
    while let Some(c) = rest.chars().next() {
        let (word, len) = match rest {
            r if r.starts_with("<=") => ("AtOrBefore", 2),
            r if r.starts_with(">=") => ("AtOrAfter", 2),
            r if r.starts_with("!=") => ("Not", 2),
            _ => match c {
                '<' => ("Before", 1),
                '>' => ("After", 1),
                '=' => ("Equal", 1),
                _ => ("", 0),
            },
        };
        if len == 0 {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        } else {
            out.push('_');
            out.push_str(word);
            rest = &rest[len..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounds_named_like_their_field_are_spelled_and_the_plain_one_kept() {
        let mut doc = json!({"paths": {"/calls": {"get": {"operationId": "ListCall",
        "parameters": [
            {"name": "StartTime<", "in": "query", "schema": {"type": "string"}},
            {"name": "StartTime", "in": "query", "schema": {"type": "string"}},
            {"name": "StartTime>", "in": "query", "schema": {"type": "string"}},
            {"name": "To", "in": "query", "schema": {"type": "string"}}
        ]}}}});
        let renamed = spell_colliding(&mut doc);
        let names: Vec<&str> = doc["paths"]["/calls"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["StartTime_Before", "StartTime", "StartTime_After", "To"]
        );
        assert_eq!(renamed.len(), 2);
        assert_eq!(renamed[0].wire, "StartTime<");
        assert_eq!(renamed[0].operation_id, "ListCall");
    }
}
