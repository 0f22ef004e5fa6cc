//! `multipart/form-data` request bodies, one part per field, as OpenAPI encodes them by default:
//! text for strings, numbers and booleans; a file for a [`File`]; JSON for objects; a list as one
//! part per item under the same name.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use progenitor_client::Error;
use reqwest::RequestBuilder;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The key a [`File`] is serialized under, so the encoder can tell it from an object field.
const MARKER: &str = "$payspec_file";

/// A file sent as one part of a multipart body.
///
/// ```
/// use payspec_runtime::multipart::File;
///
/// let receipt = File::new("receipt.pdf", "application/pdf", b"%PDF-1.7".to_vec());
/// assert_eq!(receipt.filename(), "receipt.pdf");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    #[serde(rename = "$payspec_file")]
    inner: FileParts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct FileParts {
    filename: String,
    content_type: String,
    base64: String,
}

impl File {
    /// A file named `filename` with its media type and bytes.
    pub fn new(
        filename: impl Into<String>,
        content_type: impl Into<String>,
        bytes: Vec<u8>,
    ) -> Self {
        File {
            inner: FileParts {
                filename: filename.into(),
                content_type: content_type.into(),
                base64: STANDARD.encode(bytes),
            },
        }
    }

    /// The file's name, sent in the part's `Content-Disposition`.
    pub fn filename(&self) -> &str {
        &self.inner.filename
    }
}

/// Sets `body` as the multipart body of `request`.
#[doc(hidden)]
#[allow(clippy::result_large_err)]
pub fn body<T: Serialize, E>(
    request: RequestBuilder,
    body: &T,
) -> Result<RequestBuilder, Error<E>> {
    let boundary = format!(
        "payspec-{:016x}{:016x}",
        crate::random::u64(),
        crate::random::u64()
    );
    let encoded = encode(body, &boundary).map_err(Error::InvalidRequest)?;
    Ok(request
        .header(
            reqwest::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(encoded))
}

/// The multipart encoding of `body` with `boundary`, or why it cannot be encoded.
pub fn encode<T: Serialize>(body: &T, boundary: &str) -> Result<Vec<u8>, String> {
    let value =
        serde_json::to_value(body).map_err(|e| format!("cannot encode the multipart body: {e}"))?;
    let Value::Object(fields) = value else {
        return Err("a multipart body must be an object of fields".to_owned());
    };
    let mut out = Vec::new();
    for (name, value) in &fields {
        let items = match value {
            Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for item in items {
            part(&mut out, boundary, name, item)?;
        }
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok(out)
}

fn part(out: &mut Vec<u8>, boundary: &str, name: &str, value: &Value) -> Result<(), String> {
    let name = name.replace('"', "%22");
    let (disposition, content_type, bytes) = match value {
        Value::Null => return Ok(()),
        Value::String(text) => (
            String::new(),
            "text/plain; charset=utf-8".to_owned(),
            text.clone().into_bytes(),
        ),
        Value::Number(_) | Value::Bool(_) => (
            String::new(),
            "text/plain".to_owned(),
            value.to_string().into_bytes(),
        ),
        Value::Object(map) if map.contains_key(MARKER) => {
            let file: File = serde_json::from_value(value.clone())
                .map_err(|e| format!("multipart field `{name}`: not a file: {e}"))?;
            let bytes = STANDARD
                .decode(&file.inner.base64)
                .map_err(|e| format!("multipart field `{name}`: {e}"))?;
            let filename = file.inner.filename.replace('"', "%22");
            (
                format!("; filename=\"{filename}\""),
                file.inner.content_type,
                bytes,
            )
        }
        other => (
            String::new(),
            "application/json".to_owned(),
            other.to_string().into_bytes(),
        ),
    };
    out.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{disposition}\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    out.extend_from_slice(&bytes);
    out.extend_from_slice(b"\r\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_field_is_a_part_and_a_file_keeps_its_name_type_and_bytes() {
        let body = json!({
            "note": "Delivered",
            "file": File::new("proof.bin", "application/octet-stream", vec![0, 159, 255]),
            "meta": {"a": 1},
        });
        let encoded = encode(&body, "B").unwrap();
        let mut expected = b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"proof.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n".to_vec();
        expected.extend_from_slice(&[0, 159, 255]);
        expected.extend_from_slice(b"\r\n--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--B\r\nContent-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDelivered\r\n--B--\r\n");
        assert_eq!(encoded, expected);
    }
}
