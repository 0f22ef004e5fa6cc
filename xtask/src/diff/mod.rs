//! `cargo xtask diff`: what a spec change means, on two axes: the provider contract (breaking,
//! non-breaking or informational for existing callers) and the generated Rust crate (the public
//! items added, removed or changed, and the semver bump it needs), plus the risks generic diff
//! tools miss. Rendered as a PR comment (Markdown) or JSON.

mod api;
mod calls;
mod contract;
mod report;
mod review;
mod sides;
pub(crate) mod surface;

use std::path::Path;

use serde::Serialize;

use crate::generate::GeneratedFile;
use sides::Loaded;

pub use api::{ApiChange, Impact};
pub use contract::{ContractChange, Level};
pub use report::{json, markdown};
pub use review::{default_base, review};
pub use sides::Source;

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

/// Compares `base` (absent for a new spec) with `head` (absent for a removed one), both read
/// as `specs/<provider>.yaml`.
pub fn compare(provider: &str, base: Option<&str>, head: Option<&str>) -> CrateReport {
    let file = format!("specs/{provider}.yaml");
    let source = |text| Source { file: &file, text };
    compare_sources(provider, base.map(source), head.map(source))
}

/// Compares two versions of a provider's spec. A side that does not load is one located
/// finding, and whatever else can be compared still is.
pub fn compare_sources(provider: &str, base: Option<Source>, head: Option<Source>) -> CrateReport {
    let (base, head) = (Loaded::of(provider, base), Loaded::of(provider, head));
    let mut contract = problems(&base, &head);
    let operations = |doc: &serde_json::Value| surface::Surface::of(doc).operations.len();
    match (&base.document, &head.document) {
        (Some(old), Some(new)) => contract.extend(contract::compare(
            &surface::Surface::of(old),
            &surface::Surface::of(new),
        )),
        (None, Some(new)) if base.present => contract.push(ContractChange::spec_wide(
            Level::NonBreaking,
            format!("{} operation(s) reviewed as new", operations(new)),
            "the base does not read, so there is nothing to compare them with",
        )),
        (None, Some(new)) => contract.push(ContractChange::spec_wide(
            Level::NonBreaking,
            format!("provider added with {} operation(s)", operations(new)),
            "no existing caller",
        )),
        (Some(old), None) if !head.present => contract.push(ContractChange::spec_wide(
            Level::Breaking,
            format!("provider removed with its {} operation(s)", operations(old)),
            "every caller of it fails",
        )),
        _ => {}
    }
    let crate_name = format!("payspec-{provider}");
    let mut api = match (base.lib(), head.lib()) {
        (Some(old), Some(new)) => api::compare(&api::items(old), &api::items(new)),
        (None, Some(new)) if !base.present => vec![ApiChange {
            item: crate_name.clone(),
            change: format!("added with {} public item(s)", api::items(new).len()),
            impact: Impact::Additive,
            why: "a new crate".into(),
        }],
        (Some(_), None) if !head.present => vec![ApiChange {
            item: crate_name.clone(),
            change: "removed".into(),
            impact: Impact::Breaking,
            why: "code depending on the crate no longer builds".into(),
        }],
        _ => Vec::new(),
    };
    if base.lib().is_some() && head.lib().is_some() {
        api.extend(calls::refused(&contract));
    }
    let base_version = base.version.clone().unwrap_or_else(|| "0.0.0".into());
    let version = head.version.clone().unwrap_or_else(|| base_version.clone());
    // A new crate starts at the version its spec declares.
    let required_version = base
        .lib()
        .and_then(|_| api::next_version(&base_version, &api));
    let version_ok = required_version
        .as_deref()
        .is_none_or(|required| semver(&version) >= semver(required));
    CrateReport {
        provider: provider.to_owned(),
        crate_name,
        version,
        required_version,
        version_ok,
        contract,
        api,
        diffstat: diffstat(base.files.as_deref(), head.files.as_deref()),
    }
}

/// The contract half alone, without the checks and generation the Rust half needs: the
/// changes between two spec documents (YAML or JSON text), or the first parse error.
pub fn contract_changes(base: &str, head: &str) -> Result<Vec<ContractChange>, String> {
    let surface = |text: &str| {
        crate::yaml::Document::parse(text)
            .map(|document| surface::Surface::of(&document.value))
            .map_err(|errors| format!("{errors:?}"))
    };
    Ok(contract::compare(&surface(base)?, &surface(head)?))
}

/// One finding per side that does not load: the head's must be fixed (breaking); the base's
/// only limits the review (the head is reviewed against what of the base reads).
fn problems(base: &Loaded, head: &Loaded) -> Vec<ContractChange> {
    let mut out = Vec::new();
    if let Some(problem) = base.summary() {
        out.push(ContractChange::spec_wide(
            Level::Info,
            format!("the base spec does not load: {problem}"),
            "the change is reviewed against what of the base reads; its Rust API is not compared",
        ));
    }
    if let Some(problem) = head.summary() {
        out.push(ContractChange::spec_wide(
            Level::Breaking,
            format!("the changed spec does not load: {problem}"),
            "its crate cannot be generated; fix it before merging",
        ));
    }
    out
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
