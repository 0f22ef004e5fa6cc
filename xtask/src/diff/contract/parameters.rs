//! Parameter changes (path, query, header, cookie): the field rules on the request side, plus
//! deprecation.

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
    fields(changes, Side::Parameter, "parameter", old, new);
}
