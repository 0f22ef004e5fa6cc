//! The provider's final answer, read whole before the generated client sees it: within a size
//! limit, and only from the URL the request went to. A failure found here, or before sending,
//! travels to `Runtime::check_outcome` as a response marked with a [`Failure`] that no server
//! can forge (an extension, not a header); one found in an answer keeps the answer's headers, so
//! its request id is not lost.

use reqwest::header::HeaderMap;
use reqwest::{Response, ResponseBuilderExt, StatusCode, Url, Version};

use crate::outcome::Failure;

/// The default limit on an answer's body.
pub(crate) const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;

#[derive(Clone)]
struct Local(Failure);

/// A response standing for a failure of the runtime's own, found before any answer (or in an
/// answer from another URL, whose headers are not the provider's).
pub(crate) fn local(failure: Failure) -> Response {
    answered_with(failure, HeaderMap::new())
}

/// A response standing for a failure found in an answer with `headers`.
fn answered_with(failure: Failure, headers: HeaderMap) -> Response {
    let mut response = http::Response::new(Vec::<u8>::new());
    *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
    *response.headers_mut() = headers;
    response.extensions_mut().insert(Local(failure));
    Response::from(response)
}

/// An unusable answer.
fn bad_answer(message: String) -> Failure {
    Failure::BadAnswer {
        message,
        request_id: None,
    }
}

/// The failure a response stands for, if it is one made here.
pub(crate) fn failure(response: &Response) -> Option<&Failure> {
    response.extensions().get::<Local>().map(|local| &local.0)
}

/// Reads `response` whole. An answer from another URL than `sent_to` (a redirect was followed
/// by a caller-supplied HTTP client), larger than `max_body` bytes, or cut off while reading, is
/// a [`Failure::BadAnswer`].
pub(crate) async fn read(mut response: Response, sent_to: &Url, max_body: usize) -> Response {
    if response.url() != sent_to {
        return local(bad_answer(
            "was answered from another URL: redirects are not followed".into(),
        ));
    }
    let declared_too_large = response
        .content_length()
        .is_some_and(|length| length > max_body as u64);
    let (status, version) = (response.status(), response.version());
    let headers = std::mem::take(response.headers_mut());
    let too_large = |headers| {
        answered_with(
            bad_answer(format!("was answered with more than {max_body} bytes")),
            headers,
        )
    };
    if declared_too_large {
        return too_large(headers);
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > max_body => return too_large(headers),
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(error) => {
                let why = format!(
                    "was answered, but the answer broke off: {}",
                    error.without_url()
                );
                return answered_with(bad_answer(why), headers);
            }
        }
    }
    with_body(status, version, headers, sent_to.clone(), body)
}

/// A response of `status`, `version`, `headers` and `url` carrying `body`, already read.
pub(crate) fn with_body(
    status: StatusCode,
    version: Version,
    headers: HeaderMap,
    url: Url,
    body: impl Into<reqwest::Body>,
) -> Response {
    // With its URL given, reqwest does not parse a placeholder one for the rebuilt response.
    let mut response = http::Response::builder()
        .status(status)
        .version(version)
        .url(url)
        .body(body)
        .expect("the status and version come from a response");
    *response.headers_mut() = headers;
    Response::from(response)
}
