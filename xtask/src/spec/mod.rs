//! Loading a spec: read with positions (`read.rs`: encoding, YAML or JSON, OpenAPI 3.1 and
//! Swagger 2.0 lowered), checked in one pass (lint with the preflight, openapiv3's model in
//! `structure.rs`), then the document as progenitor should see it, the codegen view.

mod derived_names;
pub mod enums;
pub mod errors;
pub mod media;
pub mod names;
pub mod parameter_names;
pub mod query;
pub mod read;
pub mod sides;
pub mod status_enums;
mod structure;
pub mod successes;
pub mod verbatim;
pub mod view;

use std::path::Path;

use openapiv3::OpenAPI;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Location};
use crate::lint::{self, Category, Finding, Rule, Severity};
use crate::yaml::Document;

/// A spec that passed every check and can be generated from.
#[derive(Debug)]
pub struct Spec {
    /// The provider name: the file stem, e.g. `paypal`.
    pub provider: String,
    /// The path relative to the workspace root, e.g. `specs/paypal.yaml`.
    pub file: String,
    /// Hex SHA-256 of the file's bytes, recorded in the generated code.
    pub sha256: String,
    /// The document as written, for README and metadata.
    pub document: Value,
    /// The document as progenitor should see it: JSON response media types renamed to
    /// `application/json`, shared components split by side, body-less error statuses beside
    /// typed ones removed.
    pub openapi: OpenAPI,
    /// What the codegen view reshaped; see [`view`].
    pub reshaped: view::Reshaped,
    /// Findings that did not stop generation (documentation and style, unless strict).
    pub warnings: Vec<Finding>,
    /// What lowering from OpenAPI 3.1 or Swagger 2.0 changed.
    pub notes: Vec<String>,
}

/// The providers with a spec under `specs/`, sorted.
pub fn providers(root: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root.join("specs"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                names.push(stem.to_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// What stops `gen`: generation errors only (the default), or every `lint` error too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Documentation and style findings are warnings; generation proceeds.
    #[default]
    Lenient,
    /// Every finding `cargo xtask lint` counts as an error stops generation (`gen --strict`).
    Strict,
}

impl Mode {
    /// Whether `finding` stops generation in this mode.
    pub fn blocks(self, finding: &Finding) -> bool {
        finding.severity() == Severity::Error
            && (finding.rule.category() == Category::Generation || self == Mode::Strict)
    }
}

/// A spec file read and checked: every problem found in one pass.
#[derive(Debug)]
pub struct Checked {
    /// The document (lowered to 3.0.3), when the file could be read as one.
    pub document: Option<Document>,
    /// Every finding, from the file's encoding and syntax to the lint rules, errors first.
    pub findings: Vec<Finding>,
    /// What lowering from OpenAPI 3.1 or Swagger 2.0 changed.
    pub notes: Vec<String>,
}

/// Reads and checks a spec file's bytes; `file` is the name used in diagnostics. Whatever
/// could be read is checked, so syntax, structure (openapiv3) and lint findings come together.
pub fn check(file: &str, bytes: &[u8]) -> Checked {
    let Checked {
        document,
        mut findings,
        notes,
    } = read::read(file, bytes);
    if let Some(document) = &document {
        findings.extend(lint::lint(file, document));
        if let Err(diagnostic) = structure::openapi(file, document, &document.value) {
            findings.push(Finding {
                rule: Rule::Structure,
                diagnostic,
            });
        }
        findings.sort_by_key(Finding::severity);
    }
    Checked {
        document,
        findings,
        notes,
    }
}

/// Reads and checks `specs/<provider>.yaml`.
pub fn load(root: &Path, provider: &str, mode: Mode) -> Result<Spec, Vec<Diagnostic>> {
    let file = format!("specs/{provider}.yaml");
    let bytes = std::fs::read(root.join(&file)).map_err(|e| {
        vec![Diagnostic {
            file: file.clone(),
            location: Location::Pointer(String::new()),
            message: format!("cannot read: {e}"),
        }]
    })?;
    parse_bytes(&file, provider, &bytes, mode)
}

/// Checks a spec's source text, generation errors only; `file` is the name used in diagnostics.
pub fn parse(file: &str, provider: &str, source: &str) -> Result<Spec, Vec<Diagnostic>> {
    parse_bytes(file, provider, source.as_bytes(), Mode::Lenient)
}

/// Checks a spec file's bytes: the findings `mode` says block are errors, with every other
/// finding after them (as warnings); otherwise the spec carries its warnings and notes.
pub fn parse_bytes(
    file: &str,
    provider: &str,
    bytes: &[u8],
    mode: Mode,
) -> Result<Spec, Vec<Diagnostic>> {
    let Checked {
        document,
        findings,
        notes,
    } = check(file, bytes);
    let (blocking, warnings): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| mode.blocks(f));
    let document = match document {
        Some(document) if blocking.is_empty() => document,
        _ => {
            let warned = warnings.iter().map(|w| Diagnostic {
                message: format!("warning: {}", w.diagnostic.message),
                ..w.diagnostic.clone()
            });
            return Err(blocking
                .into_iter()
                .map(|f| f.diagnostic)
                .chain(warned)
                .collect());
        }
    };
    let view::View {
        document: codegen,
        reshaped,
        problems,
    } = view::View::of(&document.value);
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|(pointer, message)| lint::at(file, &document, &pointer, message))
            .collect());
    }
    let openapi = structure::openapi(file, &document, &codegen).map_err(|d| vec![d])?;
    Ok(Spec {
        provider: provider.to_owned(),
        file: file.to_owned(),
        sha256: hex(&Sha256::digest(bytes)),
        document: document.value,
        openapi,
        reshaped,
        warnings,
        notes,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
