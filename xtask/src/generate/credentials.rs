//! The generated crate's `Credentials`: one constructor per way the spec lets a request
//! authenticate (each satisfiable alternative of a `security` requirement), the per-operation
//! table the runtime selects schemes with, the runtime features the schemes need, and the
//! README's example credentials.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;
use syn::parse_quote;

use crate::lint::security::{self, Kind};
use crate::spec::Spec;

/// One scheme of an alternative: its name in the spec and what the runtime does with it.
struct Part {
    name: String,
    kind: Kind,
}

/// Every distinct satisfiable alternative in the spec, in order of first use.
fn alternatives(doc: &Value) -> Vec<Vec<Part>> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for operation in security::operations(doc) {
        for alternative in operation.alternatives {
            if alternative.is_empty()
                || !security::satisfiable(doc, &alternative)
                || !seen.insert(alternative.clone())
            {
                continue;
            }
            let parts = alternative
                .into_iter()
                .filter_map(|name| {
                    let kind = security::kind(security::scheme(doc, &name)?).ok()?;
                    Some(Part { name, kind })
                })
                .collect();
            out.push(parts);
        }
    }
    out
}

/// Whether some operation needs no credentials.
fn has_open_operation(doc: &Value) -> bool {
    security::operations(doc)
        .iter()
        .any(|o| o.alternatives.iter().any(Vec::is_empty))
}

/// The runtime features the spec's schemes need (`oauth2`, `http-signature`, `es512-jwt`).
pub fn features(spec: &Spec) -> BTreeSet<&'static str> {
    alternatives(&spec.document)
        .iter()
        .flatten()
        .filter_map(|part| part.kind.feature())
        .collect()
}

