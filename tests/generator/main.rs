//! The generator: generated/ matches the specs, output is stable and pinned by snapshots, and
//! every broken spec gets a clear error without touching generated/.

mod audit;
mod broken;
mod diff;
mod import;
mod lint;
mod output;
