//! Documented error responses, read so that an empty body keeps its status.

use progenitor_client::{Error, ResponseValue};
use serde::de::DeserializeOwned;

/// Reads the answer to a documented error status whose body the spec types as `E`.
///
/// A JSON body becomes `Error::ErrorResponse`, as progenitor would return it. An empty body
/// (or only whitespace), which some providers send although they document one, becomes
/// `Error::UnexpectedResponse` with the status and headers it came with: progenitor would report
/// a payload parse failure, which carries no status and reads like a broken success response.
/// A body that is not the documented JSON stays `Error::InvalidResponsePayload`.
pub async fn error_response<E: DeserializeOwned>(response: reqwest::Response) -> Error<E> {
    error_response_as(response, |body: E| body).await
}

/// Reads the answer to an error status of an operation whose error bodies differ by status:
/// the body is parsed as that status's documented type `T` and wrapped into the operation's
/// error enum with `variant`. Empty and unparsable bodies are treated as in [`error_response`].
#[doc(hidden)]
pub async fn error_response_as<T: DeserializeOwned, E>(
    response: reqwest::Response,
    variant: impl FnOnce(T) -> E,
) -> Error<E> {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let url = response.url().clone();
    let body = match response.bytes().await {
        Ok(body) => body,
        Err(error) => return Error::ResponseBodyError(error),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        let empty = crate::answer::with_body(status, version, headers, url, body);
        return Error::UnexpectedResponse(empty);
    }
    match serde_json::from_slice(&body) {
        Ok(inner) => Error::ErrorResponse(ResponseValue::new(variant(inner), status, headers)),
        Err(error) => Error::InvalidResponsePayload(body, error),
    }
}

/// Reads a successful answer of an operation whose success bodies differ by status: the body is
/// parsed as that status's documented type `T` and wrapped into the operation's success enum
/// with `variant`.
#[doc(hidden)]
pub async fn success_response_as<T: DeserializeOwned, S, E>(
    response: reqwest::Response,
    variant: impl FnOnce(T) -> S,
) -> Result<ResponseValue<S>, Error<E>> {
    let value = ResponseValue::<T>::from_response(response).await?;
    let status = value.status();
    let headers = value.headers().clone();
    Ok(ResponseValue::new(
        variant(value.into_inner()),
        status,
        headers,
    ))
}
