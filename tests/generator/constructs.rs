//! Constructs real provider specs use as written, at run time on the client generated from
//! `tests/fixtures/constructs.yaml`: error bodies that differ by status, a `default` response,
//! body-less error statuses, keys beside `$ref`, awkward enums, object formats, object-typed
//! query parameters and successes with or without a body.

use payspec_runtime::{Runtime, Secret};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::constructs_client::{Client, Credentials, Error, types};

/// A client of a local server that answers every request with `answer`.
async fn client_answering(answer: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    // Every operation's way: a bearer token, and the query key with basic for escalations.
    let credentials = Credentials::bearer_auth(Secret::new("test-key")).and(
        Credentials::basic_auth_and_query_key("user", Secret::new("p"), Secret::new("k")),
    );
    let client = Client::new(&server.uri(), Runtime::new(credentials));
    (server, client)
}

async fn dispute_error(answer: ResponseTemplate) -> Error<types::GetDisputeError> {
    let (_server, client) = client_answering(answer).await;
    client
        .get_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .expect_err("an error status")
}

/// The body of the error answered with `status` and `body`, with the status it carried.
async fn error_body(status: u16, body: serde_json::Value) -> types::GetDisputeError {
    match dispute_error(ResponseTemplate::new(status).set_body_json(body)).await {
        Error::ErrorResponse(value) => {
            assert_eq!(value.status(), status);
            value.into_inner()
        }
        other => panic!("expected ErrorResponse for {status}, got {other:?}"),
    }
}

#[tokio::test]
async fn each_status_is_read_into_the_body_documented_for_it() {
    let body = error_body(400, json!({"name": "INVALID_REQUEST", "debug_id": "abc"})).await;
    assert!(
        matches!(&body, types::GetDisputeError::BadRequest(m) if m.debug_id.as_deref() == Some("abc")),
        "{body:?}"
    );
    let body = error_body(404, json!({"name": "RESOURCE_NOT_FOUND"})).await;
    assert!(
        matches!(&body, types::GetDisputeError::NotFound(b) if b.name == "RESOURCE_NOT_FOUND"),
        "{body:?}"
    );
    let body = error_body(
        422,
        json!({"name": "X", "details": [{"issue": "DISPUTE_CLOSED"}]}),
    )
    .await;
    assert!(
        matches!(&body, types::GetDisputeError::UnprocessableEntity(u) if u.details.len() == 1),
        "{body:?}"
    );
}

#[tokio::test]
async fn a_default_response_types_the_statuses_nothing_else_documents() {
    let body = error_body(409, json!({"title": "conflict"})).await;
    assert!(
        matches!(&body, types::GetDisputeError::ClientError(p) if p.title.as_deref() == Some("conflict")),
        "{body:?}"
    );
    let body = error_body(500, json!({"title": "down"})).await;
    assert!(
        matches!(body, types::GetDisputeError::ServerError(_)),
        "{body:?}"
    );
}

