//! Form and multipart bodies encoded by the runtime.
//!
//! - `payspec_runtime::form` instead of progenitor's `form_urlencoded`, which cannot send nested
//!   fields and names no field when it fails: each operation passes the fields its spec encodes
//!   as `deepObject`.
//! - `payspec_runtime::multipart` for a body progenitor was shown as JSON (`spec::media`).
//! - `payspec_runtime::form::DeepQuery` for a `deepObject` query parameter that is a map of free
//!   keys (`spec::query`), which progenitor's `QueryParam` would send without its name.

use syn::visit_mut::VisitMut;
use syn::{Expr, parse_quote};

use heck::ToSnakeCase;

use super::wiring::each_send;
use crate::spec::Spec;

/// Rewrites every form body in the `builder` module.
pub fn apply(file: &mut syn::File, spec: &Spec) {
    each_send(file, &mut |id, send| {
        let this = |operation: &str| operation.to_snake_case() == id;
        let reshaped = &spec.reshaped;
        let deep: Vec<String> = reshaped
            .form_encodings
            .iter()
            .find(|f| this(&f.operation_id))
            .map(|f| f.deep.clone())
            .unwrap_or_default();
        let deep_maps: Vec<String> = reshaped
            .deep_maps
            .iter()
            .filter(|m| this(&m.operation_id))
            .map(|m| m.name.clone())
            .collect();
        let mut bodies = Bodies {
            deep: &deep,
            multipart: reshaped.multipart.operations.iter().any(|id| this(id)),
            deep_maps: &deep_maps,
        };
        bodies.visit_block_mut(&mut send.block);
    });
}

struct Bodies<'a> {
    deep: &'a [String],
    multipart: bool,
    deep_maps: &'a [String],
}

impl VisitMut for Bodies<'_> {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, expr);
        if let Expr::Call(call) = expr {
            let named = match call.args.first() {
                Some(Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                })) => Some(name.value()),
                _ => None,
            };
            let query_param = matches!(call.func.as_ref(), Expr::Path(p)
                if p.path.segments.iter().any(|s| s.ident == "QueryParam"));
            if query_param && named.is_some_and(|n| self.deep_maps.contains(&n)) {
                let args = &call.args;
                *expr = parse_quote!(::payspec_runtime::form::DeepQuery::new(#args));
            }
            return;
        }
        let Expr::MethodCall(call) = expr else { return };
        let receiver = &call.receiver;
        let body = &call.args;
        if call.method == "form_urlencoded" {
            let deep = self.deep.iter();
            *expr = parse_quote!(::payspec_runtime::form::body(#receiver, #body, &[#(#deep),*]));
        } else if call.method == "json" && self.multipart {
            *expr = parse_quote!(::payspec_runtime::multipart::body(#receiver, #body)?);
        }
    }
}
