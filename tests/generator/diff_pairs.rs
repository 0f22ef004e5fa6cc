//! The review's corpus: small before/after spec pairs in `tests/fixtures/diff/pairs/`, one per
//! rule and direction. Each category file holds `pairs`, each a `before` and an `after` JSON
//! merge patch (RFC 7386) over the shared `spec.yaml`, the expected contract verdict
//! (`breaking`, `non-breaking`, `info` or `none`: the most severe change found) and, where the
//! Rust API matters, the crate bump from 1.0.0 (`major`, `minor` or `none`; only these pairs
//! go through the spec checks and generation), and where it matters the number of `findings`.
//! One test runs them all, prints a table per category with the recall of breaking changes and
//! the false-alarm rate, and fails on any mismatch.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;
use xtask::diff::{self, Level};

/// RFC 7386: objects merge key by key, `null` deletes, anything else replaces.
fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    let map = target.as_object_mut().expect("made an object");
    for (key, value) in patch {
        if value.is_null() {
            map.remove(key);
        } else {
            merge(map.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

fn verdict(contract: &[diff::ContractChange]) -> &'static str {
    match contract.iter().map(|c| c.level).min() {
        Some(Level::Breaking) => "breaking",
        Some(Level::NonBreaking) => "non-breaking",
        Some(Level::Info) => "info",
        None => "none",
    }
}

fn bump(report: &diff::CrateReport) -> &'static str {
    match report.required_version.as_deref() {
        None => "none",
        Some(v) if v.starts_with("1.") => "minor",
        Some(_) => "major",
    }
}

#[derive(Default)]
struct Tally {
    pairs: usize,
    breaking: usize,
    caught: usize,
    harmless: usize,
    false_alarms: usize,
    rust: usize,
}

#[test]
fn every_pair_gets_its_expected_verdict() {
    let dir = xtask::workspace_root().join("tests/fixtures/diff/pairs");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        xtask::yaml::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"))
            .value
    };
    let base = read("spec.yaml");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "spec.yaml")
        .collect();
    files.sort();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for file in files {
        let category = file.trim_end_matches(".yaml").to_owned();
        let pairs = read(&file);
        for pair in pairs["pairs"].as_array().unwrap() {
            let name = pair["name"].as_str().unwrap();
            let side = |key: &str| {
                let mut doc = base.clone();
                merge(&mut doc, &pair[key]);
                serde_json::to_string_pretty(&doc).unwrap()
            };
            let (before, after) = (side("before"), side("after"));
            // Generating both crates is slow; the Rust half runs only where a bump is expected.
            let report = pair["rust"]
                .is_string()
                .then(|| diff::compare("pairs", Some(&before), Some(&after)));
            let contract = match &report {
                Some(report) => report.contract.clone(),
                None => diff::contract_changes(&before, &after).unwrap(),
            };
            let expect = pair["expect"].as_str().unwrap();
            let got = verdict(&contract);
            let tally = tallies.entry(category.clone()).or_default();
            tally.pairs += 1;
            if expect == "breaking" {
                tally.breaking += 1;
                tally.caught += usize::from(got == "breaking");
            } else {
                tally.harmless += 1;
                tally.false_alarms += usize::from(got == "breaking");
            }
            let mut wrong = Vec::new();
            if got != expect {
                wrong.push(format!("contract {got}, expected {expect}"));
            }
            // Where the count matters (one change must not read as several), `findings` pins it.
            if let Some(count) = pair["findings"].as_u64() {
                if contract.len() as u64 != count {
                    wrong.push(format!("{} findings, expected {count}", contract.len()));
                }
            }
            if let (Some(rust), Some(report)) = (pair["rust"].as_str(), &report) {
                tally.rust += 1;
                if bump(report) != rust {
                    wrong.push(format!("Rust bump {}, expected {rust}", bump(report)));
                }
            }
            if !wrong.is_empty() {
                mismatches.push(format!(
                    "{category} / {name}: {}\n{}\n{:#?}",
                    wrong.join("; "),
                    contract
                        .iter()
                        .map(|c| format!("  {:?}: {} ({})", c.level, c.what, c.why))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    report.as_ref().map(|r| &r.api)
                ));
            }
        }
    }
    let mut table = String::from(
        "| Category | Pairs | Breaking caught | False alarms | Rust bumps checked |\n|---|---|---|---|---|\n",
    );
    let mut total = Tally::default();
    for (category, t) in &tallies {
        let _ = writeln!(
            table,
            "| {category} | {} | {}/{} | {}/{} | {} |",
            t.pairs, t.caught, t.breaking, t.false_alarms, t.harmless, t.rust
        );
        total.pairs += t.pairs;
        total.breaking += t.breaking;
        total.caught += t.caught;
        total.harmless += t.harmless;
        total.false_alarms += t.false_alarms;
        total.rust += t.rust;
    }
    let percent = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let _ = writeln!(
        table,
        "| **all** | {} | {}/{} | {}/{} | {} |\n\nRecall of breaking changes: {:.1}%. False-alarm rate: {:.1}%.",
        total.pairs,
        total.caught,
        total.breaking,
        total.false_alarms,
        total.harmless,
        total.rust,
        percent(total.caught, total.breaking),
        percent(total.false_alarms, total.harmless),
    );
    println!("{table}");
    assert!(total.pairs >= 150, "{} pairs", total.pairs);
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}
