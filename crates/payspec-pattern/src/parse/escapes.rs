//! Classes (`[...]`) and escapes (`\d`, `\x41`, `\u00e9`, `\cJ`, `\.`), in and out of classes.

use super::{Escaped, Parser};
use crate::PatternError;
use crate::class::{Class, Item};

impl Parser {
    /// The rest of a `[...]` class, after its `[`.
    pub(super) fn class(&mut self) -> Result<Class, PatternError> {
        let start = self.at - 1;
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            let from = self.at;
            match self.peek() {
                None => return Err(self.error_at(start, "unclosed class `[`")),
                Some(']') => {
                    self.at += 1;
                    return Ok(Class::new(negated, items));
                }
                Some(_) => {}
            }
            let low = self.class_atom()?;
            let is_range = self.peek() == Some('-')
                && !matches!(self.chars.get(self.at + 1), None | Some(']'));
            if !is_range {
                items.push(match low {
                    Escaped::Char(c) => Item::Range(c, c),
                    Escaped::Class(item) => item,
                });
                continue;
            }
            self.at += 1;
            let high = self.class_atom()?;
            let (Escaped::Char(low), Escaped::Char(high)) = (low, high) else {
                return Err(self.error_at(
                    from,
                    "a class escape (`\\d`, `\\w`, `\\s`) cannot bound a range",
                ));
            };
            if low > high {
                return Err(self.error_at(from, "range out of order in class"));
            }
            items.push(Item::Range(low, high));
        }
    }

    fn class_atom(&mut self) -> Result<Escaped, PatternError> {
        let start = self.at;
        match self.next()? {
            '\\' if self.eat('b') => Ok(Escaped::Char('\u{8}')),
            '\\' if self.eat('-') => Ok(Escaped::Char('-')),
            '\\' => self.escape(start, true),
            c => Ok(Escaped::Char(c)),
        }
    }

    /// The escape after a `\` at `start`.
    pub(super) fn escape(&mut self, start: usize, in_class: bool) -> Result<Escaped, PatternError> {
        let c = self.next()?;
        Ok(Escaped::Char(match c {
            'd' | 'D' => return Ok(Escaped::Class(Item::Digit(c == 'D'))),
            'w' | 'W' => return Ok(Escaped::Class(Item::Word(c == 'W'))),
            's' | 'S' => return Ok(Escaped::Class(Item::Space(c == 'S'))),
            't' => '\t',
            'n' => '\n',
            'v' => '\u{b}',
            'f' => '\u{c}',
            'r' => '\r',
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => '\0',
            '1'..='9' if !in_class => {
                return Err(self.unsupported(start, &format!("backreferences (`\\{c}`)")));
            }
            '0'..='9' => return Err(self.unsupported(start, "octal escapes")),
            'k' => return Err(self.unsupported(start, "named backreferences (`\\k<…>`)")),
            'p' | 'P' => return Err(self.unsupported(start, "Unicode property escapes (`\\p{…}`)")),
            'x' => self.hex(start, 2)?,
            'u' => self.hex(start, 4)?,
            'c' => match self.next()? {
                letter if letter.is_ascii_alphabetic() => char::from(letter as u8 % 32),
                _ => return Err(self.error_at(start, "`\\c` must be followed by a letter")),
            },
            c if c.is_ascii_alphanumeric() => {
                return Err(self.error_at(start, format!("unknown escape `\\{c}`")));
            }
            c => c,
        }))
    }

    /// The character of the `digits` hexadecimal digits after `\x` or `\u`.
    fn hex(&mut self, start: usize, digits: usize) -> Result<char, PatternError> {
        let text: String = self.chars.iter().skip(self.at).take(digits).collect();
        let value = (text.len() == digits && text.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(&text, 16).ok())
            .flatten()
            .ok_or_else(|| self.error_at(start, format!("expected {digits} hexadecimal digits")))?;
        self.at += digits;
        char::from_u32(value).ok_or_else(|| {
            self.error_at(
                start,
                "a lone surrogate (`\\uD800`–`\\uDFFF`) is not supported",
            )
        })
    }
}
