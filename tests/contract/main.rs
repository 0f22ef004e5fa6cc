//! Each generated client against a real local HTTP server: the request it sends (method, path,
//! headers, JSON body) and how it parses every documented response example, plus responses
//! carrying values the spec does not list.

mod adyen;
mod credentials;
mod cybersource;
mod gr4vy;
mod maverick;
mod path_encoding;
mod paypal;
mod stripe;
