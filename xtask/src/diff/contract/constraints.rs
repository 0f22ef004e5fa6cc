//! One field's attributes, each judged by the direction of the change on its side: required,
//! type and format, nullable, enum values, bounds, pattern, default.

use super::{Changes, Level, Side, direction};
use crate::diff::surface::Field;

/// Every attribute change of one field; `root` is a body root, whose `required` is the body's.
pub(super) fn field(
    changes: &mut Changes,
    side: Side,
    what: &str,
    root: bool,
    before: &Field,
    after: &Field,
) {
    let input = side != Side::Response;
    if before.required != after.required && !root {
        let (level, why) = match (input, after.required) {
            (true, true) => (
                Level::Breaking,
                "request side narrowed: calls without it are refused",
            ),
            (true, false) => (
                Level::NonBreaking,
                "request side widened: existing calls still send it",
            ),
            (false, true) => (
                Level::NonBreaking,
                "response side narrowed: callers now always receive it",
            ),
            (false, false) => (
                Level::Breaking,
                "response side widened: callers must handle its absence",
            ),
        };
        let change = if after.required {
            "became required"
        } else {
            "became optional"
        };
        changes
            .push(level, format!("{what}: {change}"), why)
            .fails_generated_calls = input && after.required;
    }
    kind(changes, side, what, before, after);
    if before.nullable != after.nullable {
        let (level, why) = direction(side, before.nullable);
        let change = if after.nullable {
            "became nullable"
        } else {
            "is no longer nullable"
        };
        changes.push(level, format!("{what}: {change}"), why);
    }
    values(changes, side, what, before, after);
    // The generated client checks string lengths itself, so a narrower one fails calls there.
    let counts = [
        ("maxLength", before.max_length, after.max_length, true, true),
        (
            "minLength",
            before.min_length,
            after.min_length,
            false,
            true,
        ),
        ("maxItems", before.max_items, after.max_items, true, false),
        ("minItems", before.min_items, after.min_items, false, false),
    ];
    for (name, old, new, upper, checked) in counts {
        if let Some(change) = bound(changes, side, what, name, old, new, upper) {
            change.fails_generated_calls = checked;
        }
    }
    let number = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<f64>().ok());
    let values = [
        ("maximum", &before.maximum, &after.maximum, true),
        ("minimum", &before.minimum, &after.minimum, false),
    ];
    for (name, old, new, upper) in values {
        bound(changes, side, what, name, number(old), number(new), upper);
    }
    let flags = [
        ("uniqueItems", before.unique_items, after.unique_items),
        (
            "exclusiveMinimum",
            before.exclusive_minimum,
            after.exclusive_minimum,
        ),
        (
            "exclusiveMaximum",
            before.exclusive_maximum,
            after.exclusive_maximum,
        ),
    ];
    for (name, old, new) in flags.into_iter().filter(|(_, old, new)| old != new) {
        // Each flag, when set, allows fewer values.
        let (level, why) = direction(side, new);
        changes.push(level, format!("{what}: {name} {old} → {new}"), why);
    }
    multiple_of(changes, side, what, before, after);
    pattern(changes, side, what, before, after);
    if before.default != after.default {
        let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
        let what = format!(
            "{what}: default {} → {}",
            show(&before.default),
            show(&after.default)
        );
        let (level, why) = match (input, &before.default) {
            (true, Some(_)) => (
                Level::Breaking,
                "request side: calls that leave it out now get another behaviour, silently",
            ),
            (true, None) => (
                Level::Info,
                "request side: documents what the server does when it is left out",
            ),
            (false, _) => (
                Level::Info,
                "response side: defaults do not change what is sent",
            ),
        };
        changes.push(level, what, why);
    }
}

