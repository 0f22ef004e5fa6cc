//! Checks that run on every spec before progenitor sees it.
//!
//! progenitor and typify panic on some valid-looking inputs and openapiv3 silently drops keys it
//! does not know. Each such construct is found here and reported with its line and column, so that
//! the generator fails cleanly instead: `openapi_keys.rs` (the table of every OpenAPI 3.0 key) and
//! `unknown_keys.rs` (the walk reporting keys not in it), `references.rs` (dangling `$ref`),
//! `operations.rs` (operation ids, parameters), `bodies.rs` (request and response media types),
//! `status.rs` (response status keys).

mod bodies;
mod openapi_keys;
mod operations;
mod references;
mod status;
mod unknown_keys;

use serde_json::Value;

pub use self::bodies::is_json;
use self::openapi_keys::{Kind, Shape};
pub(crate) use self::status::parse_status;
use crate::diagnostic::{Diagnostic, Location};
use crate::lint::{Finding, Rule};
use crate::yaml::{Document, escape_token};

/// Runs every check over a parsed spec; an empty result means progenitor can take it. Unknown
/// keys are `Rule::UnknownKey` (every tool ignores them), everything else `Rule::Structure`.
pub fn check(file: &str, doc: &Document) -> Vec<Finding> {
    let mut checker = Checker {
        file,
        doc,
        out: Vec::new(),
    };
    checker.version();
    checker.keys(&doc.value, "", Shape::Kind(Kind::Root));
    checker.references(&doc.value, "");
    checker.operations();
    checker.out
}

/// The HTTP methods a path item may hold, in OpenAPI order.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One spec under check and the findings so far.
struct Checker<'a> {
    file: &'a str,
    doc: &'a Document,
    out: Vec<Finding>,
}

impl<'a> Checker<'a> {
    /// Reports a structure error at `pointer`, with its line and column when it has them.
    fn report(&mut self, pointer: &str, message: impl Into<String>) {
        self.report_as(Rule::Structure, pointer, message);
    }

    /// Reports a finding of `rule` at `pointer`.
    fn report_as(&mut self, rule: Rule, pointer: &str, message: impl Into<String>) {
        let location = match self.doc.position(pointer) {
            Some(p) => Location::Position {
                line: p.line,
                column: p.column,
            },
            None => Location::Pointer(pointer.to_owned()),
        };
        let diagnostic = Diagnostic {
            file: self.file.to_owned(),
            location,
            message: message.into(),
        };
        self.out.push(Finding { rule, diagnostic });
    }

    /// Checks `openapi: 3.0.x`.
    fn version(&mut self) {
        match self.doc.value.get("openapi").and_then(Value::as_str) {
            Some(v) if v.starts_with("3.0.") => {}
            Some(v) => self.report(
                "/openapi",
                format!("OpenAPI {v} is not supported: the generator reads OpenAPI 3.0.x (and lowers 3.1.x and Swagger 2.0 to it); write the spec as `openapi: 3.0.3`"),
            ),
            None => self.report("", "missing `openapi: 3.0.3` at the top of the spec"),
        }
    }

    /// `value`, or the component its `$ref` names.
    fn resolve<'v>(&self, value: &'v Value) -> &'v Value
    where
        'a: 'v,
    {
        crate::yaml::resolve(&self.doc.value, value)
    }
}

/// The JSON pointer of `key` under `pointer`.
fn child_pointer(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_token(key))
}
