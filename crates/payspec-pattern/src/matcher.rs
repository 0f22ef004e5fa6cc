//! Matching without backtracking: each node maps the set of positions (byte offsets of
//! character boundaries) it may start at to the set it may end at. The value matches when the
//! whole pattern, started anywhere, ends somewhere.
//!
//! Captures are never asked for, so two ways of reaching one position are the same: a repeated
//! node stops as soon as an iteration reaches no new position. Each node costs one pass over the
//! positions it is given; a repeated group runs at most once per position it reaches (or its
//! count), so the check is polynomial in the value, its degree bounded by how deeply repetitions
//! nest, never exponential.

use crate::class::{Class, is_word};
use crate::parse::Node;

/// Whether `node` matches somewhere in `text`.
pub fn is_match(node: &Node, text: &str) -> bool {
    let run = Run { text };
    if text.len() < 128 {
        run.matches::<u128>(node)
    } else {
        run.matches::<Vec<u64>>(node)
    }
}

/// A set of positions `0..=len`.
trait Positions: Clone {
    fn none(len: usize) -> Self;
    fn insert(&mut self, at: usize);
    fn contains(&self, at: usize) -> bool;
    fn union(&mut self, other: &Self);
    fn remove_all(&mut self, other: &Self);
    fn is_empty(&self) -> bool;
    fn each(&self, f: impl FnMut(usize));
}

/// Values shorter than 128 bytes: one machine word pair, no allocation.
impl Positions for u128 {
    fn none(_: usize) -> Self {
        0
    }
    fn insert(&mut self, at: usize) {
        *self |= 1 << at;
    }
    fn contains(&self, at: usize) -> bool {
        *self >> at & 1 == 1
    }
    fn union(&mut self, other: &Self) {
        *self |= other;
    }
    fn remove_all(&mut self, other: &Self) {
        *self &= !other;
    }
    fn is_empty(&self) -> bool {
        *self == 0
    }
    fn each(&self, mut f: impl FnMut(usize)) {
        let mut rest = *self;
        while rest != 0 {
            f(rest.trailing_zeros() as usize);
            rest &= rest - 1;
        }
    }
}

impl Positions for Vec<u64> {
    fn none(len: usize) -> Self {
        vec![0; len / 64 + 1]
    }
    fn insert(&mut self, at: usize) {
        self[at / 64] |= 1 << (at % 64);
    }
    fn contains(&self, at: usize) -> bool {
        self[at / 64] >> (at % 64) & 1 == 1
    }
    fn union(&mut self, other: &Self) {
        self.iter_mut()
            .zip(other)
            .for_each(|(word, other)| *word |= other);
    }
    fn remove_all(&mut self, other: &Self) {
        self.iter_mut()
            .zip(other)
            .for_each(|(word, other)| *word &= !other);
    }
    fn is_empty(&self) -> bool {
        self.iter().all(|&word| word == 0)
    }
    fn each(&self, mut f: impl FnMut(usize)) {
        for (i, &word) in self.iter().enumerate() {
            u128::from(word).each(|bit| f(i * 64 + bit));
        }
    }
}

/// One value being checked.
struct Run<'a> {
    text: &'a str,
}

