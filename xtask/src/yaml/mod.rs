//! YAML to JSON with source positions.
//!
//! openapiv3 panics on duplicate keys and its deserializer keeps no positions, so specs are read
//! here first: into a `serde_json::Value` plus a map from JSON pointer to line and column. Duplicate
//! keys, anchors and tags are reported instead of being resolved silently.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

mod json;

/// 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl From<Marker> for Position {
    fn from(marker: Marker) -> Self {
        Position {
            line: marker.line(),
            column: marker.col() + 1,
        }
    }
}

/// A parsed YAML document and the source position of every node.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    /// Position of each node, keyed by JSON pointer. Mapping entries point at their key.
    positions: HashMap<String, Position>,
}

/// A problem found while reading YAML, with where it is.
#[derive(Debug, PartialEq, Eq)]
pub struct YamlError {
    pub position: Position,
    pub message: String,
}

impl Document {
    /// Parses one YAML document; every duplicate key, anchor or tag is an error.
    pub fn parse(source: &str) -> Result<Self, Vec<YamlError>> {
        match Document::read(source) {
            (Some(document), errors) if errors.is_empty() => Ok(document),
            (_, errors) => Err(errors),
        }
    }

    /// Reads one YAML (or JSON) document as far as it can: the document whenever the syntax
    /// allowed building one (a duplicate key keeps its first value), and every error found.
    pub fn read(source: &str) -> (Option<Self>, Vec<YamlError>) {
        let (text, shifts) = json::join_surrogate_pairs(source);
        let mut builder = Builder::default();
        if let Err(error) = Parser::new_from_str(&text).load(&mut builder, false) {
            let error = YamlError {
                position: shifts.original((*error.marker()).into()),
                message: format!("invalid YAML: {}", error.info()),
            };
            return (None, vec![error]);
        }
        let mut errors = builder.errors;
        for error in &mut errors {
            error.position = shifts.original(error.position);
        }
        let mut positions = builder.positions;
        for position in positions.values_mut() {
            *position = shifts.original(*position);
        }
        let value = builder.root.unwrap_or(Value::Null);
        (Some(Document { value, positions }), errors)
    }

    /// This document's source positions for `value`, a rewrite of it (a lowered dialect):
    /// nodes whose pointer still exists keep their position, unless `moved` says the rewrite
    /// restructured the whole document, when every diagnostic uses the pointer instead.
    pub fn rewritten(self, value: Value, moved: bool) -> Document {
        let mut positions = self.positions;
        if moved {
            positions.clear();
        } else {
            positions.retain(|pointer, _| value.pointer(pointer).is_some());
        }
        Document { value, positions }
    }

    /// The position of the node at `pointer`, or of its nearest ancestor that has one.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        let mut pointer = pointer;
        loop {
            if let Some(position) = self.positions.get(pointer) {
                return Some(*position);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

/// Follows local `$ref`s (`#/components/...`) from `value` to what they name within `root`; an
/// unresolvable reference stays as it is (the preflight checks report those).
pub fn resolve<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    let mut current = value;
    for _ in 0..8 {
        let target = current
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'));
        match target.and_then(|pointer| root.pointer(pointer)) {
            Some(next) => current = next,
            None => break,
        }
    }
    current
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

enum Frame {
    Mapping {
        pointer: String,
        map: Map<String, Value>,
        key: Option<String>,
    },
    Sequence {
        pointer: String,
        items: Vec<Value>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    positions: HashMap<String, Position>,
    errors: Vec<YamlError>,
}

impl Builder {
    /// The pointer the next value will get, or `None` when the next scalar is a mapping key.
    fn next_pointer(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Sequence { pointer, items }) => Some(format!("{pointer}/{}", items.len())),
            Some(Frame::Mapping {
                pointer,
                key: Some(key),
                ..
            }) => Some(format!("{pointer}/{}", escape_token(key))),
            Some(Frame::Mapping { key: None, .. }) => None,
        }
    }

    fn error(&mut self, mark: Marker, message: String) {
        self.errors.push(YamlError {
            position: mark.into(),
            message,
        });
    }

    fn push_value(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Sequence { items, .. }) => items.push(value),
            Some(Frame::Mapping { map, key, .. }) => {
                if let Some(key) = key.take() {
                    map.insert(key, value);
                }
            }
        }
    }

