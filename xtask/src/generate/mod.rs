//! `cargo xtask gen`: one standalone client crate per spec under `generated/<provider>/`.
//!
//! Everything is generated in memory first; files are written only when every spec succeeded,
//! so an error leaves `generated/` exactly as it was.

mod code;
mod credentials;
mod enum_names;
mod forms;
mod locate;
mod manifest;
mod patterns;
mod readme;
mod responses;
mod rewrite;
mod strict;
mod type_names;
mod wire_names;
mod wiring;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::spec;

pub use manifest::{crate_version, package_name};

/// One file the generator produces, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// What `generated/` needs to match the specs.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<GeneratedFile>,
    /// Files under `generated/` that no spec produces (a removed spec, a hand-added file).
    pub orphans: Vec<PathBuf>,
    /// Findings that did not stop generation and lowering notes, one printable line each.
    pub warnings: Vec<String>,
}

/// Generates the crates for `providers` (all specs when empty) without touching the disk;
/// documentation findings do not stop it.
pub fn plan(root: &Path, providers: &[String]) -> Result<Plan, Diagnostics> {
    plan_with(root, providers, spec::Mode::Lenient)
}

/// [`plan`], with `mode` deciding which findings stop generation.
pub fn plan_with(root: &Path, providers: &[String], mode: spec::Mode) -> Result<Plan, Diagnostics> {
    let all = spec::providers(root).map_err(|e| Diagnostics(vec![io_diagnostic("specs/", e)]))?;
    let selected: Vec<String> = if providers.is_empty() {
        all.clone()
    } else {
        providers.to_vec()
    };
    let (known, unknown): (Vec<&String>, Vec<&String>) =
        selected.iter().partition(|provider| all.contains(provider));
    let mut problems: Vec<Diagnostic> = unknown
        .iter()
        .map(|provider| {
            io_diagnostic(
                &format!("specs/{provider}.yaml"),
                format!("no such spec; known providers: {}", all.join(", ")),
            )
        })
        .collect();
    let mut files = Vec::new();
    // One thread per spec: specs are independent, and the machine has more than one core.
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = known
            .iter()
            .map(|provider| scope.spawn(move || generate_crate(root, provider, mode)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generation does not panic"))
            .collect()
    });
    let mut warnings = Vec::new();
    for result in results {
        match result {
            Ok((crate_files, spec_warnings)) => {
                files.extend(crate_files);
                warnings.extend(spec_warnings);
            }
            Err(errors) => problems.extend(errors),
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    let expected: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let mut orphans = Vec::new();
    for provider in existing_crates(root) {
        let owned = providers.is_empty() || selected.contains(&provider);
        if !owned {
            continue;
        }
        for path in list_files(root, &Path::new("generated").join(&provider)) {
            if !expected.contains(path.as_path()) {
                orphans.push(path);
            }
        }
    }
    Ok(Plan {
        files,
        orphans,
        warnings,
    })
}

/// The three files of one provider's crate, and the spec's warnings and notes as lines.
fn generate_crate(
    root: &Path,
    provider: &str,
    mode: spec::Mode,
) -> Result<(Vec<GeneratedFile>, Vec<String>), Vec<Diagnostic>> {
    let spec = spec::load(root, provider, mode)?;
    let notes = spec
        .notes
        .iter()
        .map(|note| format!("{}: note: {note}", spec.file));
    let warnings = spec.warnings.iter().map(|w| w.labelled("warning"));
    let lines = notes.chain(warnings).collect();
    let files =
        crate_files(&spec).map_err(|problems| with_positions(root, &spec.file, problems))?;
    Ok((files, lines))
}

/// `problems` with each JSON pointer turned into the line and column it has in `file`.
fn with_positions(root: &Path, file: &str, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let source = std::fs::read_to_string(root.join(file)).unwrap_or_default();
    let Ok(document) = crate::yaml::Document::parse(&source) else {
        return problems;
    };
    problems
        .into_iter()
        .map(|mut problem| {
            if let Location::Pointer(pointer) = &problem.location {
                if let Some(p) = document.position(pointer).filter(|_| !pointer.is_empty()) {
                    problem.location = Location::Position {
                        line: p.line,
                        column: p.column,
                    };
                }
            }
            problem
        })
        .collect()
}

/// The three files of the crate generated from `spec`: `Cargo.toml`, `README.md`, `src/lib.rs`.
pub fn crate_files(spec: &spec::Spec) -> Result<Vec<GeneratedFile>, Vec<Diagnostic>> {
    let provider = &spec.provider;
    let problems = manifest::check(spec);
    if !problems.is_empty() {
        return Err(problems);
    }
    let code = code::client_source(spec).map_err(|problems| {
        problems
            .into_iter()
            .map(|(pointer, message)| Diagnostic {
                file: spec.file.clone(),
                location: Location::Pointer(pointer),
                message,
            })
            .collect::<Vec<_>>()
    })?;
    let dir = Path::new("generated").join(provider);
    let mut files = vec![
        GeneratedFile {
            path: dir.join("Cargo.toml"),
            contents: manifest::manifest(spec, &code),
        },
        GeneratedFile {
            path: dir.join("README.md"),
            contents: readme::readme(spec),
        },
        GeneratedFile {
            path: dir.join("src/lib.rs"),
            contents: code,
        },
    ];
    files.extend(manifest::license_files(&dir));
    Ok(files)
}

/// Why `cargo xtask gen` did not complete.
#[derive(Debug)]
pub enum Error {
    /// Problems in the specs; nothing was written.
    Specs(Diagnostics),
    /// Writing `generated/` failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Specs(diagnostics) => {
                write!(
                    f,
                    "{diagnostics}error: {} problem(s) in the specs; generated/ was not changed",
                    diagnostics.0.len()
                )
            }
            Error::Io(error) => write!(f, "error: cannot write generated/: {error}"),
        }
    }
}

