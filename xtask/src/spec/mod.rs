//! Loading a spec: YAML with positions, the lint errors (preflight included), then openapiv3
//! on the document as progenitor should see it.

pub mod enums;
pub mod errors;
pub mod media;
pub mod names;
mod query;
pub mod sides;
pub mod status_enums;
pub mod successes;
mod view;

use std::collections::BTreeMap;

use std::path::Path;

use openapiv3::OpenAPI;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Location};
use crate::lint;
use crate::yaml::{Document, escape_token};

/// A spec that passed every check and can be generated from.
#[derive(Debug)]
pub struct Spec {
    /// The provider name: the file stem, e.g. `paypal`.
    pub provider: String,
    /// The path relative to the workspace root, e.g. `specs/paypal.yaml`.
    pub file: String,
    /// Hex SHA-256 of the file's bytes, recorded in the generated code.
    pub sha256: String,
    /// The document as written, for README and metadata.
    pub document: Value,
    /// The document as progenitor should see it: JSON response media types renamed to
    /// `application/json`, shared components split by side, body-less error statuses beside
    /// typed ones removed.
    pub openapi: OpenAPI,
    /// The request-side copy of each component both requests and responses reach, by original
    /// name (`Money` → `MoneyInput`); see [`sides`].
    pub input_copies: BTreeMap<String, String>,
    /// Error statuses documented without a body beside typed ones, per operation; see
    /// [`errors`].
    pub bodyless_errors: Vec<errors::BodylessErrors>,
    /// The error enum of each operation whose error bodies differ by status; see
    /// [`status_enums`].
    pub status_enums: Vec<status_enums::StatusEnum>,
    /// The string enums whose variant names the generator chose; see [`enums`].
    pub named_enums: Vec<enums::NamedEnum>,
    /// The operations whose success may come without a body; see [`successes`].
    pub optional_successes: Vec<successes::OptionalSuccess>,
    /// The request bodies also documented in media types the client does not send; see
    /// [`media`].
    pub other_media_types: Vec<media::OtherMediaTypes>,
    /// The form bodies with fields sent in brackets; see [`media`].
    pub form_encodings: Vec<media::FormEncoding>,
    /// The operations whose body is sent as `multipart/form-data`; see [`media`].
    pub multipart: media::Multipart,
}

/// The providers with a spec under `specs/`, sorted.
pub fn providers(root: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root.join("specs"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                names.push(stem.to_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Reads and checks `specs/<provider>.yaml`.
pub fn load(root: &Path, provider: &str) -> Result<Spec, Vec<Diagnostic>> {
    let file = format!("specs/{provider}.yaml");
    let source = std::fs::read_to_string(root.join(&file)).map_err(|e| {
        vec![Diagnostic {
            file: file.clone(),
            location: Location::Pointer(String::new()),
            message: format!("cannot read: {e}"),
        }]
    })?;
    parse(&file, provider, &source)
}

/// Checks a spec's source text; `file` is the name used in diagnostics.
pub fn parse(file: &str, provider: &str, source: &str) -> Result<Spec, Vec<Diagnostic>> {
    let at = |position: crate::yaml::Position, message: String| Diagnostic {
        file: file.to_owned(),
        location: Location::Position {
            line: position.line,
            column: position.column,
        },
        message,
    };
    let document = Document::parse(source).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| at(e.position, e.message))
            .collect::<Vec<_>>()
    })?;
    let problems: Vec<Diagnostic> = lint::lint(file, &document)
        .into_iter()
        .filter(|finding| finding.severity == lint::Severity::Error)
        .map(|finding| finding.diagnostic)
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let view::View {
        document: codegen,
        input_copies,
        bodyless_errors,
        status_enums,
        named_enums,
        optional_successes,
        other_media_types,
        form_encodings,
        multipart,
        problems,
    } = view::View::of(&document.value);
    let located = |pointer: String| match document.position(&pointer) {
        Some(p) => Location::Position {
            line: p.line,
            column: p.column,
        },
        None => Location::Pointer(pointer),
    };
    if !problems.is_empty() {
        return Err(problems
            .into_iter()
            .map(|(pointer, message)| Diagnostic {
                file: file.to_owned(),
                location: located(pointer),
                message,
            })
            .collect());
    }
    let openapi = deserialize(&codegen).map_err(|(pointer, message)| {
        // openapiv3's untagged enums hide the path below them; find the offending value instead.
        let pointer = offending_value(&message)
            .and_then(|needle| find_scalar(document.value.pointer(&pointer)?, &needle))
            .map_or(pointer.clone(), |below| pointer.clone() + &below);
        vec![Diagnostic {
            file: file.to_owned(),
            location: located(pointer),
            message,
        }]
    })?;
    Ok(Spec {
        provider: provider.to_owned(),
        file: file.to_owned(),
        sha256: hex(&Sha256::digest(source.as_bytes())),
        document: document.value,
        openapi,
        input_copies,
        bodyless_errors,
        status_enums,
        named_enums,
        optional_successes,
        other_media_types,
        form_encodings,
        multipart,
    })
}

/// Deserializes into openapiv3, turning a type error into a JSON pointer and message.
fn deserialize(value: &Value) -> Result<OpenAPI, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let pointer: String = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => {
                    Some(format!("/{}", escape_token(key)))
                }
                serde_path_to_error::Segment::Seq { index } => Some(format!("/{index}")),
                _ => None,
            })
            .collect();
        (
            pointer,
            format!("not a valid OpenAPI 3.0 document here: {}", error.inner()),
        )
    })
}

/// The value serde complained about, from messages such as `invalid type: string "maybe", ...`.
fn offending_value(message: &str) -> Option<Value> {
    let rest = message
        .split_once("invalid type: ")
        .or_else(|| message.split_once("invalid value: "))?
        .1;
    if let Some(quoted) = rest.strip_prefix("string \"") {
        return quoted
            .split_once('"')
            .map(|(text, _)| Value::String(text.to_owned()));
    }
    let number = rest
        .strip_prefix("integer `")
        .or_else(|| rest.strip_prefix("floating point `"))?;
    number
        .split_once('`')
        .and_then(|(n, _)| serde_json::from_str(n).ok())
}

/// The pointer (relative to `value`) of the first scalar equal to `needle`.
fn find_scalar(value: &Value, needle: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(key, child)| {
            find_scalar(child, needle).map(|p| format!("/{}{p}", escape_token(key)))
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, child)| find_scalar(child, needle).map(|p| format!("/{i}{p}"))),
        scalar => (scalar == needle).then(String::new),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
