//! Responses progenitor reads with one type per method, made to read what specs document:
//!
//! - the success or error enum of each operation whose bodies differ by status (planned in
//!   `spec::status_enums`) is written into the `types` module, and each documented status read
//!   into its variant (`payspec_runtime::success_response_as` and `error_response_as`);
//! - an operation whose success may come without a body (`spec::successes`) returns
//!   `Option<Body>`: `None` for the body-less statuses.

use heck::ToSnakeCase;
use quote::format_ident;
use syn::{Expr, ImplItem, Item, Lit, Pat, Stmt, parse_quote};

use super::wiring::operation_id;
use crate::spec::Spec;
use crate::spec::status_enums::{Side, StatusEnum};
use crate::spec::successes::OptionalSuccess;

/// What progenitor uses in place of each placeholder component: `(placeholder, type path)`.
pub fn replacements(spec: &Spec) -> Vec<(String, String)> {
    let enums = spec
        .reshaped
        .status_enums
        .iter()
        .map(|e| (e.name.clone(), format!("types::{}", e.name)));
    let successes = spec.reshaped.optional_successes.iter().map(|s| {
        let path = format!("::std::option::Option<types::{}>", s.body);
        (s.placeholder.clone(), path)
    });
    let file = spec.reshaped.multipart.file.iter().map(|file| {
        (
            file.clone(),
            "::payspec_runtime::multipart::File".to_owned(),
        )
    });
    let verbatim = spec
        .reshaped
        .verbatim
        .iter()
        .map(|name| (name.clone(), crate::spec::verbatim::RUST_TYPE.to_owned()));
    enums.chain(successes).chain(file).chain(verbatim).collect()
}

/// Adds the status enums to `types` and rewrites the status arms of the operations concerned.
pub fn apply(file: &mut syn::File, spec: &Spec) -> Result<(), String> {
    let enums = &spec.reshaped.status_enums;
    let successes = &spec.reshaped.optional_successes;
    for item in &mut file.items {
        let Item::Mod(module) = item else { continue };
        let Some((_, items)) = module.content.as_mut() else {
            continue;
        };
        match module.ident.to_string().as_str() {
            "types" => {
                let known: Vec<String> = items.iter().filter_map(item_name).collect();
                for plan in enums {
                    let missing = plan
                        .variants
                        .iter()
                        .find(|v| v.body.as_ref().is_some_and(|body| !known.contains(body)));
                    if let Some(missing) = missing {
                        return Err(format!(
                            "the body of `{}` status {} has no generated type {:?}",
                            plan.operation_id, missing.status, missing.body
                        ));
                    }
                    items.push(Item::Enum(definition(plan)));
                }
            }
            "builder" => {
                for item in items.iter_mut() {
                    let Item::Impl(imp) = item else { continue };
                    for item in &mut imp.items {
                        let ImplItem::Fn(send) = item else { continue };
                        let output = send.sig.output.clone();
                        for plan in enums.iter().filter(|e| returns(&output, &e.name)) {
                            read_statuses(&mut send.block.stmts, plan);
                        }
                        let id = operation_id(&send.block.stmts);
                        let success = successes
                            .iter()
                            .find(|s| id.as_deref() == Some(&s.operation_id.to_snake_case()));
                        if let Some(success) = success {
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

fn definition(plan: &StatusEnum) -> syn::ItemEnum {
    let name = format_ident!("{}", plan.name);
    let what = match plan.side {
        Side::Success => "successful answers",
        Side::Error => "error bodies",
    };
    let doc = format!(
        " The documented {what} of `{}`, by the status that carried them.",
        plan.operation_id
    );
    let variants = plan.variants.iter().map(|variant| {
        let ident = format_ident!("{}", variant.name);
        let doc = match variant.status.strip_suffix("XX") {
            Some(class) => format!(" Any other `{class}xx` status."),
            None => format!(" Status `{}`.", variant.status),
        };
        match &variant.body {
            Some(body) => {
                let body = format_ident!("{}", body);
                quote::quote! { #[doc = #doc] #ident(#body) }
            }
            None => quote::quote! { #[doc = #doc] #ident },
        }
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

/// Reads each documented status of the final `match` into its variant.
fn read_statuses(stmts: &mut [Stmt], plan: &StatusEnum) {
    let Some(Stmt::Expr(Expr::Match(status), None)) = stmts.last_mut() else {
        return;
    };
    let name = format_ident!("{}", plan.name);
    for arm in &mut status.arms {
        let Some(key) = status_key(&arm.pat) else {
            continue;
        };
        let Some(variant) = plan.variants.iter().find(|v| v.status == key) else {
            continue;
        };
        let ident = format_ident!("{}", variant.name);
        *arm.body = match (plan.side, &variant.body) {
            (Side::Error, _) => parse_quote!(Err(
                ::payspec_runtime::error_response_as(response, types::#name::#ident).await
            )),
            (Side::Success, Some(_)) => parse_quote!(
                ::payspec_runtime::success_response_as(response, types::#name::#ident).await
            ),
            (Side::Success, None) => parse_quote!(Ok(ResponseValue::new(
                types::#name::#ident,
                response.status(),
                response.headers().clone()
            ))),
        };
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