impl Run<'_> {
    /// Whether `node`, started at any character boundary (at the start only when it begins
    /// with `^`), ends anywhere.
    fn matches<P: Positions>(&self, node: &Node) -> bool {
        let mut starts = P::none(self.text.len());
        let anchored = match node {
            Node::Seq(nodes) => nodes.first() == Some(&Node::Start),
            node => node == &Node::Start,
        };
        if anchored {
            starts.insert(0);
        } else {
            self.text
                .char_indices()
                .for_each(|(at, _)| starts.insert(at));
            starts.insert(self.text.len());
        }
        !self.ends(node, &starts).is_empty()
    }

    /// `{at}` when `starts` holds it, else nothing.
    fn only<P: Positions>(&self, starts: &P, at: usize) -> P {
        let mut kept = P::none(self.text.len());
        if starts.contains(at) {
            kept.insert(at);
        }
        kept
    }

    /// Where `node` may end, started at each of `starts`.
    fn ends<P: Positions>(&self, node: &Node, starts: &P) -> P {
        if starts.is_empty() {
            return starts.clone();
        }
        match node {
            Node::Class(class) => {
                let mut ends = P::none(self.text.len());
                starts.each(|at| {
                    if let Some(c) = self.char_at(at)
                        && class.contains(c)
                    {
                        ends.insert(at + c.len_utf8());
                    }
                });
                ends
            }
            Node::Start => self.only(starts, 0),
            Node::End => self.only(starts, self.text.len()),
            Node::Boundary(negated) => self.keep(starts, |at| {
                let before = self.text[..at].chars().next_back().is_some_and(is_word);
                let after = self.char_at(at).is_some_and(is_word);
                (before != after) != *negated
            }),
            Node::Look { node, negated } => self.keep(starts, |at| {
                let mut here = P::none(self.text.len());
                here.insert(at);
                self.ends(node, &here).is_empty() == *negated
            }),
            Node::Seq(nodes) => nodes
                .iter()
                .fold(starts.clone(), |reached, node| self.ends(node, &reached)),
            Node::Alt(nodes) => {
                let mut ends = P::none(self.text.len());
                nodes
                    .iter()
                    .for_each(|node| ends.union(&self.ends(node, starts)));
                ends
            }
            Node::Repeat { node, min, max } => self.repeat(node, *min, *max, starts),
        }
    }

    /// The character at byte `at`, if any (ASCII without decoding).
    fn char_at(&self, at: usize) -> Option<char> {
        match self.text.as_bytes().get(at) {
            Some(&b) if b < 0x80 => Some(char::from(b)),
            Some(_) => self.text[at..].chars().next(),
            None => None,
        }
    }

    /// `starts` filtered by `keep`.
    fn keep<P: Positions>(&self, starts: &P, keep: impl Fn(usize) -> bool) -> P {
        let mut kept = P::none(self.text.len());
        starts.each(|at| {
            if keep(at) {
                kept.insert(at);
            }
        });
        kept
    }

    fn repeat<P: Positions>(&self, node: &Node, min: u32, max: Option<u32>, starts: &P) -> P {
        if let Node::Class(class) = node {
            return self.repeat_class(class, min, max, starts);
        }
        let mut reached = starts.clone();
        for _ in 0..min {
            reached = self.ends(node, &reached);
        }
        // Past `min`, a position reached again leads nowhere new: only fresh ones go on.
        let mut ends = reached.clone();
        let mut fresh = reached;
        let mut count = min;
        while !fresh.is_empty() && max.is_none_or(|max| count < max) {
            fresh = self.ends(node, &fresh);
            fresh.remove_all(&ends);
            ends.union(&fresh);
            count += 1;
        }
        ends
    }

    /// [`Self::repeat`] of one class (`[0-9]+`, `.*`, `\d{1,14}`), the commonest case, in one
    /// walk forward from each start.
    fn repeat_class<P: Positions>(
        &self,
        class: &Class,
        min: u32,
        max: Option<u32>,
        starts: &P,
    ) -> P {
        let mut ends = P::none(self.text.len());
        // Starts come in increasing order. Without a maximum, a walk that reaches a position an
        // earlier walk reached (as far into the repetition) finds nothing new past it.
        starts.each(|start| {
            let (mut at, mut count) = (start, 0);
            if min == 0 {
                ends.insert(at);
            }
            while max.is_none_or(|max| count < max) {
                let Some(c) = self.char_at(at).filter(|&c| class.contains(c)) else {
                    break;
                };
                at += c.len_utf8();
                count += 1;
                if count >= min {
                    if max.is_none() && ends.contains(at) {
                        break;
                    }
                    ends.insert(at);
                }
            }
        });
        ends
    }
}
