//! Sets of characters: `[...]`, `.`, `\d`, `\w`, `\s` and their complements.

/// One member of a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// The characters from the first to the second, both included (a single character is a
    /// range of one).
    Range(char, char),
    /// `\d` (`[0-9]`), or `\D` when `true`.
    Digit(bool),
    /// `\w` (`[A-Za-z0-9_]`), or `\W` when `true`.
    Word(bool),
    /// `\s` (ECMAScript's white space and line terminators), or `\S` when `true`.
    Space(bool),
}

/// A set of characters: its items, or everything but them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    negated: bool,
    items: Vec<Item>,
    /// Which ASCII characters are in the class, bit `c` for `c`: most values are ASCII.
    ascii: u128,
}

impl Class {
    pub fn new(negated: bool, items: Vec<Item>) -> Self {
        let mut class = Class {
            negated,
            items,
            ascii: 0,
        };
        class.ascii = (0..128u8)
            .filter(|&b| class.contains_slowly(char::from(b)))
            .fold(0, |bits, b| bits | 1 << b);
        class
    }

    /// The class of one escape (`\d`, `\W`, ...) or one character.
    pub fn of(item: Item) -> Self {
        Class::new(false, vec![item])
    }

    /// `.`: anything but a line terminator.
    pub fn dot() -> Self {
        let terminators = vec![
            Item::Range('\n', '\n'),
            Item::Range('\r', '\r'),
            Item::Range('\u{2028}', '\u{2029}'),
        ];
        Class::new(true, terminators)
    }

    pub fn contains(&self, c: char) -> bool {
        match u8::try_from(c) {
            Ok(b) if b < 128 => self.ascii >> b & 1 == 1,
            _ => self.contains_slowly(c),
        }
    }

    fn contains_slowly(&self, c: char) -> bool {
        self.items.iter().any(|item| item.contains(c)) != self.negated
    }
}

impl Item {
    fn contains(self, c: char) -> bool {
        match self {
            Item::Range(low, high) => (low..=high).contains(&c),
            Item::Digit(negated) => c.is_ascii_digit() != negated,
            Item::Word(negated) => is_word(c) != negated,
            Item::Space(negated) => is_space(c) != negated,
        }
    }
}

/// A `\w` character, as `\b` also reads it.
pub fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// ECMAScript's WhiteSpace and LineTerminator, which `\s` matches.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_have_their_ecmascript_meaning() {
        assert!(Class::of(Item::Digit(false)).contains('7'));
        assert!(
            !Class::of(Item::Digit(false)).contains('٧'),
            "\\d is ASCII only"
        );
        assert!(Class::of(Item::Word(false)).contains('_'));
        assert!(!Class::of(Item::Word(false)).contains('é'));
        assert!(Class::of(Item::Space(false)).contains('\u{feff}'));
        assert!(Class::of(Item::Space(true)).contains('x'));
        assert!(!Class::dot().contains('\u{2028}'));
        assert!(Class::dot().contains('😀'));
    }
}
