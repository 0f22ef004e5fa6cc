//! Parameter changes (path, query, header, cookie).

use std::collections::BTreeMap;

use super::Changes;
use super::schemas::{Side, fields};
use crate::diff::surface::Field;

/// Parameters removed, added and changed, keyed by `in name`.
pub(super) fn compare(
    changes: &mut Changes,
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
) {
    fields(changes, Side::Parameter, "parameter", old, new);
}
