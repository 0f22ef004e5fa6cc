//! `cargo xtask lint`: what a valid spec is. Every rule is defined once, with its [`Rule`]:
//! whether breaking it stops the generator from producing a correct client
//! ([`Category::Generation`]: the preflight checks, patterns) or is documentation and style
//! ([`Category::Documentation`]: summaries, documented error responses, examples matching their
//! schemas, unused components, names, TODOs). `lint` fails on every error; `gen` stops only on
//! generation errors unless asked to be strict (see [`crate::spec::Mode`]).
//!
//! The rules live by concern: `operations.rs` (summaries, error responses, naming),
//! `examples.rs` (examples against their schemas), `text.rs` (patterns, TODOs),
//! `components.rs` (unused components), `security.rs` (authentication the runtime can perform)
//! and `hostile.rs` (specs that would generate broken or
//! crashing code, and size limits).

mod components;
mod examples;
mod hostile;
mod operations;
pub mod security;
mod text;

use std::fmt;

pub use hostile::{MAX_FILE_BYTES, MAX_OPERATIONS, MAX_REF_CHAIN, MAX_SCHEMA_DEPTH};

use crate::diagnostic::{Diagnostic, Location};
use crate::preflight;
use crate::yaml::Document;

/// How serious a finding is for `cargo xtask lint`: errors fail it, warnings are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed.
    Error,
    /// Should be fixed.
    Warning,
}

/// Whether a rule is about the generated client or about the spec's documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// The generator cannot produce a correct client: stops `gen` too.
    Generation,
    /// Documentation or style: `gen` warns and goes on, unless strict.
    Documentation,
}

/// Every rule a finding can come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The file cannot be read as a document (encoding, YAML or JSON syntax).
    Syntax,
    /// Not an OpenAPI 3.0 document openapiv3 can read, or a construct the generator cannot
    /// handle (the preflight checks).
    Structure,
    /// Beyond a stated limit (operations, schema depth, `$ref` chain, file size).
    Limit,
    /// A pattern the generated client (`payspec-pattern`) cannot compile; `gen` leaves it out.
    Pattern,
    /// A pattern JavaScript with the `u` flag (Prism) cannot compile: the contract tests would
    /// not check it.
    PrismPattern,
    /// A key OpenAPI 3.0 does not define and that is no near miss of one it does, which every
    /// tool ignores (`enum` on a parameter). A near miss (`requestbody`) is `Structure`.
    UnknownKey,
    /// An operation without a summary, its method's doc comment.
    Summary,
    /// An operation without a documented error response.
    ErrorResponses,
    /// An example that does not match its schema.
    Example,
    /// A component nothing references.
    UnusedComponent,
    /// An operation's `security` the runtime cannot satisfy (an unsupported or undeclared
    /// scheme in every alternative).
    Security,
    /// An operationId or schema name in another style than the generated Rust name.
    Naming,
    /// A `TODO` left by `cargo xtask import`.
    Todo,
}

impl Rule {
    /// What breaking the rule affects.
    pub fn category(self) -> Category {
        match self {
            Rule::Syntax | Rule::Structure | Rule::Limit | Rule::Security => Category::Generation,
            Rule::Summary
            | Rule::Pattern
            | Rule::PrismPattern
            | Rule::UnknownKey
            | Rule::ErrorResponses
            | Rule::Example
            | Rule::UnusedComponent
            | Rule::Naming
            | Rule::Todo => Category::Documentation,
        }
    }

    /// How `cargo xtask lint` treats a finding of this rule.
    pub fn severity(self) -> Severity {
        match self {
            Rule::UnusedComponent | Rule::Naming | Rule::Todo => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One lint finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub diagnostic: Diagnostic,
}

impl Finding {
    /// The finding's severity for `cargo xtask lint`, from its rule.
    pub fn severity(&self) -> Severity {
        self.rule.severity()
    }

    /// The finding as printed with `label` (`error`, `warning`) after the place.
    pub fn labelled(&self, label: &str) -> String {
        let Diagnostic {
            file,
            location,
            message,
        } = &self.diagnostic;
        match location {
            Location::Position { line, column } => {
                format!("{file}:{line}:{column}: {label}: {message}")
            }
            Location::Pointer(pointer) => format!("{file}#{pointer}: {label}: {message}"),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        f.write_str(&self.labelled(label))
    }
}

/// `specs/<provider>.yaml` read and checked: every finding, including the file's syntax and
/// structure, and the notes of a lowered dialect.
pub fn lint_file(root: &std::path::Path, provider: &str) -> crate::spec::Checked {
    let file = format!("specs/{provider}.yaml");
    match std::fs::read(root.join(&file)) {
        Ok(bytes) => crate::spec::check(&file, &bytes),
        Err(e) => crate::spec::Checked {
            document: None,
            findings: vec![Finding {
                rule: Rule::Syntax,
                diagnostic: Diagnostic {
                    file,
                    location: Location::Pointer(String::new()),
                    message: format!("cannot read: {e}"),
                },
            }],
            notes: Vec::new(),
        },
    }
}

/// Every finding for one parsed spec, errors first.
pub fn lint(file: &str, doc: &Document) -> Vec<Finding> {
    let mut linter = Linter {
        file,
        doc,
        out: Vec::new(),
    };
    linter.out.extend(preflight::check(file, doc));
    linter.verbatim();
    linter.hostile();
    linter.security();
    linter.operations();
    linter.examples();
    linter.patterns();
    linter.unused_components();
    linter.names();
    linter.todos();
    linter.out.sort_by_key(Finding::severity);
    linter.out
}

/// Runs the rules over one document, collecting findings.
struct Linter<'a> {
    file: &'a str,
    doc: &'a Document,
    out: Vec<Finding>,
}

impl Linter<'_> {
    fn report(&mut self, rule: Rule, pointer: &str, message: String) {
        self.out.push(Finding {
            rule,
            diagnostic: at(self.file, self.doc, pointer, message),
        });
    }
}

/// A diagnostic at `pointer`: its line and column when the source has one, else the pointer.
pub(crate) fn at(file: &str, doc: &Document, pointer: &str, message: String) -> Diagnostic {
    let location = match doc.position(pointer) {
        Some(p) => Location::Position {
            line: p.line,
            column: p.column,
        },
        None => Location::Pointer(pointer.to_owned()),
    };
    Diagnostic {
        file: file.to_owned(),
        location,
        message,
    }
}
