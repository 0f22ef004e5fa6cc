//! Schema changes at each flattened field: presence (with `oneOf`/`anyOf` variants,
//! `readOnly`/`writeOnly` and the body root handled apart), then each field's attributes in
//! `constraints.rs`. A field below an added or removed one is covered by that change.

use std::collections::BTreeMap;

use super::{Changes, Level, Side, constraints, direction, sunset};
use crate::diff::surface::Field;

/// Fields (or parameters, or headers) removed, added and changed, keyed by dotted path.
pub(super) fn fields(
    changes: &mut Changes,
    side: Side,
    noun: &str,
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
) {
    // A readOnly field never travels in a request, a writeOnly one never in a response.
    let travels = |f: &&Field| match side {
        Side::Request => !f.read_only,
        Side::Response => !f.write_only,
        Side::Parameter => true,
    };
    let visible = |map: &BTreeMap<String, Field>| -> BTreeMap<String, Field> {
        map.iter()
            .filter(|(_, f)| travels(f))
            .map(|(p, f)| (p.clone(), f.clone()))
            .collect()
    };
    let (old_visible, new_visible) = (visible(old), visible(new));
    for (path, before) in &old_visible {
        let what = format!("{noun} {}", name(path));
        match new_visible.get(path) {
            Some(after) => constraints::field(changes, side, &what, path.is_empty(), before, after),
            None if path.is_empty() || covered(path, &old_visible, &new_visible) => {}
            None if side == Side::Request && new.contains_key(path) => {
                changes.push(
                    Level::NonBreaking,
                    format!("{what} became read-only"),
                    "the server now ignores it in requests; callers may keep sending it",
                );
            }
            None => removed(changes, side, noun, path, before),
        }
    }
    for (path, after) in &new_visible {
        if old_visible.contains_key(path)
            || path.is_empty()
            || covered(path, &new_visible, &old_visible)
        {
            continue;
        }
        let what = format!("{noun} {}", name(path));
        if let Some((parent, variant)) = variant(path) {
            let (level, why) = direction(side, false);
            let what = format!("{noun} {}: variant `{variant}` added", name(parent));
            changes.push(level, what, why);
        } else if side == Side::Response {
            changes
                .push(
                    Level::NonBreaking,
                    format!("{what} added"),
                    "response side: callers may ignore it",
                )
                .risk = Some(
                "a client that rejects unknown fields fails to parse responses; payspec clients ignore them"
                    .into(),
            );
        } else if after.required {
            let change = changes.push(
                Level::Breaking,
                format!("required {what} added"),
                "request side narrowed: existing calls do not send it",
            );
            change.fails_generated_calls = true;
        } else {
            changes.push(
                Level::NonBreaking,
                format!("{what} added"),
                "request side: existing calls may leave it out",
            );
        }
    }
}

fn removed(changes: &mut Changes, side: Side, noun: &str, path: &str, before: &Field) {
    if let Some((parent, variant)) = variant(path) {
        let (level, why) = direction(side, true);
        let what = format!("{noun} {}: variant `{variant}` removed", name(parent));
        changes.push(level, what, why);
        return;
    }
    let what = format!("{noun} {}", name(path));
    let (level, why) = match side {
        Side::Response if before.required => (
            Level::Breaking,
            "response side: callers reading it get nothing".to_owned(),
        ),
        Side::Response => (
            Level::NonBreaking,
            "response side: it was optional, so callers already handle its absence".to_owned(),
        ),
        Side::Parameter => sunset::removal(before.deprecated, before.sunset.as_deref()),
        Side::Request => (
            Level::Breaking,
            "request side narrowed: callers sending it are refused or silently ignored".to_owned(),
        ),
    };
    changes.push(level, format!("{what} removed"), &why);
}

fn name(path: &str) -> String {
    if path.is_empty() {
        "(the body)".into()
    } else {
        format!("`{path}`")
    }
}

/// The parent path and variant name when `path` is a `oneOf`/`anyOf` alternative itself
/// (`a<Card>`).
fn variant(path: &str) -> Option<(&str, &str)> {
    let inner = path.strip_suffix('>')?;
    let open = inner.rfind('<')?;
    Some((&inner[..open], &inner[open + 1..]))
}

/// Whether a path above `path` is in `here` but not in `there` (added or removed itself).
fn covered(path: &str, here: &BTreeMap<String, Field>, there: &BTreeMap<String, Field>) -> bool {
    let mut above = vec![""];
    for (i, c) in path.char_indices() {
        match c {
            '.' | '[' | '<' => above.push(&path[..i]),
            '>' if i + 1 < path.len() => above.push(&path[..=i]),
            _ => {}
        }
    }
    above
        .into_iter()
        .any(|a| a != path && here.contains_key(a) && !there.contains_key(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_named_by_their_marker() {
        assert_eq!(variant("source<Card>"), Some(("source", "Card")));
        assert_eq!(variant("source<Card>.number"), None);
        assert_eq!(variant("<0>"), Some(("", "0")));
    }

    #[test]
    fn a_field_below_an_added_one_is_covered() {
        let map = |paths: &[&str]| -> BTreeMap<String, Field> {
            paths
                .iter()
                .map(|p| ((*p).to_owned(), Field::default()))
                .collect()
        };
        let old = map(&["", "a"]);
        let new = map(&["", "a", "b", "b.c", "a<X>", "a<X>.y"]);
        assert!(covered("b.c", &new, &old));
        assert!(covered("a<X>.y", &new, &old));
        assert!(!covered("b", &new, &old));
        assert!(!covered("a<X>", &new, &old));
    }
}
