//! The review as a ready PR comment (Markdown) or as JSON carrying the same facts.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{CrateReport, Impact, Level, Report};

/// The report as JSON.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("the report serializes")
}

fn count<T>(items: &[T], pick: impl Fn(&T) -> bool) -> usize {
    items.iter().filter(|i| pick(i)).count()
}

/// The report as a PR comment: the verdict first, then changes by operation, then a diffstat.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## payspec spec review (against `{}`)\n", report.base);
    if report.crates.is_empty() {
        let _ = writeln!(out, "No spec changed.");
        return out;
    }
    let all_contract: Vec<_> = report.crates.iter().flat_map(|c| &c.contract).collect();
    let all_api: Vec<_> = report.crates.iter().flat_map(|c| &c.api).collect();
    let _ = writeln!(
        out,
        "**Verdict:** {} breaking, {} non-breaking and {} informational contract change(s); {} Rust API change(s), {} of them breaking; {} risk(s) flagged.\n",
        count(&all_contract, |c| c.level == Level::Breaking),
        count(&all_contract, |c| c.level == Level::NonBreaking),
        count(&all_contract, |c| c.level == Level::Info),
        all_api.len(),
        count(&all_api, |c| c.impact == Impact::Breaking),
        count(&all_contract, |c| c.risk.is_some()),
    );
    let _ = writeln!(
        out,
        "| Crate | Contract: breaking / non-breaking / info | Rust API: breaking / additive | Version |"
    );
    let _ = writeln!(out, "|---|---|---|---|");
    for c in &report.crates {
        let _ = writeln!(
            out,
            "| `{}` | {} / {} / {} | {} / {} | {} |",
            c.crate_name,
            count(&c.contract, |x| x.level == Level::Breaking),
            count(&c.contract, |x| x.level == Level::NonBreaking),
            count(&c.contract, |x| x.level == Level::Info),
            count(&c.api, |x| x.impact == Impact::Breaking),
            count(&c.api, |x| x.impact == Impact::Additive),
            version_cell(c),
        );
    }
    for c in &report.crates {
        crate_section(&mut out, c);
    }
    out
}

fn version_cell(c: &CrateReport) -> String {
    match (&c.required_version, c.version_ok) {
        (None, _) => format!("{} (no API change)", c.version),
        (Some(required), true) => format!("{} (needs ≥ {required}: ok)", c.version),
        (Some(required), false) => format!(
            "**{} → bump to {required}** (`info.x-payspec-crate-version`)",
            c.version
        ),
    }
}

fn crate_section(out: &mut String, c: &CrateReport) {
    let _ = writeln!(out, "\n### `{}`\n", c.crate_name);
    let mut by_operation: BTreeMap<&str, Vec<&super::ContractChange>> = BTreeMap::new();
    for change in &c.contract {
        by_operation
            .entry(change.operation.as_deref().unwrap_or("Whole API"))
            .or_default()
            .push(change);
    }
    for (operation, changes) in by_operation {
        let _ = writeln!(out, "#### {operation}\n");
        for change in changes {
            let level = match change.level {
                Level::Breaking => "🔴 **breaking**",
                Level::NonBreaking => "🟢 non-breaking",
                Level::Info => "⚪ info",
            };
            let _ = write!(out, "- {level}: {} — {}", change.what, change.why);
            if let Some(risk) = &change.risk {
                let _ = write!(out, "\n  - ⚠️ risk: {risk}");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !c.api.is_empty() {
        let _ = writeln!(out, "#### Rust API of `{}`\n", c.crate_name);
        for change in &c.api {
            let impact = match change.impact {
                Impact::Breaking => "🔴 **breaking**",
                Impact::Additive => "🟢 additive",
            };
            let _ = writeln!(
                out,
                "- {impact}: `{}` {} — {}",
                change.item, change.change, change.why
            );
        }
        out.push('\n');
    }
    if !c.diffstat.is_empty() {
        let _ = writeln!(
            out,
            "#### Generated code\n\n| File | + | − |\n|---|---|---|"
        );
        for stat in &c.diffstat {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                stat.path, stat.added, stat.removed
            );
        }
    }
}
