//! The table of every OpenAPI 3.0 key: for each object kind, the fields it may hold and what each
//! field holds, so the walk in `unknown_keys.rs` knows where it is and what was meant.
//!
//! openapiv3's types cannot replace this table: each collects its extensions through
//! `#[serde(flatten)]`, so serde exposes no list of field names (needed for the near-miss hint)
//! and silently drops unknown keys instead of reporting them.

/// The OpenAPI object kinds whose keys are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) enum Shape {
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

/// The fields an object of `kind` may hold, with what each holds.
pub(super) fn fields(kind: Kind) -> &'static [(&'static str, Shape)] {
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
pub(super) fn referable(kind: Kind) -> bool {
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

/// The object kind as named in a message (`unknown key ... in a schema object`).
pub(super) fn kind_name(kind: Kind) -> &'static str {
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
