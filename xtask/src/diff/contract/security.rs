//! Security scheme changes.

use super::{Changes, Level};
use crate::diff::surface::Surface;

/// Schemes removed, changed and added.
pub(super) fn compare(changes: &mut Changes, base: &Surface, head: &Surface) {
    for (name, scheme) in &base.security {
        match head.security.get(name) {
            None => changes.push(
                Level::Breaking,
                format!("security scheme `{name}` removed"),
                "requests authenticated with it are refused",
            ),
            Some(new) if new != scheme => changes.push(
                Level::Breaking,
                format!("security scheme `{name}` changed"),
                "existing credentials or signing no longer match",
            ),
            Some(_) => {}
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