    fn start_key(&mut self, key: String, mark: Marker) {
        let Some(Frame::Mapping {
            pointer,
            map,
            key: slot,
        }) = self.stack.last_mut()
        else {
            return;
        };
        let child = format!("{pointer}/{}", escape_token(&key));
        if map.contains_key(&key) {
            let first = self.positions.get(&child).map_or(0, |p| p.line);
            let message = format!(
                "duplicate key `{key}` (first defined on line {first}); YAML mappings must not repeat a key, merge the two entries"
            );
            // Still track the key so the value is consumed, but keep the first definition.
            *slot = Some(key);
            self.error(mark, message);
            return;
        }
        *slot = Some(key);
        self.positions.insert(child, mark.into());
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let is_mapping = matches!(event, Event::MappingStart(..));
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    self.error(
                        mark,
                        "anchors and tags are not supported in specs; write the value out".into(),
                    );
                }
                match self.next_pointer() {
                    None => self.start_key(text, mark),
                    Some(pointer) => {
                        self.positions.entry(pointer).or_insert(mark.into());
                        self.push_value(scalar(&text, style));
                    }
                }
            }
            Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    self.error(
                        mark,
                        "anchors and tags are not supported in specs; write the value out".into(),
                    );
                }
                self.open(mark, is_mapping);
            }
            Event::MappingEnd => {
                if let Some(Frame::Mapping { map, .. }) = self.stack.pop() {
                    self.push_value(Value::Object(map));
                }
            }
            Event::SequenceEnd => {
                if let Some(Frame::Sequence { items, .. }) = self.stack.pop() {
                    self.push_value(Value::Array(items));
                }
            }
            Event::Alias(_) => {
                self.error(
                    mark,
                    "aliases are not supported in specs; write the value out".into(),
                );
                if self.next_pointer().is_some() {
                    self.push_value(Value::Null);
                }
            }
            Event::DocumentStart if self.root.is_some() => {
                self.error(mark, "a spec file holds exactly one YAML document".into());
            }
            _ => {}
        }
    }
}

impl Builder {
    fn open(&mut self, mark: Marker, mapping: bool) {
        let pointer = match self.next_pointer() {
            Some(pointer) => pointer,
            None => {
                self.error(mark, "mapping keys must be plain strings".into());
                String::from("/<invalid key>")
            }
        };
        self.positions.entry(pointer.clone()).or_insert(mark.into());
        self.stack.push(if mapping {
            Frame::Mapping {
                pointer,
                map: Map::new(),
                key: None,
            }
        } else {
            Frame::Sequence {
                pointer,
                items: Vec::new(),
            }
        });
    }
}

/// Resolves a scalar with the YAML 1.2 core schema; quoted scalars are always strings.
pub(crate) fn scalar(text: &str, style: TScalarStyle) -> Value {
    if style != TScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.parse::<i64>() {
            return Value::Number(n.into());
        }
        if let Ok(n) = text.parse::<u64>() {
            return Value::Number(n.into());
        }
    }
    if is_float(digits) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_owned())
}

/// `[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?` with at least one digit before the exponent.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn core_schema_scalars() {
        let doc = Document::parse(
            "a: 1\nb: '1'\nc: 1.50\nd: Yes\ne: ~\nf: true\ng: 2013-07-16T19:23:00Z\n",
        )
        .unwrap();
        assert_eq!(
            doc.value,
            json!({"a": 1, "b": "1", "c": 1.5, "d": "Yes", "e": null, "f": true, "g": "2013-07-16T19:23:00Z"})
        );
    }

    #[test]
    fn positions_point_at_keys_and_items() {
        let doc = Document::parse("paths:\n  /a/b:\n    get:\n      tags: [x, y]\n").unwrap();
        assert_eq!(
            doc.position("/paths/~1a~1b/get"),
            Some(Position { line: 3, column: 5 })
        );
        assert_eq!(
            doc.position("/paths/~1a~1b/get/tags/1"),
            Some(Position {
                line: 4,
                column: 17
            })
        );
        assert_eq!(
            doc.position("/paths/~1a~1b/get/missing"),
            Some(Position { line: 3, column: 5 })
        );
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let errors = Document::parse("a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].position, Position { line: 4, column: 3 });
        assert!(
            errors[0]
                .message
                .contains("duplicate key `c` (first defined on line 3)"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errors = Document::parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(errors[0].position.line, 2);
        assert!(errors[0].message.starts_with("invalid YAML"));
    }
}
