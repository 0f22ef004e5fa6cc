//! Checks that run on every spec before progenitor sees it.
//!
//! progenitor and typify panic on some valid-looking inputs and openapiv3 silently drops keys it
//! does not know. Each such construct is found here and reported with its line and column, so that
//! the generator fails cleanly instead.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

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

/// The OpenAPI object kinds whose keys are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Root,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    RequestBody,
    MediaType,
    Encoding,
    Response,
    Header,
    Example,
    Link,
    Components,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    Tag,
    Schema,
    Discriminator,
}

/// What a field holds.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Kind(Kind),
    MapOf(Kind),
    ListOf(Kind),
    /// `paths`: keys are path templates.
    Paths,
    /// `responses`: keys are status codes.
    Responses,
    /// `additionalProperties`: a boolean or a schema.
    BoolOrSchema,
    /// Free-form JSON (examples, defaults, enum values, scopes, extensions).
    Free,
}

fn fields(kind: Kind) -> &'static [(&'static str, Shape)] {
    use Kind as K;
    use Shape::{BoolOrSchema, Free, ListOf, MapOf, Paths, Responses};
    const STRING: Shape = Free;
    match kind {
        K::Root => &[
            ("openapi", STRING),
            ("info", Shape::Kind(K::Info)),
            ("servers", ListOf(K::Server)),
            ("paths", Paths),
            ("components", Shape::Kind(K::Components)),
            ("security", Free),
            ("tags", ListOf(K::Tag)),
            ("externalDocs", Shape::Kind(K::ExternalDocs)),
        ],
        K::Info => &[
            ("title", STRING),
            ("description", STRING),
            ("termsOfService", STRING),
            ("contact", Shape::Kind(K::Contact)),
            ("license", Shape::Kind(K::License)),
            ("version", STRING),
        ],
        K::Contact => &[("name", STRING), ("url", STRING), ("email", STRING)],
        K::License => &[("name", STRING), ("url", STRING)],
        K::Server => &[
            ("url", STRING),
            ("description", STRING),
            ("variables", MapOf(K::ServerVariable)),
        ],
        K::ServerVariable => &[("enum", Free), ("default", STRING), ("description", STRING)],
        K::PathItem => &[
            ("$ref", STRING),
            ("summary", STRING),
            ("description", STRING),
            ("get", Shape::Kind(K::Operation)),
            ("put", Shape::Kind(K::Operation)),
            ("post", Shape::Kind(K::Operation)),
            ("delete", Shape::Kind(K::Operation)),
            ("options", Shape::Kind(K::Operation)),
            ("head", Shape::Kind(K::Operation)),
            ("patch", Shape::Kind(K::Operation)),
            ("trace", Shape::Kind(K::Operation)),
            ("servers", ListOf(K::Server)),
            ("parameters", ListOf(K::Parameter)),
        ],
        K::Operation => &[
            ("tags", Free),
            ("summary", STRING),
            ("description", STRING),
            ("externalDocs", Shape::Kind(K::ExternalDocs)),
            ("operationId", STRING),
            ("parameters", ListOf(K::Parameter)),
            ("requestBody", Shape::Kind(K::RequestBody)),
            ("responses", Responses),
            ("callbacks", Free),
            ("deprecated", Free),
            ("security", Free),
            ("servers", ListOf(K::Server)),
        ],
        K::ExternalDocs => &[("description", STRING), ("url", STRING)],
        K::Parameter | K::Header => &[
            ("name", STRING),
            ("in", STRING),
            ("description", STRING),
            ("required", Free),
            ("deprecated", Free),
            ("allowEmptyValue", Free),
            ("style", STRING),
            ("explode", Free),
            ("allowReserved", Free),
            ("schema", Shape::Kind(K::Schema)),
            ("example", Free),
            ("examples", MapOf(K::Example)),
            ("content", MapOf(K::MediaType)),
        ],
        K::RequestBody => &[
            ("description", STRING),
            ("content", MapOf(K::MediaType)),
            ("required", Free),
        ],
        K::MediaType => &[
            ("schema", Shape::Kind(K::Schema)),
            ("example", Free),
            ("examples", MapOf(K::Example)),
            ("encoding", MapOf(K::Encoding)),
        ],
        K::Encoding => &[
            ("contentType", STRING),
            ("headers", MapOf(K::Header)),
            ("style", STRING),
            ("explode", Free),
            ("allowReserved", Free),
        ],
        K::Response => &[
            ("description", STRING),
            ("headers", MapOf(K::Header)),
            ("content", MapOf(K::MediaType)),
            ("links", MapOf(K::Link)),
        ],
        K::Example => &[
            ("summary", STRING),
            ("description", STRING),
            ("value", Free),
            ("externalValue", STRING),
        ],
        K::Link => &[
            ("operationRef", STRING),
            ("operationId", STRING),
            ("parameters", Free),
            ("requestBody", Free),
            ("description", STRING),
            ("server", Shape::Kind(K::Server)),
        ],
        K::Components => &[
            ("schemas", MapOf(K::Schema)),
            ("responses", MapOf(K::Response)),
            ("parameters", MapOf(K::Parameter)),
            ("examples", MapOf(K::Example)),
            ("requestBodies", MapOf(K::RequestBody)),
            ("headers", MapOf(K::Header)),
            ("securitySchemes", MapOf(K::SecurityScheme)),
            ("links", MapOf(K::Link)),
            ("callbacks", Free),
        ],
        K::SecurityScheme => &[
            ("type", STRING),
            ("description", STRING),
            ("name", STRING),
            ("in", STRING),
            ("scheme", STRING),
            ("bearerFormat", STRING),
            ("flows", Shape::Kind(K::OAuthFlows)),
            ("openIdConnectUrl", STRING),
        ],
        K::OAuthFlows => &[
            ("implicit", Shape::Kind(K::OAuthFlow)),
            ("password", Shape::Kind(K::OAuthFlow)),
            ("clientCredentials", Shape::Kind(K::OAuthFlow)),
            ("authorizationCode", Shape::Kind(K::OAuthFlow)),
        ],
        K::OAuthFlow => &[
            ("authorizationUrl", STRING),
            ("tokenUrl", STRING),
            ("refreshUrl", STRING),
            ("scopes", Free),
        ],
        K::Tag => &[
            ("name", STRING),
            ("description", STRING),
            ("externalDocs", Shape::Kind(K::ExternalDocs)),
        ],
        K::Schema => &[
            ("title", STRING),
            ("multipleOf", Free),
            ("maximum", Free),
            ("exclusiveMaximum", Free),
            ("minimum", Free),
            ("exclusiveMinimum", Free),
            ("maxLength", Free),
            ("minLength", Free),
            ("pattern", STRING),
            ("maxItems", Free),
            ("minItems", Free),
            ("uniqueItems", Free),
            ("maxProperties", Free),
            ("minProperties", Free),
            ("required", Free),
            ("enum", Free),
            ("type", STRING),
            ("allOf", ListOf(K::Schema)),
            ("oneOf", ListOf(K::Schema)),
            ("anyOf", ListOf(K::Schema)),
            ("not", Shape::Kind(K::Schema)),
            ("items", Shape::Kind(K::Schema)),
            ("properties", MapOf(K::Schema)),
            ("additionalProperties", BoolOrSchema),
            ("description", STRING),
            ("format", STRING),
            ("default", Free),
            ("nullable", Free),
            ("discriminator", Shape::Kind(K::Discriminator)),
            ("readOnly", Free),
            ("writeOnly", Free),
            ("xml", Free),
            ("externalDocs", Shape::Kind(K::ExternalDocs)),
            ("example", Free),
            ("deprecated", Free),
        ],
        K::Discriminator => &[("propertyName", STRING), ("mapping", Free)],
    }
}

