//! ECMAScript pattern syntax (no flags, with the web-compatible leniency of Annex B for
//! literal `{`, `}` and `]`) into a [`Node`] tree.

use crate::PatternError;
use crate::class::{Class, Item};

/// What a pattern, or a part of it, matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// One character of the class.
    Class(Class),
    /// `^`: the start of the value.
    Start,
    /// `$`: the end of the value.
    End,
    /// `\b`, or `\B` when `true`.
    Boundary(bool),
    /// `(?=…)`, or `(?!…)` when `negated`.
    Look { node: Box<Node>, negated: bool },
    /// Each node in turn (the empty sequence matches the empty string).
    Seq(Vec<Node>),
    /// Any one of the nodes.
    Alt(Vec<Node>),
    /// The node `min` times or more, up to `max` when there is one.
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

/// The largest count a quantifier may give (`{0,10000}`).
const MAX_COUNT: u32 = 10_000;
/// How deep groups and lookaheads may nest.
const MAX_DEPTH: usize = 100;

/// Parses `source` whole.
pub fn parse(source: &str) -> Result<Node, PatternError> {
    let mut parser = Parser {
        chars: source.chars().collect(),
        at: 0,
        names: Vec::new(),
    };
    let node = parser.disjunction(0)?;
    match parser.peek() {
        None => Ok(node),
        Some(_) => Err(parser.error("unmatched `)`")),
    }
}

