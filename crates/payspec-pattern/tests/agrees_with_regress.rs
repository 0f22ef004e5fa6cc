//! The matcher against regress, the ECMAScript engine typify's generated code used: random
//! patterns from the supported grammar and random values must get the same answer from both.

mod draw;

use draw::Draw;
use payspec_pattern::Pattern;

const ATOMS: &[&str] = &[
    "a",
    "b",
    "0",
    "-",
    "_",
    "é",
    " ",
    ".",
    r"\d",
    r"\D",
    r"\w",
    r"\W",
    r"\s",
    r"\S",
    r"\.",
    r"\-",
    "[ab]",
    "[^a0]",
    "[a-c]",
    r"[\d_]",
    r"[^\s]",
    "[.]",
    "[-a]",
    "[a-]",
    r"[\w-]",
    "[]",
    "[^]",
    r#"\x41", r"\u00e9", r"\t", "]", "}", "{", "a{,2}"#,
];
const ASSERTIONS: &[&str] = &["^", "$", r"\b", r"\B"];
const SOLID_QUANTIFIERS: &[&str] = &["", "+", "{2}", "{1,2}", "+?", "{1,}"];
const QUANTIFIERS: &[&str] = &[
    "", "", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "{2,3}", "*?", "+?", "??", "{1,2}?",
];

/// A random pattern; `solid` ones never match the empty string, so they can be repeated without
/// sending regress into an endless loop of empty iterations (a known weakness of backtracking).
fn pattern(draw: &mut Draw, depth: usize, solid: bool) -> String {
    let alternatives = 1 + usize::from(draw.below(4) == 0);
    let mut out = Vec::new();
    for _ in 0..alternatives {
        let mut sequence = String::new();
        for _ in 0..draw.below(4) + 1 {
            match draw.below(10) {
                0 if !solid => sequence.push_str(draw.pick(ASSERTIONS)),
                1 | 2 if depth < 3 => {
                    let open = draw.pick(&["(", "(?:", "(?=", "(?!", "(?<n>"]);
                    let look = open.starts_with("(?=") || open.starts_with("(?!");
                    if solid && look {
                        continue;
                    }
                    let repeated = !look && draw.below(2) == 0;
                    let inner = pattern(draw, depth + 1, solid || repeated);
                    sequence.push_str(&format!("{open}{inner})"));
                    if repeated {
                        sequence.push_str(draw.pick(&["?", "{2}", "{0,2}", "??", "+", "*?"]));
                    }
                }
                _ => {
                    sequence.push_str(draw.pick(ATOMS));
                    let repeat = if solid {
                        SOLID_QUANTIFIERS
                    } else {
                        QUANTIFIERS
                    };
                    sequence.push_str(draw.pick(repeat));
                }
            }
        }
        if solid && sequence.is_empty() {
            sequence.push('a');
        }
        out.push(sequence);
    }
    out.join("|")
}

fn value(draw: &mut Draw) -> String {
    const CHARS: &[char] = &[
        'a', 'b', 'c', 'A', '0', '1', '-', '_', '.', ' ', '\n', 'é', '😀', '\u{a0}', '\u{2028}',
        '{',
    ];
    (0..draw.below(10))
        .map(|_| CHARS[draw.below(CHARS.len())])
        .collect()
}

/// Whether both compile `source` and give `values` the same answers; panics on a disagreement.
fn agree(source: &str, values: &[String]) -> bool {
    let ours = Pattern::new(source);
    let theirs = regress::Regex::new(source);
    let (ours, theirs) = match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => (ours, theirs),
        (Err(error), Ok(_)) => panic!("{source:?} compiles with regress but not here: {error}"),
        (Ok(_), Err(error)) => panic!("{source:?} compiles here but not with regress: {error}"),
        (Err(_), Err(_)) => return false,
    };
    for value in values {
        assert_eq!(
            ours.is_match(value),
            theirs.find(value).is_some(),
            "{source:?} on {value:?}"
        );
    }
    true
}

#[test]
fn random_patterns_match_what_regress_matches() {
    let mut draw = Draw(0x9E37_79B9_7F4A_7C15);
    let mut compared = 0;
    for _ in 0..3_000 {
        let mut source = pattern(&mut draw, 0, false);
        for n in 0.. {
            let Some(at) = source.find("(?<n>") else {
                break;
            };
            source.replace_range(at..at + 5, &format!("(?<n{n}>"));
        }
        let values: Vec<String> = (0..40).map(|_| value(&mut draw)).collect();
        compared += usize::from(agree(&source, &values));
    }
    // The grammar above is valid ECMAScript: almost every pattern must have been compared.
    assert!(
        compared > 2_900,
        "only {compared} of 3000 patterns compiled"
    );
}

#[test]
fn patterns_of_payment_specs_match_what_regress_matches() {
    let sources = [
        r"^[A-Z]{3}$",
        r"^\+[1-9]\d{1,14}$",
        r"^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$",
        r"^(?!\d+$)\w+\S+",
        r"^[A-Za-z0-9-_.,]*$",
        r"^[12](\.\d+){0,2}$",
        r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])[T,t]([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)([.][0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
        r"^/v1/refunds",
        r"^0?\d$",
        r"^[2-9A-HJ-NP-Z]{13}$",
        r"^.*$",
        r"^[a-zA-Z0-9\-_]{1,64}$",
        // Published specs of Plaid, PayPal and Stripe.
        r"^$|^[A-Za-z0-9]{2,4}$",
        r#"^.+@[^\"\-].+$"#,
        r"^.{1,127}$",
        r"^(https:)([/|.|\w|\s|-])*\.(?:jpg|gif|png|jpeg|JPG|GIF|PNG|JPEG)",
        r#"^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\"(?:[\x01-\x08\x0b\x0c\x0e-\x1f\x21\x23-\x5b\x5d-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*\")@(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|\[(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?|[A-Za-z0-9-]*[A-Za-z0-9]:(?:[\x01-\x08\x0b\x0c\x0e-\x1f\x21-\x5a\x53-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])+)\])$"#,
        r"^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    ];
    let values: Vec<String> = [
        "",
        "EUR",
        "eur",
        "+14155552671",
        "+0415",
        "-12",
        "1.50",
        "-.5",
        "12abc",
        "1234",
        "a b",
        "2.1.0",
        "3.0",
        "2026-12-06T10:00:60.5+01:00",
        "2026-13-06T10:00:00Z",
        "/v1/refunds/re_1",
        "/v2/refunds",
        "05",
        "a@b.co",
        "\"quoted\"@example.com",
        "x@[192.168.0.1]",
        "a@-b",
        "no-at",
        "https://cdn.example.com/logo.png",
        "http://x.png",
        "10.0.0.255",
        "256.1.1.1",
        "AB12",
        "A",
        "5",
        "005",
        "ABCDEFGHJKLMN",
        "ABCDEFGHIJKLM",
        "line\nbreak",
        "x".repeat(300).as_str(),
    ]
    .iter()
    .map(|value| value.to_string())
    .collect();
    for source in sources {
        assert!(agree(source, &values), "{source:?} does not compile");
    }
}
