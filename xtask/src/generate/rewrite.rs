//! Rewrites of progenitor's output that make the generated clients safe against provider drift.
//!
//! - Every string enum gets an `Unknown(String)` variant: providers add status values over time,
//!   and a response carrying one must still deserialize, with the raw value kept.
//! - A documented error status answered with an empty body becomes `Error::UnexpectedResponse`
//!   with its status (through `payspec_runtime::error_response`), not a payload parse failure,
//!   which would carry no status.
//! - Status arms match codes before ranges (`404` before `4XX`), which progenitor interleaves.
//! - The `api-version` header progenitor adds to every request is removed: no provider
//!   documents it, and a payments client sends only what the provider asks for.
//! - A path parameter that is empty, `.` or `..` is rejected before sending: URL normalization
//!   would otherwise send the request to a different endpoint (`/captures/../refund`).

use quote::ToTokens;
use syn::{Expr, ImplItem, Item, ItemEnum, ItemImpl, Stmt, parse_quote};

/// Applies every rewrite to the generated file.
pub fn apply(file: &mut syn::File) {
    for item in &mut file.items {
        let Item::Mod(module) = item else { continue };
        let Some((_, items)) = module.content.as_mut() else {
            continue;
        };
        match module.ident.to_string().as_str() {
            "types" => rewrite_types(items),
            "builder" => {
                items.iter_mut().for_each(rewrite_send);
                items.push(parse_quote! {
                    /// Rejects a path parameter that URL normalization would drop or resolve
                    /// (empty, `.` or `..`), which would send the request to another endpoint.
                    fn check_path_segment(name: &str, value: &str) -> Result<(), String> {
                        match value {
                            "" | "." | ".." => Err(format!(
                                "path parameter `{name}` must not be {value:?}: it would change the request path"
                            )),
                            _ => Ok(()),
                        }
                    }
                });
            }
            _ => {}
        }
    }
}

fn rewrite_types(items: &mut [Item]) {
    let open: Vec<String> = items
        .iter_mut()
        .filter_map(|item| match item {
            Item::Enum(e) if is_string_enum(e) => {
                open_enum(e);
                Some(e.ident.to_string())
            }
            _ => None,
        })
        .collect();
    for item in items.iter_mut() {
        let Item::Impl(imp) = item else { continue };
        let Some(target) = self_name(imp) else {
            continue;
        };
        if !open.contains(&target) {
            continue;
        }
        match trait_name(imp).as_deref() {
            Some("Display") => open_display(imp),
            Some("FromStr") => open_from_str(imp),
            _ => {}
        }
    }
}

/// An enum of unit variants that serde reads from strings.
fn is_string_enum(e: &ItemEnum) -> bool {
    !e.variants.is_empty()
        && e.variants
            .iter()
            .all(|v| matches!(v.fields, syn::Fields::Unit))
        && e.attrs
            .iter()
            .any(|a| a.path().is_ident("derive") && tokens(a).contains("Deserialize"))
}

fn open_enum(e: &mut ItemEnum) {
    remove_derive(&mut e.attrs, "Copy");
    e.variants.push(parse_quote! {
        /// A value this client does not know yet, kept exactly as the provider sent it.
        #[serde(untagged)]
        Unknown(::std::string::String)
    });
}

/// Removes `name` (matched by its last path segment) from every `#[derive(...)]` in `attrs`.
pub(super) fn remove_derive(attrs: &mut [syn::Attribute], name: &str) {
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        if let syn::Meta::List(list) = &mut attr.meta {
            let derives: Vec<syn::Path> = list
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .map(|paths| {
                    paths
                        .into_iter()
                        .filter(|p| p.segments.last().is_none_or(|s| s.ident != name))
                        .collect()
                })
                .unwrap_or_default();
            list.tokens = quote::quote!(#(#derives),*);
        }
    }
}

fn open_display(imp: &mut ItemImpl) {
    for_match_in(imp, "fmt", |m| {
        *m.expr = parse_quote!(self);
        m.arms
            .push(parse_quote!(Self::Unknown(value) => f.write_str(value),));
    });
}

