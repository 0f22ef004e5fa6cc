//! Connects a generated client to `payspec-runtime`: the provider description the runtime needs,
//! the client hooks that authenticate, retry and report unknown outcomes, a per-call timeout, and
//! the provider's documented media types (progenitor always sends plain `application/json`).

use std::collections::HashMap;

use heck::ToSnakeCase;
use quote::ToTokens;
use serde_json::Value;
use syn::{ImplItem, Item, Stmt, parse_quote};

use super::strict::module_items_mut;
use crate::preflight::{METHODS, is_json};
use crate::spec::Spec;

/// `info` key: the response header in which the provider says whether to retry.
const RETRY_HINT_HEADER: &str = "x-payspec-retry-hint-header";
/// `info` key: `resend` (default) or `unknown`, what a 5xx under an idempotency key means.
const KEYED_SERVER_ERROR: &str = "x-payspec-keyed-server-error";
/// `info` key: the response header carrying the provider's request id.
const REQUEST_ID_HEADER: &str = "x-payspec-request-id-header";

/// The runtime type progenitor stores in each client (`Client::inner`).
pub fn inner_type() -> proc_macro2::TokenStream {
    quote::quote!(::payspec_runtime::Runtime)
}

/// The provider's idempotency header, from `info.x-payspec-idempotency-header`.
pub fn idempotency_header(spec: &Spec) -> Option<&str> {
    info_str(spec, "x-payspec-idempotency-header")
}

/// A string in the spec's `info`.
fn info_str<'a>(spec: &'a Spec, key: &str) -> Option<&'a str> {
    spec.document
        .get("info")
        .and_then(|info| info.get(key))
        .and_then(Value::as_str)
}

