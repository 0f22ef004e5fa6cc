//! One operation compared field by field: fields on one side only, attribute differences,
//! status codes, error bodies, and where our response schema is stricter than the reference's
//! (what makes a real response fail to parse).

use std::collections::BTreeMap;

use serde::Serialize;

use super::attributes::attributes;
use super::{Coverage, OperationAudit};
use crate::diff::surface::{Field, Operation};

/// Whether a finding is a plain difference or one that breaks parsing real responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Difference,
    /// Our response schema refuses values the reference allows.
    StricterResponse,
}

/// What differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    OnlyInReference,
    OnlyInOurs,
    Type,
    Format,
    Enum,
    Length,
    Range,
    Pattern,
    Required,
    Nullable,
    Status,
    ErrorBody,
}

/// One difference in one place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub class: Class,
    pub kind: Kind,
    /// `request`, `parameter` or `response <status>`.
    pub place: String,
    /// Dotted field path (`amount.value`, `links[].href`), `in name` for a parameter.
    pub field: String,
    pub detail: String,
}

/// Fields keyed by dotted path, with `oneOf`/`anyOf` alternative markers removed.
type Fields = BTreeMap<String, Field>;

/// Compares one operation; `key` is ours.
pub fn operation(key: &str, ours: &Operation, reference: &Operation) -> OperationAudit {
    let mut findings = Vec::new();
    let (our_request, their_request) = (request(ours), request(reference));
    let request = compare(
        &our_request,
        &their_request,
        "request",
        false,
        &mut findings,
    );
    let mut response = Coverage::default();
    for (status, their_fields) in &reference.responses {
        let Some(our_status) = matching_status(status, ours) else {
            findings.push(finding(
                Kind::Status,
                &format!("response {status}"),
                "",
                "documented by the reference only".into(),
            ));
            continue;
        };
        let (ours_fields, theirs) = (
            normalize(&ours.responses[our_status]),
            normalize(their_fields),
        );
        let place = format!("response {status}");
        if status.starts_with('2') {
            response = response.add(compare(&ours_fields, &theirs, &place, true, &mut findings));
        } else {
            error_body(&ours_fields, &theirs, &place, &mut findings);
        }
    }
    for status in ours.responses.keys() {
        if !documented(status, reference) {
            findings.push(finding(
                Kind::Status,
                &format!("response {status}"),
                "",
                "documented by ours only".into(),
            ));
        }
    }
    OperationAudit {
        operation: key.to_owned(),
        operation_id: ours.id.clone(),
        request,
        response,
        findings,
    }
}

/// Our status answering the reference's `status`: the same code, the range holding it, a code
/// in the reference's range, or `default`.
fn matching_status<'a>(status: &str, ours: &'a Operation) -> Option<&'a String> {
    let class = status.chars().next().unwrap_or('d');
    let range = format!("{class}XX");
    let exact = [status, range.as_str()]
        .into_iter()
        .find_map(|s| ours.responses.get_key_value(s).map(|(k, _)| k));
    let within = || {
        let in_range = |code: &&String| status.ends_with("XX") && code.starts_with(class);
        ours.responses.keys().find(in_range)
    };
    exact
        .or_else(within)
        .or_else(|| ours.responses.get_key_value("default").map(|(k, _)| k))
}

/// Whether the reference documents our `status`: the same code, a range holding it, a code in
/// our range, or (for an error status) `default`.
fn documented(status: &str, reference: &Operation) -> bool {
    let class = status.chars().next().unwrap_or('d');
    reference.responses.keys().any(|theirs| {
        theirs == status
            || (theirs == "default" && !status.starts_with(['1', '2', '3']))
            || (theirs.ends_with("XX") || status.ends_with("XX")) && theirs.starts_with(class)
    })
}

/// Body fields and non-path parameters (path parameter names do not matter).
fn request(operation: &Operation) -> Fields {
    let mut fields = normalize(&operation.request);
    for (key, field) in &operation.parameters {
        if !key.starts_with("path ") {
            let key = match key.strip_prefix("header ") {
                Some(name) => format!("header {}", name.to_ascii_lowercase()),
                None => key.clone(),
            };
            fields.insert(key, field.clone());
        }
    }
    fields
}

/// Drops `<Variant>` markers: a field of any alternative counts at its plain path.
fn normalize(fields: &Fields) -> Fields {
    let mut out = Fields::new();
    for (path, field) in fields {
        let mut plain = String::new();
        let mut depth = 0;
        for c in path.chars() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        out.entry(plain).or_insert_with(|| field.clone());
    }
    out
}

/// Whether `path` has no fields below it in `fields`.
fn is_leaf(fields: &Fields, path: &str) -> bool {
    !fields
        .keys()
        .any(|k| k.len() > path.len() && is_within(k, path))
}

