//! The runtime that payspec's generated clients share: secrets that never print, and request
//! signers. It knows no provider's API, only the authentication schemes.

#![deny(missing_docs)]

pub mod secret;
pub mod sign;

pub use secret::Secret;
