//! The generator: generated/ matches the specs, output is stable and pinned by snapshots, and
//! every broken spec gets a clear error without touching generated/.

mod audit;
mod broken;
mod constructs;
mod diff;
mod diff_pairs;
mod error_statuses;
mod fixture_clients;
mod hostile;
mod import;
mod injection;
mod lint;
mod mutations;
mod openapi31;
mod output;
mod patterns;
mod security;
mod strictness;

/// The client generated from `tests/fixtures/strictness.yaml`.
#[path = "../fixtures/strictness/src/lib.rs"]
#[allow(dead_code, unused_imports)]
mod fixture_client;

/// The client generated from `tests/fixtures/constructs.yaml`.
#[path = "../fixtures/constructs/src/lib.rs"]
#[allow(dead_code, unused_imports)]
mod constructs_client;

/// The client generated from `tests/fixtures/openapi31.yaml`.
#[path = "../fixtures/openapi31/src/lib.rs"]
#[allow(dead_code, unused_imports)]
mod openapi31_client;
