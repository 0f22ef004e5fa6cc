//! `pattern` checks in the generated crates: each pattern is compiled once, by
//! `payspec_runtime::Pattern` (`generate/patterns.rs`), and a type accepts exactly what regress,
//! an ECMAScript engine, matches.

use std::fmt::Display;
use std::ops::RangeInclusive;

use payspec_maverick::types as maverick;
use payspec_paypal::types as paypal;

/// Values on both sides of each pattern below: signs, decimal points, digits, dates.
const VALUES: [&str; 24] = [
    "10.00",
    "-5",
    ".5",
    "-.25",
    "0",
    "123456.78",
    "1.",
    "1.2.3",
    "--1",
    "1e3",
    "abc",
    "",
    " 1",
    "1.005",
    "12.5",
    "2024-02-29T23:59:60Z",
    "2024-13-01T00:00:00Z",
    "2024-02-29t10:00:00.123+01:00",
    "2024-02-29T24:00:00Z",
    "2024-02-29T10:00:00",
    "1.0",
    "1x0",
    "10",
    "1.0\n",
];

/// The pattern a type's error quotes (the spec's, as written), for a value of an allowed
/// length that the pattern refuses.
fn quoted_pattern<T, E: Display>(probe: &str, parse: impl Fn(&str) -> Result<T, E>) -> String {
    let message = parse(probe)
        .err()
        .expect("a value no pattern here takes")
        .to_string();
    let quoted = message
        .strip_prefix("doesn't match pattern \"")
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("the error quotes the pattern: {message}"));
    quoted.to_owned()
}

/// `parse` (a generated type's `TryFrom<&str>`) accepts exactly the values of a length in
/// `lengths` that the spec's pattern matches; `spec_pattern` is the pattern as the spec writes it.
fn accepts_what_the_spec_pattern_matches<T, E: Display>(
    spec_pattern: &str,
    lengths: RangeInclusive<usize>,
    parse: impl Fn(&str) -> Result<T, E>,
) {
    let probe = "x".repeat((*lengths.start()).max(1));
    assert_eq!(
        quoted_pattern(&probe, &parse),
        spec_pattern,
        "errors quote the spec's pattern"
    );
    let spec = regress::Regex::new(spec_pattern).unwrap();
    let mut accepted = 0;
    for value in VALUES {
        let fits = lengths.contains(&value.chars().count());
        let expected = fits && spec.find(value).is_some();
        assert_eq!(
            parse(value).is_ok(),
            expected,
            "{spec_pattern} on {value:?}"
        );
        accepted += usize::from(expected);
    }
    assert!(
        accepted > 0 && accepted < VALUES.len(),
        "{spec_pattern}: both sides tried"
    );
}

#[test]
fn generated_types_accept_exactly_what_their_patterns_match() {
    let money = "^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$";
    accepts_what_the_spec_pattern_matches(money, 0..=32, |v| paypal::MoneyInputValue::try_from(v));
    accepts_what_the_spec_pattern_matches(money, 0..=32, |v| paypal::MoneyValue::try_from(v));
    accepts_what_the_spec_pattern_matches(
        "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])[T,t]([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
        20..=64,
        |v| paypal::Timestamp::try_from(v),
    );
    accepts_what_the_spec_pattern_matches(r"^[0-9]+(\.[0-9]{1,2})?$", 0..=usize::MAX, |v| {
        maverick::Amount::try_from(v)
    });
    // Through serde too, as a response is read.
    let refused = serde_json::from_value::<paypal::MoneyValue>(serde_json::json!("1.2.3"));
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("doesn't match pattern")
    );
}

/// Every pattern of every generated crate is compiled once, into a `static`, not on each call,
/// by `payspec_runtime::Pattern`: no generated crate depends on another regular-expression engine.
#[test]
fn every_pattern_is_compiled_once_by_payspec_pattern() {
    let root = xtask::workspace_root();
    let mut sources = Vec::new();
    for dir in ["generated", "tests/fixtures"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let lib = entry.unwrap().path().join("src/lib.rs");
            if lib.exists() {
                sources.push(lib);
            }
        }
    }
    let mut patterns = 0;
    for path in sources {
        let source = std::fs::read_to_string(&path).unwrap();
        // Fixture clients are modules of the tests, without a manifest of their own.
        let crate_dir = path.parent().and_then(|src| src.parent()).unwrap();
        let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap_or_default();
        assert!(
            !source.contains("regress") && !manifest.contains("regress"),
            "{}: regress is still used",
            path.display()
        );
        for (at, _) in source.match_indices("::payspec_runtime::Pattern::new(") {
            let before = &source[..at];
            let declared = before
                .rfind("static PATTERN: ::std::sync::LazyLock<::payspec_runtime::Pattern>")
                .expect("a static holds the pattern");
            assert!(
                !before[declared..].contains("fn "),
                "{}: a pattern compiled outside its static",
                path.display()
            );
            patterns += 1;
        }
    }
    assert!(
        patterns > 20,
        "the generated crates hold patterns ({patterns})"
    );
}