/// Kinds that may be replaced by a `{$ref: ...}` object.
fn referable(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Schema
            | Kind::Parameter
            | Kind::RequestBody
            | Kind::Response
            | Kind::Header
            | Kind::Example
            | Kind::Link
            | Kind::SecurityScheme
    )
}

/// The HTTP methods a path item may hold, in OpenAPI order.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

struct Checker<'a> {
    file: &'a str,
    doc: &'a Document,
    out: Vec<Finding>,
}

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

impl<'a> Checker<'a> {
    fn report(&mut self, pointer: &str, message: impl Into<String>) {
        self.report_as(Rule::Structure, pointer, message);
    }

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

    fn keys(&mut self, value: &Value, pointer: &str, shape: Shape) {
        match shape {
            Shape::Free => {}
            Shape::BoolOrSchema if value.is_boolean() => {}
            Shape::BoolOrSchema => self.keys(value, pointer, Shape::Kind(Kind::Schema)),
            Shape::MapOf(kind) => {
                for (key, child) in value.as_object().into_iter().flatten() {
                    self.keys(child, &child_pointer(pointer, key), Shape::Kind(kind));
                }
            }
            Shape::ListOf(kind) => {
                for (i, child) in value.as_array().into_iter().flatten().enumerate() {
                    self.keys(child, &format!("{pointer}/{i}"), Shape::Kind(kind));
                }
            }
            Shape::Paths => {
                for (path, item) in value.as_object().into_iter().flatten() {
                    let child = child_pointer(pointer, path);
                    if !path.starts_with('/') && !path.starts_with("x-") {
                        self.report(&child, format!("path `{path}` must start with `/`"));
                    }
                    self.keys(item, &child, Shape::Kind(Kind::PathItem));
                }
            }
            Shape::Responses => {
                for (code, response) in value.as_object().into_iter().flatten() {
                    let child = child_pointer(pointer, code);
                    if parse_status(code).is_none() && !code.starts_with("x-") {
                        self.report(
                            &child,
                            format!("`{code}` is not a response status: use a code such as `201`, a range such as `4XX`, or `default`"),
                        );
                    }
                    self.keys(response, &child, Shape::Kind(Kind::Response));
                }
            }
            Shape::Kind(kind) => self.object_keys(value, pointer, kind),
        }
    }

