//! One field present on both sides: its attributes compared, and which differences make our
//! response schema stricter than the reference's (a value the provider may send that the
//! generated client would refuse).

use std::cmp::Ordering as Ord;

use super::fields::{Class, Finding, Kind, finding};
use crate::diff::surface::Field;

/// Type, format, enum, lengths, bounds, pattern, required and nullable of one field.
pub fn attributes(
    our: &Field,
    their: &Field,
    place: &str,
    path: &str,
    response: bool,
    out: &mut Vec<Finding>,
) {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let mut push = |kind: Kind, stricter: bool, detail: String| {
        let mut f = finding(kind, place, path, detail);
        if response && stricter {
            f.class = Class::StricterResponse;
        }
        out.push(f);
    };
    if our.kind != their.kind {
        // Only a concrete reference type can be narrowed; alternatives are not judged.
        let composed = their.kind.as_deref().is_some_and(|k| k.ends_with("Of"));
        let wider = composed
            || our.kind.is_none()
            || (our.kind.as_deref() == Some("number") && their.kind.as_deref() == Some("integer"));
        push(
            Kind::Type,
            !wider,
            format!("reference {}, ours {}", show(&their.kind), show(&our.kind)),
        );
    }
    if our.format != their.format {
        let parsed = our.format.as_deref().is_some_and(is_parsed_format);
        push(
            Kind::Format,
            parsed,
            format!(
                "reference {}, ours {}",
                show(&their.format),
                show(&our.format)
            ),
        );
    }
    if our.values != their.values {
        let closed = our.values.is_some() && our.kind.as_deref() != Some("string");
        let uncovered = match (&our.values, &their.values) {
            (Some(a), Some(b)) => !b.is_subset(a),
            (Some(_), None) => true,
            _ => false,
        };
        push(Kind::Enum, closed && uncovered, enum_detail(our, their));
    }
    for (kind, name, a, b, tighter) in [
        (
            Kind::Length,
            "minLength",
            num(our.min_length),
            num(their.min_length),
            Ord::Greater,
        ),
        (
            Kind::Length,
            "maxLength",
            num(our.max_length),
            num(their.max_length),
            Ord::Less,
        ),
        (
            Kind::Range,
            "minimum",
            parse(&our.minimum),
            parse(&their.minimum),
            Ord::Greater,
        ),
        (
            Kind::Range,
            "maximum",
            parse(&our.maximum),
            parse(&their.maximum),
            Ord::Less,
        ),
    ] {
        if a != b {
            let stricter = match (a, b) {
                (Some(_), None) => true,
                (Some(a), Some(b)) => a.partial_cmp(&b) == Some(tighter),
                _ => false,
            };
            let text = |v: Option<f64>| v.map_or("none".into(), |v| v.to_string());
            push(
                kind,
                stricter,
                format!("{name}: reference {}, ours {}", text(b), text(a)),
            );
        }
    }
    if our.pattern != their.pattern {
        push(
            Kind::Pattern,
            our.pattern.is_some(),
            format!(
                "reference {}, ours {}",
                show(&their.pattern),
                show(&our.pattern)
            ),
        );
    }
    if our.required != their.required && !path.is_empty() {
        let word = |r: bool| if r { "required" } else { "optional" };
        push(
            Kind::Required,
            our.required,
            format!(
                "reference {}, ours {}",
                word(their.required),
                word(our.required)
            ),
        );
    }
    if our.nullable != their.nullable {
        let word = |n: bool| if n { "nullable" } else { "not nullable" };
        push(
            Kind::Nullable,
            their.nullable,
            format!(
                "reference {}, ours {}",
                word(their.nullable),
                word(our.nullable)
            ),
        );
    }
}

fn num(value: Option<u64>) -> Option<f64> {
    value.map(|v| v as f64)
}

fn parse(value: &Option<String>) -> Option<f64> {
    value.as_deref().and_then(|v| v.parse().ok())
}

/// Formats the generated client parses into a typed value (refusing anything else).
fn is_parsed_format(format: &str) -> bool {
    matches!(format, "date-time" | "date" | "uuid" | "ipv4" | "ipv6")
        || format.starts_with("int")
        || format.starts_with("uint")
}

fn enum_detail(our: &Field, their: &Field) -> String {
    match (&our.values, &their.values) {
        (Some(a), Some(b)) => {
            let fmt = |set: Vec<&String>| {
                if set.is_empty() {
                    "none".to_owned()
                } else {
                    set.into_iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            format!(
                "reference only: {}; ours only: {}",
                fmt(b.difference(a).collect()),
                fmt(a.difference(b).collect())
            )
        }
        (Some(a), None) => format!(
            "ours is an enum of {} values, the reference any value",
            a.len()
        ),
        (None, Some(b)) => format!("the reference lists {} value(s), ours any value", b.len()),
        (None, None) => String::new(),
    }
}
