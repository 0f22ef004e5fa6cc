//! The Rust names typify gives the schemas it generates, so the generator can refer to them.

use heck::ToPascalCase;

/// The type name typify generates for a component called `raw`: UpperCamelCase, with characters
/// that cannot be in an identifier treated as word breaks, an `X` prefix when it would not start
/// like one, and a trailing `_` for a keyword.
pub fn type_name(raw: &str) -> String {
    let words = raw
        .replace('\'', "")
        .replace(|c: char| !(c.is_alphanumeric() || c == '_'), "-");
    let name = words.to_pascal_case();
    let name = match name.chars().next() {
        None => "X".to_owned(),
        Some(c) if c.is_alphabetic() || c == '_' => name,
        Some(_) => format!("X{name}"),
    };
    if syn::parse_str::<syn::Ident>(&name).is_ok() {
        name
    } else {
        format!("{name}_")
    }
}

/// A name for the variant of an error enum that holds the body answered with `status`
/// (`404` → `NotFound`, `4XX` → `ClientError`, `202` → `Accepted`).
pub fn status_variant(status: &str) -> String {
    let known = match status {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "203" => "NonAuthoritativeInformation",
        "204" => "NoContent",
        "206" => "PartialContent",
        "207" => "MultiStatus",
        "2XX" => "Success",
        "4XX" => "ClientError",
        "5XX" => "ServerError",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "406" => "NotAcceptable",
        "408" => "RequestTimeout",
        "409" => "Conflict",
        "410" => "Gone",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "424" => "FailedDependency",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "501" => "NotImplemented",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        other => return format!("Status{other}"),
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_follow_typify() {
        assert_eq!(type_name("refund-request"), "RefundRequest");
        assert_eq!(type_name("Money"), "Money");
        assert_eq!(type_name("3ds_result"), "X3dsResult");
        assert_eq!(type_name("error.v2"), "ErrorV2");
    }

    #[test]
    fn statuses_name_their_variant() {
        assert_eq!(status_variant("422"), "UnprocessableEntity");
        assert_eq!(status_variant("5XX"), "ServerError");
        assert_eq!(status_variant("418"), "Status418");
    }
}
