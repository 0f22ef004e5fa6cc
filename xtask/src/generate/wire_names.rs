//! Parameters the codegen view renamed (`spec::parameter_names`) are sent under the names the
//! provider documents: in each renamed operation's `send`, the view's name as a string literal
//! (where progenitor builds the query or header) becomes the documented one.

use heck::ToSnakeCase;
use syn::LitStr;
use syn::visit_mut::VisitMut;

use super::wiring::each_send;
use crate::spec::Spec;

/// Restores the documented names of renamed parameters in the `builder` module.
pub fn apply(file: &mut syn::File, spec: &Spec) {
    let renamed = &spec.reshaped.renamed_parameters;
    if renamed.is_empty() {
        return;
    }
    each_send(file, &mut |id, send| {
        let mut names = WireNames(
            renamed
                .iter()
                .filter(|r| r.operation_id.to_snake_case() == id)
                .map(|r| (r.name.as_str(), r.wire.as_str()))
                .collect(),
        );
        names.visit_block_mut(&mut send.block);
    });
}

/// (view name, documented name) pairs of one operation.
struct WireNames<'a>(Vec<(&'a str, &'a str)>);

impl VisitMut for WireNames<'_> {
    fn visit_lit_str_mut(&mut self, literal: &mut LitStr) {
        let value = literal.value();
        if let Some((_, wire)) = self.0.iter().find(|(name, _)| *name == value) {
            *literal = LitStr::new(wire, literal.span());
        }
    }
}
