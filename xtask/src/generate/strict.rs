//! Strict request types, tolerant response types.
//!
//! Response structs and every enum are `#[non_exhaustive]`: a provider adding a response field,
//! a status value or a documented status is a minor release of the crate, not a breaking one
//! (users build response values with the types' builders, and match enums with a `_` arm).
//! Request structs stay exhaustive so users can write them as struct literals.
//!
//! A struct reachable from an operation's parameters or body (the fields of the operation
//! builders, then field types transitively) gets `#[serde(deny_unknown_fields)]`: request JSON
//! with a field the type does not know fails to deserialize, and serde's error names the field,
//! instead of the field being dropped without a word. Every other struct (the response types)
//! accepts unknown fields, because providers add them. `spec::sides` has already given requests
//! their own copy of every component both sides reach, so no struct needs both rules.
//!
//! A struct with a `#[serde(flatten)]` field (typify's map for `additionalProperties: {schema}`)
//! is left as it is: it keeps every extra field in that map, so nothing is lost, and serde cannot
//! deny unknown fields beside `flatten`.
//!
//! A request-side `oneOf` becomes an untagged enum of strict structs, for which serde's derived
//! error is only "data did not match any variant". Such an enum (every variant one type) gets a
//! `Deserialize` that tries each form in order and, when none fits, says why each one did not,
//! so the unknown field is still named.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Item, ItemEnum, ItemStruct, parse_quote};

