//! What the parser refuses, and where it says the problem is.

mod draw;

use draw::Draw;
use payspec_pattern::Pattern;

fn error(source: &str) -> String {
    Pattern::new(source).unwrap_err().to_string()
}

#[test]
fn what_is_not_supported_is_named_where_it_is() {
    assert_eq!(
        error(r"^(a)\1$"),
        r"at character 5: backreferences (`\1`) are not supported"
    );
    assert_eq!(
        error(r"(?<x>a)\k<x>"),
        r"at character 8: named backreferences (`\k<…>`) are not supported"
    );
    assert_eq!(
        error(r"^\p{Lu}$"),
        r"at character 2: Unicode property escapes (`\p{…}`) are not supported"
    );
    assert_eq!(
        error("(?<=a)b"),
        "at character 1: lookbehind (`(?<=`, `(?<!`) is not supported"
    );
    assert_eq!(
        error(r"[\1]"),
        r"at character 2: octal escapes are not supported"
    );
}

#[test]
fn syntax_errors_are_named_where_they_are() {
    assert_eq!(error("a(b"), "at character 2: unclosed group");
    assert_eq!(error("a)"), "at character 2: unmatched `)`");
    assert_eq!(error("[a-"), "at character 1: unclosed class `[`");
    assert_eq!(
        error("[z-a]"),
        "at character 2: range out of order in class"
    );
    assert_eq!(
        error(r"[\d-z]"),
        r"at character 2: a class escape (`\d`, `\w`, `\s`) cannot bound a range"
    );
    assert_eq!(error("*a"), "at character 1: nothing to repeat");
    assert_eq!(error("{2}"), "at character 1: nothing to repeat");
    assert_eq!(
        error("a{3,2}"),
        "at character 2: numbers out of order in `{}` quantifier"
    );
    assert_eq!(
        error("a{20000}"),
        "at character 2: counts above 10000 are not supported"
    );
    assert_eq!(
        error("^*"),
        "at character 1: an assertion cannot be repeated"
    );
    assert_eq!(error(r"\q"), r"at character 1: unknown escape `\q`");
    assert_eq!(
        error(r"\x4"),
        "at character 1: expected 2 hexadecimal digits"
    );
    assert_eq!(
        error(r"\uD800"),
        "at character 1: a lone surrogate (`\\uD800`–`\\uDFFF`) is not supported"
    );
    assert_eq!(
        error("(?<a>x)(?<a>y)"),
        "at character 11: two groups are named `a`"
    );
    assert_eq!(error("(?"), "at character 1: unknown group kind after `(?`");
    assert_eq!(
        error(&"(".repeat(101)),
        "at character 101: groups nest deeper than 100"
    );
}

#[test]
fn annex_b_literals_are_accepted() {
    let pattern = Pattern::new("a{,2}]}").unwrap();
    assert!(pattern.is_match("a{,2}]}"));
    assert!(!pattern.is_match("aa]}"));
}

#[test]
fn nested_repetition_stays_linear() {
    // A backtracking engine takes exponential time to refuse this value.
    let pattern = Pattern::new("^(a+)+$").unwrap();
    let value = format!("{}!", "a".repeat(5_000));
    assert!(!pattern.is_match(&value));
    assert!(pattern.is_match(&"a".repeat(5_000)));
}

/// Any text is a pattern or an error, never a panic, and a compiled pattern checks any value
/// without one: a panic here would be a panic in a client reading a provider's answer.
#[test]
fn arbitrary_text_never_panics() {
    const PIECES: &[&str] = &[
        "(", ")", "[", "]", "{", "}", "|", "^", "$", "*", "+", "?", ".", "\\", "-", ",", ":", "=",
        "!", "<", ">", "a", "0", "9", "é", "😀", "d", "b", "u", "x", "c", "k", "{2}", "{1,", "(?",
    ];
    let mut draw = Draw(0x2545_F491_4F6C_DD1D);
    let mut compiled = 0;
    for _ in 0..20_000 {
        let source: String = (0..draw.below(12)).map(|_| draw.pick(PIECES)).collect();
        if let Ok(pattern) = Pattern::new(&source) {
            compiled += 1;
            for value in ["", "a", "a0-é😀", &"9".repeat(200), "\n(?)"] {
                pattern.is_match(value);
            }
        }
    }
    assert!(compiled > 1_000, "only {compiled} compiled");
}
