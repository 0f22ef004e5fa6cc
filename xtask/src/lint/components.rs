//! Components nothing uses: a schema no `$ref` names, a security scheme no requirement names.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Linter, Rule};
use crate::preflight::METHODS;
use crate::yaml::escape_token;

impl Linter<'_> {
    pub(super) fn unused_components(&mut self) {
        let mut referenced = BTreeSet::new();
        collect_refs(&self.doc.value, &mut referenced);
        let security: BTreeSet<String> = security_names(&self.doc.value);
        let Some(components) = self.doc.value.get("components").and_then(Value::as_object) else {
            return;
        };
        for (section, entries) in components {
            for name in entries
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, _)| name)
            {
                let pointer = format!("/components/{section}/{}", escape_token(name));
                let used = if section == "securitySchemes" {
                    security.contains(name)
                } else {
                    referenced.contains(&format!("#{pointer}"))
                };
                if !used {
                    self.report(
                        Rule::UnusedComponent,
                        &pointer,
                        format!("`{section}/{name}` is never referenced; remove it or use it"),
                    );
                }
            }
        }
    }
}

fn collect_refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str) {
                out.insert(target.to_owned());
            }
            map.values().for_each(|child| collect_refs(child, out));
        }
        Value::Array(items) => items.iter().for_each(|child| collect_refs(child, out)),
        _ => {}
    }
}

/// Names used in `security` requirements, at the top level or per operation.
fn security_names(value: &Value) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |requirements: Option<&Value>| {
        for requirement in requirements.and_then(Value::as_array).into_iter().flatten() {
            names.extend(
                requirement
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, _)| name.clone()),
            );
        }
    };
    add(value.get("security"));
    for item in value
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(_, item)| item)
    {
        for method in METHODS {
            add(item.get(method).and_then(|op| op.get("security")));
        }
    }
    names
}