/// `PROVIDER.security`: per operation (snake case), its satisfiable alternatives.
pub fn security_table(spec: &Spec) -> TokenStream {
    let doc = &spec.document;
    let rows = security::operations(doc).into_iter().map(|operation| {
        let id = operation.operation_id.to_snake_case();
        let alternatives = operation
            .alternatives
            .iter()
            .filter(|a| security::satisfiable(doc, a))
            .map(|alternative| quote!(&[#(#alternative),*]));
        quote!((#id, &[#(#alternatives),*]))
    });
    quote!(&[#(#rows),*])
}

/// The `Credentials` type and its constructors.
pub fn items(spec: &Spec) -> Vec<syn::Item> {
    let doc = &spec.document;
    let mut constructors: Vec<TokenStream> =
        alternatives(doc).iter().map(|a| constructor(a)).collect();
    if has_open_operation(doc) {
        constructors.push(quote! {
            /// No credentials: only the operations documented without any can be called.
            pub fn none() -> Self {
                Self(::payspec_runtime::Auth::none())
            }
        });
    }
    vec![
        parse_quote! {
            /// How this client authenticates, as the spec declares it: one constructor per way a
            /// request may authenticate. Give it to [`runtime::Runtime::new`]; each call uses
            /// the first of its operation's documented ways these credentials hold.
            #[derive(Debug)]
            pub struct Credentials(::payspec_runtime::Auth);
        },
        parse_quote! {
            impl Credentials {
                #(#constructors)*

                /// These credentials and `other`'s, for a client whose operations
                /// authenticate in different ways.
                #[must_use]
                pub fn and(self, other: Credentials) -> Self {
                    Self(self.0.and(other.0))
                }
            }
        },
        parse_quote! {
            impl ::std::convert::From<Credentials> for ::payspec_runtime::Auth {
                fn from(credentials: Credentials) -> Self {
                    credentials.0
                }
            }
        },
    ]
}

/// The constructor for one alternative: parameters per scheme, prefixed with the scheme's name
/// when the alternative sends several.
fn constructor(alternative: &[Part]) -> TokenStream {
    let several = alternative.len() > 1;
    let mut params = Vec::new();
    let mut schemes = Vec::new();
    let mut fallible = false;
    let mut described = Vec::new();
    for part in alternative {
        let name = &part.name;
        let param = |base: &str| {
            if several {
                format_ident!("{}_{base}", part.name.to_snake_case())
            } else {
                format_ident!("{base}")
            }
        };
        let (value, what) = match &part.kind {
            Kind::ApiKey { name: key, query } => {
                let key_param = param("key");
                params.push(quote!(#key_param: ::payspec_runtime::Secret));
                let location = if *query {
                    quote!(::payspec_runtime::KeyLocation::Query)
                } else {
                    quote!(::payspec_runtime::KeyLocation::Header)
                };
                let place = if *query { "query parameter" } else { "header" };
                (
                    quote!(::payspec_runtime::Scheme::api_key(#location, #key, #key_param)),
                    format!("an API key in the `{key}` {place}"),
                )
            }
            Kind::Bearer => {
                let token = param("token");
                params.push(quote!(#token: ::payspec_runtime::Secret));
                (
                    quote!(::payspec_runtime::Scheme::bearer(#token)),
                    "a bearer token".to_owned(),
                )
            }
            Kind::Basic => {
                let (user, password) = (param("username"), param("password"));
                params.push(quote!(#user: impl ::std::convert::Into<::std::string::String>));
                params.push(quote!(#password: ::payspec_runtime::Secret));
                (
                    quote!(::payspec_runtime::Scheme::basic(#user, #password)),
                    "HTTP basic authentication".to_owned(),
                )
            }
            Kind::ClientCredentials { token_url } => {
                let (id, secret) = (param("client_id"), param("client_secret"));
                params.push(quote!(#id: impl ::std::convert::Into<::std::string::String>));
                params.push(quote!(#secret: ::payspec_runtime::Secret));
                (
                    quote!(::payspec_runtime::Scheme::client_credentials(#token_url, #id, #secret)),
                    format!(
                        "OAuth2 client credentials, the token fetched from `{token_url}`{}",
                        if token_url.contains("://") {
                            ""
                        } else {
                            " (relative to the base URL)"
                        }
                    ),
                )
            }
            Kind::HttpSignature => {
                fallible = true;
                let (merchant, key, secret) = (
                    param("merchant_id"),
                    param("key_id"),
                    param("shared_secret"),
                );
                params.push(quote!(#merchant: impl ::std::convert::Into<::std::string::String>));
                params.push(quote!(#key: impl ::std::convert::Into<::std::string::String>));
                params.push(quote!(#secret: ::payspec_runtime::Secret));
                (
                    quote!(::payspec_runtime::Scheme::signed(
                        ::payspec_runtime::sign::HttpSignature::new(#merchant, #key, #secret)?
                    )),
                    "an HTTP Signature (HMAC-SHA256) with a base64 shared secret".to_owned(),
                )
            }
            Kind::Es512Jwt { scopes } => {
                fallible = true;
                let (pem, issuer) = (param("private_key_pem"), param("issuer"));
                params.push(quote!(#pem: &::payspec_runtime::Secret));
                params.push(quote!(#issuer: impl ::std::convert::Into<::std::string::String>));
                (
                    quote!(::payspec_runtime::Scheme::signed(
                        ::payspec_runtime::sign::Es512Jwt::new(#pem, #issuer, &[#(#scopes),*])?
                    )),
                    format!(
                        "an ES512 JWT signed with a P-521 PKCS#8 PEM key, minted per request{}",
                        if scopes.is_empty() {
                            String::new()
                        } else {
                            format!(" with the scopes `{}`", scopes.join("`, `"))
                        }
                    ),
                )
            }
        };
        schemes.push(quote!(::payspec_runtime::Auth::scheme(#name, #value)));
        described.push(format!("`{name}`: {what}"));
    }
    let ident = constructor_name(alternative);
    let doc = format!(" Authenticates with {}.", described.join("; and "));
    let auth = schemes
        .into_iter()
        .reduce(|all, next| quote!(#all.and(#next)))
        .expect("an alternative names a scheme");
    if fallible {
        let errors =
            " # Errors\n A key or secret that cannot be used (the error does not repeat it).";
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #errors]
            pub fn #ident(#(#params),*) -> ::std::result::Result<Self, ::payspec_runtime::sign::CredentialError> {
                Ok(Self(#auth))
            }
        }
    } else {
        quote! {
            #[doc = #doc]
            pub fn #ident(#(#params),*) -> Self {
                Self(#auth)
            }
        }
    }
}

/// `oauth2`, `api_key_and_signature`: the schemes' names in snake case, never a keyword.
fn constructor_name(alternative: &[Part]) -> syn::Ident {
    let name = alternative
        .iter()
        .map(|p| p.name.to_snake_case())
        .collect::<Vec<_>>()
        .join("_and_");
    match syn::parse_str::<syn::Ident>(&name) {
        Ok(ident) if name != "none" && name != "and" => ident,
        _ => format_ident!("{name}_credentials"),
    }
}

/// The README's example credentials: the first way the spec allows, with placeholder values,
/// and whether the expression needs `?`.
pub fn example(spec: &Spec) -> Option<String> {
    let first = alternatives(&spec.document).into_iter().next()?;
    let env = |what: &str| {
        format!(
            "Secret::new(std::env::var(\"{}_{what}\")?)",
            spec.provider.to_shouty_snake_case()
        )
    };
    let mut args = Vec::new();
    let mut fallible = false;
    for part in &first {
        match &part.kind {
            Kind::ApiKey { .. } => args.push(env("API_KEY")),
            Kind::Bearer => args.push(env("TOKEN")),
            Kind::Basic => args.extend(["\"username\"".to_owned(), env("PASSWORD")]),
            Kind::ClientCredentials { .. } => {
                args.extend(["\"client-id\"".to_owned(), env("CLIENT_SECRET")]);
            }
            Kind::HttpSignature => {
                fallible = true;
                args.extend([
                    "\"merchant-id\"".to_owned(),
                    "\"key-id\"".to_owned(),
                    env("SHARED_SECRET"),
                ]);
            }
            Kind::Es512Jwt { .. } => {
                fallible = true;
                args.extend([
                    "&Secret::new(std::fs::read_to_string(\"private_key.pem\")?)".to_owned(),
                    "\"my-merchant\"".to_owned(),
                ]);
            }
        }
    }
    Some(format!(
        "Credentials::{}({}){}",
        constructor_name(&first),
        args.join(", "),
        if fallible { "?" } else { "" }
    ))
}