/// `Some("value")` or `None` as tokens.
fn optional(value: Option<&str>) -> proc_macro2::TokenStream {
    match value {
        Some(value) => quote::quote!(Some(#value)),
        None => quote::quote!(None),
    }
}

/// Operations (as progenitor names them) sent with POST or PATCH.
fn writes(spec: &Spec) -> Vec<String> {
    let paths = spec.document.get("paths").and_then(Value::as_object);
    paths
        .into_iter()
        .flatten()
        .flat_map(|(_, item)| {
            METHODS
                .iter()
                .filter_map(move |m| item.get(*m).map(|op| (*m, op)))
        })
        .filter(|(method, _)| matches!(*method, "post" | "patch"))
        .filter_map(|(_, op)| op.get("operationId").and_then(Value::as_str))
        .map(|id| id.to_snake_case())
        .collect()
}

/// Adds the provider description, the hooks and the timeout method to the generated file.
pub fn add_runtime(file: &mut syn::File, spec: &Spec) {
    let name = &spec.provider;
    let header = optional(idempotency_header(spec));
    let writes = writes(spec);
    let security = super::credentials::security_table(spec);
    let retry_hint = optional(info_str(spec, RETRY_HINT_HEADER));
    let request_id = optional(info_str(spec, REQUEST_ID_HEADER));
    let keyed_server_error = match info_str(spec, KEYED_SERVER_ERROR) {
        Some("unknown") => quote::quote!(Unknown),
        _ => quote::quote!(Resend),
    };
    let request_id_doc = match info_str(spec, REQUEST_ID_HEADER) {
        Some(header) => format!(
            " The response header carrying {name}'s id for a request (`{header}`), to quote to \
             its support: read it with [`request_id`]."
        ),
        None => format!(" {name} documents no response header carrying its id for a request."),
    };
    use_runtime_http_client(file);
    file.items.push(parse_quote! {
        /// Authentication, retries and timeouts for this client; see [`Client::new`].
        pub use ::payspec_runtime as runtime;
    });
    file.items.extend(super::credentials::items(spec));
    file.items.push(parse_quote! {
        /// What `payspec-runtime` needs to know about this provider (used by the client hooks).
        #[doc(hidden)]
        pub const PROVIDER: ::payspec_runtime::Provider = ::payspec_runtime::Provider {
            name: #name,
            idempotency_header: #header,
            writes: &[#(#writes),*],
            security: #security,
            retry_hint_header: #retry_hint,
            keyed_server_error: ::payspec_runtime::KeyedServerError::#keyed_server_error,
            request_id_header: #request_id,
        };
    });
    file.items.push(parse_quote! {
        #[doc = #request_id_doc]
        pub const REQUEST_ID_HEADER: ::std::option::Option<&str> = #request_id;
    });
    file.items.push(parse_quote! {
        /// The provider's id for the request these response headers answer (from a
        /// `ResponseValue`'s or an `Error::ErrorResponse`'s `headers()`), when it sent one.
        pub fn request_id(headers: &reqwest::header::HeaderMap) -> ::std::option::Option<&str> {
            headers.get(REQUEST_ID_HEADER?)?.to_str().ok()
        }
    });
    file.items.push(parse_quote! {
        #[doc(hidden)]
        impl ClientHooks<::payspec_runtime::Runtime> for Client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &OperationInfo,
            ) -> ::std::result::Result<(), Error<E>> {
                self.inner.prepare(&PROVIDER, request, info.operation_id)
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                self.inner
                    .execute(&PROVIDER, &self.client, &self.baseurl, request, info.operation_id)
                    .await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                info: &OperationInfo,
            ) -> ::std::result::Result<(), Error<E>> {
                self.inner.check_outcome(&PROVIDER, result, info.operation_id)
            }
        }
    });
    file.items.push(parse_quote! {
        impl Client {
            /// [`Client::new`], returning the error when the HTTP client cannot be built.
            pub fn try_new(
                baseurl: &str,
                inner: ::payspec_runtime::Runtime,
            ) -> ::std::result::Result<Self, reqwest::Error> {
                let http = ::payspec_runtime::http_client(concat!(
                    env!("CARGO_PKG_NAME"),
                    "/",
                    env!("CARGO_PKG_VERSION")
                ))?;
                Ok(Self::new_with_client(baseurl, http, inner))
            }

            /// This client with another timeout for each attempt of each call; credentials,
            /// token cache and connection pool are shared.
            pub fn with_timeout(&self, timeout: ::std::time::Duration) -> Self {
                Self { inner: self.inner.with_timeout(timeout), ..self.clone() }
            }

            /// The runtime: authentication, retries and timeouts.
            pub fn runtime(&self) -> &::payspec_runtime::Runtime {
                &self.inner
            }
        }
    });
}

/// `Client::new` builds its HTTP client with the runtime (no redirects, a `User-Agent`) through
/// `Client::try_new`, instead of progenitor's default, which follows redirects.
fn use_runtime_http_client(file: &mut syn::File) {
    for item in &mut file.items {
        let Item::Impl(imp) = item else { continue };
        let is_client = matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"));
        if imp.trait_.is_some() || !is_client {
            continue;
        }
        for item in &mut imp.items {
            if let ImplItem::Fn(f) = item {
                if f.sig.ident == "new" {
                    *f = parse_quote! {
                        /// A client for the API at `baseurl` (scheme, host, and port and path stem
                        /// if any), with the runtime's HTTP client: no redirects, a `User-Agent`
                        /// naming this crate.
                        ///
                        /// # Panics
                        /// When the HTTP client cannot be built (its TLS backend does not
                        /// initialise); [`Client::try_new`] returns that error instead.
                        pub fn new(baseurl: &str, inner: ::payspec_runtime::Runtime) -> Self {
                            Self::try_new(baseurl, inner)
                                .expect("the HTTP client's TLS backend initialises")
                        }
                    };
                }
            }
        }
    }
}

/// Sends the JSON media types the spec documents (e.g. `application/json;charset=utf-8` and
/// `application/hal+json;charset=utf-8`) instead of progenitor's plain `application/json`.
/// Runs before [`super::rewrite::apply`], whose header-map checks see these statements.
pub fn documented_media_types(file: &mut syn::File, spec: &Spec) {
    let wanted = media_types(spec);
    for item in &mut file.items {
        let Item::Mod(module) = item else { continue };
        if module.ident != "builder" {
            continue;
        }
        let Some((_, items)) = module.content.as_mut() else {
            continue;
        };
        for item in items {
            let Item::Impl(imp) = item else { continue };
            for item in &mut imp.items {
                let ImplItem::Fn(f) = item else { continue };
                let stmts = &mut f.block.stmts;
                let Some((content_type, accept)) =
                    operation_id(stmts).and_then(|id| wanted.get(&id))
                else {
                    continue;
                };
                let Some(index) = stmts.iter().position(|s| declares(s, "header_map")) else {
                    continue;
                };
                let mut added: Vec<Stmt> = Vec::new();
                if let Some(value) = content_type {
                    added.push(parse_quote! {
                        header_map.append(
                            ::reqwest::header::CONTENT_TYPE,
                            ::reqwest::header::HeaderValue::from_static(#value),
                        );
                    });
                }
                if let Some(value) = accept {
                    added.push(parse_quote! {
                        header_map.append(
                            ::reqwest::header::ACCEPT,
                            ::reqwest::header::HeaderValue::from_static(#value),
                        );
                    });
                }
                stmts.splice(index + 1..index + 1, added);
            }
        }
    }
}

/// Per operation (progenitor's name): the request and response JSON media types, where they are
/// not plain `application/json`.
fn media_types(spec: &Spec) -> HashMap<String, (Option<String>, Option<String>)> {
    let doc = &spec.document;
    let resolve = |value: &'_ Value| crate::yaml::resolve(doc, value).clone();
    let documented = |content: Option<&Value>| {
        content
            .and_then(Value::as_object)
            .and_then(|c| c.keys().find(|m| is_json(m)).cloned())
            .filter(|m| m != "application/json")
    };
    let mut out = HashMap::new();
    let paths = doc.get("paths").and_then(Value::as_object);
    for item in paths.into_iter().flat_map(|p| p.values()) {
        for operation in METHODS.iter().filter_map(|m| item.get(*m)) {
            let Some(id) = operation.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let request = operation.get("requestBody").map(&resolve);
            let content_type = documented(request.as_ref().and_then(|r| r.get("content")));
            let success = operation
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter(|(code, _)| code.starts_with('2'))
                .map(|(_, response)| resolve(response))
                .find_map(|response| documented(response.get("content")));
            if content_type.is_some() || success.is_some() {
                out.insert(id.to_snake_case(), (content_type, success));
            }
        }
    }
    out
}

/// Calls `edit` with each operation builder's `send` in the `builder` module and its operation
/// id (snake case, as [`operation_id`] finds it).
pub(super) fn each_send(file: &mut syn::File, edit: &mut dyn FnMut(&str, &mut syn::ImplItemFn)) {
    for item in module_items_mut(file, "builder").into_iter().flatten() {
        let Item::Impl(imp) = item else { continue };
        for item in &mut imp.items {
            let ImplItem::Fn(send) = item else { continue };
            if let Some(id) = operation_id(&send.block.stmts) {
                edit(&id, send);
            }
        }
    }
}

/// The `operation_id` in progenitor's `OperationInfo` literal inside `send` (the spec's
/// `operationId` in snake case).
pub(super) fn operation_id(stmts: &[Stmt]) -> Option<String> {
    stmts.iter().find_map(|stmt| {
        let text = stmt.to_token_stream().to_string();
        let rest = text.split_once("operation_id : \"")?.1;
        rest.split_once('"').map(|(id, _)| id.to_owned())
    })
}

fn declares(stmt: &Stmt, name: &str) -> bool {
    matches!(stmt, Stmt::Local(local) if matches!(&local.pat, syn::Pat::Ident(p) if p.ident == name))
}