#[tokio::test]
async fn a_status_documented_without_a_body_keeps_its_status() {
    match dispute_error(ResponseTemplate::new(503)).await {
        Error::UnexpectedResponse(response) => assert_eq!(response.status(), 503),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_is_not_the_one_documented_for_its_status_is_refused() {
    // A 404 body lacks the `name` the spec requires of it, although it would fit the `default`.
    match dispute_error(ResponseTemplate::new(404).set_body_json(json!({"title": "x"}))).await {
        Error::InvalidResponsePayload(..) => {}
        other => panic!("expected InvalidResponsePayload, got {other:?}"),
    }
}

#[test]
fn keys_beside_a_ref_document_the_field_and_nullable_makes_it_optional() {
    let dispute: types::Dispute = serde_json::from_value(json!({
        "id": "dp_1", "amount": {"value": "10.00", "currency": "EUR"}, "outcome": null
    }))
    .unwrap();
    assert_eq!(dispute.amount.map(|m| m.currency).as_deref(), Some("EUR"));
    assert!(dispute.outcome.is_none());
    let source = include_str!("../fixtures/constructs/src/lib.rs");
    assert!(source.contains("///The disputed amount, as the payer's bank reported it."));
}

#[test]
fn a_property_merged_through_all_of_keeps_one_type_when_its_derived_name_is_taken() {
    // `Dispute` embeds `DisputeStatus`, whose inline `status` enum typify would name
    // `DisputeStatus` inside `Dispute`: the same name as the embedded schema's own type.
    let dispute: types::Dispute =
        serde_json::from_value(json!({"id": "dp_1", "status": "RESOLVED"})).unwrap();
    assert_eq!(dispute.status, Some(types::DisputeStatusStatus::Resolved));
    let embedded: types::DisputeStatus = serde_json::from_value(json!({"status": "OPEN"})).unwrap();
    assert_eq!(embedded.status, Some(types::DisputeStatusStatus::Open));
}

#[test]
fn enum_values_typify_would_name_alike_keep_distinct_names_and_their_values() {
    let dispute: types::Dispute = serde_json::from_value(json!({
        "id": "dp_1", "timezone": "Etc/GMT-0", "channel": "unknown", "level": "3",
        "attributes": {"source": "bank"}
    }))
    .unwrap();
    assert_eq!(dispute.timezone, Some(types::DisputeTimezone::EtcGmtMinus0));
    assert_eq!(dispute.channel, Some(types::DisputeChannel::UnknownValue));
    assert_eq!(dispute.level, Some(types::DisputeLevel::X3));
    assert_eq!(
        dispute.attributes.get("source").map(String::as_str),
        Some("bank")
    );
    let plus: types::DisputeTimezone = "Etc/GMT+0".parse().unwrap();
    assert_eq!(plus, types::DisputeTimezone::EtcGmtPlus0);
    assert_eq!(plus.to_string(), "Etc/GMT+0");
    assert_eq!(serde_json::to_value(&plus).unwrap(), json!("Etc/GMT+0"));
    let unseen: types::DisputeChannel = serde_json::from_value(json!("phone")).unwrap();
    assert_eq!(unseen, types::DisputeChannel::Unknown("phone".into()));
}

/// The query string a `listDisputes` call sends, as `(key, value)` pairs sorted by key (values
/// of one key keep their order).
async fn list_query(
    call: impl FnOnce(
        crate::constructs_client::builder::ListDisputes<'_>,
    ) -> crate::constructs_client::builder::ListDisputes<'_>,
) -> Vec<(String, String)> {
    let (server, client) =
        client_answering(ResponseTemplate::new(200).set_body_json(json!({"items": []}))).await;
    call(client.list_disputes()).send().await.expect("a page");
    let requests = server.received_requests().await.unwrap();
    let mut query: Vec<(String, String)> = requests[0]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    query.sort_by(|a, b| a.0.cmp(&b.0));
    query
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

#[tokio::test]
async fn parameters_whose_rust_names_collide_are_spelled_and_sent_as_documented() {
    let query = list_query(|call| {
        call.amount(5)
            .amount_before(10)
            .amount_after(1)
            .page_size(1)
    })
    .await;
    assert_eq!(
        query,
        pairs(&[
            ("Amount", "5"),
            ("Amount<", "10"),
            ("Amount>", "1"),
            ("page[size]", "1")
        ])
    );
}

#[tokio::test]
async fn deep_object_parameters_are_sent_in_brackets() {
    let query = list_query(|call| {
        call.created_gte(1)
            .created_lt(2)
            .expand(vec!["payment".to_owned(), "evidence".to_owned()])
            .page_size(10)
            .page_after_id("dp_0")
            .metadata(std::collections::HashMap::from([(
                "order".to_owned(),
                "6735".to_owned(),
            )]))
    })
    .await;
    assert_eq!(
        query,
        pairs(&[
            ("created[gte]", "1"),
            ("created[lt]", "2"),
            ("expand[]", "payment"),
            ("expand[]", "evidence"),
            ("metadata[order]", "6735"),
            ("page[size]", "10"),
            ("page[after][id]", "dp_0"),
        ])
    );
}

#[tokio::test]
async fn a_scalar_alternative_and_form_object_properties_are_plain_parameters() {
    let query = list_query(|call| call.created(5).status("open").page_size(1)).await;
    assert_eq!(
        query,
        pairs(&[("created", "5"), ("status", "open"), ("page[size]", "1")])
    );
}

#[tokio::test]
async fn a_required_property_of_a_required_object_must_be_given() {
    let (_server, client) =
        client_answering(ResponseTemplate::new(200).set_body_json(json!({"items": []}))).await;
    match client.list_disputes().send().await {
        Err(Error::InvalidRequest(message)) => assert!(message.contains("page"), "{message}"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

async fn close(answer: ResponseTemplate) -> Option<types::Dispute> {
    let (_server, client) = client_answering(answer).await;
    client
        .close_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .expect("a success")
        .into_inner()
}

#[tokio::test]
async fn a_success_documented_without_a_body_answers_none() {
    assert!(close(ResponseTemplate::new(204)).await.is_none());
    let shown = close(ResponseTemplate::new(200).set_body_json(json!({"id": "dp_1"}))).await;
    assert_eq!(shown.map(|d| d.id).as_deref(), Some("dp_1"));
}

async fn escalate(answer: ResponseTemplate) -> types::EscalateDisputeResponse {
    let (_server, client) = client_answering(answer).await;
    let answer = client
        .escalate_dispute()
        .dispute_id("dp_1")
        .send()
        .await
        .expect("a success");
    answer.into_inner()
}

#[tokio::test]
async fn successes_with_different_bodies_are_told_apart_by_status() {
    let shown = escalate(ResponseTemplate::new(200).set_body_json(json!({"id": "dp_1"}))).await;
    assert!(
        matches!(&shown, types::EscalateDisputeResponse::Ok(d) if d.id == "dp_1"),
        "{shown:?}"
    );
    let later = escalate(ResponseTemplate::new(202).set_body_json(json!({"ticket": "t_1"}))).await;
    assert!(
        matches!(&later, types::EscalateDisputeResponse::Accepted(a) if a.ticket.as_deref() == Some("t_1")),
        "{later:?}"
    );
    let done = escalate(ResponseTemplate::new(204)).await;
    assert!(
        matches!(done, types::EscalateDisputeResponse::NoContent),
        "{done:?}"
    );
}

#[tokio::test]
async fn a_body_documented_in_several_media_types_is_sent_as_json() {
    let (server, client) = client_answering(ResponseTemplate::new(204)).await;
    client
        .provide_evidence()
        .dispute_id("dp_1")
        .body(types::ProvideEvidenceBody::builder().note("Delivered on time."))
        .send()
        .await
        .expect("recorded");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"note": "Delivered on time."}));
    let readme = include_str!("../fixtures/constructs/README.md");
    assert!(
        readme.contains("| `provide_evidence()` | `application/json` | `multipart/form-data` |"),
        "{readme}"
    );
}

#[tokio::test]
async fn a_form_body_sends_deep_object_fields_in_brackets() {
    let (server, client) = client_answering(ResponseTemplate::new(204)).await;
    client
        .add_note()
        .dispute_id("dp_1")
        .body(
            types::AddNoteBody::builder()
                .text("Called the bank.")
                .tags(vec!["bank".to_owned(), "phone".to_owned()])
                .metadata(std::collections::HashMap::from([(
                    "agent".to_owned(),
                    "a_1".to_owned(),
                )]))
                .lines(vec![
                    types::AddNoteBodyLinesItem::builder()
                        .sku(Some("s_1".to_owned()))
                        .quantity(Some(2))
                        .try_into()
                        .unwrap(),
                ]),
        )
        .send()
        .await
        .expect("added");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected = [
        ("lines[0][quantity]", "2"),
        ("lines[0][sku]", "s_1"),
        ("metadata[agent]", "a_1"),
        ("tags", "bank"),
        ("tags", "phone"),
        ("text", "Called the bank."),
    ];
    assert_eq!(
        pairs,
        expected.map(|(k, v)| (k.to_owned(), v.to_owned())).to_vec()
    );
}

#[tokio::test]
async fn a_multipart_body_sends_each_field_as_a_part_and_the_file_as_bytes() {
    let (server, client) = client_answering(ResponseTemplate::new(204)).await;
    let document =
        payspec_runtime::multipart::File::new("proof.pdf", "application/pdf", vec![37, 80, 0, 255]);
    client
        .upload_document()
        .dispute_id("dp_1")
        .body(
            types::UploadDocumentBody::builder()
                .document(document)
                .note(Some("Signed delivery note".to_owned())),
        )
        .send()
        .await
        .expect("stored");
    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"proof.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&[37, 80, 0, 255]);
    expected.extend_from_slice(
        format!(
            "\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSigned delivery note\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(request.body, expected);
}
