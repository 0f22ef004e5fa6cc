//! The codegen view: the document as progenitor should see it. The spec as written stays in
//! `Spec::document` (for the README and metadata); each step here reshapes what progenitor and
//! typify cannot read as written, without losing API surface.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{
    derived_names, enums, errors, media, parameter_names, query, sides, status_enums, successes,
    verbatim,
};
use crate::preflight;

/// The reshaped document, what each step recorded for the generator, and what could not be
/// reshaped.
pub struct View {
    pub document: Value,
    pub reshaped: Reshaped,
    /// What the view could not reshape: a JSON pointer into the spec as written, and why.
    pub problems: Vec<(String, String)>,
}

/// What each reshaping step recorded, for the generator and the crate's README.
#[derive(Debug, Default)]
pub struct Reshaped {
    /// The request-side copy of each component both requests and responses reach, by original
    /// name (`Money` → `MoneyInput`); see [`sides`].
    pub input_copies: BTreeMap<String, String>,
    /// Error statuses documented without a body beside typed ones; see [`errors`].
    pub bodyless_errors: Vec<errors::BodylessErrors>,
    /// The success or error enum of each operation whose bodies differ by status; see
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
    /// The `deepObject` query parameters that are maps of free keys; see [`query`].
    pub deep_maps: Vec<query::DeepMap>,
    /// The parameters renamed because their Rust names collided; see [`parameter_names`].
    pub renamed_parameters: Vec<parameter_names::RenamedParameter>,
    /// The components passed on byte for byte; see [`verbatim`].
    pub verbatim: Vec<String>,
}

impl View {
    /// Builds the view of `written`.
    pub fn of(written: &Value) -> View {
        let mut document = json_media_types(written);
        crate::lower::walk::schemas(&mut document, &mut |schema| {
            if let Some(map) = schema.as_object_mut() {
                crate::lower::wrap_ref_siblings(map);
                drop_vacuous_bounds(map);
            }
        });
        let verbatim = verbatim::blank(&mut document);
        let (problems, deep_maps) = query::flatten(&mut document);
        let renamed_parameters = parameter_names::spell_colliding(&mut document);
        media::inline_request_bodies(&mut document);
        let other_media_types = media::keep_one(&mut document);
        let form_encodings = media::form_encodings(&mut document);
        let mut names = status_enums::Names::of(&document);
        let multipart = media::multipart_bodies(&mut document, &mut names);
        derived_names::drop_clashing_titles(&mut document);
        derived_names::hoist_clashing(&mut document, &mut names);
        derived_names::split_nullable_composites(&mut document, &mut names);
        let named_enums = enums::tidy(&mut document);
        errors::default_as_error_ranges(&mut document);
        let input_copies = sides::split_shared_components(&mut document);
        let bodyless_errors = errors::strip_bodyless_errors(&mut document);
        let status_enums = status_enums::split_by_status(&mut document, &mut names);
        let optional_successes = successes::optional_bodies(&mut document, &mut names);
        let reshaped = Reshaped {
            input_copies,
            bodyless_errors,
            status_enums,
            named_enums,
            optional_successes,
            other_media_types,
            form_encodings,
            multipart,
            deep_maps,
            renamed_parameters,
            verbatim,
        };
        View {
            document,
            reshaped,
            problems,
        }
    }
}

/// Removes `minLength: 0` and `minItems: 0`, which hold for every value: typify would check them
/// with a comparison the compiler warns is always false.
fn drop_vacuous_bounds(schema: &mut serde_json::Map<String, Value>) {
    for key in ["minLength", "minItems"] {
        if schema.get(key).and_then(Value::as_u64) == Some(0) {
            schema.remove(key);
        }
    }
}

/// The document with every JSON response media type renamed to `application/json`.
///
/// Providers answer with types such as `application/hal+json;charset=utf-8`; progenitor only
/// types a response whose media type is `application/json`, so those would come back untyped.
fn json_media_types(value: &Value) -> Value {
    let mut value = value.clone();
    let mut response_maps: Vec<&mut Value> = Vec::new();
    for (key, child) in value.as_object_mut().into_iter().flatten() {
        match key.as_str() {
            "paths" => response_maps.extend(
                child
                    .as_object_mut()
                    .into_iter()
                    .flat_map(|paths| paths.values_mut())
                    .filter_map(Value::as_object_mut)
                    .flat_map(|item| item.values_mut())
                    .filter_map(|operation| operation.get_mut("responses")),
            ),
            "components" => response_maps.extend(child.get_mut("responses")),
            _ => {}
        }
    }
    let responses = response_maps
        .into_iter()
        .filter_map(Value::as_object_mut)
        .flat_map(|map| map.values_mut());
    for content in responses
        .filter_map(|response| response.get_mut("content"))
        .filter_map(Value::as_object_mut)
    {
        let json = content
            .keys()
            .find(|m| preflight::is_json(m) && *m != "application/json")
            .cloned();
        if let Some(media) = json.and_then(|media_type| content.remove(&media_type)) {
            content.insert("application/json".to_owned(), media);
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounds_every_value_meets_are_dropped_and_others_kept() {
        let written = json!({"components": {"schemas": {"Link": {"type": "object", "properties": {
            "href": {"type": "string", "minLength": 0, "maxLength": 20000},
            "tags": {"type": "array", "minItems": 0, "items": {"type": "string", "minLength": 1}}
        }}}}});
        let view = View::of(&written);
        let link = &view.document["components"]["schemas"]["Link"]["properties"];
        assert_eq!(link["href"], json!({"type": "string", "maxLength": 20000}));
        assert_eq!(link["tags"].get("minItems"), None);
        assert_eq!(link["tags"]["items"]["minLength"], json!(1));
    }
}
