//! Puts the real values back into the string enums whose variants the generator named
//! (`spec::enums`): typify saw each variant's name as its value, so every variant gets
//! `#[serde(rename = "<value>")]` and the strings in its `Display` and `FromStr` become the values.

use std::collections::BTreeMap;

use syn::visit_mut::VisitMut;
use syn::{Fields, Item, parse_quote};

use super::strict::module_items_mut;
use crate::spec::enums::NamedEnum;

/// Restores the values of every enum in `types` that matches one of `named`.
pub fn apply(file: &mut syn::File, named: &[NamedEnum]) -> Result<(), String> {
    if named.is_empty() {
        return Ok(());
    }
    let Some(items) = module_items_mut(file, "types") else {
        return Ok(());
    };
    let mut restored: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for item in items.iter_mut() {
        let Item::Enum(e) = item else { continue };
        let idents: Vec<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
        let Some(plan) = named
            .iter()
            .find(|n| n.variants.iter().map(|(name, _)| name).eq(idents.iter()))
        else {
            continue;
        };
        for variant in &mut e.variants {
            if !matches!(variant.fields, Fields::Unit) {
                continue;
            }
            let name = variant.ident.to_string();
            let (_, value) = plan
                .variants
                .iter()
                .find(|(n, _)| *n == name)
                .expect("matched");
            variant.attrs.retain(|a| {
                !quote::ToTokens::to_token_stream(a)
                    .to_string()
                    .contains("rename")
            });
            variant.attrs.push(parse_quote!(#[serde(rename = #value)]));
        }
        restored.insert(e.ident.to_string(), plan.variants.iter().cloned().collect());
    }
    if let Some(missing) = named.iter().find(|n| {
        !restored
            .values()
            .any(|r| n.variants.iter().all(|(k, _)| r.contains_key(k)))
    }) {
        let values: Vec<&str> = missing.variants.iter().map(|(_, v)| v.as_str()).collect();
        return Err(format!(
            "typify did not generate the enum of values {values:?} as planned; please report it"
        ));
    }
    for item in items.iter_mut() {
        let Item::Impl(imp) = item else { continue };
        let syn::Type::Path(target) = imp.self_ty.as_ref() else {
            continue;
        };
        let Some(values) = target
            .path
            .segments
            .last()
            .and_then(|s| restored.get(&s.ident.to_string()))
        else {
            continue;
        };
        Values(values).visit_item_impl_mut(imp);
    }
    Ok(())
}

/// Replaces each string literal that is a variant's name with that variant's value.
struct Values<'a>(&'a BTreeMap<String, String>);

impl VisitMut for Values<'_> {
    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        if let Some(value) = self.0.get(&lit.value()) {
            *lit = syn::LitStr::new(value, lit.span());
        }
    }
}
