//! Response changes: success and error statuses, the fields and headers of each, and media
//! types (request bodies' too).

use std::collections::BTreeMap;

use super::schemas::fields;
use super::{Changes, Level, Side};
use crate::diff::surface::Operation;

/// Statuses removed and added, and the fields, headers and media types of those kept.
pub(super) fn statuses(changes: &mut Changes, old: &Operation, new: &Operation) {
    let empty = BTreeMap::new();
    for (status, old_fields) in &old.responses {
        let success = status.starts_with('2');
        let Some(new_fields) = new.responses.get(status) else {
            if success {
                changes.push(
                    Level::Breaking,
                    format!("success response `{status}` removed"),
                    "callers expecting it get another status",
                );
            } else {
                changes.push(
                    Level::Info,
                    format!("response `{status}` removed"),
                    "an error status is no longer documented",
                );
            }
            continue;
        };
        let place = format!("`{status}` response");
        fields(
            changes,
            Side::Response,
            &format!("{place} field"),
            old_fields,
            new_fields,
        );
        fields(
            changes,
            Side::Response,
            &format!("{place} header"),
            old.headers.get(status).unwrap_or(&empty),
            new.headers.get(status).unwrap_or(&empty),
        );
        let media = |op: &Operation| op.response_media.get(status).cloned().unwrap_or_default();
        self::media(changes, Side::Response, &place, &media(old), &media(new));
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
                "a new outcome for callers; whether their code must change shows in the generated method's return type (Rust API)",
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

fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

/// Media types removed and added. JSON types swapped for one another (`problem+json` →
/// `application/json`) are one body to payspec clients, which read any of them as JSON.
pub(super) fn media(
    changes: &mut Changes,
    side: Side,
    place: &str,
    old: &[String],
    new: &[String],
) {
    let removed: Vec<&String> = old.iter().filter(|m| !new.contains(m)).collect();
    let added: Vec<&String> = new.iter().filter(|m| !old.contains(m)).collect();
    let json_swap = |gone: &String| is_json(gone) && added.iter().any(|m| is_json(m));
    for gone in &removed {
        let (level, why) = if json_swap(gone) {
            (
                Level::Info,
                "still JSON: payspec clients read and send the same body",
            )
        } else if side == Side::Response {
            (
                Level::Breaking,
                "response side narrowed in format: callers that accept only it get another format or 406",
            )
        } else {
            (
                Level::Breaking,
                "request side narrowed: callers sending it are refused (415)",
            )
        };
        changes.push(level, format!("{place} media type `{gone}` removed"), why);
    }
    for new_type in added {
        let replaces_json = is_json(new_type) && removed.iter().any(|m| is_json(m));
        if replaces_json {
            continue;
        }
        let why = if side == Side::Response {
            "served only to callers that ask for it (Accept); others get what they got"
        } else {
            "request side widened: callers may also send it"
        };
        changes.push(
            Level::NonBreaking,
            format!("{place} media type `{new_type}` added"),
            why,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(side: Side, old: &[&str], new: &[&str]) -> Vec<Level> {
        let mut changes = Changes {
            out: Vec::new(),
            operation: None,
        };
        let list = |types: &[&str]| types.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        media(&mut changes, side, "`200` response", &list(old), &list(new));
        changes.out.into_iter().map(|c| c.level).collect()
    }

    #[test]
    fn a_json_type_swapped_for_another_is_one_informational_change() {
        let swap = run(
            Side::Response,
            &["application/problem+json"],
            &["application/json"],
        );
        assert_eq!(swap, [Level::Info]);
    }

    #[test]
    fn removing_a_media_type_breaks_and_adding_one_does_not() {
        let both = ["application/json", "application/xml"];
        assert_eq!(run(Side::Response, &both, &both[..1]), [Level::Breaking]);
        assert_eq!(run(Side::Request, &both[..1], &both), [Level::NonBreaking]);
        assert_eq!(run(Side::Request, &both, &both[..1]), [Level::Breaking]);
    }
}