/// Makes request-side structs in `types` deny unknown fields and every other struct accept them.
pub fn apply(file: &mut syn::File) {
    let roots: BTreeSet<String> = module_items(file, "builder")
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.fields.to_token_stream()),
            _ => None,
        })
        .flat_map(types_paths)
        .collect();
    let Some(types) = module_items_mut(file, "types") else {
        return;
    };
    let references: BTreeMap<String, BTreeSet<String>> = types
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some((s.ident.to_string(), s.fields.to_token_stream())),
            Item::Enum(e) => Some((e.ident.to_string(), e.variants.to_token_stream())),
            Item::Type(t) => Some((t.ident.to_string(), t.ty.to_token_stream())),
            _ => None,
        })
        .map(|(name, tokens)| (name, idents(tokens)))
        .collect();
    let strict = reachable(&references, roots);
    let mut impls = Vec::new();
    for item in types.iter_mut() {
        match item {
            Item::Struct(s) => {
                s.attrs.retain(|a| !is_deny_unknown_fields(a));
                let named = matches!(s.fields, syn::Fields::Named(_));
                let request = strict.contains(&s.ident.to_string());
                if named && request && !has_flatten(s) {
                    s.attrs.push(parse_quote!(#[serde(deny_unknown_fields)]));
                }
                if named && !request {
                    mark_non_exhaustive(&mut s.attrs);
                }
            }
            Item::Enum(e) => {
                mark_non_exhaustive(&mut e.attrs);
                if strict.contains(&e.ident.to_string()) {
                    impls.extend(explain_untagged(e));
                }
            }
            _ => {}
        }
    }
    types.extend(impls);
}

/// Adds `#[non_exhaustive]` unless it is there already.
fn mark_non_exhaustive(attrs: &mut Vec<syn::Attribute>) {
    if !attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        attrs.push(parse_quote!(#[non_exhaustive]));
    }
}

/// For an untagged enum whose variants each wrap one type: removes the derived `Deserialize`
/// and returns one that reports why every form was refused.
fn explain_untagged(e: &mut ItemEnum) -> Option<Item> {
    let untagged = e.attrs.iter().any(|a| serde_says(a, "untagged"));
    let forms: Vec<(&syn::Ident, &syn::Type)> = e
        .variants
        .iter()
        .filter_map(|v| match &v.fields {
            syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => Some((&v.ident, &f.unnamed[0].ty)),
            _ => None,
        })
        .collect();
    if !untagged || forms.is_empty() || forms.len() != e.variants.len() {
        return None;
    }
    let name = &e.ident;
    let nothing_fits = syn::LitStr::new(
        &format!("matches no form of {name}: {{}}"),
        proc_macro2::Span::call_site(),
    );
    let attempts = forms.iter().map(|(variant, ty)| {
        let refusal = syn::LitStr::new(
            &format!("as {variant}: {{error}}"),
            proc_macro2::Span::call_site(),
        );
        quote::quote! {
            match <#ty as ::serde::Deserialize>::deserialize(&value) {
                Ok(form) => return Ok(Self::#variant(form)),
                Err(error) => refusals.push(format!(#refusal)),
            }
        }
    });
    let item: Item = parse_quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let mut refusals = ::std::vec::Vec::new();
                #(#attempts)*
                Err(<D::Error as ::serde::de::Error>::custom(format!(
                    #nothing_fits,
                    refusals.join("; ")
                )))
            }
        }
    };
    super::rewrite::remove_derive(&mut e.attrs, "Deserialize");
    Some(item)
}

/// The type names reachable from `roots` through `references` (names unknown to it are skipped).
fn reachable(
    references: &BTreeMap<String, BTreeSet<String>>,
    roots: BTreeSet<String>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<String> = roots.into_iter().collect();
    while let Some(name) = pending.pop() {
        let Some(referenced) = references.get(&name) else {
            continue;
        };
        if seen.insert(name) {
            pending.extend(referenced.iter().cloned());
        }
    }
    seen
}

/// The items of the generated module `name` (`types`, `builder`), empty when there is none.
pub(super) fn module_items<'f>(file: &'f syn::File, name: &str) -> &'f [Item] {
    file.items
        .iter()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == name => {
                m.content.as_ref().map(|(_, items)| items.as_slice())
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// The items of the generated module `name`, to edit.
pub(super) fn module_items_mut<'f>(
    file: &'f mut syn::File,
    name: &str,
) -> Option<&'f mut Vec<Item>> {
    file.items.iter_mut().find_map(|item| match item {
        Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// Every identifier in `tokens`, groups included.
fn idents(tokens: TokenStream) -> BTreeSet<String> {
    flatten(tokens)
        .into_iter()
        .filter_map(|tree| match tree {
            TokenTree::Ident(ident) => Some(ident.to_string()),
            _ => None,
        })
        .collect()
}

/// The type each `types::X` or `types::builder::X` path in `tokens` names (`X`).
fn types_paths(tokens: TokenStream) -> Vec<String> {
    let trees = flatten(tokens);
    let mut found = Vec::new();
    for (i, tree) in trees.iter().enumerate() {
        if !matches!(tree, TokenTree::Ident(ident) if ident == "types") {
            continue;
        }
        let mut last = None;
        let mut rest = trees[i + 1..].chunks(3);
        while let Some(
            [
                TokenTree::Punct(a),
                TokenTree::Punct(b),
                TokenTree::Ident(segment),
            ],
        ) = rest.next()
        {
            if a.as_char() != ':' || b.as_char() != ':' {
                break;
            }
            last = Some(segment.to_string());
        }
        found.extend(last);
    }
    found
}

/// The token trees of `tokens` with every group opened, in order.
fn flatten(tokens: TokenStream) -> Vec<TokenTree> {
    tokens
        .into_iter()
        .flat_map(|tree| match tree {
            TokenTree::Group(group) => flatten(group.stream()),
            other => vec![other],
        })
        .collect()
}

fn has_flatten(s: &ItemStruct) -> bool {
    s.fields
        .iter()
        .any(|field| field.attrs.iter().any(|a| serde_says(a, "flatten")))
}

fn is_deny_unknown_fields(attr: &syn::Attribute) -> bool {
    serde_says(attr, "deny_unknown_fields")
}

/// Whether `attr` is `#[serde(...)]` with `word` among its arguments.
fn serde_says(attr: &syn::Attribute, word: &str) -> bool {
    attr.path().is_ident("serde") && idents(attr.meta.to_token_stream()).contains(word)
}