/// Whether `after`'s type accepts a superset (`Some(false)`) or subset (`Some(true)`) of
/// `before`'s, or `None` when neither holds.
fn narrower(before: &Field, after: &Field) -> Option<bool> {
    let (b, a) = (before.kind.as_deref(), after.kind.as_deref());
    let rank = |kind: Option<&str>, format: Option<&str>| -> Option<u8> {
        match (kind, format) {
            (Some("integer"), Some("int32")) => Some(0),
            (Some("integer"), Some("int64")) => Some(1),
            (Some("integer"), None) => Some(2),
            (Some("number"), Some("float")) => Some(3),
            (Some("number"), Some("double")) => Some(4),
            (Some("number"), None) => Some(5),
            _ => None,
        }
    };
    let (bf, af) = (before.format.as_deref(), after.format.as_deref());
    if let (Some(x), Some(y)) = (rank(b, bf), rank(a, af)) {
        return Some(y < x);
    }
    match (b, a) {
        (Some(_), None) => Some(false),
        (None, Some(_)) => Some(true),
        _ if b == a && bf.is_some() && af.is_none() => Some(false),
        _ if b == a && bf.is_none() && af.is_some() => Some(true),
        _ => None,
    }
}

/// Type and format, by [`narrower`].
fn kind(changes: &mut Changes, side: Side, what: &str, before: &Field, after: &Field) {
    if before.kind == after.kind && before.format == after.format {
        return;
    }
    let show = |f: &Field| {
        let kind = f.kind.clone().unwrap_or_else(|| "any".into());
        let format = f.format.as_ref().map(|x| format!(" ({x})"));
        kind + &format.unwrap_or_default()
    };
    let what = format!("{what}: type {} → {}", show(before), show(after));
    let (level, why) = match narrower(before, after) {
        Some(narrower) => direction(side, narrower),
        None => (
            Level::Breaking,
            "unrelated types: values of the old type no longer fit",
        ),
    };
    changes.push(level, what, why);
}

/// Enum values. A new value in a closed response `enum` is breaking like any response widening:
/// deployed payspec clients keep it as `Unknown`, but callers handling the known values meet one
/// they do not, and the generated (non-exhaustive) enum gains a variant. `x-extensible-enum`
/// declares the set open, so new response values there are not.
fn values(changes: &mut Changes, side: Side, what: &str, before: &Field, after: &Field) {
    let (Some(old), Some(new)) = (&before.values, &after.values) else {
        if before.values != after.values {
            let narrower = after.values.is_some();
            let (level, why) = direction(side, narrower);
            let change = if narrower {
                "now restricted to an enum"
            } else {
                "no longer restricted to an enum"
            };
            changes.push(level, format!("{what}: {change}"), why);
        }
        return;
    };
    for value in old.difference(new) {
        let (level, why) = direction(side, true);
        changes.push(level, format!("{what}: enum value `{value}` removed"), why);
    }
    for value in new.difference(old) {
        let what = format!("{what}: enum value `{value}` added");
        if side == Side::Response && after.extensible {
            changes.push(
                Level::NonBreaking,
                what,
                "response side, but declared open (`x-extensible-enum`): callers handle unknown values",
            );
        } else {
            let (level, why) = direction(side, false);
            let change = changes.push(level, what, why);
            if side == Side::Response {
                change.risk = Some("deployed payspec clients keep it as `Unknown`; the generated enum gains a variant (non-exhaustive, so matches already have a `_` arm), which code should now handle by name".into());
            }
        }
    }
    if before.extensible != after.extensible {
        let (level, why) = direction(side, before.extensible);
        let change = if after.extensible {
            "enum declared open (`x-extensible-enum`)"
        } else {
            "enum declared closed (`enum`)"
        };
        changes.push(level, format!("{what}: {change}"), why);
    }
}

