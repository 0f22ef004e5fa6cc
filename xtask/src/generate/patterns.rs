//! The `pattern` checks of generated string types, run by `payspec_runtime::Pattern`
//! (`payspec-pattern`) instead of the `regress` engine typify writes them for.
//!
//! typify compiles each pattern once, in a `static` `LazyLock<regress::Regex>`, and tests every
//! value with `PATTERN.find(value).is_none()`. The same code is kept, with `payspec_runtime::Pattern`
//! as the compiled pattern and `!PATTERN.is_match(value)` as the test. It accepts the same values
//! (its tests compare the two on thousands of random patterns), never backtracks, so a value
//! cannot make a check take exponential time, and spares every generated crate the compile
//! time of a full regular-expression engine. A pattern it cannot compile never reaches here:
//! `spec::enums` drops it and lint reports it.

use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprMethodCall, parse_quote};

/// Moves every pattern check of `file` onto `payspec_runtime::Pattern`.
pub fn apply(file: &mut syn::File) {
    Patterns.visit_file_mut(file);
}

struct Patterns;

impl VisitMut for Patterns {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let named = |i: usize, name: &str| path.segments.get(i).is_some_and(|s| s.ident == name);
        if named(0, "regress") && named(1, "Regex") {
            let rest: Vec<_> = path.segments.iter().skip(2).cloned().collect();
            let mut moved: syn::Path = parse_quote!(::payspec_runtime::Pattern);
            moved.segments.extend(rest);
            *path = moved;
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        if let Some((pattern, value)) = find_is_none(expr) {
            *expr = parse_quote!(!#pattern.is_match(#value));
        }
        visit_mut::visit_expr_mut(self, expr);
    }
}

/// `(PATTERN, value)` when `expr` is `PATTERN.find(value).is_none()`.
fn find_is_none(expr: &Expr) -> Option<(Expr, Expr)> {
    let Expr::MethodCall(is_none) = expr else {
        return None;
    };
    let Expr::MethodCall(find) = is_none.receiver.as_ref() else {
        return None;
    };
    let ExprMethodCall {
        receiver,
        method,
        args,
        ..
    } = find;
    let on_pattern = matches!(receiver.as_ref(), Expr::Path(p) if p.path.is_ident("PATTERN"));
    let one_argument = args.len() == 1 && is_none.args.is_empty();
    (is_none.method == "is_none" && method == "find" && on_pattern && one_argument)
        .then(|| (*receiver.clone(), args[0].clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_runs_on_payspec_pattern_and_keeps_its_message() {
        let mut file: syn::File = syn::parse_quote! {
            fn check(value: &str) -> Result<(), &'static str> {
                static PATTERN: ::std::sync::LazyLock<::regress::Regex> =
                    ::std::sync::LazyLock::new(|| ::regress::Regex::new("^(a|b)$").unwrap());
                if PATTERN.find(value).is_none() {
                    return Err("doesn't match pattern \"^(a|b)$\"");
                }
                let found = other.find(value).is_none();
                Ok(())
            }
        };
        apply(&mut file);
        let source = prettyplease::unparse(&file);
        assert!(!source.contains("regress"), "{source}");
        assert!(
            source.contains("::std::sync::LazyLock<::payspec_runtime::Pattern>"),
            "{source}"
        );
        assert!(
            source.contains(r#"::payspec_runtime::Pattern::new("^(a|b)$").unwrap()"#),
            "{source}"
        );
        assert!(source.contains("if !PATTERN.is_match(value) {"), "{source}");
        assert!(
            source.contains(r#"doesn't match pattern \"^(a|b)$\""#),
            "{source}"
        );
        // Other calls named `find` are not pattern checks.
        assert!(source.contains("other.find(value).is_none()"), "{source}");
    }
}
