//! Operation-level changes: added, removed, renamed, and the request body's presence.

use super::schemas::{Side, fields};
use super::{Changes, Level};
use crate::diff::surface::Operation;

pub(super) fn label(key: &str, operation: &Operation) -> String {
    format!("{key} ({})", operation.id)
}

pub(super) fn operation(changes: &mut Changes, old: &Operation, new: &Operation) {
    if old.id != new.id {
        changes.push(
            Level::Info,
            format!("operationId `{}` renamed to `{}`", old.id, new.id),
            "the HTTP contract is the same; the generated method is renamed",
        );
    }
    super::parameters::compare(changes, &old.parameters, &new.parameters);
    match (old.body, new.body) {
        (None, Some(true)) => changes.push(
            Level::Breaking,
            "required request body added".into(),
            "existing calls send no body",
        ),
        (None, Some(false)) => changes.push(
            Level::NonBreaking,
            "optional request body added".into(),
            "existing calls may keep sending none",
        ),
        (Some(_), None) => changes.push(
            Level::Breaking,
            "request body removed".into(),
            "existing calls send one the API no longer takes",
        ),
        (Some(false), Some(true)) => changes.push(
            Level::Breaking,
            "request body became required".into(),
            "calls without a body are refused",
        ),
        (Some(true), Some(false)) => changes.push(
            Level::NonBreaking,
            "request body became optional".into(),
            "existing calls still send one",
        ),
        _ => {}
    }
    fields(
        changes,
        Side::Request,
        "request field",
        &old.request,
        &new.request,
    );
    super::responses::statuses(changes, old, new);
}
