//! `cargo xtask diff`: what a spec change means, on two axes: the provider contract (breaking,
//! non-breaking or informational for existing callers) and the generated Rust crate (the public
//! items added, removed or changed, and the semver bump it needs), plus the risks generic diff
//! tools miss. Rendered as a PR comment (Markdown) or JSON.

mod api;
mod contract;
mod report;
pub(crate) mod surface;

use std::path::Path;
use std::process::Command;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::generate::{self, GeneratedFile};
use crate::spec;

pub use api::{ApiChange, Impact};
pub use contract::{ContractChange, Level};
pub use report::{json, markdown};

/// The review of one spec change.
#[derive(Debug, Serialize)]
pub struct CrateReport {
    pub provider: String,
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// The crate version the changed spec declares.
    pub version: String,
    /// The version the API changes require at least, if any changed.
    pub required_version: Option<String>,
    /// Whether `version` already satisfies `required_version`.
    pub version_ok: bool,
    pub contract: Vec<ContractChange>,
    pub api: Vec<ApiChange>,
    pub diffstat: Vec<FileStat>,
}

/// Lines added and removed in one generated file.
#[derive(Debug, Serialize)]
pub struct FileStat {
    pub path: String,
    pub added: usize,
    pub removed: usize,
}

/// The reviews of every changed spec.
#[derive(Debug, Serialize)]
pub struct Report {
    pub base: String,
    pub crates: Vec<CrateReport>,
}

/// What `--fail-on` fails on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// A breaking contract change, or a Rust API break the crate version does not account for.
    Breaking,
    /// Also any flagged risk and any needed version bump not made.
    Warning,
}

impl Report {
    /// Whether the report should fail CI under `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.crates.iter().any(|c| {
            let breaking = c.contract.iter().any(|x| x.level == Level::Breaking)
                || (!c.version_ok && c.api.iter().any(|x| x.impact == Impact::Breaking));
            let warning = c.contract.iter().any(|x| x.risk.is_some()) || !c.version_ok;
            breaking || (fail_on == FailOn::Warning && warning)
        })
    }
}

/// Compares `base` (absent for a new spec) with `head` (absent for a removed one).
pub fn compare(
    provider: &str,
    base: Option<&str>,
    head: Option<&str>,
) -> Result<CrateReport, Vec<Diagnostic>> {
    let file = format!("specs/{provider}.yaml");
    let side = |source: Option<&str>,
                label: &str|
     -> Result<Option<(spec::Spec, Vec<GeneratedFile>)>, Vec<Diagnostic>> {
        let Some(source) = source else {
            return Ok(None);
        };
        let spec = spec::parse(&file, provider, source).map_err(|mut errors| {
            for error in &mut errors {
                error.message = format!("({label}) {}", error.message);
            }
            errors
        })?;
        let files = generate::crate_files(&spec)?;
        Ok(Some((spec, files)))
    };
    let base = side(base, "base")?;
    let head = side(head, "head")?;
    let surface = |side: &Option<(spec::Spec, Vec<GeneratedFile>)>| {
        side.as_ref()
            .map_or_else(surface::Surface::default, |(spec, _)| {
                surface::Surface::of(&spec.document)
            })
    };
    let lib = |side: &Option<(spec::Spec, Vec<GeneratedFile>)>| {
        side.as_ref()
            .and_then(|(_, files)| files.iter().find(|f| f.path.ends_with("src/lib.rs")))
            .map(|f| api::items(&f.contents))
            .unwrap_or_default()
    };
    let contract = contract::compare(&surface(&base), &surface(&head));
    let api = api::compare(&lib(&base), &lib(&head));
    let base_version = base
        .as_ref()
        .map_or("0.0.0", |(spec, _)| generate::crate_version(spec))
        .to_owned();
    let version = head.as_ref().map_or(base_version.clone(), |(spec, _)| {
        generate::crate_version(spec).to_owned()
    });
    // A new crate starts at the version its spec declares.
    let required_version = if base.is_some() {
        api::next_version(&base_version, &api)
    } else {
        None
    };
    let version_ok = required_version
        .as_deref()
        .is_none_or(|required| semver(&version) >= semver(required));
    Ok(CrateReport {
        provider: provider.to_owned(),
        crate_name: format!("payspec-{provider}"),
        version,
        required_version,
        version_ok,
        contract,
        api,
        diffstat: diffstat(
            base.as_ref().map(|(_, f)| f.as_slice()),
            head.as_ref().map(|(_, f)| f.as_slice()),
        ),
    })
}

fn semver(version: &str) -> (u64, u64, u64) {
    let mut parts = version.split('.').map(|p| p.parse().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn diffstat(base: Option<&[GeneratedFile]>, head: Option<&[GeneratedFile]>) -> Vec<FileStat> {
    let mut paths: Vec<&Path> = base
        .into_iter()
        .chain(head)
        .flatten()
        .map(|f| f.path.as_path())
        .collect();
    paths.sort();
    paths.dedup();
    let contents = |files: Option<&[GeneratedFile]>, path: &Path| {
        files
            .into_iter()
            .flatten()
            .find(|f| f.path == path)
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    paths
        .into_iter()
        .filter_map(|path| {
            let (old, new) = (contents(base, path), contents(head, path));
            let diff = similar::TextDiff::from_lines(&old, &new);
            let (mut added, mut removed) = (0, 0);
            for change in diff.iter_all_changes() {
                match change.tag() {
                    similar::ChangeTag::Insert => added += 1,
                    similar::ChangeTag::Delete => removed += 1,
                    similar::ChangeTag::Equal => {}
                }
            }
            (added + removed > 0).then(|| FileStat {
                path: path.display().to_string(),
                added,
                removed,
            })
        })
        .collect()
}

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
    let mut providers: Vec<String> = listed
        .lines()
        .filter_map(|l| l.strip_suffix(".yaml"))
        .map(str::to_owned)
        .collect();
    providers.extend(spec::providers(root).map_err(|e| error(format!("cannot read specs/: {e}")))?);
    providers.sort();
    providers.dedup();
    let mut crates = Vec::new();
    for provider in providers {
        let old = git(root, &["show", &format!("{base}:specs/{provider}.yaml")]).ok();
        let new = std::fs::read_to_string(root.join(format!("specs/{provider}.yaml"))).ok();
        if old == new {
            continue;
        }
        crates.push(compare(&provider, old.as_deref(), new.as_deref())?);
    }
    Ok(Report {
        base: base.to_owned(),
        crates,
    })
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
