//! Contract changes between two spec surfaces, classified for existing callers (the rules of
//! oasdiff are the reference): what breaks them, what does not, and what is only informational.

use serde::Serialize;

mod operations;
mod parameters;
mod responses;
mod schemas;
mod security;

use super::surface::Surface;
use operations::{label, operation};

/// How a change affects existing callers of the provider's API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Breaking,
    NonBreaking,
    Info,
}

/// One classified change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContractChange {
    /// `METHOD /path (operationId)`, or `None` for spec-wide changes.
    pub operation: Option<String>,
    pub level: Level,
    /// What changed, in one line.
    pub what: String,
    /// Why it has that level, in one line.
    pub why: String,
    /// A risk that generic diff tools miss, if any.
    pub risk: Option<String>,
}

pub(super) struct Changes {
    out: Vec<ContractChange>,
    operation: Option<String>,
}

impl Changes {
    pub(super) fn push(&mut self, level: Level, what: String, why: &str) {
        self.out.push(ContractChange {
            operation: self.operation.clone(),
            level,
            what,
            why: why.to_owned(),
            risk: None,
        });
    }

    pub(super) fn push_risk(&mut self, level: Level, what: String, why: &str, risk: &str) {
        self.push(level, what, why);
        if let Some(last) = self.out.last_mut() {
            last.risk = Some(risk.to_owned());
        }
    }
}

/// Every contract change from `base` to `head`.
pub fn compare(base: &Surface, head: &Surface) -> Vec<ContractChange> {
    let mut changes = Changes {
        out: Vec::new(),
        operation: None,
    };
    for url in base.servers.difference(&head.servers) {
        changes.push(
            Level::Breaking,
            format!("server `{url}` removed"),
            "clients configured with it can no longer reach the API",
        );
    }
    for url in head.servers.difference(&base.servers) {
        changes.push(
            Level::Info,
            format!("server `{url}` added"),
            "a new base URL is available",
        );
    }
    security::compare(&mut changes, base, head);
    for (key, old) in &base.operations {
        changes.operation = Some(label(key, old));
        match head.operations.get(key) {
            None => changes.push(
                Level::Breaking,
                "operation removed".into(),
                "callers of it get an error; the generated method disappears",
            ),
            Some(new) => operation(&mut changes, old, new),
        }
    }
    for (key, new) in head
        .operations
        .iter()
        .filter(|(k, _)| !base.operations.contains_key(*k))
    {
        changes.operation = Some(label(key, new));
        changes.push(
            Level::NonBreaking,
            "operation added".into(),
            "existing callers are unaffected",
        );
    }
    changes.out
}
