//! The `pattern` checks of generated string types, made cheaper to run without changing what
//! they accept.
//!
//! typify compiles each pattern once (a `static` `LazyLock<regress::Regex>`) and tests every
//! value with `Regex::find`, which also records what each group captured. Nothing reads the
//! captures, and regress's backtracking spends a third of a match on them, so the groups of the
//! compiled pattern become non-capturing: `^((-?[0-9]+)|(-?[0-9]*[.][0-9]+))$` is compiled as
//! `^(?:(?:-?[0-9]+)|(?:-?[0-9]*[.][0-9]+))$`. A pattern that refers back to a group (`\1`,
//! `\k<name>`) is kept as written. Error messages keep quoting the spec's pattern.

use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprCall, Lit};

/// Compiles every pattern of `file` without capturing groups.
pub fn apply(file: &mut syn::File) {
    Patterns.visit_file_mut(file);
}

struct Patterns;

impl VisitMut for Patterns {
    fn visit_expr_call_mut(&mut self, call: &mut ExprCall) {
        visit_mut::visit_expr_call_mut(self, call);
        let Expr::Path(function) = call.func.as_ref() else {
            return;
        };
        let path: Vec<String> = function
            .path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        if path != ["regress", "Regex", "new"] || call.args.len() != 1 {
            return;
        }
        let Some(Expr::Lit(literal)) = call.args.first_mut() else {
            return;
        };
        let Lit::Str(pattern) = &literal.lit else {
            return;
        };
        if let Some(faster) = without_captures(&pattern.value()) {
            literal.lit = Lit::Str(syn::LitStr::new(&faster, pattern.span()));
        }
    }
}

/// `pattern` with every capturing group made non-capturing, when it has one, refers back to
/// none, and still compiles.
fn without_captures(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let (mut in_class, mut changed) = (false, false);
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '\\' => {
                // A backreference would change meaning (or become an octal escape).
                let escaped = chars.next()?;
                if matches!(escaped, '1'..='9' | 'k') {
                    return None;
                }
                out.push(escaped);
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class && chars.peek() != Some(&'?') => {
                out.push_str("?:");
                changed = true;
            }
            _ => {}
        }
    }
    (changed && regress::Regex::new(&out).is_ok()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_stop_capturing() {
        assert_eq!(
            without_captures("^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$").as_deref(),
            Some("^(?:(?:-?[0-9]+)|(?:-?(?:[0-9]+)?[.][0-9]+))$")
        );
        assert_eq!(
            without_captures(r"^[0-9]+(\.[0-9]{1,2})?$").as_deref(),
            Some(r"^[0-9]+(?:\.[0-9]{1,2})?$")
        );
    }

    #[test]
    fn escapes_classes_and_other_groups_are_kept() {
        // Escaped and bracketed parentheses are characters, not groups.
        assert_eq!(
            without_captures(r"^\(([0-9]+)\)[(]$").as_deref(),
            Some(r"^\((?:[0-9]+)\)[(]$")
        );
        assert_eq!(
            without_captures(r"^[\]()](a)$").as_deref(),
            Some(r"^[\]()](?:a)$")
        );
        // Lookarounds, named and non-capturing groups are left alone.
        assert_eq!(without_captures("^(?=a)(?!b)(?:c)(?<n>d)$"), None);
        assert_eq!(without_captures("^[A-Z]{3}$"), None);
    }

    #[test]
    fn backreferences_keep_the_pattern() {
        assert_eq!(without_captures(r"^(a)\1$"), None);
        assert_eq!(without_captures(r"^(?<q>['])x\k<q>$"), None);
        assert_eq!(without_captures("^(a)\\"), None);
    }

    #[test]
    fn only_the_compiled_pattern_changes() {
        let mut file: syn::File = syn::parse_quote! {
            fn check(value: &str) -> Result<(), &'static str> {
                static PATTERN: ::std::sync::LazyLock<::regress::Regex> =
                    ::std::sync::LazyLock::new(|| ::regress::Regex::new("^(a|b)$").unwrap());
                if PATTERN.find(value).is_none() {
                    return Err("doesn't match pattern \"^(a|b)$\"");
                }
                Ok(())
            }
        };
        apply(&mut file);
        let source = prettyplease::unparse(&file);
        assert!(source.contains(r#"Regex::new("^(?:a|b)$")"#), "{source}");
        assert!(
            source.contains(r#"doesn't match pattern \"^(a|b)$\""#),
            "{source}"
        );
    }
}
