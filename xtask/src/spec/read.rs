//! A spec file's bytes to a document with positions: UTF-8 (the first bad byte located), YAML or
//! JSON syntax (`yaml.rs`), then OpenAPI 3.1 and Swagger 2.0 lowered to our 3.0.3 dialect
//! (`lower/`). Problems are findings, so a document that could be built is still checked.

use super::Checked;
use crate::diagnostic::{Diagnostic, Location};
use crate::lint::{Finding, MAX_FILE_BYTES, Rule};
use crate::lower::{self, Dialect};
use crate::yaml::{Document, Position};

/// Reads `bytes`, the contents of `file` (the name used in diagnostics): the document, lowered
/// to 3.0.3, with encoding, syntax and lowering findings and the lowering's notes.
pub fn read(file: &str, bytes: &[u8]) -> Checked {
    let finding = |rule, location, message| Finding {
        rule,
        diagnostic: Diagnostic {
            file: file.to_owned(),
            location,
            message,
        },
    };
    let position = |p: Position| Location::Position {
        line: p.line,
        column: p.column,
    };
    if bytes.len() > MAX_FILE_BYTES {
        let message = format!(
            "the file is {} bytes, more than the limit of {MAX_FILE_BYTES} (64 MiB); split the spec",
            bytes.len()
        );
        return Checked {
            document: None,
            findings: vec![finding(
                Rule::Limit,
                Location::Pointer(String::new()),
                message,
            )],
            notes: Vec::new(),
        };
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(source) => source,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let message = format!(
                "not UTF-8: byte 0x{:02X} cannot start or continue a character; save the file as UTF-8",
                bytes[error.valid_up_to()]
            );
            return Checked {
                document: None,
                findings: vec![finding(Rule::Syntax, position(end_of(valid)), message)],
                notes: Vec::new(),
            };
        }
    };
    let (document, errors) = Document::read(source);
    let mut findings: Vec<Finding> = errors
        .into_iter()
        .map(|e| finding(Rule::Syntax, position(e.position), e.message))
        .collect();
    let mut notes = Vec::new();
    let document = document.map(|document| {
        let dialect = Dialect::of(&document.value);
        if !matches!(dialect, Ok(Dialect::OpenApi31 | Dialect::Swagger2)) {
            return document;
        }
        match lower::lower(document.value.clone()) {
            Ok(lowered) => {
                let from = if dialect == Ok(Dialect::Swagger2) {
                    "Swagger 2.0"
                } else {
                    "OpenAPI 3.1"
                };
                notes.extend(
                    lowered
                        .notes
                        .into_iter()
                        .map(|note| format!("read as OpenAPI 3.0.3 from {from}: {note}")),
                );
                document.rewritten(lowered.document, dialect == Ok(Dialect::Swagger2))
            }
            Err(message) => {
                findings.push(finding(
                    Rule::Structure,
                    Location::Pointer(String::new()),
                    format!("cannot read this document as OpenAPI 3.0.3: {message}"),
                ));
                document
            }
        }
    });
    Checked {
        document,
        findings,
        notes,
    }
}

/// The position just after `text`: where the next byte would be.
fn end_of(text: &[u8]) -> Position {
    let line_start = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // The valid prefix is UTF-8, so count characters, as every other column does.
    let column = String::from_utf8_lossy(&text[line_start..]).chars().count() + 1;
    Position {
        line: text.iter().filter(|&&b| b == b'\n').count() + 1,
        column,
    }
}
