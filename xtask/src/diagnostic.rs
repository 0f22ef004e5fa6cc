//! Errors about a spec, reported as `specs/<file>.yaml:<line>:<col>: <message>`.

use std::fmt;

/// Where in a spec file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// 1-based line and column in the YAML source.
    Position { line: usize, column: usize },
    /// A JSON pointer into the document, for places without a source position.
    Pointer(String),
}

/// One problem found in a spec, with its place and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec's path relative to the workspace root, e.g. `specs/paypal.yaml`.
    pub file: String,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Position { line, column } => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            Location::Pointer(pointer) => write!(f, "{}#{pointer}: {}", self.file, self.message),
        }
    }
}

/// Every problem found in one run; the generator writes nothing when this is non-empty.
#[derive(Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
