//! payspec's developer commands. `cargo xtask gen` turns each `specs/<provider>.yaml` into the
//! standalone crate `generated/<provider>/`; see ARCHITECTURE.md for the pipeline.

pub mod audit;
pub mod diagnostic;
pub mod diff;
pub mod generate;
pub mod import;
pub mod lint;
pub mod lower;
pub mod preflight;
mod root;
pub mod spec;
pub mod yaml;

pub use root::{find_workspace_root, workspace_root};
