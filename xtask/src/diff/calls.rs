//! What existing calls through the generated client meet at run time although the crate's
//! items did not change: a new required input the builders insist on, or tighter validation
//! they apply before sending. Code still compiles, yet calls that worked now fail, so each is
//! a breaking change of the crate.

use super::{ApiChange, ContractChange, Impact};

/// The contract changes that make existing generated calls fail, as Rust API changes.
pub(super) fn refused(contract: &[ContractChange]) -> Vec<ApiChange> {
    contract
        .iter()
        .filter(|c| c.fails_generated_calls)
        .map(|c| ApiChange {
            item: c.operation.clone().unwrap_or_default(),
            change: c.what.clone(),
            impact: Impact::Breaking,
            why: "existing calls still compile, but the generated client now refuses them before sending".into(),
        })
        .collect()
}
