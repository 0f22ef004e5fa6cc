//! Schema changes at each flattened field: presence, required, type, nullability, enums and
//! bounds, each judged by the side it is on.

use std::collections::BTreeMap;

use super::{Changes, Level};
use crate::diff::surface::Field;

/// Where a field lives, which decides how its changes count.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Parameter,
    Request,
    Response,
}

fn name(path: &str) -> String {
    if path.is_empty() {
        "(the body)".into()
    } else {
        format!("`{path}`")
    }
}

pub(super) fn fields(
    changes: &mut Changes,
    side: Side,
    noun: &str,
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
) {
    for (path, before) in old {
        let what = format!("{noun} {}", name(path));
        match (new.get(path), side) {
            (None, Side::Response) => changes.push(
                Level::Breaking,
                format!("{what} removed"),
                "callers reading it get nothing",
            ),
            (None, _) => changes.push(
                Level::Breaking,
                format!("{what} removed"),
                "callers sending it are refused or silently ignored",
            ),
            (Some(after), _) => field(changes, side, &what, before, after),
        }
    }
    for (path, after) in new.iter().filter(|(p, _)| !old.contains_key(*p)) {
        let what = format!("{noun} {} added", name(path));
        match side {
            Side::Response => changes.push_risk(
                Level::NonBreaking,
                what,
                "callers may ignore it",
                "a client that rejects unknown fields fails to parse responses; payspec clients ignore them",
            ),
            _ if after.required => changes.push(Level::Breaking, format!("required {what}"), "existing calls do not send it"),
            _ => changes.push(Level::NonBreaking, what, "existing calls may leave it out"),
        }
    }
}

fn field(changes: &mut Changes, side: Side, what: &str, before: &Field, after: &Field) {
    let input = side != Side::Response;
    let tighter = |why: &str| {
        if input {
            (Level::Breaking, why.to_owned())
        } else {
            (Level::Info, "responses only promise less".to_owned())
        }
    };
    let looser = |why: &str| {
        if input {
            (Level::NonBreaking, why.to_owned())
        } else {
            (
                Level::Breaking,
                "callers may now receive values they do not handle".to_owned(),
            )
        }
    };

    if before.required != after.required {
        let change = if after.required {
            "became required"
        } else {
            "became optional"
        };
        let (level, why) = match (input, after.required) {
            (true, true) => (Level::Breaking, "calls without it are refused"),
            (true, false) => (Level::NonBreaking, "existing calls still send it"),
            (false, true) => (Level::NonBreaking, "callers now always receive it"),
            (false, false) => (Level::Breaking, "callers must handle its absence"),
        };
        changes.push(level, format!("{what}: {change}"), why);
    }
    if before.kind != after.kind || before.format != after.format {
        let show = |f: &Field| {
            format!(
                "{}{}",
                f.kind.clone().unwrap_or_else(|| "any".into()),
                f.format
                    .as_ref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default()
            )
        };
        changes.push(
            Level::Breaking,
            format!("{what}: type {} → {}", show(before), show(after)),
            "values of the old type no longer fit",
        );
    }
    if before.nullable != after.nullable {
        let change = if after.nullable {
            "became nullable"
        } else {
            "is no longer nullable"
        };
        let level = if after.nullable {
            looser("null is now accepted")
        } else {
            tighter("null is refused")
        };
        changes.push(level.0, format!("{what}: {change}"), &level.1);
    }
    if let (Some(old_values), Some(new_values)) = (&before.values, &after.values) {
        for value in old_values.difference(new_values) {
            let (level, why) = tighter("calls sending it are refused");
            let (level, why) = if input {
                (level, why)
            } else {
                (Level::NonBreaking, "callers no longer receive it".into())
            };
            changes.push(level, format!("{what}: enum value `{value}` removed"), &why);
        }
        for value in new_values.difference(old_values) {
            if input {
                changes.push(
                    Level::NonBreaking,
                    format!("{what}: enum value `{value}` added"),
                    "a new value callers may send",
                );
            } else {
                changes.push_risk(
                    Level::NonBreaking,
                    format!("{what}: enum value `{value}` added"),
                    "the contract allows providers to add values",
                    "a client with a closed enum fails to parse responses carrying it; payspec clients keep it as `Unknown`",
                );
            }
        }
    } else if before.values != after.values {
        let change = if after.values.is_some() {
            "now restricted to an enum"
        } else {
            "no longer restricted to an enum"
        };
        let (level, why) = if after.values.is_some() {
            tighter("other values are refused")
        } else {
            looser("any value is accepted")
        };
        changes.push(level, format!("{what}: {change}"), &why);
    }
    bound(
        changes,
        what,
        "maxLength",
        before.max_length,
        after.max_length,
        true,
        input,
    );
    bound(
        changes,
        what,
        "minLength",
        before.min_length,
        after.min_length,
        false,
        input,
    );
    let number = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<f64>().ok());
    bound(
        changes,
        what,
        "maximum",
        number(&before.maximum),
        number(&after.maximum),
        true,
        input,
    );
    bound(
        changes,
        what,
        "minimum",
        number(&before.minimum),
        number(&after.minimum),
        false,
        input,
    );
    if before.pattern != after.pattern {
        let level = match (&after.pattern, input) {
            (Some(_), true) => (Level::Breaking, "values that matched before may be refused"),
            (None, true) => (Level::NonBreaking, "any string is accepted"),
            (_, false) => (Level::Info, "the documented format of responses changed"),
        };
        changes.push(
            level.0,
            format!("{what}: pattern {:?} → {:?}", before.pattern, after.pattern),
            level.1,
        );
    }
}

/// A length or value bound; `upper` says whether lowering it tightens.
fn bound<T: PartialOrd + std::fmt::Debug + Copy>(
    changes: &mut Changes,
    what: &str,
    name: &str,
    before: Option<T>,
    after: Option<T>,
    upper: bool,
    input: bool,
) {
    if before == after {
        return;
    }
    let tightened = match (before, after) {
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(b), Some(a)) => {
            if upper {
                a < b
            } else {
                a > b
            }
        }
        (None, None) => return,
    };
    let show = |v: Option<T>| v.map_or_else(|| "none".to_owned(), |v| format!("{v:?}"));
    let (level, why) = match (tightened, input) {
        (true, true) => (Level::Breaking, "values accepted before may be refused"),
        (false, true) => (Level::NonBreaking, "more values are accepted"),
        (true, false) => (Level::Info, "responses only promise less"),
        (false, false) => (
            Level::Info,
            "responses may carry larger values; check your storage",
        ),
    };
    changes.push(
        level,
        format!("{what}: {name} {} → {}", show(before), show(after)),
        why,
    );
}
