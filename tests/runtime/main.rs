//! The runtime inside the generated clients, against local HTTP servers: authentication for each
//! provider (checked by independent verifiers), token caching, idempotent retries, unknown
//! outcomes, timeouts and redaction.

mod answers;
mod calls;
mod captured;
mod oauth;
mod provider_rules;
mod redaction;
mod retries;
mod signatures;
