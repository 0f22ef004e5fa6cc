//! Request and response bodies: a request body needs a media type the client can send, form
//! fields an encoding it can write, and a non-JSON success cannot sit beside other successes.

use std::collections::BTreeSet;

use serde_json::Value;

use super::status::parse_status;
use super::{Checker, child_pointer};
use crate::yaml::escape_token;

/// A response body as progenitor classifies it; two different ones in a group make it panic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Body {
    /// A JSON body with this schema (`$ref` target, or the inline schema's pointer).
    Typed(String),
    /// A body that is not JSON.
    Raw,
    /// No body.
    None,
}

impl Checker<'_> {
    /// Checks the request body of `operation`: content, a sendable media type, form encodings.
    pub(super) fn request_body(&mut self, label: &str, op_ptr: &str, operation: &Value) {
        let Some(body) = operation.get("requestBody") else {
            return;
        };
        let body = self.resolve(body);
        let ptr = format!("{op_ptr}/requestBody/content");
        let Some(content) = body.get("content").and_then(Value::as_object) else {
            self.report(
                &format!("{op_ptr}/requestBody"),
                format!("{label}: `requestBody` needs `content`"),
            );
            return;
        };
        // Of several media types the client sends one (`spec::media`); it needs one it can send.
        let sendable = content
            .keys()
            .any(|m| crate::spec::media::rank(m).is_some());
        for (media_type, media) in content {
            let media_ptr = child_pointer(&ptr, media_type);
            if !sendable {
                self.report(&media_ptr, format!("{label}: request media type `{media_type}` is not supported by the generator (multipart and other forms cannot be generated); document the body as application/json or application/x-www-form-urlencoded too"));
            }
            if crate::spec::media::rank(media_type).is_some() {
                self.media(label, &media_ptr, media);
            }
        }
    }

    /// Checks one media type: a `schema`, and form field encodings the client can write.
    fn media(&mut self, label: &str, ptr: &str, media: &Value) {
        if media.get("schema").is_none() {
            self.report(ptr, format!("{label}: media type needs a `schema`"));
        }
        // A form body's fields are sent `form` (exploded) or `deepObject` (`spec::media`).
        let encoding = media.get("encoding").and_then(Value::as_object);
        for (field, how) in encoding.into_iter().flatten() {
            let style = how.get("style").and_then(Value::as_str).unwrap_or("form");
            let explode = how
                .get("explode")
                .and_then(Value::as_bool)
                .unwrap_or(style == "form");
            if !matches!(style, "form" | "deepObject") || (style == "form" && !explode) {
                self.report(
                    &format!("{ptr}/encoding/{}", escape_token(field)),
                    format!("{label}: form field `{field}` is encoded `{style}`{}, which the generator cannot send; use `form` (exploded) or `deepObject`", if explode { "" } else { " unexploded" }),
                );
            }
        }
    }

    /// Checks the responses of `operation`: present, and no non-JSON success beside others.
    pub(super) fn responses(&mut self, label: &str, op_ptr: &str, operation: &Value) {
        let ptr = format!("{op_ptr}/responses");
        let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
            self.report(op_ptr, format!("{label} has no `responses`"));
            return;
        };
        let mut success: Vec<(String, Body)> = Vec::new();
        for (code, response) in responses {
            let Some(status) = parse_status(code) else {
                continue;
            };
            let response_ptr = child_pointer(&ptr, code);
            let response = self.resolve(response);
            let body = match response.get("content").and_then(Value::as_object) {
                None => Body::None,
                Some(content) if content.is_empty() => Body::None,
                Some(content) => match content.iter().find(|(media_type, _)| is_json(media_type)) {
                    Some((media_type, media)) => {
                        let media_ptr =
                            child_pointer(&format!("{response_ptr}/content"), media_type);
                        self.media(label, &media_ptr, media);
                        match media.get("schema") {
                            Some(schema) => {
                                Body::Typed(match schema.get("$ref").and_then(Value::as_str) {
                                    Some(target) => target.to_owned(),
                                    None => format!("{media_ptr}/schema"),
                                })
                            }
                            None => Body::None,
                        }
                    }
                    None => Body::Raw,
                },
            };
            if status.is_success() {
                success.push((code.clone(), body));
            }
        }
        // `default` beside a documented success types the errors (`spec::errors`), and error
        // bodies that differ by status become one enum per operation (`spec::status_enums`).
        if success.iter().any(|(code, _)| code.starts_with('2')) {
            success.retain(|(code, _)| code != "default");
        }
        // Typed bodies that differ by status, with or without body-less statuses, are told apart
        // (`spec::status_enums`, `spec::successes`); a non-JSON body among them cannot be.
        if !success.iter().any(|(_, body)| *body == Body::Raw) {
            return;
        }
        if let Some(message) = conflict(&success, "success") {
            self.report(&ptr, format!("{label}: {message}"));
        }
    }
}

/// Explains why a group of responses cannot become one Rust type, or `None` when it can.
fn conflict(group: &[(String, Body)], what: &str) -> Option<String> {
    let distinct: BTreeSet<&Body> = group.iter().map(|(_, body)| body).collect();
    if distinct.len() <= 1 {
        return None;
    }
    let listing = group
        .iter()
        .map(|(code, body)| match body {
            Body::Typed(schema) if schema.starts_with("#/") => format!("`{code}` → {schema}"),
            Body::Typed(_) => format!("`{code}` → an inline schema"),
            Body::Raw => format!("`{code}` → a non-JSON body"),
            Body::None => format!("`{code}` → no body"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let fix = "a non-JSON body cannot be told apart from the others by status: document it as JSON, or keep only the non-JSON responses";
    Some(format!(
        "the generated method returns one {what} type, but these {what} responses differ: {listing}; {fix}"
    ))
}

/// Whether a media type carries JSON: `application/json` or a `+json` suffix type, with parameters.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}
