//! `cargo xtask audit <provider> <reference>`: how far `specs/<provider>.yaml` is from the
//! provider's own reference document (OpenAPI 3.0, 3.1 or Swagger 2.0, lowered by
//! [`crate::lower`]).
//!
//! Operations are matched by method and path, path parameter names ignored. For each matched
//! operation `fields.rs` compares both sides' flattened fields (the surface `cargo xtask diff`
//! uses) and status codes, `attributes.rs` one field's attributes (and what makes our response
//! stricter); `report.rs` renders Markdown or JSON.
//!
//! Coverage counts leaf fields of the reference (request: body fields and non-path parameters;
//! response: the success responses' body fields) that our spec has at the same dotted path.
//! Reference operations we lack are listed as not covered and do not lower the coverage of the
//! ones we have: the figure says how complete each modelled operation is.

mod attributes;
mod fields;
mod report;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::diff::surface::{Operation, Surface};

pub use fields::{Class, Finding, Kind};
pub use report::{json, markdown};

/// The audit of one spec against one reference.
#[derive(Debug, Serialize)]
pub struct Audit {
    pub provider: String,
    /// The reference's file name.
    pub reference: String,
    pub operations: Vec<OperationAudit>,
    /// Reference operations our spec lacks, as `METHOD /path (operationId)`.
    pub not_covered: Vec<String>,
    /// Our operations the reference lacks.
    pub only_ours: Vec<String>,
    /// What lowering the reference changed.
    pub notes: Vec<String>,
}

/// One operation both specs have.
#[derive(Debug, Serialize)]
pub struct OperationAudit {
    /// `METHOD /path` as our spec writes it.
    pub operation: String,
    pub operation_id: String,
    pub request: Coverage,
    pub response: Coverage,
    pub findings: Vec<Finding>,
}

/// Reference leaf fields our spec has, out of all the reference's.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Coverage {
    pub covered: usize,
    pub total: usize,
}

impl Coverage {
    /// The share covered, in percent; `None` when the reference has no such fields.
    pub fn percent(&self) -> Option<f64> {
        (self.total > 0).then(|| 100.0 * self.covered as f64 / self.total as f64)
    }

    fn add(self, other: Coverage) -> Coverage {
        Coverage {
            covered: self.covered + other.covered,
            total: self.total + other.total,
        }
    }
}

impl Audit {
    /// Request and response coverage over every matched operation.
    pub fn overall(&self) -> (Coverage, Coverage) {
        self.operations.iter().fold(
            (Coverage::default(), Coverage::default()),
            |(request, response), op| (request.add(op.request), response.add(op.response)),
        )
    }

    /// Whether the overall coverage (request and response together) is below `percent`.
    pub fn fails_under(&self, percent: f64) -> bool {
        let (request, response) = self.overall();
        request.add(response).percent().is_some_and(|p| p < percent)
    }
}

/// Audits `specs/<provider>.yaml` against the reference document at `reference`.
pub fn run(root: &Path, provider: &str, reference: &Path) -> Result<Audit, String> {
    let file = format!("specs/{provider}.yaml");
    let source = std::fs::read_to_string(root.join(&file))
        .map_err(|e| format!("cannot read {file}: {e}"))?;
    let ours = crate::yaml::Document::parse(&source)
        .map_err(|errors| format!("{file}:{}: {}", errors[0].position.line, errors[0].message))?;
    let lowered = crate::lower::lower(crate::lower::read(reference)?)?;
    let name = reference
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut audit = compare(provider, &name, &ours.value, &lowered.document);
    audit.notes = lowered.notes;
    Ok(audit)
}

/// Compares our spec with a reference already in our dialect.
pub fn compare(provider: &str, reference_name: &str, ours: &Value, reference: &Value) -> Audit {
    let ours = by_shape(Surface::of(ours));
    let theirs = by_shape(Surface::of(reference));
    let mut audit = Audit {
        provider: provider.to_owned(),
        reference: reference_name.to_owned(),
        operations: Vec::new(),
        not_covered: Vec::new(),
        only_ours: Vec::new(),
        notes: Vec::new(),
    };
    for (shape, (key, reference_op)) in &theirs {
        match ours.get(shape) {
            Some((our_key, our_op)) => {
                audit
                    .operations
                    .push(fields::operation(our_key, our_op, reference_op));
            }
            None => audit.not_covered.push(label(key, reference_op)),
        }
    }
    for (shape, (key, op)) in &ours {
        if !theirs.contains_key(shape) {
            audit.only_ours.push(label(key, op));
        }
    }
    audit
}

/// Operations keyed by method and path with parameter names blanked (`/a/{}`).
fn by_shape(surface: Surface) -> BTreeMap<String, (String, Operation)> {
    surface
        .operations
        .into_iter()
        .map(|(key, op)| (path_shape(&key), (key, op)))
        .collect()
}

/// `POST /a/{id}/b` → `POST /a/{}/b`.
pub(crate) fn path_shape(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut in_name = false;
    for c in key.chars() {
        match c {
            '{' => {
                in_name = true;
                out.push('{');
            }
            '}' => {
                in_name = false;
                out.push('}');
            }
            _ if in_name => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches('/').to_owned()
}

fn label(key: &str, op: &Operation) -> String {
    if op.id.is_empty() {
        format!("`{key}`")
    } else {
        format!("`{key}` ({})", op.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameter_names_are_ignored() {
        assert_eq!(
            path_shape("GET /a/{id}/b"),
            path_shape("GET /a/{paymentId}/b")
        );
        assert_ne!(path_shape("GET /a/{id}"), path_shape("POST /a/{id}"));
    }
}
