//! One schema flattened into fields by dotted path, following `$ref`s, merging the members of
//! an `allOf`, and marking `oneOf`/`anyOf` alternatives as `<Variant>`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// What a field or parameter promises.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    /// Required where it sits; the body root and each `oneOf`/`anyOf` alternative count as required.
    pub required: bool,
    pub kind: Option<String>,
    pub format: Option<String>,
    pub nullable: bool,
    pub values: Option<BTreeSet<String>>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<String>,
    pub maximum: Option<String>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub multiple_of: Option<String>,
    /// OpenAPI 3.0's `exclusiveMinimum: true` / `exclusiveMaximum: true`.
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    /// `default`, as JSON text.
    pub default: Option<String>,
    pub read_only: bool,
    pub write_only: bool,
    /// The values come from `x-extensible-enum`: the set is declared open.
    pub extensible: bool,
    pub deprecated: bool,
    /// `x-sunset`: the date (`YYYY-MM-DD`) after which a deprecated item may go.
    pub sunset: Option<String>,
}

pub(super) struct Flattener<'a> {
    doc: &'a Value,
}

impl<'a> Flattener<'a> {
    pub(super) fn new(doc: &'a Value) -> Self {
        Flattener { doc }
    }

    pub(super) fn resolve(&self, value: &'a Value) -> &'a Value {
        crate::yaml::resolve(self.doc, value)
    }

    pub(super) fn field(&self, schema: &Value, required: bool) -> Field {
        let text = |key: &str| {
            schema
                .get(key)
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        };
        let flag = |key: &str| schema.get(key) == Some(&Value::Bool(true));
        Field {
            required,
            kind: text("type")
                .or_else(|| self.all_of_object(schema))
                .or_else(|| {
                    ["oneOf", "anyOf", "allOf"]
                        .iter()
                        .find(|k| schema.get(**k).is_some())
                        .map(|k| (*k).to_owned())
                }),
            format: text("format"),
            nullable: flag("nullable"),
            values: schema
                .get("enum")
                .or_else(|| schema.get("x-extensible-enum"))
                .and_then(Value::as_array)
                .map(|values| {
                    values
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect()
                }),
            extensible: schema.get("enum").is_none() && schema.get("x-extensible-enum").is_some(),
            min_length: schema.get("minLength").and_then(Value::as_u64),
            max_length: schema.get("maxLength").and_then(Value::as_u64),
            minimum: text("minimum"),
            maximum: text("maximum"),
            pattern: text("pattern"),
            min_items: schema.get("minItems").and_then(Value::as_u64),
            max_items: schema.get("maxItems").and_then(Value::as_u64),
            unique_items: flag("uniqueItems"),
            multiple_of: text("multipleOf"),
            exclusive_minimum: flag("exclusiveMinimum"),
            exclusive_maximum: flag("exclusiveMaximum"),
            default: schema.get("default").map(Value::to_string),
            read_only: flag("readOnly"),
            write_only: flag("writeOnly"),
            deprecated: flag("deprecated"),
            sunset: text("x-sunset"),
        }
    }

    /// `object` for an `allOf` of object schemas (their properties are merged at one path).
    fn all_of_object(&self, schema: &Value) -> Option<String> {
        let members = schema.get("allOf")?.as_array()?;
        members
            .iter()
            .map(|m| self.resolve(m))
            .any(|m| m.get("type") == Some(&Value::from("object")) || m.get("properties").is_some())
            .then(|| "object".to_owned())
    }

    /// Records `schema` at `path` and its properties below it.
    pub(super) fn flatten(
        &self,
        schema: &'a Value,
        path: &str,
        required: bool,
        out: &mut BTreeMap<String, Field>,
        depth: usize,
    ) {
        let schema = self.resolve(schema);
        if depth > 12 {
            return;
        }
        // `allOf: [{$ref}]` wraps one schema (a common way to document a `$ref`).
        if let Some([only]) = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            let mut field = self.field(self.resolve(only), required);
            field.nullable |= schema.get("nullable") == Some(&Value::Bool(true));
            out.insert(path.to_owned(), field);
            return self.flatten_children(self.resolve(only), path, &BTreeSet::new(), out, depth);
        }
        out.insert(path.to_owned(), self.field(schema, required));
        self.flatten_children(schema, path, &BTreeSet::new(), out, depth);
    }

    fn flatten_children(
        &self,
        schema: &'a Value,
        path: &str,
        inherited: &BTreeSet<String>,
        out: &mut BTreeMap<String, Field>,
        depth: usize,
    ) {
        let mut required: BTreeSet<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        required.extend(inherited.iter().cloned());
        for (name, property) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            self.flatten(
                property,
                &join(path, name),
                required.contains(name),
                out,
                depth + 1,
            );
        }
        // The members of a several-schema `allOf` all describe the value at `path`.
        for member in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            // A name listed as required beside the `allOf` applies to the members' properties.
            self.flatten_children(self.resolve(member), path, &required, out, depth + 1);
        }
        if let Some(items) = schema.get("items") {
            self.flatten(items, &format!("{path}[]"), true, out, depth + 1);
        }
        for keyword in ["oneOf", "anyOf"] {
            for (i, variant) in schema
                .get(keyword)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let name = variant
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.rsplit('/').next())
                    .map_or_else(|| i.to_string(), str::to_owned);
                self.flatten(variant, &format!("{path}<{name}>"), true, out, depth + 1);
            }
        }
    }
}

/// `path.name`, or `name` at the root.
fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}
