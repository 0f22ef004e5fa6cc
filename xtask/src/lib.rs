//! payspec's developer commands. `cargo xtask gen` turns each `specs/<provider>.yaml` into the
//! standalone crate `generated/<provider>/`; see ARCHITECTURE.md for the pipeline.

pub mod diagnostic;
pub mod diff;
pub mod generate;
pub mod lint;
pub mod preflight;
pub mod spec;
pub mod yaml;

use std::path::PathBuf;

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
