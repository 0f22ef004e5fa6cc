//! Response changes: success and error statuses, and the fields of each body.

use super::schemas::{Side, fields};
use super::{Changes, Level};
use crate::diff::surface::Operation;

/// Statuses removed, added, and the fields of those kept.
pub(super) fn statuses(changes: &mut Changes, old: &Operation, new: &Operation) {
    for (status, old_fields) in &old.responses {
        let success = status.starts_with('2');
        match new.responses.get(status) {
            None if success => changes.push(
                Level::Breaking,
                format!("success response `{status}` removed"),
                "callers expecting it get another status",
            ),
            None => changes.push(
                Level::Info,
                format!("response `{status}` removed"),
                "an error status is no longer documented",
            ),
            Some(new_fields) => {
                fields(
                    changes,
                    Side::Response,
                    &format!("`{status}` response field"),
                    old_fields,
                    new_fields,
                );
            }
        }
    }
    for status in new
        .responses
        .keys()
        .filter(|s| !old.responses.contains_key(*s))
    {
        if status.starts_with('2') {
            changes.push(
                Level::NonBreaking,
                format!("success response `{status}` added"),
                "a new outcome callers may see",
            );
        } else {
            changes.push(
                Level::Info,
                format!("response `{status}` added"),
                "an error status is now documented",
            );
        }
    }
}