/// `multipleOf`: a step that divides the old one widens, a multiple of it narrows.
fn multiple_of(changes: &mut Changes, side: Side, what: &str, before: &Field, after: &Field) {
    if before.multiple_of == after.multiple_of {
        return;
    }
    let number = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<f64>().ok());
    // Multiples of `old` are all multiples of `new` when `new` divides `old`.
    let divides = |old: f64, new: f64| new != 0.0 && (old / new).fract() == 0.0;
    let narrower = match (number(&before.multiple_of), number(&after.multiple_of)) {
        (None, _) => Some(true),
        (_, None) => Some(false),
        (Some(old), Some(new)) if divides(old, new) => Some(false),
        (Some(old), Some(new)) if divides(new, old) => Some(true),
        _ => None,
    };
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let what = format!(
        "{what}: multipleOf {} → {}",
        show(&before.multiple_of),
        show(&after.multiple_of)
    );
    let (level, why) = narrower.map_or(
        (
            Level::Breaking,
            "neither step divides the other: values valid before may not be now",
        ),
        |narrower| direction(side, narrower),
    );
    changes.push(level, what, why);
}

/// A pattern removed or opened to `.*` widens, one added narrows, one changed both ways breaks.
fn pattern(changes: &mut Changes, side: Side, what: &str, before: &Field, after: &Field) {
    let open = |p: &Option<String>| {
        p.as_deref()
            .is_none_or(|p| matches!(p, ".*" | "^.*$" | "^.*" | ".*$" | "[\\s\\S]*"))
    };
    if before.pattern == after.pattern || open(&before.pattern) && open(&after.pattern) {
        return;
    }
    let what = format!("{what}: pattern {:?} → {:?}", before.pattern, after.pattern);
    let (level, why) = if open(&after.pattern) {
        direction(side, false)
    } else if open(&before.pattern) {
        direction(side, true)
    } else if side == Side::Response {
        (
            Level::Breaking,
            "response side changed: values may no longer match what callers validate",
        )
    } else {
        (
            Level::Breaking,
            "request side changed: values that matched before may be refused",
        )
    };
    let fails = side != Side::Response && level == Level::Breaking;
    changes.push(level, what, why).fails_generated_calls = fails;
}

/// A length, value or item-count bound; `upper` says whether lowering it narrows. Returns the
/// change when it breaks requests.
fn bound<'c, T: PartialOrd + std::fmt::Debug + Copy>(
    changes: &'c mut Changes,
    side: Side,
    what: &str,
    name: &str,
    before: Option<T>,
    after: Option<T>,
    upper: bool,
) -> Option<&'c mut super::ContractChange> {
    let narrower = match (before, after) {
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(b), Some(a)) if a != b => (a < b) == upper,
        _ => return None,
    };
    let show = |v: Option<T>| v.map_or_else(|| "none".to_owned(), |v| format!("{v:?}"));
    let (level, why) = direction(side, narrower);
    let change = changes.push(
        level,
        format!("{what}: {name} {} → {}", show(before), show(after)),
        why,
    );
    (level == Level::Breaking && side != Side::Response).then_some(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(kind: &str, format: Option<&str>) -> Field {
        Field {
            kind: Some(kind.into()),
            format: format.map(Into::into),
            ..Field::default()
        }
    }

    #[test]
    fn numeric_types_widen_along_one_line() {
        let int32 = typed("integer", Some("int32"));
        let int64 = typed("integer", Some("int64"));
        let number = typed("number", None);
        assert_eq!(narrower(&int32, &int64), Some(false));
        assert_eq!(narrower(&int64, &int32), Some(true));
        assert_eq!(narrower(&int64, &number), Some(false));
        assert_eq!(narrower(&number, &typed("integer", None)), Some(true));
    }

    #[test]
    fn string_formats_narrow_when_added_and_are_unrelated_when_swapped() {
        let plain = typed("string", None);
        let date = typed("string", Some("date"));
        assert_eq!(narrower(&plain, &date), Some(true));
        assert_eq!(narrower(&date, &plain), Some(false));
        assert_eq!(narrower(&date, &typed("string", Some("date-time"))), None);
        assert_eq!(narrower(&plain, &typed("integer", None)), None);
        assert_eq!(narrower(&Field::default(), &plain), Some(true));
    }
}