fn open_from_str(imp: &mut ItemImpl) {
    for_match_in(imp, "from_str", |m| {
        if let Some(last) = m.arms.last_mut() {
            if matches!(last.pat, syn::Pat::Wild(_)) {
                *last = parse_quote!(other => Ok(Self::Unknown(other.to_owned())),);
            }
        }
    });
}

/// Runs `edit` on the tail `match` of method `name` in `imp`.
fn for_match_in(imp: &mut ItemImpl, name: &str, edit: impl Fn(&mut syn::ExprMatch)) {
    for item in &mut imp.items {
        let ImplItem::Fn(f) = item else { continue };
        if f.sig.ident != name {
            continue;
        }
        if let Some(Stmt::Expr(Expr::Match(m), None)) = f.block.stmts.last_mut() {
            edit(m);
        }
    }
}

/// Removes the `api-version` header, checks path parameters and reads error bodies through the
/// runtime in each `send`.
fn rewrite_send(item: &mut Item) {
    let Item::Impl(imp) = item else { return };
    for item in &mut imp.items {
        let ImplItem::Fn(f) = item else { continue };
        let stmts = &mut f.block.stmts;
        if let Some(Stmt::Expr(Expr::Match(status), None)) = stmts.last_mut() {
            // progenitor orders `4XX` beside `400`, which would shadow `404`: codes go first.
            status
                .arms
                .sort_by_key(|arm| !matches!(arm.pat, syn::Pat::Lit(_)));
            for arm in &mut status.arms {
                if tokens(&arm.body)
                    .contains("Error :: ErrorResponse (ResponseValue :: from_response (response)")
                {
                    *arm.body =
                        parse_quote!(Err(::payspec_runtime::error_response(response).await));
                }
            }
        }
        if let Some(index) = stmts.iter().position(is_url_format) {
            let checks: Vec<Stmt> = path_parameters(&stmts[index])
                .into_iter()
                .map(|ident| {
                    let name = ident.to_string();
                    parse_quote!(check_path_segment(#name, &#ident.to_string()).map_err(Error::InvalidRequest)?;)
                })
                .collect();
            stmts.splice(index..index, checks);
        }
        stmts.retain(|s| !tokens(s).contains("\"api-version\""));
        let appends = stmts
            .iter()
            .any(|s| tokens(s).contains("header_map . append"));
        if appends {
            continue;
        }
        for stmt in stmts.iter_mut() {
            if let Stmt::Local(local) = stmt {
                if let syn::Pat::Ident(ident) = &mut local.pat {
                    if ident.ident == "header_map" {
                        ident.mutability = None;
                    }
                }
            }
        }
    }
}

/// `let url = format!(...)`, where progenitor builds the request path.
fn is_url_format(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Local(local) if matches!(&local.pat, syn::Pat::Ident(p) if p.ident == "url"))
}

/// The identifiers passed to `encode_path(&x.to_string())` inside the `format!`.
fn path_parameters(stmt: &Stmt) -> Vec<proc_macro2::Ident> {
    use proc_macro2::TokenTree;
    let mut found = Vec::new();
    let Stmt::Local(local) = stmt else {
        return found;
    };
    let Some(init) = &local.init else {
        return found;
    };
    let Expr::Macro(mac) = init.expr.as_ref() else {
        return found;
    };
    let trees: Vec<TokenTree> = mac.mac.tokens.clone().into_iter().collect();
    for pair in trees.windows(2) {
        if let [TokenTree::Ident(function), TokenTree::Group(args)] = pair {
            if function == "encode_path" {
                let inner: Vec<TokenTree> = args.stream().into_iter().collect();
                if let [TokenTree::Punct(and), TokenTree::Ident(ident), ..] = inner.as_slice() {
                    if and.as_char() == '&' {
                        found.push(ident.clone());
                    }
                }
            }
        }
    }
    found
}

fn self_name(imp: &ItemImpl) -> Option<String> {
    match imp.self_ty.as_ref() {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn trait_name(imp: &ItemImpl) -> Option<String> {
    imp.trait_
        .as_ref()
        .and_then(|(path, _)| path.segments.last())
        .map(|s| s.ident.to_string())
}

fn tokens(node: &impl ToTokens) -> String {
    node.to_token_stream().to_string()
}