/// `cargo xtask gen`: plans every crate and writes only when all succeeded. Returns the paths
/// that changed.
pub fn regenerate(root: &Path, providers: &[String]) -> Result<(Plan, Vec<PathBuf>), Error> {
    regenerate_with(root, providers, spec::Mode::Lenient)
}

/// [`regenerate`], with `mode` deciding which findings stop generation.
pub fn regenerate_with(
    root: &Path,
    providers: &[String],
    mode: spec::Mode,
) -> Result<(Plan, Vec<PathBuf>), Error> {
    let plan = plan_with(root, providers, mode).map_err(Error::Specs)?;
    let changed = write(root, &plan).map_err(Error::Io)?;
    Ok((plan, changed))
}

/// A file that differs between the disk and the plan.
#[derive(Debug, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Changed { path: PathBuf, diff: String },
    Orphan(PathBuf),
}

/// Compares the plan with the disk; an empty result means `generated/` is up to date.
pub fn drift(root: &Path, plan: &Plan) -> Vec<Drift> {
    let mut drift = Vec::new();
    for file in &plan.files {
        match std::fs::read_to_string(root.join(&file.path)) {
            Err(_) => drift.push(Drift::Missing(file.path.clone())),
            Ok(current) if current != file.contents => {
                let diff = similar::TextDiff::from_lines(&current, &file.contents)
                    .unified_diff()
                    .context_radius(2)
                    .header(
                        &format!("a/{}", file.path.display()),
                        &format!("b/{}", file.path.display()),
                    )
                    .to_string();
                drift.push(Drift::Changed {
                    path: file.path.clone(),
                    diff,
                });
            }
            Ok(_) => {}
        }
    }
    drift.extend(plan.orphans.iter().cloned().map(Drift::Orphan));
    drift
}

/// Writes the plan: every file goes to a temporary sibling first and is renamed into place only
/// when all were written. Returns the paths that changed.
pub fn write(root: &Path, plan: &Plan) -> std::io::Result<Vec<PathBuf>> {
    let mut staged = Vec::new();
    let result = (|| {
        for file in &plan.files {
            let target = root.join(&file.path);
            if std::fs::read_to_string(&target).is_ok_and(|c| c == file.contents) {
                continue;
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let temporary = target.with_extension("payspec-tmp");
            std::fs::write(&temporary, &file.contents)?;
            staged.push((temporary, file.path.clone()));
        }
        Ok(())
    })();
    if let Err(error) = result {
        for (temporary, _) in &staged {
            let _ = std::fs::remove_file(temporary);
        }
        return Err(error);
    }
    let mut changed = Vec::with_capacity(staged.len() + plan.orphans.len());
    for (temporary, path) in staged {
        std::fs::rename(temporary, root.join(&path))?;
        changed.push(path);
    }
    for orphan in &plan.orphans {
        std::fs::remove_file(root.join(orphan))?;
        changed.push(orphan.clone());
    }
    remove_empty_dirs(&root.join("generated"));
    Ok(changed)
}

/// Provider directories currently under `generated/`.
fn existing_crates(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("generated")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Files below `dir` (relative to `root`), skipping build output.
fn list_files(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return out;
    };
    for entry in entries.filter_map(Result::ok) {
        let relative = dir.join(entry.file_name());
        if entry.path().is_dir() {
            if entry.file_name() != "target" {
                out.extend(list_files(root, &relative));
            }
        } else {
            out.push(relative);
        }
    }
    out.sort();
    out
}

fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok).filter(|e| e.path().is_dir()) {
        remove_empty_dirs(&entry.path());
        let _ = std::fs::remove_dir(entry.path());
    }
}

fn io_diagnostic(file: &str, message: impl ToString) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        location: Location::Pointer(String::new()),
        message: message.to_string(),
    }
}
