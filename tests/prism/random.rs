//! Random responses drawn from our own response schemas (Prism's dynamic mode) must all parse
//! through the generated clients: a schema our types cannot read back is a bug in the spec or the
//! generator. Each provider's file calls every operation [`DRAWS`] times with [`draw!`], then
//! draws every documented error status of every operation once with [`error_bodies`].

use std::collections::BTreeMap;

use payspec_tests::SpecExamples;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::harness::Prism;

/// Random responses per operation.
pub(super) const DRAWS: usize = 20;

/// Calls `$call` [`DRAWS`] times and counts the parsed responses for `$operation`.
macro_rules! draw {
    ($counts:expr, $operation:expr, $call:expr) => {{
        for _ in 0..$crate::random::DRAWS {
            match $call.await {
                Ok(response) if response.status().is_success() => {
                    *$counts.entry($operation).or_insert(0) += 1
                }
                other => panic!("{}: a random response did not parse: {other:?}", $operation),
            }
        }
    }};
}

pub(super) use draw;

/// Prints how many random responses parsed per operation (shown with `--nocapture`) and checks
/// that every operation got all of its draws.
pub(super) fn report(provider: &str, counts: &BTreeMap<&str, usize>, operations: usize) {
    for (operation, parsed) in counts {
        println!("{provider} {operation}: {parsed} random responses parsed");
        assert_eq!(*parsed, DRAWS, "{provider} {operation}");
    }
    assert_eq!(
        counts.len(),
        operations,
        "{provider}: every operation drawn"
    );
}

/// For every operation and every documented error status, asks Prism for a random body of that
/// status (`Prefer: code=<status>`) and reads it as `E`; returns the number of bodies read.
pub(super) async fn error_bodies<E: DeserializeOwned>(
    prism: &Prism,
    provider: &str,
    auth: &[(&str, &str)],
) -> usize {
    let spec = SpecExamples::load(provider);
    let document = spec_document(provider);
    payspec_runtime::install_crypto_provider();
    let http = reqwest::Client::new();
    let mut read = 0;
    for (template, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            let mut path = template.clone();
            for name in path_parameters(template) {
                let value = spec.parameter_example(id, &name);
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                path = path.replace(&format!("{{{name}}}"), &text);
            }
            let body = operation
                .get("requestBody")
                .map(|_| spec.request_example(id));
            for code in operation["responses"].as_object().unwrap().keys() {
                let Ok(status) = code.replace("XX", "00").parse::<u16>() else {
                    continue;
                };
                if status < 400 {
                    continue;
                }
                let mut request = http
                    .request(
                        method.to_uppercase().parse().unwrap(),
                        format!("{}{path}", prism.base_url),
                    )
                    .header("prefer", format!("code={status}, dynamic=true"));
                for (name, value) in auth {
                    request = request.header(*name, *value);
                }
                if let Some(body) = &body {
                    request = request.json(body);
                }
                let response = request.send().await.unwrap();
                // Prism answers another documented error status when the one asked for does
                // not fit the request; either way the body is one of the documented ones.
                assert!(
                    response.status().is_client_error() || response.status().is_server_error(),
                    "{provider} {id} {status}"
                );
                let bytes = response.bytes().await.unwrap();
                if bytes.is_empty() {
                    read += 1;
                    continue;
                }
                serde_json::from_slice::<E>(&bytes).unwrap_or_else(|e| {
                    panic!(
                        "{provider} {id} {status}: {e}: {}",
                        String::from_utf8_lossy(&bytes)
                    )
                });
                read += 1;
            }
        }
    }
    read
}

fn spec_document(provider: &str) -> Value {
    let source =
        std::fs::read_to_string(xtask::workspace_root().join(format!("specs/{provider}.yaml")))
            .unwrap();
    xtask::yaml::Document::parse(&source).unwrap().value
}

fn path_parameters(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}
