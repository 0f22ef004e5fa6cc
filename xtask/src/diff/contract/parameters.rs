//! Parameter changes (path, query, header, cookie): the field rules on the request side, plus
//! deprecation; header names compare case-insensitively.

use std::collections::BTreeMap;

use super::schemas::fields;
use super::{Changes, Level, Side, sunset};
use crate::diff::surface::Field;

/// Parameters removed, added and changed, keyed by `in name`.
pub(super) fn compare(
    changes: &mut Changes,
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
) {
    for (key, before) in old {
        if let Some(after) = new.get(key) {
            if before.deprecated != after.deprecated {
                let (what, why) = sunset::deprecation(after.deprecated, after.sunset.as_deref());
                changes.push(Level::Info, format!("parameter `{key}` {what}"), &why);
            }
        }
    }
    fields(
        changes,
        Side::Parameter,
        "parameter",
        &respelled(old, new),
        new,
    );
}

/// `old` with each header parameter spelled as in `new` when only its case differs: header
/// names are case-insensitive, so `X-Trace` → `x-trace` is no change.
fn respelled(
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
) -> BTreeMap<String, Field> {
    old.iter()
        .map(|(key, field)| {
            let same = |k: &&String| k.starts_with("header ") && k.eq_ignore_ascii_case(key);
            let key = match new.keys().find(same) {
                Some(spelled) if !new.contains_key(key) => spelled.clone(),
                _ => key.clone(),
            };
            (key, field.clone())
        })
        .collect()
}
