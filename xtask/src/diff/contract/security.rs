//! Security changes: the schemes a spec declares (a scheme nothing uses can go; a changed
//! token URL or key name breaks configured clients) and the requirements of each operation.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Changes, Level};
use crate::diff::surface::Surface;

/// Schemes removed, changed and added.
pub(super) fn schemes(changes: &mut Changes, base: &Surface, head: &Surface) {
    let used = |name: &str| {
        base.operations.values().any(|op| {
            op.security
                .iter()
                .any(|requirement| requirement.split('+').any(|n| n == name))
        })
    };
    for (name, scheme) in &base.security {
        match head.security.get(name) {
            None if used(name) => {
                changes.push(
                    Level::Breaking,
                    format!("security scheme `{name}` removed"),
                    "requests authenticated with it are refused",
                );
            }
            None => {
                changes.push(
                    Level::NonBreaking,
                    format!("security scheme `{name}` removed"),
                    "no operation required it, so no caller used it",
                );
            }
            Some(new) => settings(changes, name, scheme, new),
        }
    }
    for name in head
        .security
        .keys()
        .filter(|n| !base.security.contains_key(*n))
    {
        changes.push(
            Level::Info,
            format!("security scheme `{name}` added"),
            "a new way to authenticate is described",
        );
    }
}

/// One scheme's settings, compared leaf by leaf (`/flows/clientCredentials/tokenUrl`).
fn settings(changes: &mut Changes, name: &str, old: &Value, new: &Value) {
    let (old, new) = (leaves(old), leaves(new));
    let pointers: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for pointer in pointers {
        let (before, after) = (old.get(pointer), new.get(pointer));
        if before == after {
            continue;
        }
        let show = |v: Option<&String>| v.map_or("none", String::as_str).to_owned();
        let what = format!(
            "security scheme `{name}`: `{pointer}` {} → {}",
            show(before),
            show(after)
        );
        let (level, why) = if pointer == "/bearerFormat" {
            (Level::Info, "documents the token only")
        } else if pointer.contains("/scopes/") && before.is_none() {
            (Level::NonBreaking, "a new scope callers may ask for")
        } else if pointer.contains("/scopes/") {
            (
                Level::Breaking,
                "tokens asking for the removed scope are refused",
            )
        } else {
            (
                Level::Breaking,
                "clients configured with the old setting (token URL, key name, scheme) no longer authenticate",
            )
        };
        changes.push(level, what, why);
    }
}

fn leaves(value: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(value, String::new(), &mut out);
    out
}

fn walk(value: &Value, pointer: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                walk(child, format!("{pointer}/{key}"), out);
            }
        }
        other => {
            out.insert(pointer, other.to_string());
        }
    }
}

/// One operation's accepted ways to authenticate (`+`-joined scheme names; empty = anonymous).
pub(super) fn requirements(changes: &mut Changes, old: &BTreeSet<String>, new: &BTreeSet<String>) {
    let open = |set: &BTreeSet<String>| set.is_empty() || set.contains("");
    if open(new) && !open(old) {
        changes.push(
            Level::NonBreaking,
            "authentication no longer required".into(),
            "request side widened: credentials callers send are not needed",
        );
        return;
    }
    if open(old) && !open(new) {
        changes.push(
            Level::Breaking,
            "authentication now required".into(),
            "request side narrowed: anonymous calls are refused",
        );
        return;
    }
    let show = |r: &String| r.replace('+', " and ");
    for gone in old.difference(new) {
        changes.push(
            Level::Breaking,
            format!("security requirement `{}` removed", show(gone)),
            "request side narrowed: callers authenticating that way are refused",
        );
    }
    for added in new.difference(old) {
        changes.push(
            Level::NonBreaking,
            format!("security requirement `{}` added", show(added)),
            "request side widened: one more way to authenticate",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(old: &[&str], new: &[&str]) -> Vec<Level> {
        let mut changes = Changes {
            out: Vec::new(),
            operation: None,
        };
        let set = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        requirements(&mut changes, &set(old), &set(new));
        changes.out.into_iter().map(|c| c.level).collect()
    }

    #[test]
    fn requirements_follow_the_direction() {
        assert_eq!(run(&[], &["oauth"]), [Level::Breaking]);
        assert_eq!(run(&["oauth"], &[]), [Level::NonBreaking]);
        assert_eq!(run(&["oauth", "key"], &["oauth"]), [Level::Breaking]);
        assert_eq!(run(&["oauth"], &["oauth", "key"]), [Level::NonBreaking]);
        assert!(run(&["oauth"], &["oauth"]).is_empty());
    }
}
