//! The last guard against two generated types with one name: typify derives names for inline
//! schemas, and a clash the codegen view did not foresee would give a crate that does not
//! compile. It becomes an error at the schema whose name is taken.

use std::collections::BTreeMap;

use serde_json::Value;
use syn::Item;

use super::strict::module_items;
use crate::spec::names::type_name;
use crate::yaml::escape_token;

/// An error for each type name defined twice in `types`, at the component named so (or at the
/// whole document when none is).
pub fn duplicates(file: &syn::File, document: &Value) -> Vec<(String, String)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in module_items(file, "types") {
        let name = match item {
            Item::Struct(s) => &s.ident,
            Item::Enum(e) => &e.ident,
            Item::Type(t) => &t.ident,
            _ => continue,
        };
        *counts.entry(name.to_string()).or_default() += 1;
    }
    let components = document
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    counts
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(name, count)| {
            let component = components
                .into_iter()
                .flat_map(|schemas| schemas.keys())
                .find(|key| type_name(key) == name);
            let pointer = component
                .map(|key| format!("/components/schemas/{}", escape_token(key)))
                .unwrap_or_default();
            let message = format!(
                "{count} generated types would be named `{name}` (a schema's name and a name derived \
                 for an inline schema of another): rename this schema, or move the inline schema \
                 into a component of its own"
            );
            (pointer, message)
        })
        .collect()
}