    fn object_keys(&mut self, value: &Value, pointer: &str, kind: Kind) {
        let Some(object) = value.as_object() else {
            return;
        };
        let reference = referable(kind) && object.contains_key("$ref");
        // Beside `$ref`, a schema's keys apply to the field (the codegen view wraps the reference
        // in `allOf`); other objects may only be documented, as OpenAPI 3.1 allows.
        if reference && kind != Kind::Schema {
            for key in object
                .keys()
                .filter(|k| !matches!(k.as_str(), "$ref" | "description" | "summary"))
                .filter(|k| !k.starts_with("x-"))
            {
                self.report(
                    &child_pointer(pointer, key),
                    format!("`{key}` beside `$ref` is ignored by OpenAPI 3.0; move it into the referenced component"),
                );
            }
            return;
        }
        let known = fields(kind);
        for (key, child) in object {
            let child_ptr = child_pointer(pointer, key);
            if key.starts_with("x-") || (reference && key == "$ref") {
                continue;
            }
            match known.iter().find(|(name, _)| name == key) {
                Some((_, shape)) => self.keys(child, &child_ptr, *shape),
                None => {
                    // A near miss of a known key is a typo that changes the client (a misspelled
                    // `requestBody` drops the body); any other key is ignored by every tool.
                    let near = closest(key, known.iter().map(|(name, _)| *name));
                    let rule = if near.is_some() {
                        Rule::Structure
                    } else {
                        Rule::UnknownKey
                    };
                    let hint = near
                        .map(|name| format!("; did you mean `{name}`?"))
                        .unwrap_or_else(|| "; extensions must start with `x-`".to_owned());
                    self.report_as(
                        rule,
                        &child_ptr,
                        format!(
                            "unknown key `{key}` in {} object (it would be silently ignored){hint}",
                            kind_name(kind)
                        ),
                    );
                }
            }
        }
    }

    fn references(&mut self, value: &Value, pointer: &str) {
        match value {
            Value::Object(object) => {
                if let Some(reference) = object.get("$ref") {
                    let target = reference.as_str().unwrap_or_default();
                    let resolves = target.strip_prefix('#').is_some_and(|p| {
                        p.starts_with("/components/") && self.doc.value.pointer(p).is_some()
                    });
                    if !resolves {
                        self.report(
                            &child_pointer(pointer, "$ref"),
                            format!("`$ref: {target}` does not resolve: it must name an entry under `#/components/` in this file"),
                        );
                    }
                }
                for (key, child) in object {
                    // Examples and extensions are free-form: a `$ref` key inside them is data.
                    if key == "example" || key == "examples" || key.starts_with("x-") {
                        continue;
                    }
                    self.references(child, &child_pointer(pointer, key));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.references(item, &format!("{pointer}/{i}"));
                }
            }
            _ => {}
        }
    }

