//! ECMAScript pattern syntax (no flags, with the web-compatible leniency of Annex B for
//! literal `{`, `}` and `]`) into a [`Node`] tree.

mod escapes;

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

    fn unsupported(&self, at: usize, what: &str) -> PatternError {
        self.error_at(at, format!("{what} are not supported"))
    }
}

fn literal(c: char) -> Node {
    Node::Class(Class::of(Item::Range(c, c)))
}
