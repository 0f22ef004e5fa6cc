//! An audit as Markdown (a table per provider, then each operation's findings) or JSON.

use std::fmt::Write;

use super::{Audit, Class, Coverage, Kind};

/// The audit as pretty-printed JSON, with each coverage's percentage.
pub fn json(audit: &Audit) -> String {
    let mut value = serde_json::to_value(audit).unwrap_or_default();
    let (request, response) = audit.overall();
    value["overall"] = serde_json::json!({
        "request": percent_value(request),
        "response": percent_value(response),
        "total": percent_value(Coverage { covered: request.covered + response.covered, total: request.total + response.total }),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn percent_value(coverage: Coverage) -> serde_json::Value {
    serde_json::json!({
        "covered": coverage.covered,
        "total": coverage.total,
        "percent": coverage.percent().map(|p| (p * 10.0).round() / 10.0),
    })
}

/// The audit as a Markdown report.
pub fn markdown(audit: &Audit) -> String {
    let mut out = String::new();
    let (request, response) = audit.overall();
    let all = Coverage {
        covered: request.covered + response.covered,
        total: request.total + response.total,
    };
    let findings = audit.operations.iter().flat_map(|op| &op.findings);
    let stricter = findings
        .clone()
        .filter(|f| f.class == Class::StricterResponse)
        .count();
    let _ = writeln!(
        out,
        "## payspec audit: `{}` against `{}`\n",
        audit.provider, audit.reference
    );
    let _ = writeln!(
        out,
        "**Coverage** of the {} operation(s) both document: request {}, response {}, overall {}. \
         {} finding(s), {stricter} of them stricter responses. {} reference operation(s) not covered.\n",
        audit.operations.len(),
        cell(request),
        cell(response),
        cell(all),
        findings.count(),
        audit.not_covered.len(),
    );
    out.push_str(
        "| Operation | Request coverage | Response coverage | Differences | Stricter responses |\n",
    );
    out.push_str("|---|---|---|---|---|\n");
    for op in &audit.operations {
        let stricter = op
            .findings
            .iter()
            .filter(|f| f.class == Class::StricterResponse)
            .count();
        let _ = writeln!(
            out,
            "| `{}` ({}) | {} | {} | {} | {} |",
            op.operation,
            op.operation_id,
            cell(op.request),
            cell(op.response),
            op.findings.len() - stricter,
            stricter
        );
    }
    for (title, items) in [
        ("Not covered (in the reference only)", &audit.not_covered),
        ("Only in our spec", &audit.only_ours),
    ] {
        if !items.is_empty() {
            let _ = writeln!(out, "\n### {title}\n");
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
        }
    }
    for op in audit.operations.iter().filter(|op| !op.findings.is_empty()) {
        let _ = writeln!(out, "\n### `{}` ({})\n", op.operation, op.operation_id);
        let mut findings: Vec<_> = op.findings.iter().collect();
        findings.sort_by_key(|f| f.class == Class::Difference);
        for f in findings {
            let marker = match f.class {
                Class::StricterResponse => "⚠️ **stricter response**, ",
                Class::Difference => "",
            };
            let field = if f.field.is_empty() {
                String::new()
            } else {
                format!(" `{}`", f.field)
            };
            let _ = writeln!(
                out,
                "- {marker}{}: {}{field}: {}",
                kind(f.kind),
                f.place,
                f.detail
            );
        }
    }
    if !audit.notes.is_empty() {
        out.push_str(
            "\n<details><summary>How the reference was lowered to OpenAPI 3.0.3</summary>\n\n",
        );
        for note in &audit.notes {
            let _ = writeln!(out, "- {note}");
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn cell(coverage: Coverage) -> String {
    match coverage.percent() {
        Some(p) => format!("{}/{} ({p:.1}%)", coverage.covered, coverage.total),
        None => "—".into(),
    }
}

fn kind(kind: Kind) -> &'static str {
    match kind {
        Kind::OnlyInReference => "only in the reference",
        Kind::OnlyInOurs => "only in ours",
        Kind::Type => "type",
        Kind::Format => "format",
        Kind::Enum => "enum",
        Kind::Length => "length",
        Kind::Range => "range",
        Kind::Pattern => "pattern",
        Kind::Required => "required",
        Kind::Nullable => "nullable",
        Kind::Status => "status code",
        Kind::ErrorBody => "error body",
    }
}
