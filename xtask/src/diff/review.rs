//! Reviewing a working tree against a git revision: every spec under `specs/` (`.yaml`, `.yml`
//! or `.json`) that differs, a renamed spec (same content or `info.title`) compared as one.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::{ContractChange, Level, Report, Source, compare_sources};
use crate::diagnostic::{Diagnostic, Location};
use crate::yaml::Document;

/// The file extensions a spec may have.
const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// The default base: `main`, or `HEAD` when on `main`.
pub fn default_base(root: &Path) -> String {
    let branch = git(root, &["rev-parse", "--abbrev-ref", "HEAD"]).unwrap_or_default();
    if branch.trim() == "main" {
        "HEAD".into()
    } else {
        "main".into()
    }
}

/// Reviews every spec that differs between `base` and the working tree.
pub fn review(root: &Path, base: &str) -> Result<Report, Vec<Diagnostic>> {
    let error = |message: String| {
        vec![Diagnostic {
            file: "specs/".into(),
            location: Location::Pointer(String::new()),
            message,
        }]
    };
    let listed = git(root, &["ls-tree", "--name-only", &format!("{base}:specs")])
        .map_err(|e| error(format!("cannot list specs/ at `{base}`: {e}")))?;
    let old_files = specs(listed.lines().map(str::to_owned));
    let entries = std::fs::read_dir(root.join("specs"))
        .map_err(|e| error(format!("cannot read specs/: {e}")))?;
    let new_files = specs(entries.filter_map(|e| e.ok()?.file_name().into_string().ok()));
    let old_text = |name: &str| git(root, &["show", &format!("{base}:specs/{name}")]).ok();
    let new_text = |name: &str| std::fs::read_to_string(root.join("specs").join(name)).ok();
    let renames = renames(&old_files, &new_files, &old_text, &new_text);
    let mut providers: Vec<&String> = old_files.keys().chain(new_files.keys()).collect();
    providers.sort();
    providers.dedup();
    let mut crates = Vec::new();
    for provider in providers {
        if renames.values().any(|old| old == provider) {
            continue;
        }
        let renamed = renames.get(provider);
        let old_name = old_files.get(renamed.unwrap_or(provider));
        let new_name = new_files.get(provider);
        let old = old_name.and_then(|n| old_text(n));
        let new = new_name.and_then(|n| new_text(n));
        if old == new && old_name == new_name {
            continue;
        }
        let files = [old_name, new_name].map(|n| n.map(|n| format!("specs/{n}")));
        let mut report =
            compare_sources(provider, source(&files[0], &old), source(&files[1], &new));
        if let (Some(from), Some(to)) = (&files[0], &files[1]) {
            if from != to {
                let mut change = ContractChange::spec_wide(
                    Level::Info,
                    format!("spec renamed from `{from}` to `{to}`"),
                    "compared as one spec: the HTTP contract is what changed inside it",
                );
                if let Some(old) = renamed {
                    change.risk = Some(format!(
                        "the crate is renamed from `payspec-{old}` to `payspec-{provider}`: dependents must change their Cargo.toml and paths"
                    ));
                }
                report.contract.insert(0, change);
            }
        }
        crates.push(report);
    }
    Ok(Report {
        base: base.to_owned(),
        crates,
    })
}

fn source<'a>(file: &'a Option<String>, text: &'a Option<String>) -> Option<Source<'a>> {
    Some(Source {
        file: file.as_deref()?,
        text: text.as_deref()?,
    })
}

/// Spec file names by provider (the file stem).
fn specs(names: impl Iterator<Item = String>) -> BTreeMap<String, String> {
    names
        .filter_map(|name| {
            let (stem, extension) = name.rsplit_once('.')?;
            EXTENSIONS
                .contains(&extension)
                .then(|| (stem.to_owned(), name.clone()))
        })
        .collect()
}

/// New provider → old provider, for each spec gone from the base whose content or
/// `info.title` a new one has.
fn renames(
    old_files: &BTreeMap<String, String>,
    new_files: &BTreeMap<String, String>,
    old_text: &dyn Fn(&str) -> Option<String>,
    new_text: &dyn Fn(&str) -> Option<String>,
) -> BTreeMap<String, String> {
    let title = |text: &str| {
        let document = Document::parse(text).ok()?;
        Some(document.value.pointer("/info/title")?.as_str()?.to_owned())
    };
    let mut out = BTreeMap::new();
    let fresh: Vec<(&String, Option<String>)> = new_files
        .iter()
        .filter(|(stem, _)| !old_files.contains_key(*stem))
        .map(|(stem, name)| (stem, new_text(name)))
        .collect();
    for (stem, name) in old_files
        .iter()
        .filter(|(s, _)| !new_files.contains_key(*s))
    {
        let Some(old) = old_text(name) else { continue };
        let same = |new: &String| *new == old || title(new).is_some_and(|t| title(&old) == Some(t));
        if let Some((new_stem, _)) = fresh
            .iter()
            .filter(|(new_stem, _)| !out.contains_key(*new_stem))
            .find(|(_, new)| new.as_ref().is_some_and(same))
        {
            out.insert((*new_stem).clone(), stem.clone());
        }
    }
    out
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}
