//! The only module that names `serde_yaml`, so the YAML crate can be swapped.
//!
//! `parse` turns front-matter text into a plain `Node` tree. serde_yaml keeps
//! no positions, so `KeyIndex` recovers the line and column of every key and
//! sequence item from the text itself: findings then point at the exact key
//! they are about. The index reads block-style YAML (what proposals use);
//! inside flow collections (`{a: 1}`) it falls back to the enclosing key.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

/// A YAML value with the structure grantctl needs and nothing of serde_yaml.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Keys in document order; duplicates are rejected by the parser.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// A short name for messages: "a string", "a list", "a mapping".
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) | Node::Float(_) => "a number",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax error, positioned within the parsed text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for YamlError {}

/// Parses one YAML document. `first_line` is the file line the text starts
/// on, so that line numbers in messages match the file, not the fragment.
pub fn parse(text: &str, first_line: u32) -> Result<Node, YamlError> {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(value) => Ok(convert(value)),
        Err(err) => Err(locate_error(text, first_line, &err)),
    }
}

/// Deserialises `text` into `T` (used for rubrics, whose unknown keys are
/// errors): the error carries serde_yaml's position.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|err| locate_error(text, 1, &err))
}

fn locate_error(text: &str, first_line: u32, err: &serde_yaml::Error) -> YamlError {
    let raw = err.to_string();
    let (mut line, mut column) = err
        .location()
        .map(|l| (l.line() as u32, l.column() as u32))
        .unwrap_or((1, 1));
    let mut message = shift_line_numbers(&strip_position(&raw, line, column), first_line - 1);
    // serde_yaml points a duplicate at the start of its mapping; point at the
    // second occurrence instead, which is what the user has to remove.
    if let Some(key) = duplicate_key_name(&raw)
        && let Some((dup, first)) = KeyIndex::build(text).duplicate_named(key)
    {
        line = dup.line;
        column = dup.column;
        message = format!(
            "duplicate key `{key}` (first defined on line {})",
            first.line + first_line - 1
        );
    }
    YamlError {
        line: line + first_line - 1,
        column,
        message,
    }
}

/// Drops the problem's own ` at line N column M` from serde_yaml's message:
/// the finding carries that position already, in file lines.
fn strip_position(message: &str, line: u32, column: u32) -> String {
    message.replacen(&format!(" at line {line} column {column}"), "", 1)
}

fn duplicate_key_name(message: &str) -> Option<&str> {
    let start = message.find("duplicate entry with key \"")? + "duplicate entry with key \"".len();
    let len = message[start..].find('"')?;
    Some(&message[start..start + len])
}

/// Rewrites every `line N` in a serde_yaml message to a file line number.
fn shift_line_numbers(message: &str, offset: u32) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (before, after) = rest.split_at(at + "line ".len());
        out.push_str(before);
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        match after[..digits].parse::<u32>() {
            Ok(n) => out.push_str(&(n.saturating_add(offset)).to_string()),
            Err(_) => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn convert(value: serde_yaml::Value) -> Node {
    use serde_yaml::Value;
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Node::Int(i128::from(i))
            } else if let Some(u) = n.as_u64() {
                Node::Int(i128::from(u))
            } else {
                Node::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => Node::Str(s),
        Value::Sequence(items) => Node::Seq(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| (key_text(k), convert(v)))
                .collect(),
        ),
        Value::Tagged(tagged) => convert(tagged.value),
    }
}

/// Keys are almost always strings; anything else is named by its YAML text.
fn key_text(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        other => serde_yaml::to_string(&other)
            .map(|s| s.trim_end().to_string())
            .unwrap_or_default(),
    }
}

/// Where a key or sequence item starts, 1-based within the indexed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    /// Characters from the key to the end of its line, for underlining.
    pub width: u32,
}

/// Dotted paths (`budget[2].lines[0].amount`) to positions.
#[derive(Debug, Default)]
pub struct KeyIndex {
    positions: HashMap<String, Pos>,
    duplicates: Vec<(String, Pos)>,
}

struct Frame {
    indent: isize,
    path: String,
    is_item: bool,
    next_index: usize,
}

