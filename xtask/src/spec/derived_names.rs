//! Inline property schemas whose derived type name would clash with another type.
//!
//! typify names the type of an inline property schema after the object holding it and the
//! property: `status` of `capture` becomes `CaptureStatus`. It merges `allOf` members into one
//! object first, so a property inherited from a referenced member is named after the inheriting
//! object. PayPal's `capture` is `allOf: [$ref capture_status, ...]` where `capture_status` has an
//! inline `status` enum, and the component `capture_status` is itself `CaptureStatus`: typify
//! writes two types of that name and the crate does not compile. Each such property schema moves
//! into a component of its own, named after where it is written (`CaptureStatusStatus`), so every
//! object holding it refers to one type.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToPascalCase;
use serde_json::{Value, json};

use super::names::type_name;
use super::status_enums::{Names, schemas};
use crate::yaml::escape_token as escape;

/// Removes each `title` that would name a type that already exists. typify names an inline
/// schema after its title, and the inner type of a nullable component too, while the component
/// itself is named after its key: Plaid's `AccountSubtype`, nullable and titled `AccountSubtype`,
/// would be two types of one name, as would its many inline copies titled like components.
/// Component titles go (the key names the type); an inline schema keeps the first use of a free
/// title and is otherwise named after where it sits.
pub fn drop_clashing_titles(doc: &mut Value) {
    let Some(components) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mut taken: BTreeSet<String> = components.keys().map(|name| type_name(name)).collect();
    for schema in components.values_mut().filter_map(Value::as_object_mut) {
        schema.remove("title");
    }
    crate::lower::walk::schemas(doc, &mut |schema| {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        let Some(title) = map.get("title").and_then(Value::as_str) else {
            return;
        };
        if !taken.insert(type_name(title)) {
            map.remove("title");
        }
    });
}

/// Moves the schema of each nullable component built from alternatives or merged members
/// (`anyOf`, `oneOf`, an `allOf` that merges) into a component `<Name>Value`, leaving `<Name>` a
/// nullable reference to it. typify gives that schema's type the name of the `Option` newtype it
/// writes for the nullable component: two types of one name (Plaid's
/// `AccountProductAccessNullable`, Stripe's `schedule` of a subscription once moved out).
pub fn split_nullable_composites(doc: &mut Value, names: &mut Names) {
    let merged: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, schema)| schema.get("nullable") == Some(&Value::Bool(true)))
        .filter(|(_, schema)| {
            schema.get("anyOf").is_some() || schema.get("oneOf").is_some() || merges(schema)
        })
        .map(|(name, _)| name.clone())
        .collect();
    for name in merged {
        let value = names.claim(format!("{}Value", type_name(&name)));
        let components = schemas(doc);
        let Some(mut object) = components.remove(&name) else {
            continue;
        };
        if let Some(map) = object.as_object_mut() {
            map.remove("nullable");
        }
        let mut reference = json!({
            "allOf": [{"$ref": format!("#/components/schemas/{value}")}],
            "nullable": true,
        });
        if let Some(description) = object.get("description") {
            reference["description"] = description.clone();
        }
        components.insert(name, reference);
        components.insert(value, object);
    }
}

/// An inline property schema typify would name: where it is written and the name it would get.
struct Derived {
    /// JSON pointer to the property's schema.
    pointer: String,
    /// The component the property is written in, and the property's name.
    home: (String, String),
    /// The type name typify derives for it in the object being generated.
    name: String,
}

/// Moves every inline property schema whose derived name clashes (with a component's type or
/// with another derived name) into a new component, and refers to it from where it was.
pub fn hoist_clashing(doc: &mut Value, names: &mut Names) {
    let derived = derived_names(doc);
    let components: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|schemas| schemas.keys())
        .map(|name| type_name(name))
        .collect();
    let mut sources_by_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in &derived {
        sources_by_name
            .entry(d.name.as_str())
            .or_default()
            .insert(d.pointer.as_str());
    }
    let clashing: BTreeMap<&str, &(String, String)> = derived
        .iter()
        .filter(|d| components.contains(&d.name) || sources_by_name[d.name.as_str()].len() > 1)
        .map(|d| (d.pointer.as_str(), &d.home))
        .collect();
    for d in derived
        .iter()
        .filter(|d| !clashing.contains_key(d.pointer.as_str()))
    {
        names.reserve(&d.name);
    }
    for (pointer, (component, property)) in clashing {
        let Some(schema) = doc.pointer_mut(pointer).map(Value::take) else {
            continue;
        };
        let wanted = format!("{}{}", type_name(component), property.to_pascal_case());
        let name = names.claim(wanted);
        schemas(doc).insert(name.clone(), schema);
        if let Some(place) = doc.pointer_mut(pointer) {
            *place = json!({ "$ref": format!("#/components/schemas/{name}") });
        }
    }
}

/// Every inline property schema typify would name, once for each component whose generated
/// type holds it (its own properties and those merged in through `allOf`).
fn derived_names(doc: &Value) -> Vec<Derived> {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut derived = Vec::new();
    for (owner, schema) in schemas {
        let mut found = Vec::new();
        let base = format!("/components/schemas/{}", escape(owner));
        collect(doc, owner, schema, &base, &mut BTreeSet::new(), &mut found);
        derived.extend(found.into_iter().map(|(pointer, home)| Derived {
            name: format!("{}{}", type_name(owner), home.1.to_pascal_case()),
            pointer,
            home,
        }));
    }
    derived
}

