//! Operation-level changes: added, removed (after the deprecation policy), deprecated,
//! renamed, the request body's presence and media types, then each part in its own module.

use super::schemas::fields;
use super::{Changes, Level, Side, parameters, responses, security, sunset};
use crate::diff::surface::{Operation, Surface};

/// Operations removed, added and changed. An operation whose path differs only in its
/// parameters' names (`/items/{id}` → `/items/{itemId}`) is the same URL, compared as one.
pub(super) fn compare(changes: &mut Changes, base: &Surface, head: &Surface) {
    let mut matched = Vec::new();
    for (key, old) in &base.operations {
        changes.operation = Some(label(key, old));
        if let Some(new) = head.operations.get(key) {
            operation(changes, old, new);
            continue;
        }
        let same_url = head
            .operations
            .iter()
            .find(|(k, _)| !base.operations.contains_key(*k) && shape(k) == shape(key));
        match same_url {
            Some((new_key, new)) => {
                matched.push(new_key);
                changes.push(
                    Level::Info,
                    format!("path parameters renamed: `{key}` → `{new_key}`"),
                    "the URL is the same; the generated setters follow the new names",
                );
                operation(changes, &renamed(old, key, new_key), new);
            }
            None => {
                let (level, why) = sunset::removal(old.deprecated, old.sunset.as_deref());
                changes.push(level, "operation removed".into(), &why);
            }
        }
    }
    for (key, new) in head
        .operations
        .iter()
        .filter(|(k, _)| !base.operations.contains_key(*k) && !matched.contains(k))
    {
        changes.operation = Some(label(key, new));
        changes.push(
            Level::NonBreaking,
            "operation added".into(),
            "existing callers are unaffected",
        );
    }
}

/// `GET /items/{}` for `GET /items/{id}`.
fn shape(key: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in key.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if inside => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// `operation` with its path parameters named as in `to`, matched by position in the path.
fn renamed(operation: &Operation, from: &str, to: &str) -> Operation {
    let names = |key: &str| -> Vec<String> {
        key.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
            .collect()
    };
    let mut out = operation.clone();
    for (old, new) in names(from).into_iter().zip(names(to)) {
        if let Some(field) = out.parameters.remove(&format!("path {old}")) {
            out.parameters.insert(format!("path {new}"), field);
        }
    }
    out
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
    // The generated builder refuses to send without a required body.
    let newly_required = new == Some(true);
    changes.push(level, what.into(), why).fails_generated_calls = newly_required;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_differing_in_parameter_names_have_one_shape() {
        assert_eq!(shape("GET /items/{id}/lines/{n}"), "GET /items/{}/lines/{}");
        assert_eq!(shape("GET /items/{id}"), shape("GET /items/{itemId}"));
        assert_ne!(shape("GET /items/{id}"), shape("GET /things/{id}"));
    }
}
