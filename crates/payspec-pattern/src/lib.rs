//! The `pattern` keyword of OpenAPI and JSON Schema as payspec's generated clients check it: an
//! ECMAScript regular expression, without flags, that a value must match somewhere.
//!
//! Everything ECMAScript's regular expressions describe is supported except what needs memory
//! of an earlier match or of text already passed, backreferences (`\1`, `\k<name>`) and
//! lookbehind (`(?<=…)`, `(?<!…)`), and Unicode property escapes (`\p{Lu}`), which need
//! Unicode's tables. Lookahead, word boundaries, groups of every kind,
//! alternation, classes and counted repetition are supported, with ECMAScript's meaning of
//! `\d`, `\w`, `\s` and `.` (no `u` flag; values are read as Unicode scalar values).
//!
//! Matching never backtracks. It follows the set of positions the pattern can have reached: a
//! repeated class (`[0-9]+`, `.*`) is one pass over the value, a repeated group at most one pass
//! per position it reaches. The cost grows with a power of the value's length no higher than
//! one more than how deeply repetitions nest, never exponentially: a value from a provider
//! cannot make a check take exponential time.
//!
//! ```
//! use payspec_pattern::Pattern;
//!
//! let phone = Pattern::new(r"^\+[1-9]\d{1,14}$").unwrap();
//! assert!(phone.is_match("+14155552671"));
//! assert!(!phone.is_match("+04155552671"));
//!
//! let error = Pattern::new(r"^(a)\1$").unwrap_err();
//! assert_eq!(error.to_string(), r"at character 5: backreferences (`\1`) are not supported");
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod class;
mod matcher;
mod parse;

use std::fmt;

use parse::Node;

/// A compiled pattern. Compile once (e.g. in a `static` `LazyLock`) and check many values.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    node: Node,
}

impl Pattern {
    /// Compiles `source`, an ECMAScript regular expression without flags.
    ///
    /// # Errors
    /// A syntax error, or a construct this crate does not support, with the character where it
    /// is.
    pub fn new(source: &str) -> Result<Self, PatternError> {
        Ok(Pattern {
            source: source.to_owned(),
            node: parse::parse(source)?,
        })
    }

    /// Whether the pattern matches somewhere in `value`, as JSON Schema's `pattern` asks
    /// (anchor it with `^` and `$` to match all of it).
    pub fn is_match(&self, value: &str) -> bool {
        matcher::is_match(&self.node, value)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

/// Why a pattern did not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The character (counted from 1) where the problem is.
    pub character: usize,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.character, self.message)
    }
}

impl std::error::Error for PatternError {}

/// The README's example, compiled by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