/// Adds to `found` each named inline property of `schema` (written in component `home` at
/// `pointer`) and of the `allOf` members it merges, following `$ref` members once each: the
/// property schema's pointer, and its component and property name.
fn collect(
    doc: &Value,
    home: &str,
    schema: &Value,
    pointer: &str,
    seen: &mut BTreeSet<String>,
    found: &mut Vec<(String, (String, String))>,
) {
    for (property, child) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if is_named(child) {
            let at = format!("{pointer}/properties/{}", escape(property));
            found.push((at, (home.to_owned(), property.clone())));
        }
    }
    let members = schema.get("allOf").and_then(Value::as_array);
    for (index, member) in members.into_iter().flatten().enumerate() {
        let referenced = member
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"));
        match referenced {
            Some(name) if seen.insert(name.to_owned()) => {
                let Some(target) = doc.pointer("/components/schemas").and_then(|s| s.get(name))
                else {
                    continue;
                };
                let at = format!("/components/schemas/{}", escape(name));
                collect(doc, name, target, &at, seen, found);
            }
            Some(_) => {}
            None => collect(
                doc,
                home,
                member,
                &format!("{pointer}/allOf/{index}"),
                seen,
                found,
            ),
        }
    }
}

/// Whether typify gives `schema`, as a property, a type of its own named after the property.
fn is_named(schema: &Value) -> bool {
    if schema.get("$ref").is_some() {
        return false;
    }
    let has = |key: &str| schema.get(key).is_some();
    let constrained_string = schema.get("type").and_then(Value::as_str) == Some("string")
        && (has("pattern") || has("minLength") || has("maxLength"));
    has("enum")
        || has("properties")
        || has("oneOf")
        || has("anyOf")
        || merges(schema)
        || constrained_string
}

/// Whether `schema` merges `allOf` members into a type of its own: `allOf: [$ref]` beside
/// documentation keys is the referenced type itself.
fn merges(schema: &Value) -> bool {
    schema
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|all| all.len() > 1 || all.iter().any(|m| m.get("$ref").is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inherited_enum_named_like_a_component_moves_to_its_own_component() {
        let mut doc = json!({"components": {"schemas": {
            "capture_status": {"type": "object", "properties": {
                "status": {"type": "string", "enum": ["COMPLETED", "PENDING"]}}},
            "capture": {"allOf": [{"$ref": "#/components/schemas/capture_status"},
                {"properties": {"id": {"type": "string"}}}]}
        }}});
        let mut names = Names::of(&doc);
        hoist_clashing(&mut doc, &mut names);
        assert_eq!(
            doc.pointer("/components/schemas/capture_status/properties/status"),
            Some(&json!({"$ref": "#/components/schemas/CaptureStatusStatus"}))
        );
        assert_eq!(
            doc.pointer("/components/schemas/CaptureStatusStatus/enum"),
            Some(&json!(["COMPLETED", "PENDING"]))
        );
    }

    #[test]
    fn an_inline_title_naming_a_taken_type_is_dropped_and_a_free_one_kept() {
        let mut doc = json!({"components": {"schemas": {
            "AccountSubtype": {"type": "string", "title": "AccountSubtype", "enum": ["cd"]},
            "Account": {"type": "object", "properties": {
                "subtype": {"type": "string", "title": "AccountSubtype", "enum": ["cd"]},
                "kind": {"type": "string", "title": "AccountKind", "enum": ["a"]}}}
        }}});
        drop_clashing_titles(&mut doc);
        let account = &doc["components"]["schemas"]["Account"]["properties"];
        assert_eq!(account["subtype"].get("title"), None);
        assert_eq!(account["kind"]["title"], "AccountKind");
        assert_eq!(
            doc["components"]["schemas"]["AccountSubtype"].get("title"),
            None
        );
    }

    #[test]
    fn a_nullable_merge_refers_to_its_object_under_a_name_of_its_own() {
        let mut doc = json!({"components": {"schemas": {
            "Access": {"type": "object", "properties": {"data": {"type": "boolean"}}},
            "AccessNullable": {"nullable": true, "description": "Access, or null.",
                "allOf": [{"$ref": "#/components/schemas/Access"},
                    {"type": "object", "additionalProperties": true}]}
        }}});
        let mut names = Names::of(&doc);
        split_nullable_composites(&mut doc, &mut names);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["AccessNullable"],
            json!({"allOf": [{"$ref": "#/components/schemas/AccessNullableValue"}],
                "nullable": true, "description": "Access, or null."})
        );
        assert_eq!(
            schemas["AccessNullableValue"]["allOf"][0]["$ref"],
            "#/components/schemas/Access"
        );
        assert_eq!(schemas["AccessNullableValue"].get("nullable"), None);
    }

    #[test]
    fn properties_whose_names_are_free_stay_inline() {
        let written = json!({"components": {"schemas": {
            "refund": {"type": "object", "properties": {
                "status": {"type": "string", "enum": ["COMPLETED"]},
                "note": {"type": "string", "maxLength": 10}}}
        }}});
        let mut doc = written.clone();
        let mut names = Names::of(&doc);
        hoist_clashing(&mut doc, &mut names);
        assert_eq!(doc, written);
    }
}
