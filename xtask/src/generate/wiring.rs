//! Connects a generated client to `payspec-runtime`: the provider description the runtime needs,
//! the client hooks that authenticate, retry and report unknown outcomes, and a per-call timeout.

use heck::ToSnakeCase;
use serde_json::Value;
use syn::parse_quote;

use crate::preflight::METHODS;
use crate::spec::Spec;

/// The runtime type progenitor stores in each client (`Client::inner`).
pub fn inner_type() -> proc_macro2::TokenStream {
    quote::quote!(::payspec_runtime::Runtime)
}

/// The provider's idempotency header, from `info.x-payspec-idempotency-header`.
pub fn idempotency_header(spec: &Spec) -> Option<&str> {
    spec.document
        .pointer("/info/x-payspec-idempotency-header")
        .and_then(Value::as_str)
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
    let header = match idempotency_header(spec) {
        Some(header) => quote::quote!(Some(#header)),
        None => quote::quote!(None),
    };
    let writes = writes(spec);
    file.items.push(parse_quote! {
        /// Authentication, retries and timeouts for this client; see [`Client::new`].
        pub use ::payspec_runtime as runtime;
    });
    file.items.push(parse_quote! {
        /// What `payspec-runtime` needs to know about this provider.
        pub const PROVIDER: ::payspec_runtime::Provider = ::payspec_runtime::Provider {
            name: #name,
            idempotency_header: #header,
            writes: &[#(#writes),*],
        };
    });
    file.items.push(parse_quote! {
        impl ClientHooks<::payspec_runtime::Runtime> for Client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &OperationInfo,
            ) -> ::std::result::Result<(), Error<E>> {
                self.inner.prepare(&PROVIDER, request, info.operation_id).map_err(Error::Custom)
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                self.inner.execute(&PROVIDER, &self.client, request, info.operation_id).await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                info: &OperationInfo,
            ) -> ::std::result::Result<(), Error<E>> {
                self.inner.check_outcome(&PROVIDER, result, info.operation_id).map_err(Error::Custom)
            }
        }
    });
    file.items.push(parse_quote! {
        impl Client {
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
