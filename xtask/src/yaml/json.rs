//! JSON input through the YAML reader.
//!
//! JSON is YAML, except that JSON writes a character outside the Basic Multilingual Plane as a
//! surrogate pair of escapes (`\uD83D\uDE00`), which YAML refuses (a surrogate is not a
//! character). In a JSON document each pair becomes YAML's 8-digit escape (`\U0001F600`), two
//! characters shorter, and [`Shifts`] maps positions back to the source's columns.

use std::borrow::Cow;

use super::Position;

/// Where a pair of escapes was shortened: 1-based line, and column in the rewritten text.
#[derive(Debug, Default)]
pub(super) struct Shifts(Vec<Position>);

/// How many characters shorter a rewritten pair is (`\uD83D\uDE00` → `\U0001F600`).
const SAVED: usize = 2;

impl Shifts {
    /// The source position of `position` in the rewritten text.
    pub(super) fn original(&self, position: Position) -> Position {
        // The shifts are in source order: count those earlier on the same line.
        let line_start = self.0.partition_point(|s| s.line < position.line);
        let before = self
            .0
            .partition_point(|s| (s.line, s.column) < (position.line, position.column))
            - line_start;
        Position {
            line: position.line,
            column: position.column + before * SAVED,
        }
    }
}

/// `source` with every surrogate pair of escapes joined, when it is a JSON document (it starts
/// with `{`; backslashes appear only in strings there).
pub(super) fn join_surrogate_pairs(source: &str) -> (Cow<'_, str>, Shifts) {
    if !source.trim_start().starts_with('{') || !source.contains("\\u") {
        return (Cow::Borrowed(source), Shifts::default());
    }
    let mut out = String::with_capacity(source.len());
    let mut shifts: Vec<Position> = Vec::new();
    // Where the scan is in the source: 1-based line, 0-based column in characters.
    let (mut line, mut column) = (1, 0);
    let mut rest = 0;
    while let Some(found) = source[rest..].find('\\') {
        let at = rest + found;
        out.push_str(&source[rest..at]);
        advance(&mut line, &mut column, &source[rest..at]);
        let escape = &source[at..];
        let taken = if let Some(joined) = surrogate_pair(escape) {
            let earlier = shifts.iter().rev().take_while(|s| s.line == line).count();
            shifts.push(Position {
                line,
                column: column + 1 - earlier * SAVED,
            });
            out.push_str(&format!("\\U{:08X}", u32::from(joined)));
            12
        } else {
            // Copy the backslash and the character it escapes, so `\\u` is never taken for `\u`.
            let next = escape[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&escape[..1 + next]);
            1 + next
        };
        advance(&mut line, &mut column, &escape[..taken]);
        rest = at + taken;
    }
    out.push_str(&source[rest..]);
    (Cow::Owned(out), Shifts(shifts))
}

/// Moves a 1-based line and 0-based character column past `segment`.
fn advance(line: &mut usize, column: &mut usize, segment: &str) {
    match segment.rfind('\n') {
        Some(newline) => {
            *line += segment.matches('\n').count();
            *column = segment[newline + 1..].chars().count();
        }
        None => *column += segment.chars().count(),
    }
}

/// The character `\uHHHH\uLLLL` at the start of `text` stands for, when it is a surrogate pair.
fn surrogate_pair(text: &str) -> Option<char> {
    let unit = |escape: &str| {
        let hex = escape.strip_prefix("\\u")?.get(..4)?;
        u32::from_str_radix(hex, 16).ok()
    };
    let high = unit(text)?;
    let low = unit(text.get(6..)?)?;
    if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::{Document, Position};

    #[test]
    fn surrogate_pairs_read_as_their_character_with_source_columns() {
        let source = r#"{"a": "\uD83D\uDE00 and \uD83C\uDF89", "b": "\\uD83D", "c": 1}"#;
        let doc = Document::parse(source).unwrap();
        assert_eq!(
            doc.value,
            json!({"a": "\u{1F600} and \u{1F389}", "b": "\\uD83D", "c": 1})
        );
        let column = source.find("\"c\"").unwrap() + 1;
        assert_eq!(doc.position("/c"), Some(Position { line: 1, column }));
    }

    #[test]
    fn a_lone_surrogate_is_an_error_with_its_place() {
        let errors = Document::parse("{\n  \"a\": \"\\uD83D\"\n}").unwrap_err();
        assert_eq!(errors[0].position.line, 2, "{errors:?}");
    }
}