impl KeyIndex {
    /// Scans block-style YAML line by line, tracking indentation.
    pub fn build(text: &str) -> KeyIndex {
        let mut index = KeyIndex::default();
        let mut stack = vec![Frame {
            indent: -1,
            path: String::new(),
            is_item: false,
            next_index: 0,
        }];
        let mut scalar_indent: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            let indent = line.len() - line.trim_start_matches(' ').len();
            let content = &line[indent..];
            if content.trim().is_empty() || content.starts_with('#') {
                continue;
            }
            if scalar_indent.is_some_and(|limit| indent > limit) {
                continue;
            }
            scalar_indent = index.scan_line(&mut stack, n as u32 + 1, indent, content);
        }
        index
    }

    /// Indexes one line; returns the indent above which a block scalar's
    /// content lines follow, if the line opens one.
    fn scan_line(
        &mut self,
        stack: &mut Vec<Frame>,
        line: u32,
        mut column: usize,
        mut rest: &str,
    ) -> Option<usize> {
        let width = |rest: &str| {
            let code = rest.find(" #").map_or(rest, |at| &rest[..at]);
            code.trim_end().chars().count() as u32
        };
        while rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t") {
            let indent = column as isize;
            while stack.len() > 1 {
                let top = &stack[stack.len() - 1];
                if top.indent > indent || (top.indent == indent && top.is_item) {
                    stack.pop();
                } else {
                    break;
                }
            }
            let parent = stack.last_mut()?;
            let path = format!("{}[{}]", parent.path, parent.next_index);
            parent.next_index += 1;
            self.record(path.clone(), line, column, width(rest));
            stack.push(Frame {
                indent,
                path,
                is_item: true,
                next_index: 0,
            });
            let after = &rest[1..];
            let trimmed = after.trim_start();
            column += 1 + after.len() - trimmed.len();
            rest = trimmed;
            if rest.starts_with('|') || rest.starts_with('>') {
                return Some(indent as usize);
            }
        }
        let (key, value) = split_key(rest)?;
        let indent = column as isize;
        while stack.len() > 1 && stack[stack.len() - 1].indent >= indent {
            stack.pop();
        }
        let parent = &stack.last()?.path;
        let path = if parent.is_empty() {
            key
        } else {
            format!("{parent}.{key}")
        };
        self.record(path.clone(), line, column, width(rest));
        stack.push(Frame {
            indent,
            path,
            is_item: false,
            next_index: 0,
        });
        let value = value.trim_start();
        (value.starts_with('|') || value.starts_with('>')).then_some(column)
    }

    fn record(&mut self, path: String, line: u32, column0: usize, width: u32) {
        let pos = Pos {
            line,
            column: column0 as u32 + 1,
            width: width.max(1),
        };
        match self.positions.entry(path) {
            Entry::Occupied(seen) => self.duplicates.push((seen.key().clone(), pos)),
            Entry::Vacant(slot) => {
                slot.insert(pos);
            }
        }
    }

    /// The position of `path`, or of its nearest indexed ancestor.
    pub fn find(&self, path: &str) -> Option<Pos> {
        let mut path = path;
        loop {
            if let Some(pos) = self.positions.get(path) {
                return Some(*pos);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// The second and first positions of a key named `key` defined twice.
    fn duplicate_named(&self, key: &str) -> Option<(Pos, Pos)> {
        self.duplicates.iter().find_map(|(path, pos)| {
            let last = path.rsplit(['.', ']']).next().unwrap_or(path);
            (last == key).then(|| (*pos, self.positions[path]))
        })
    }
}

/// Splits `key: value` (plain, single- or double-quoted key) into its parts.
fn split_key(rest: &str) -> Option<(String, &str)> {
    let first = rest.chars().next()?;
    if first == '"' || first == '\'' {
        let close = rest[1..].find(first)? + 1;
        let after = rest[close + 1..].trim_start();
        let value = after.strip_prefix(':')?;
        if !(value.is_empty() || value.starts_with([' ', '\t'])) {
            return None;
        }
        return Some((rest[1..close].to_string(), value));
    }
    if "[{#&*!|>%@`?".contains(first) {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            b':' if i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\t' => {
                return Some((rest[..i].trim_end().to_string(), &rest[i + 1..]));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
title: Example
funding:
  goal: 50000
  # a comment
  minimum: 10000
budget:
  - item: Prizes
    amount: 10000
    note: |
      item: not a key
      - not an item
  - item: Staff
    lines:
    - item: PM
      amount: 1
    - {item: Flow, amount: 2}
\"quoted key\": 1
";

    #[track_caller]
    fn at(index: &KeyIndex, path: &str, line: u32, column: u32) {
        let pos = index
            .find(path)
            .unwrap_or_else(|| panic!("{path} not found"));
        assert_eq!((pos.line, pos.column), (line, column), "{path}");
    }

    #[test]
    fn indexes_keys_and_items() {
        let index = KeyIndex::build(DOC);
        at(&index, "title", 1, 1);
        at(&index, "funding.goal", 3, 3);
        at(&index, "funding.minimum", 5, 3);
        at(&index, "budget", 6, 1);
        at(&index, "budget[0]", 7, 3);
        at(&index, "budget[0].item", 7, 5);
        at(&index, "budget[0].amount", 8, 5);
        at(&index, "budget[1]", 12, 3);
        at(&index, "budget[1].lines[0].amount", 15, 7);
        at(&index, "budget[1].lines[1]", 16, 5);
        // Inside a flow mapping: falls back to the item.
        at(&index, "budget[1].lines[1].amount", 16, 5);
        at(&index, "quoted key", 17, 1);
        assert!(
            index
                .find("budget[0].note.item")
                .is_some_and(|p| p.line == 9)
        );
        assert!(index.duplicates.is_empty());
    }

    #[test]
    fn parses_to_nodes_and_positions_errors_in_the_file() {
        let node = parse("a: 1\nb: [x, 2.5]\n", 2).unwrap();
        assert_eq!(
            node,
            Node::Map(vec![
                ("a".into(), Node::Int(1)),
                (
                    "b".into(),
                    Node::Seq(vec![Node::Str("x".into()), Node::Float(2.5)])
                ),
            ])
        );
        let err = parse("a: [1,\nb: c\n", 2).unwrap_err();
        assert_eq!(err.line, 4);
        assert_eq!(
            err.message,
            "did not find expected ',' or ']', while parsing a flow sequence at line 2 column 4"
        );
    }

    #[test]
    fn points_a_duplicate_key_at_its_second_definition() {
        let err = parse("title: x\nbudget: []\nfunding: {}\nbudget: []\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (5, 1));
        assert_eq!(
            err.message,
            "duplicate key `budget` (first defined on line 3)"
        );
    }
}
