//! Helpers for payspec's tests: the documented examples of a spec, and assertions that a
//! generated client kept every documented value.

use std::fmt::Debug;
use std::future::Future;

use progenitor_client::{Error, ResponseValue};
use serde::Serialize;
use serde_json::Value;

/// A runtime for talking to a local mock: a fixed bearer key, no retries (each documented response
/// is served exactly once).
pub fn test_runtime() -> payspec_runtime::Runtime {
    use payspec_runtime::{Auth, RetryPolicy, Runtime, Scheme, Secret};
    Runtime::new(Auth::every(Scheme::bearer(Secret::new("test-key"))))
        .with_retry(RetryPolicy::none())
}

/// One spec's document, read from `specs/<provider>.yaml` with payspec's own YAML reader.
pub struct SpecExamples {
    doc: Value,
}

impl SpecExamples {
    pub fn load(provider: &str) -> Self {
        let path = xtask::workspace_root()
            .join("specs")
            .join(format!("{provider}.yaml"));
        let source = std::fs::read_to_string(&path).expect("spec is readable");
        let doc = xtask::yaml::Document::parse(&source)
            .expect("spec parses")
            .value;
        SpecExamples { doc }
    }

    /// The operation with this `operationId`, as `(method, path, operation)`.
    pub fn operation(&self, operation_id: &str) -> (String, String, &Value) {
        for (path, item) in self.doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("path item") {
                if operation.get("operationId").and_then(Value::as_str) == Some(operation_id) {
                    return (method.to_uppercase(), path.clone(), operation);
                }
            }
        }
        panic!("no operation `{operation_id}`")
    }

    /// The documented example of the request body.
    pub fn request_example(&self, operation_id: &str) -> Value {
        let (_, _, operation) = self.operation(operation_id);
        let content = self.resolve(&operation["requestBody"])["content"]
            .as_object()
            .expect("request content");
        let media = content.values().next().expect("a media type");
        self.examples(media)
            .into_iter()
            .next()
            .expect("a request example")
    }

    /// The documented media type of the request body, e.g. `application/json;charset=utf-8`.
    pub fn request_media_type(&self, operation_id: &str) -> String {
        let (_, _, operation) = self.operation(operation_id);
        let content = self.resolve(&operation["requestBody"])["content"]
            .as_object()
            .expect("request content");
        content.keys().next().expect("a media type").clone()
    }

    /// The documented media type of the first success response with a body.
    pub fn response_media_type(&self, operation_id: &str) -> Option<String> {
        let (_, _, operation) = self.operation(operation_id);
        operation["responses"]
            .as_object()?
            .iter()
            .filter(|(code, _)| code.starts_with('2'))
            .find_map(|(_, response)| {
                self.resolve(response)
                    .get("content")?
                    .as_object()?
                    .keys()
                    .next()
                    .cloned()
            })
    }

    /// The documented example of a parameter.
    pub fn parameter_example(&self, operation_id: &str, name: &str) -> Value {
        let (_, _, operation) = self.operation(operation_id);
        operation["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .map(|p| self.resolve(p))
            .find(|p| p["name"] == name)
            .and_then(|p| p.get("example").cloned())
            .unwrap_or_else(|| panic!("no example for parameter `{name}`"))
    }

    /// Every documented response example as `(status, body)`; `4XX` and `5XX` become 400 and 500.
    pub fn response_examples(&self, operation_id: &str) -> Vec<(u16, Value)> {
        let (_, _, operation) = self.operation(operation_id);
        let mut out = Vec::new();
        for (code, response) in operation["responses"].as_object().expect("responses") {
            let status = code.replace("XX", "00").parse().expect("a status code");
            let response = self.resolve(response);
            for media in response
                .get("content")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|c| c.values())
            {
                out.extend(
                    self.examples(media)
                        .into_iter()
                        .map(|example| (status, example)),
                );
            }
        }
        out
    }

    /// The success example with the lowest status (the one to mutate in drift tests).
    pub fn success_example(&self, operation_id: &str) -> (u16, Value) {
        self.response_examples(operation_id)
            .into_iter()
            .filter(|(s, _)| *s < 300)
            .max_by_key(|(s, _)| *s)
            .expect("a success example")
    }

    fn examples(&self, media: &Value) -> Vec<Value> {
        let mut out: Vec<Value> = media.get("example").cloned().into_iter().collect();
        for example in media
            .get("examples")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|e| e.values())
        {
            out.extend(self.resolve(example).get("value").cloned());
        }
        out
    }

    /// Follows a local `$ref`.
    pub fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => self.doc.pointer(pointer).expect("$ref resolves"),
            None => value,
        }
    }
}