/// One escape: a character, or a class such as `\d`.
enum Escaped {
    Char(char),
    Class(Item),
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    /// The names of the named groups so far, which must differ.
    names: Vec<String>,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.at += usize::from(found);
        found
    }

    fn eat_str(&mut self, text: &str) -> bool {
        let found = text
            .chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.at + i) == Some(&c));
        if found {
            self.at += text.chars().count();
        }
        found
    }

    fn next(&mut self) -> Result<char, PatternError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("the pattern ends too early"))?;
        self.at += 1;
        Ok(c)
    }

    fn error(&self, message: impl Into<String>) -> PatternError {
        self.error_at(self.at, message)
    }

    fn error_at(&self, at: usize, message: impl Into<String>) -> PatternError {
        PatternError {
            character: at + 1,
            message: message.into(),
        }
    }

    /// Alternatives separated by `|`, up to a `)` or the end.
    fn disjunction(&mut self, depth: usize) -> Result<Node, PatternError> {
        let mut alternatives = vec![self.alternative(depth)?];
        while self.eat('|') {
            alternatives.push(self.alternative(depth)?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Alt(alternatives)
        })
    }

    fn alternative(&mut self, depth: usize) -> Result<Node, PatternError> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let start = self.at;
            let (atom, repeatable) = self.term(depth)?;
            terms.push(if repeatable {
                self.quantified(atom)?
            } else if self.quantifier()?.is_some() {
                return Err(self.error_at(start, "an assertion cannot be repeated"));
            } else {
                atom
            });
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Node::Seq(terms)
        })
    }

    /// One assertion or atom, and whether a quantifier may follow it.
    fn term(&mut self, depth: usize) -> Result<(Node, bool), PatternError> {
        let start = self.at;
        if self.peek() == Some('{') && self.counts().is_some() {
            return Err(self.error("nothing to repeat"));
        }
        let c = self.next()?;
        Ok(match c {
            '^' => (Node::Start, false),
            '$' => (Node::End, false),
            '.' => (Node::Class(Class::dot()), true),
            '[' => (Node::Class(self.class()?), true),
            '(' => self.group(start, depth)?,
            '\\' if self.eat('b') => (Node::Boundary(false), false),
            '\\' if self.eat('B') => (Node::Boundary(true), false),
            '\\' => match self.escape(start, false)? {
                Escaped::Char(c) => (literal(c), true),
                Escaped::Class(item) => (Node::Class(Class::of(item)), true),
            },
            '*' | '+' | '?' => return Err(self.error_at(start, "nothing to repeat")),
            c => (literal(c), true),
        })
    }

    fn group(&mut self, start: usize, depth: usize) -> Result<(Node, bool), PatternError> {
        if depth >= MAX_DEPTH {
            return Err(self.error_at(start, format!("groups nest deeper than {MAX_DEPTH}")));
        }
        let look = if self.eat_str("?=") {
            Some(false)
        } else if self.eat_str("?!") {
            Some(true)
        } else if self.eat_str("?<=") || self.eat_str("?<!") {
            return Err(self.error_at(start, "lookbehind (`(?<=`, `(?<!`) is not supported"));
        } else if self.eat_str("?<") {
            self.group_name()?;
            None
        } else if self.eat_str("?:") || !self.eat('?') {
            None
        } else {
            return Err(self.error_at(start, "unknown group kind after `(?`"));
        };
        let node = self.disjunction(depth + 1)?;
        if !self.eat(')') {
            return Err(self.error_at(start, "unclosed group"));
        }
        Ok(match look {
            Some(negated) => (
                Node::Look {
                    node: Box::new(node),
                    negated,
                },
                false,
            ),
            None => (node, true),
        })
    }

    fn group_name(&mut self) -> Result<(), PatternError> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if name.is_empty() || !self.eat('>') {
            return Err(self.error_at(start, "a group name must be a name closed by `>`"));
        }
        if self.names.contains(&name) {
            return Err(self.error_at(start, format!("two groups are named `{name}`")));
        }
        self.names.push(name);
        Ok(())
    }

    /// `atom` with the quantifier that follows it, if any.
    fn quantified(&mut self, atom: Node) -> Result<Node, PatternError> {
        Ok(match self.quantifier()? {
            Some((min, max)) => Node::Repeat {
                node: Box::new(atom),
                min,
                max,
            },
            None => atom,
        })
    }

    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, PatternError> {
        let start = self.at;
        let counts = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.counts() {
                Some(counts) => counts,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        if self.chars[start] == '{' {
            while self.next()? != '}' {}
        } else {
            self.at += 1;
        }
        self.eat('?'); // A lazy quantifier matches the same values.
        let (min, max) = counts;
        if min.max(max.unwrap_or(0)) > MAX_COUNT {
            return Err(self.error_at(start, format!("counts above {MAX_COUNT} are not supported")));
        }
        if max.is_some_and(|max| max < min) {
            return Err(self.error_at(start, "numbers out of order in `{}` quantifier"));
        }
        Ok(Some(counts))
    }

    /// The counts of a well-formed `{n}`, `{n,}` or `{n,m}` at the cursor, without moving it.
    fn counts(&self) -> Option<(u32, Option<u32>)> {
        let rest: String = self.chars[self.at..]
            .iter()
            .take_while(|&&c| c != '}')
            .collect();
        let inner = rest.strip_prefix('{')?;
        if self.chars.len() == self.at + rest.chars().count() {
            return None; // no closing `}`
        }
        let number = |text: &str| -> Option<u32> {
            let digits = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
            digits.then(|| text.parse().unwrap_or(u32::MAX))
        };
        match inner.split_once(',') {
            None => number(inner).map(|n| (n, Some(n))),
            Some((min, "")) => number(min).map(|min| (min, None)),
            Some((min, max)) => Some((number(min)?, Some(number(max)?))),
        }
    }

    /// The rest of a `[...]` class, after its `[`.
    fn class(&mut self) -> Result<Class, PatternError> {
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
    fn escape(&mut self, start: usize, in_class: bool) -> Result<Escaped, PatternError> {
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

    fn unsupported(&self, at: usize, what: &str) -> PatternError {
        self.error_at(at, format!("{what} are not supported"))
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

fn literal(c: char) -> Node {
    Node::Class(Class::of(Item::Range(c, c)))
}

#[cfg(test)]
mod tests {
    use crate::Pattern;

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
}
