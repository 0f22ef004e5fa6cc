//! The generator: generated/ matches the specs, output is stable and pinned by snapshots, and
//! every broken spec gets a clear error without touching generated/.

mod audit;
mod broken;
mod diff;
mod error_statuses;
mod hostile;
mod import;
mod lint;
mod output;
mod strictness;

/// The client generated from `tests/fixtures/strictness.yaml`.
#[path = "../fixtures/strictness/src/lib.rs"]
#[allow(dead_code, unused_imports)]
mod fixture_client;
