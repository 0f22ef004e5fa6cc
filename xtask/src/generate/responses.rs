//! Responses progenitor reads with one type per method, made to read what specs document:
//!
//! - the error enum of each operation whose error bodies differ by status (planned in
//!   `spec::error_types`) is written into the `types` module, and each documented error status
//!   read into its variant through `payspec_runtime::error_response_as`;
//! - an operation whose success may come without a body (`spec::successes`) returns
//!   `Option<Body>`: `None` for the body-less statuses.

use quote::format_ident;
use syn::{Expr, ImplItem, Item, Lit, Pat, Stmt, parse_quote};

use crate::spec::Spec;
use crate::spec::error_types::ErrorEnum;
use crate::spec::names::builder_name;
use crate::spec::successes::OptionalSuccess;

/// What progenitor uses in place of each placeholder component: `(placeholder, type path)`.
pub fn replacements(spec: &Spec) -> Vec<(String, String)> {
    let errors = spec
        .error_enums
        .iter()
        .map(|e| (e.name.clone(), format!("types::{}", e.name)));
    let successes = spec.optional_successes.iter().map(|s| {
        let path = format!("::std::option::Option<types::{}>", s.body);
        (s.placeholder.clone(), path)
    });
    errors.chain(successes).collect()
}

/// Adds the error enums to `types` and rewrites the status arms of the operations concerned.
pub fn apply(file: &mut syn::File, spec: &Spec) -> Result<(), String> {
    let enums = &spec.error_enums;
    let successes = &spec.optional_successes;
    for item in &mut file.items {
        let Item::Mod(module) = item else { continue };
        let Some((_, items)) = module.content.as_mut() else {
            continue;
        };
        match module.ident.to_string().as_str() {
            "types" => {
                let known: Vec<String> = items.iter().filter_map(item_name).collect();
                for error in enums {
                    if let Some(missing) = error.variants.iter().find(|v| !known.contains(&v.body))
                    {
                        return Err(format!(
                            "the error body of `{}` status {} has no generated type `{}`",
                            error.operation_id, missing.status, missing.body
                        ));
                    }
                    items.push(Item::Enum(definition(error)));
                }
            }
            "builder" => {
                for item in items.iter_mut() {
                    let Item::Impl(imp) = item else { continue };
                    let builder = self_ident(imp);
                    let success = successes
                        .iter()
                        .find(|s| builder.as_deref() == Some(&builder_name(&s.operation_id)));
                    for item in &mut imp.items {
                        let ImplItem::Fn(send) = item else { continue };
                        let output = send.sig.output.clone();
                        if let Some(error) = enums.iter().find(|e| returns(&output, &e.name)) {
                            read_statuses(&mut send.block.stmts, error);
                        }
                        if let (Some(success), true) = (success, send.sig.ident == "send") {
                            answer_none(&mut send.block.stmts, success);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn definition(error: &ErrorEnum) -> syn::ItemEnum {
    let name = format_ident!("{}", error.name);
    let doc = format!(
        " The documented error bodies of `{}`, by the status that carried them.",
        error.operation_id
    );
    let variants = error.variants.iter().map(|variant| {
        let ident = format_ident!("{}", variant.name);
        let body = format_ident!("{}", variant.body);
        let doc = match variant.status.strip_suffix("XX") {
            Some(class) => format!(" Any other `{class}xx` status."),
            None => format!(" Status `{}`.", variant.status),
        };
        quote::quote! { #[doc = #doc] #ident(#body) }
    });
    parse_quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum #name { #(#variants),* }
    }
}

/// Whether a `send` returns `Error<types::<name>>`.
fn returns(output: &syn::ReturnType, name: &str) -> bool {
    use proc_macro2::TokenTree;
    fn walk(stream: proc_macro2::TokenStream, name: &str) -> bool {
        stream.into_iter().any(|tree| match tree {
            TokenTree::Ident(ident) => ident == name,
            TokenTree::Group(group) => walk(group.stream(), name),
            _ => false,
        })
    }
    walk(quote::ToTokens::to_token_stream(output), name)
}

/// Reads each documented error status of the final `match` into its variant.
fn read_statuses(stmts: &mut [Stmt], error: &ErrorEnum) {
    let Some(Stmt::Expr(Expr::Match(status), None)) = stmts.last_mut() else {
        return;
    };
    let name = format_ident!("{}", error.name);
    for arm in &mut status.arms {
        let Some(key) = status_key(&arm.pat) else {
            continue;
        };
        let Some(variant) = error.variants.iter().find(|v| v.status == key) else {
            continue;
        };
        let variant = format_ident!("{}", variant.name);
        *arm.body = parse_quote!(Err(
            ::payspec_runtime::error_response_as(response, types::#name::#variant).await
        ));
    }
}

/// Answers `None` for the success statuses documented without a body.
fn answer_none(stmts: &mut [Stmt], success: &OptionalSuccess) {
    let Some(Stmt::Expr(Expr::Match(status), None)) = stmts.last_mut() else {
        return;
    };
    for arm in &mut status.arms {
        if status_key(&arm.pat).is_some_and(|key| success.empty.contains(&key)) {
            *arm.body = parse_quote!(Ok(ResponseValue::new(
                None,
                response.status(),
                response.headers().clone()
            )));
        }
    }
}

fn self_ident(imp: &syn::ItemImpl) -> Option<String> {
    match imp.self_ty.as_ref() {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `400u16` → `400`, `400u16..=499u16` → `4XX`.
fn status_key(pat: &Pat) -> Option<String> {
    let int = |expr: &Expr| match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse::<u16>().ok(),
        _ => None,
    };
    match pat {
        Pat::Lit(lit) => int(&Expr::Lit(lit.clone())).map(|code| code.to_string()),
        Pat::Range(range) => {
            let low = int(range.start.as_deref()?)?;
            Some(format!("{}XX", low / 100))
        }
        _ => None,
    }
}

fn item_name(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => Some(s.ident.to_string()),
        Item::Enum(e) => Some(e.ident.to_string()),
        Item::Type(t) => Some(t.ident.to_string()),
        _ => None,
    }
}
