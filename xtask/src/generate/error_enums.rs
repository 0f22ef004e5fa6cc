//! The error enum of each operation whose error bodies differ by status (planned in
//! `spec::error_types`): written into the `types` module, and each documented error status
//! read into its variant through `payspec_runtime::error_response_as`.

use quote::format_ident;
use syn::{Expr, ImplItem, Item, Lit, Pat, Stmt, parse_quote};

use crate::spec::error_types::ErrorEnum;

/// The path progenitor uses for the enum in place of the placeholder component.
pub fn replacement(error: &ErrorEnum) -> String {
    format!("types::{}", error.name)
}

/// Adds the enums to `types` and rewrites the error arms of their operations' `send`.
pub fn apply(file: &mut syn::File, enums: &[ErrorEnum]) -> Result<(), String> {
    if enums.is_empty() {
        return Ok(());
    }
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
                    for item in &mut imp.items {
                        let ImplItem::Fn(send) = item else { continue };
                        let output = send.sig.output.clone();
                        if let Some(error) = enums.iter().find(|e| returns(&output, &e.name)) {
                            read_statuses(&mut send.block.stmts, error);
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
