//! Contract changes between two spec surfaces, classified for existing callers. Every rule
//! follows the direction of the change: on the request side (parameters, body) narrowing what
//! is accepted breaks callers, on the response side (fields, headers) widening what may arrive
//! does; each reason says which. The files hold the rules by what they compare.

mod constraints;
mod operations;
mod parameters;
mod responses;
mod schemas;
mod security;
mod sunset;

use serde::Serialize;

use super::surface::Surface;

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
    /// Existing calls through the generated client still compile but now fail before reaching
    /// the API: a new required input the builder insists on, or tighter validation it applies.
    #[serde(skip)]
    pub fails_generated_calls: bool,
}

impl ContractChange {
    /// A change to the spec as a whole rather than to one operation.
    pub fn spec_wide(level: Level, what: String, why: &str) -> ContractChange {
        ContractChange {
            operation: None,
            level,
            what,
            why: why.to_owned(),
            risk: None,
            fails_generated_calls: false,
        }
    }
}

/// Which side of the exchange a value travels on, which decides the direction that breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Parameter,
    Request,
    Response,
}

impl Side {
    fn input(self) -> bool {
        self != Side::Response
    }
}

/// The level and reason of a change that makes what `side` carries narrower or wider.
pub(super) fn direction(side: Side, narrower: bool) -> (Level, &'static str) {
    match (side.input(), narrower) {
        (true, true) => (
            Level::Breaking,
            "request side narrowed: values callers send today may be refused",
        ),
        (true, false) => (
            Level::NonBreaking,
            "request side widened: everything callers send today is still accepted",
        ),
        (false, true) => (
            Level::NonBreaking,
            "response side narrowed: callers receive a subset of what they handle today",
        ),
        (false, false) => (
            Level::Breaking,
            "response side widened: callers may receive values they do not handle",
        ),
    }
}

pub(super) struct Changes {
    out: Vec<ContractChange>,
    operation: Option<String>,
}

impl Changes {
    pub(super) fn push(&mut self, level: Level, what: String, why: &str) -> &mut ContractChange {
        let mut change = ContractChange::spec_wide(level, what, why);
        change.operation = self.operation.clone();
        self.out.push(change);
        self.out.last_mut().expect("just pushed")
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
    security::schemes(&mut changes, base, head);
    operations::compare(&mut changes, base, head);
    changes.out
}
