//! One side of a review, loaded as far as it goes: the YAML or JSON document (for the
//! contract), then the checked spec and its generated crate (for the Rust API). Whatever fails
//! is kept as located diagnostics, so the rest of the review still runs.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};
use crate::generate::{self, GeneratedFile};
use crate::spec;
use crate::yaml::Document;

/// A spec file's name (for diagnostics) and text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The path relative to the workspace root, e.g. `specs/paypal.yaml`.
    pub file: &'a str,
    pub text: &'a str,
}

/// What could be read of one side.
#[derive(Default)]
pub(super) struct Loaded {
    /// Whether the side exists (a spec file was there).
    pub present: bool,
    /// The document, when it parses as YAML or JSON.
    pub document: Option<Value>,
    /// The crate version the spec declares, when it passes its checks.
    pub version: Option<String>,
    /// The generated crate's files, when the spec passes its checks and generates.
    pub files: Option<Vec<GeneratedFile>>,
    /// Why `document` or `files` is missing.
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    pub(super) fn of(provider: &str, source: Option<Source>) -> Loaded {
        let Some(source) = source else {
            return Loaded::default();
        };
        let mut loaded = Loaded {
            present: true,
            ..Loaded::default()
        };
        match Document::parse(source.text) {
            Ok(document) => loaded.document = Some(document.value),
            Err(errors) => {
                loaded.problems = errors
                    .into_iter()
                    .map(|e| Diagnostic {
                        file: source.file.to_owned(),
                        location: Location::Position {
                            line: e.position.line,
                            column: e.position.column,
                        },
                        message: e.message,
                    })
                    .collect();
                return loaded;
            }
        }
        let generated = spec::parse(source.file, provider, source.text).and_then(|spec| {
            loaded.version = Some(generate::crate_version(&spec).to_owned());
            generate::crate_files(&spec)
        });
        match generated {
            Ok(files) => loaded.files = Some(files),
            Err(problems) => loaded.problems = problems,
        }
        loaded
    }

    /// The generated `src/lib.rs`.
    pub(super) fn lib(&self) -> Option<&str> {
        self.files
            .as_ref()?
            .iter()
            .find(|f| f.path.ends_with("src/lib.rs"))
            .map(|f| f.contents.as_str())
    }

    /// The first problem, located, with a count of the others.
    pub(super) fn summary(&self) -> Option<String> {
        let first = self.problems.first()?;
        Some(match self.problems.len() {
            1 => first.to_string(),
            n => format!("{first} (and {} more)", n - 1),
        })
    }
}