/// Whether `key` is `path` or a field below it.
fn is_within(key: &str, path: &str) -> bool {
    key.strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || path.is_empty() || rest.starts_with(['.', '[']))
}

/// Leaf fields at or below `path`.
fn leaves(fields: &Fields, path: &str) -> usize {
    fields
        .keys()
        .filter(|k| is_within(k, path) && is_leaf(fields, k))
        .count()
}

/// The path one level up: `a.b[].c` → `a.b[]` → `a.b` → `a` → ``.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() || path.contains(' ') {
        return None;
    }
    if let Some(stripped) = path.strip_suffix("[]") {
        return Some(stripped);
    }
    Some(path.rfind('.').map_or("", |i| &path[..i]))
}

/// Compares two field sets and returns the coverage of the reference's leaves.
fn compare(
    ours: &Fields,
    theirs: &Fields,
    place: &str,
    response: bool,
    out: &mut Vec<Finding>,
) -> Coverage {
    let mut coverage = Coverage::default();
    for (path, their) in theirs {
        let leaf = is_leaf(theirs, path) && !(path.is_empty() && theirs.len() > 1);
        if leaf {
            coverage.total += 1;
        }
        let field_place = if path.contains(' ') {
            "parameter"
        } else {
            place
        };
        match ours.get(path) {
            Some(our) => {
                coverage.covered += usize::from(leaf);
                attributes(our, their, field_place, path, response, out);
            }
            None if parent(path).is_none_or(|p| ours.contains_key(p)) => {
                let detail = subtree(their, leaves(theirs, path));
                out.push(finding(Kind::OnlyInReference, field_place, path, detail));
            }
            None => {}
        }
    }
    for (path, our) in ours {
        let parent_missing = parent(path).is_some_and(|p| !theirs.contains_key(p));
        if !theirs.contains_key(path) && !parent_missing {
            let field_place = if path.contains(' ') {
                "parameter"
            } else {
                place
            };
            let detail = subtree(our, leaves(ours, path));
            out.push(finding(Kind::OnlyInOurs, field_place, path, detail));
        }
    }
    coverage
}

fn subtree(field: &Field, leaves: usize) -> String {
    let kind = field.kind.as_deref().unwrap_or("any");
    if leaves > 1 {
        format!("{kind}, {leaves} leaf fields")
    } else {
        kind.to_owned()
    }
}

/// Error responses: a body on one side only, or bodies with different fields.
fn error_body(ours: &Fields, theirs: &Fields, place: &str, out: &mut Vec<Finding>) {
    let detail = match (ours.is_empty(), theirs.is_empty()) {
        (true, true) => return,
        (false, true) => "the reference documents no body; ours expects one".to_owned(),
        (true, false) => "the reference documents a body; ours has none".to_owned(),
        (false, false) => {
            let only = |a: &Fields, b: &Fields| -> Vec<String> {
                a.keys()
                    .filter(|k| !k.is_empty() && !k.contains(['.', '[']) && !b.contains_key(*k))
                    .map(|k| format!("`{k}`"))
                    .collect()
            };
            // Top-level fields name the difference; the leaves below them would repeat it.
            let (missing, extra) = (only(theirs, ours), only(ours, theirs));
            for (path, their) in theirs {
                if let Some(our) = ours.get(path) {
                    let mut stricter = Vec::new();
                    attributes(our, their, place, path, true, &mut stricter);
                    out.extend(
                        stricter
                            .into_iter()
                            .filter(|f| f.class == Class::StricterResponse),
                    );
                }
            }
            if missing.is_empty() && extra.is_empty() {
                return;
            }
            format!(
                "reference only: {}; ours only: {}",
                list(&missing),
                list(&extra)
            )
        }
    };
    out.push(finding(Kind::ErrorBody, place, "", detail));
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

pub(super) fn finding(kind: Kind, place: &str, field: &str, detail: String) -> Finding {
    Finding {
        class: Class::Difference,
        kind,
        place: place.to_owned(),
        field: field.to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_statuses(codes: &[&str]) -> Operation {
        let mut operation = Operation::default();
        for code in codes {
            operation
                .responses
                .insert((*code).to_owned(), Fields::new());
        }
        operation
    }

    #[test]
    fn statuses_match_by_code_range_and_default() {
        let ours = with_statuses(&["201", "404", "5XX"]);
        assert_eq!(
            matching_status("201", &ours).map(String::as_str),
            Some("201")
        );
        assert_eq!(
            matching_status("503", &ours).map(String::as_str),
            Some("5XX")
        );
        assert_eq!(
            matching_status("4XX", &ours).map(String::as_str),
            Some("404")
        );
        assert_eq!(matching_status("422", &ours), None);
        let reference = with_statuses(&["201", "default"]);
        assert!(documented("404", &reference));
        assert!(!documented("200", &reference));
        assert!(documented("4XX", &with_statuses(&["400"])));
    }
}
