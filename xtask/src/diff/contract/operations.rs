//! Operation-level changes: added, removed (after the deprecation policy), deprecated,
//! renamed, the request body's presence and media types, then each part in its own module.

use super::schemas::fields;
use super::{Changes, Level, Side, parameters, responses, security, sunset};
use crate::diff::surface::{Operation, Surface};

/// Operations removed, added and changed.
pub(super) fn compare(changes: &mut Changes, base: &Surface, head: &Surface) {
    for (key, old) in &base.operations {
        changes.operation = Some(label(key, old));
        match head.operations.get(key) {
            None => {
                let (level, why) = sunset::removal(old.deprecated, old.sunset.as_deref());
                changes.push(level, "operation removed".into(), &why);
            }
            Some(new) => operation(changes, old, new),
        }
    }
    for (key, new) in head
        .operations
        .iter()
        .filter(|(k, _)| !base.operations.contains_key(*k))
    {
        changes.operation = Some(label(key, new));
        changes.push(
            Level::NonBreaking,
            "operation added".into(),
            "existing callers are unaffected",
        );
    }
}

fn label(key: &str, operation: &Operation) -> String {
    format!("{key} ({})", operation.id)
}

fn operation(changes: &mut Changes, old: &Operation, new: &Operation) {
    if old.id != new.id {
        changes.push(
            Level::Info,
            format!("operationId `{}` renamed to `{}`", old.id, new.id),
            "the HTTP contract is the same; the generated method is renamed",
        );
    }
    if old.deprecated != new.deprecated {
        let (what, why) = sunset::deprecation(new.deprecated, new.sunset.as_deref());
        changes.push(Level::Info, format!("operation {what}"), &why);
    }
    security::requirements(changes, &old.security, &new.security);
    parameters::compare(changes, &old.parameters, &new.parameters);
    body(changes, old.body, new.body);
    if old.body.is_some() && new.body.is_some() {
        responses::media(
            changes,
            Side::Request,
            "request body",
            &old.request_media,
            &new.request_media,
        );
    }
    fields(
        changes,
        Side::Request,
        "request field",
        &old.request,
        &new.request,
    );
    responses::statuses(changes, old, new);
}

/// The body's presence: `None` when the operation takes none, else whether it is required.
fn body(changes: &mut Changes, old: Option<bool>, new: Option<bool>) {
    let (level, what, why) = match (old, new) {
        (None, Some(true)) => (
            Level::Breaking,
            "required request body added",
            "request side narrowed: existing calls send no body",
        ),
        (None, Some(false)) => (
            Level::NonBreaking,
            "optional request body added",
            "request side widened: existing calls may keep sending none",
        ),
        (Some(_), None) => (
            Level::Breaking,
            "request body removed",
            "request side narrowed: existing calls send one the API no longer takes",
        ),
        (Some(false), Some(true)) => (
            Level::Breaking,
            "request body became required",
            "request side narrowed: calls without a body are refused",
        ),
        (Some(true), Some(false)) => (
            Level::NonBreaking,
            "request body became optional",
            "request side widened: existing calls still send one",
        ),
        _ => return,
    };
    let change = changes.push(level, what.into(), why);
    change.fails_generated_calls = what.starts_with("required") || what.ends_with("required");
}
