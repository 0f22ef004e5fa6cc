//! The public Rust API of a generated crate, and how it changed: the items a user's code names
//! (types, fields, enum variants, client methods, builder setters) and what each change means for
//! semver.

use std::collections::BTreeMap;

use quote::ToTokens;
use serde::Serialize;
use syn::{ImplItem, Item, Visibility};

/// How a change to an item affects code that uses the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Existing code may stop compiling.
    Breaking,
    /// New API; existing code compiles.
    Additive,
}

/// One changed item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiChange {
    pub item: String,
    pub change: String,
    pub impact: Impact,
    pub why: String,
}

/// The public items of a generated `lib.rs`, by path, with their signature.
pub fn items(source: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Ok(file) = syn::parse_file(source) else {
        return out;
    };
    collect(&file.items, "", &mut out);
    out
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn tokens(node: &impl ToTokens) -> String {
    node.to_token_stream()
        .to_string()
        .replace(":: ", "::")
        .replace(" ::", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
}

fn collect(items: &[Item], prefix: &str, out: &mut BTreeMap<String, String>) {
    for item in items {
        match item {
            Item::Mod(module) if is_pub(&module.vis) && module.ident != "error" => {
                if let Some((_, items)) = &module.content {
                    // The types' own builders repeat every field; the operation builders are kept.
                    if module.ident == "builder" && prefix == "types::" {
                        continue;
                    }
                    collect(items, &format!("{prefix}{}::", module.ident), out);
                }
            }
            Item::Struct(s) if is_pub(&s.vis) => {
                let name = format!("{prefix}{}", s.ident);
                match &s.fields {
                    syn::Fields::Named(fields) => {
                        out.insert(name.clone(), kind("struct", &s.attrs));
                        for field in fields.named.iter().filter(|f| is_pub(&f.vis)) {
                            let field_name = field
                                .ident
                                .as_ref()
                                .map(ToString::to_string)
                                .unwrap_or_default();
                            out.insert(format!("{name}.{field_name}"), tokens(&field.ty));
                        }
                    }
                    other => {
                        out.insert(name, format!("struct{}", tokens(other)));
                    }
                }
            }
            Item::Enum(e) if is_pub(&e.vis) => {
                let name = format!("{prefix}{}", e.ident);
                out.insert(name.clone(), kind("enum", &e.attrs));
                for variant in &e.variants {
                    out.insert(
                        format!("{name}::{}", variant.ident),
                        tokens(&variant.fields),
                    );
                }
            }
            Item::Impl(imp) if imp.trait_.is_none() => {
                let self_name = match imp.self_ty.as_ref() {
                    syn::Type::Path(p) => p
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default(),
                    _ => continue,
                };
                for item in &imp.items {
                    if let ImplItem::Fn(f) = item {
                        if is_pub(&f.vis) {
                            let mut sig = f.sig.clone();
                            sig.ident = syn::Ident::new("f", sig.ident.span());
                            out.insert(
                                format!("{prefix}{self_name}::{}()", f.sig.ident),
                                tokens(&sig),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

const NON_EXHAUSTIVE_STRUCT: &str = "struct #[non_exhaustive]";
const NON_EXHAUSTIVE_ENUM: &str = "enum #[non_exhaustive]";

/// `struct` or `enum`, marked when `#[non_exhaustive]` lets it grow without breaking users.
fn kind(what: &str, attrs: &[syn::Attribute]) -> String {
    if attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        format!("{what} #[non_exhaustive]")
    } else {
        what.to_owned()
    }
}

/// The changes from `base` to `head` items.
pub fn compare(base: &BTreeMap<String, String>, head: &BTreeMap<String, String>) -> Vec<ApiChange> {
    let mut out = Vec::new();
    for (item, signature) in base {
        match head.get(item) {
            None => out.push(ApiChange {
                item: item.clone(),
                change: "removed".into(),
                impact: Impact::Breaking,
                why: "code naming it no longer compiles".into(),
            }),
            Some(new) if new != signature => out.push(ApiChange {
                item: item.clone(),
                change: format!("`{signature}` → `{new}`"),
                impact: Impact::Breaking,
                why: if new.starts_with("Option<") != signature.starts_with("Option<") {
                    "Option-ness changed: reads and struct literals must change".into()
                } else {
                    "its type or signature changed".into()
                },
            }),
            Some(_) => {}
        }
    }
    for (item, _) in head.iter().filter(|(item, _)| !base.contains_key(*item)) {
        let parent = parent(item);
        let (impact, why) = match parent.and_then(|p| base.get(p).map(|kind| (p, kind))) {
            Some((_, kind)) if kind == NON_EXHAUSTIVE_STRUCT || kind == NON_EXHAUSTIVE_ENUM => (
                Impact::Additive,
                "added to a non-exhaustive type: existing code still compiles".to_owned(),
            ),
            Some((_, kind)) if kind == "struct" && !item.ends_with("()") => (
                Impact::Breaking,
                "a new public field: struct literals of this type no longer compile".to_owned(),
            ),
            Some((_, kind)) if kind == "enum" => (
                Impact::Breaking,
                "a new variant: exhaustive matches on this enum no longer compile".to_owned(),
            ),
            _ => (Impact::Additive, "new API".to_owned()),
        };
        out.push(ApiChange {
            item: item.clone(),
            change: "added".into(),
            impact,
            why,
        });
    }
    out
}

/// `types::Refund` for `types::Refund.amount` and `types::Status::Completed`.
fn parent(item: &str) -> Option<&str> {
    if let Some((parent, _)) = item.rsplit_once('.') {
        return Some(parent);
    }
    item.rsplit_once("::").map(|(parent, _)| parent)
}

/// The version the crate needs after `changes`: semver, where 0.x crates bump the minor for
/// breaking changes and the patch for additions.
pub fn next_version(current: &str, changes: &[ApiChange]) -> Option<String> {
    let breaking = changes.iter().any(|c| c.impact == Impact::Breaking);
    if changes.is_empty() {
        return None;
    }
    let parts: Vec<u64> = current.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    let (major, minor, patch) = (
        parts.first().copied().unwrap_or(0),
        parts.get(1).copied().unwrap_or(0),
        parts.get(2).copied().unwrap_or(0),
    );
    Some(match (major, breaking) {
        (0, true) => format!("0.{}.0", minor + 1),
        (0, false) => format!("0.{minor}.{}", patch + 1),
        (_, true) => format!("{}.0.0", major + 1),
        (_, false) => format!("{major}.{}.0", minor + 1),
    })
}