/// Calls one operation once per documented response example against a fresh local server that
/// answers with that example, but only to a request with the operation's method, its path filled
/// with the parameter examples, the given headers and (when the operation has one) the documented
/// request body as JSON. `call` gets the server's base URL and the request example.
pub async fn exercise<T, E, Fut>(
    spec: &SpecExamples,
    operation_id: &str,
    headers: &[(&str, &str)],
    call: impl Fn(String, Value) -> Fut,
) where
    T: Serialize + Debug,
    E: Serialize + Debug,
    Fut: Future<Output = Result<ResponseValue<T>, Error<E>>>,
{
    use wiremock::matchers::{body_json, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let (verb, template, operation) = spec.operation(operation_id);
    let mut request_path = template.clone();
    for parameter in operation
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let parameter = spec.resolve(parameter);
        if parameter["in"] == "path" {
            let example = &parameter["example"];
            let text = example
                .as_str()
                .map_or_else(|| example.to_string(), str::to_owned);
            request_path = request_path.replace(
                &format!("{{{}}}", parameter["name"].as_str().unwrap()),
                &text,
            );
        }
    }
    let body = operation
        .get("requestBody")
        .map(|_| spec.request_example(operation_id));
    let examples = spec.response_examples(operation_id);
    assert!(
        !examples.is_empty(),
        "{operation_id} documents response examples"
    );
    for (status, example) in examples {
        let server = MockServer::start().await;
        let mut mock = Mock::given(method(verb.as_str())).and(path(request_path.as_str()));
        for (name, value) in headers {
            mock = mock.and(header(*name, *value));
        }
        if let Some(body) = &body {
            let media_type = spec.request_media_type(operation_id);
            mock = mock
                .and(header("content-type", media_type.as_str()))
                .and(body_json(body));
        }
        if let Some(accept) = spec.response_media_type(operation_id) {
            mock = mock.and(header("accept", accept.as_str()));
        }
        mock.respond_with(ResponseTemplate::new(status).set_body_json(&example))
            .expect(1)
            .mount(&server)
            .await;
        let result = call(server.uri(), body.clone().unwrap_or(Value::Null)).await;
        assert_outcome(status, &example, result);
    }
}

/// Asserts that a call ended the way `status` says and that the parsed body kept every
/// documented value of `example`.
pub fn assert_outcome<T, E>(
    status: u16,
    example: &Value,
    result: Result<ResponseValue<T>, Error<E>>,
) where
    T: Serialize + Debug,
    E: Serialize + Debug,
{
    let (actual_status, body) = match result {
        Ok(value) if status < 300 => (
            value.status().as_u16(),
            serde_json::to_value(value.into_inner()).unwrap(),
        ),
        Err(Error::ErrorResponse(value)) if status >= 400 => (
            value.status().as_u16(),
            serde_json::to_value(value.into_inner()).unwrap(),
        ),
        // A provider without idempotency keys may have applied a write it answered with a 5xx:
        // the runtime reports that, whatever the body says.
        Err(error @ Error::Custom(_)) if status >= 500 => {
            match payspec_runtime::Failure::from_error(&error) {
                Some(payspec_runtime::Failure::OutcomeUnknown { message, .. }) => {
                    assert!(message.contains(&format!("HTTP {status}")), "{message}");
                    return;
                }
                other => panic!("expected an unknown outcome for HTTP {status}, got {other:?}"),
            }
        }
        other => panic!("expected a {status} outcome, got {other:?}"),
    };
    assert_eq!(actual_status, status);
    assert_preserved(example, &body, "");
}

/// Every non-null value of `expected` appears in `actual` at the same place (date-times compared
/// as instants, numbers by value).
pub fn assert_preserved(expected: &Value, actual: &Value, at: &str) {
    match (expected, actual) {
        (Value::Null, _) => {}
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let place = format!("{at}/{key}");
                match actual.get(key) {
                    Some(found) => assert_preserved(value, found, &place),
                    // Generated types leave out nulls and empty lists when serializing.
                    None if value.is_null() || value.as_array().is_some_and(Vec::is_empty) => {}
                    None => panic!("{place}: documented value {value} was lost"),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            assert_eq!(expected.len(), actual.len(), "{at}: array length");
            for (i, (e, a)) in expected.iter().zip(actual).enumerate() {
                assert_preserved(e, a, &format!("{at}/{i}"));
            }
        }
        (Value::String(e), Value::String(a)) if e != a => {
            let instant = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
            assert!(
                instant(e).is_some() && instant(e) == instant(a),
                "{at}: expected {e:?}, got {a:?}"
            );
        }
        (Value::Number(e), Value::Number(a)) => assert_eq!(e.as_f64(), a.as_f64(), "{at}"),
        (e, a) => assert_eq!(e, a, "{at}"),
    }
}

/// A local server that answers any request with the operation's success example, drifted: the
/// value at `pointer` replaced by `status` and an undocumented field added.
pub async fn drifted_server(
    spec: &SpecExamples,
    operation_id: &str,
    pointer: &str,
    status: &str,
) -> wiremock::MockServer {
    let (code, example) = spec.success_example(operation_id);
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(
            wiremock::ResponseTemplate::new(code).set_body_json(drifted(&example, pointer, status)),
        )
        .mount(&server)
        .await;
    server
}

/// The example with `status` replaced at `pointer` and an undocumented field added at the top.
fn drifted(example: &Value, pointer: &str, status: &str) -> Value {
    let mut value = example.clone();
    *value.pointer_mut(pointer).expect("status field exists") = Value::String(status.to_owned());
    value["payspec_undocumented_field"] = serde_json::json!({"nested": [1, 2, 3]});
    value
}

/// The repository README's examples, compiled by `cargo test -p payspec-tests --doc`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