    fn resolve<'v>(&self, value: &'v Value) -> &'v Value
    where
        'a: 'v,
    {
        crate::yaml::resolve(&self.doc.value, value)
    }

    fn operations(&mut self) {
        let doc = self.doc;
        let Some(paths) = doc.value.get("paths").and_then(Value::as_object) else {
            self.report("", "the spec has no `paths`");
            return;
        };
        let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in paths {
            let item_ptr = child_pointer("/paths", path);
            let shared_params = item
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                let op_ptr = format!("{item_ptr}/{method}");
                let label = format!("{} {path}", method.to_uppercase());
                match operation.get("operationId").and_then(Value::as_str) {
                    None => self.report(
                        &op_ptr,
                        format!("{label} has no `operationId`; the generated method is named after it, so add one such as `operationId: refundPayment`"),
                    ),
                    Some(id) => {
                        if let Some(first) = operation_ids.insert(id.to_owned(), label.clone()) {
                            self.report(
                                &format!("{op_ptr}/operationId"),
                                format!("operationId `{id}` is also used by {first}; operation ids must be unique"),
                            );
                        }
                    }
                }
                self.parameters(path, &label, &op_ptr, &shared_params, operation);
                self.request_body(&label, &op_ptr, operation);
                self.responses(&label, &op_ptr, operation);
            }
        }
    }

    fn parameters(
        &mut self,
        path: &str,
        label: &str,
        op_ptr: &str,
        shared: &[Value],
        operation: &Value,
    ) {
        let own = operation
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut path_params = BTreeSet::new();
        for (i, parameter) in own.iter().enumerate() {
            let ptr = format!("{op_ptr}/parameters/{i}");
            let parameter = self.resolve(parameter).clone();
            self.parameter(label, &ptr, &parameter, &mut path_params);
        }
        for parameter in shared {
            let parameter = self.resolve(parameter).clone();
            let mut ignored = BTreeSet::new();
            let ptr = op_ptr
                .rsplit_once('/')
                .map_or(op_ptr, |(item, _)| item)
                .to_owned()
                + "/parameters";
            self.parameter(label, &ptr, &parameter, &mut ignored);
            path_params.extend(ignored);
        }
        let templated: BTreeSet<String> = path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        for missing in templated.difference(&path_params) {
            self.report(op_ptr, format!("{label}: path parameter `{missing}` has no entry in `parameters` (add `in: path, required: true`)"));
        }
        for extra in path_params.difference(&templated) {
            self.report(
                op_ptr,
                format!(
                    "{label}: parameter `{extra}` is `in: path` but the path has no `{{{extra}}}`"
                ),
            );
        }
    }

    fn parameter(
        &mut self,
        label: &str,
        ptr: &str,
        parameter: &Value,
        path_params: &mut BTreeSet<String>,
    ) {
        let name = parameter.get("name").and_then(Value::as_str).unwrap_or("?");
        match parameter.get("in").and_then(Value::as_str) {
            Some("cookie") => self.report(&format!("{ptr}/in"), format!("{label}: cookie parameter `{name}` is not supported by the generator; send it as a header instead")),
            Some("path") => {
                path_params.insert(name.to_owned());
                if parameter.get("required") != Some(&Value::Bool(true)) {
                    self.report(ptr, format!("{label}: path parameter `{name}` must say `required: true`"));
                }
            }
            _ => {}
        }
        if parameter.get("schema").is_none() {
            self.report(ptr, format!("{label}: parameter `{name}` needs a `schema` (the generator does not read `content` on parameters)"));
        }
    }

    fn request_body(&mut self, label: &str, op_ptr: &str, operation: &Value) {
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

    fn responses(&mut self, label: &str, op_ptr: &str, operation: &Value) {
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

/// A status key as progenitor groups it.
#[derive(Clone, Copy)]
pub(crate) enum Status {
    Code(u16),
    Range(u16),
    Default,
}

impl Status {
    pub(crate) fn is_success(self) -> bool {
        matches!(
            self,
            Status::Default | Status::Code(101) | Status::Code(200..=299) | Status::Range(2)
        )
    }

    pub(crate) fn is_error(self) -> bool {
        matches!(
            self,
            Status::Default | Status::Code(400..=599) | Status::Range(4..=5)
        )
    }
}

/// The status key `code` (`404`, `4XX`, `default`), or `None` when it is not one.
pub(crate) fn parse_status(code: &str) -> Option<Status> {
    if code == "default" {
        return Some(Status::Default);
    }
    if let Some(first) = code.strip_suffix("XX") {
        return first
            .parse()
            .ok()
            .filter(|d| (1..=5).contains(d))
            .map(Status::Range);
    }
    code.parse()
        .ok()
        .filter(|c| (100..=599).contains(c))
        .map(Status::Code)
}

/// Whether a media type carries JSON: `application/json` or a `+json` suffix type, with parameters.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn child_pointer(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_token(key))
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Root => "the top-level",
        Kind::Info => "an info",
        Kind::Contact => "a contact",
        Kind::License => "a license",
        Kind::Server => "a server",
        Kind::ServerVariable => "a server variable",
        Kind::PathItem => "a path item",
        Kind::Operation => "an operation",
        Kind::ExternalDocs => "an externalDocs",
        Kind::Parameter => "a parameter",
        Kind::RequestBody => "a requestBody",
        Kind::MediaType => "a media type",
        Kind::Encoding => "an encoding",
        Kind::Response => "a response",
        Kind::Header => "a header",
        Kind::Example => "an example",
        Kind::Link => "a link",
        Kind::Components => "the components",
        Kind::SecurityScheme => "a security scheme",
        Kind::OAuthFlows => "an OAuth flows",
        Kind::OAuthFlow => "an OAuth flow",
        Kind::Tag => "a tag",
        Kind::Schema => "a schema",
        Kind::Discriminator => "a discriminator",
    }
}

/// The known key closest to a misspelled one (same letters ignoring case, or at most two edits).
fn closest<'k>(key: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let lower = key.to_ascii_lowercase();
    known
        .map(|name| (edit_distance(&lower, &name.to_ascii_lowercase()), name))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(current)
            };
            previous = current;
        }
    }
    row[b.len()]
}
