//! The only module that names `serde_yaml`, so the YAML crate can be swapped.
//!
//! `parse` turns front-matter text into a plain `Node` tree. serde_yaml keeps
//! no positions, so `KeyIndex` recovers the line and column of every key and
//! sequence item from the text itself: findings then point at the exact key
//! they are about. The index reads block-style YAML (what proposals use);
//! inside flow collections (`{a: 1}`) it falls back to the enclosing key.
//!
//! Numbers are where a YAML parser can lie about money: it reads `0x10` as
//! 16 and `0.1000000000000000055511` as the float 0.1. So a number that is
//! not plain decimal, or has more digits than a float holds, is kept as
//! written (`Node::Number`) for the reader to accept exactly or refuse.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess};

/// A YAML value with the structure grantctl needs and nothing of serde_yaml.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    /// A number as written, where a float or i128 could not hold it exactly
    /// or it is not written in decimal (`0x10`, `0o17`).
    Number(String),
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
            Node::Number(text) if radix_prefixed(text) => "a number not written in decimal",
            Node::Number(_) => "a number with more digits than can be read exactly",
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
    let mut node =
        serde_yaml::from_str::<Node>(text).map_err(|err| locate_error(text, first_line, &err))?;
    if may_hold_inexact_numbers(text) {
        let index = KeyIndex::build(text);
        keep_numbers_as_written(&mut node, &mut String::new(), &index);
    }
    Ok(node)
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

/// Builds `Node`s straight from the parser: integers of any size, YAML
/// merge keys (`<<: *base`) applied, and a duplicate key refused (serde_yaml
/// would keep the last one, silently).
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

/// Above this many keys a mapping checks duplicates with a set, not a scan.
const SCAN_LIMIT: usize = 16;

impl<'de> de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(i128::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Int(i128::from(v)))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Int(v))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(i128::try_from(v).map_or_else(|_| Node::Number(v.to_string()), Node::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(String, Node)> = Vec::new();
        let mut seen: Option<HashSet<String>> = None;
        let mut merged = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value: Node = map.next_value()?;
            let key = key_text(key);
            if key == "<<" {
                merged.push(value);
                continue;
            }
            let duplicate = if entries.len() < SCAN_LIMIT {
                entries.iter().any(|(k, _)| *k == key)
            } else {
                let seen =
                    seen.get_or_insert_with(|| entries.iter().map(|e| e.0.clone()).collect());
                !seen.insert(key.clone())
            };
            if duplicate {
                return Err(de::Error::custom(format!(
                    "duplicate entry with key \"{key}\""
                )));
            }
            entries.push((key, value));
        }
        for value in merged {
            merge_into(&mut entries, value).map_err(de::Error::custom)?;
        }
        Ok(Node::Map(entries))
    }

    /// A tagged value (`!custom x`): the tag is dropped, the value kept.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        let (_tag, contents) = data.variant::<String>()?;
        contents.newtype_variant()
    }
}

/// Applies one `<<` merge: the keys of a mapping, or of each mapping in a
/// list (earlier ones first), that the mapping does not set itself.
fn merge_into(entries: &mut Vec<(String, Node)>, value: Node) -> Result<(), &'static str> {
    let sources = match value {
        Node::Map(from) => vec![from],
        Node::Seq(items) => items
            .into_iter()
            .map(|item| match item {
                Node::Map(from) => Ok(from),
                _ => Err(()),
            })
            .collect::<Result<_, _>>()
            .map_err(|()| "a merge key `<<` takes a mapping or a list of mappings")?,
        _ => return Err("a merge key `<<` takes a mapping or a list of mappings"),
    };
    // A set of the keys present, so merging large mappings stays linear.
    let mut present: HashSet<String> = entries.iter().map(|(k, _)| k.clone()).collect();
    for from in sources {
        for (key, node) in from {
            if present.insert(key.clone()) {
                entries.push((key, node));
            }
        }
    }
    Ok(())
}

/// Keys are almost always strings; anything else is named by its YAML text.
fn key_text(key: Node) -> String {
    match key {
        Node::Str(s) | Node::Number(s) => s,
        Node::Null => "null".to_string(),
        Node::Bool(b) => b.to_string(),
        Node::Int(i) => i.to_string(),
        Node::Float(f) => f.to_string(),
        Node::Seq(_) => "[…]".to_string(),
        Node::Map(_) => "{…}".to_string(),
    }
}

/// `0x10`, `-0o17`: an integer YAML reads in another base.
fn radix_prefixed(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']).as_bytes();
    digits.len() > 2
        && digits[0] == b'0'
        && matches!(digits[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B')
}

/// Significant digits beyond what an f64 holds (15) mean the float the
/// parser made may differ from what was written.
const FLOAT_DIGITS: usize = 15;

/// A plain scalar the parser would read as a number that is not the one
/// written: another base, or too many digits.
fn inexact_number(text: &str) -> bool {
    if radix_prefixed(text) {
        return true;
    }
    let mantissa = text.trim_start_matches(['-', '+']);
    let mantissa = mantissa.split(['e', 'E']).next().unwrap_or_default();
    if !mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return false;
    }
    let significant = mantissa.trim_start_matches(['0', '.']);
    significant.bytes().filter(u8::is_ascii_digit).count() > FLOAT_DIGITS
}

/// A quick look over the text, so that the exact re-reading below runs only
/// on files that could need it: a run of more than 15 digits (dots allowed
/// between them), or a `0x`/`0o`/`0b` prefix.
fn may_hold_inexact_numbers(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            if run > FLOAT_DIGITS {
                return true;
            }
            if b == b'0'
                && matches!(
                    bytes.get(i + 1),
                    Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B')
                )
            {
                return true;
            }
        } else if b != b'.' {
            run = 0;
        }
    }
    false
}

/// Replaces each number whose text the index saw and that the parser could
/// not hold exactly with `Node::Number(text)`.
fn keep_numbers_as_written(node: &mut Node, path: &mut String, index: &KeyIndex) {
    match node {
        Node::Int(_) | Node::Float(_) | Node::Number(_) => {
            if let Some(text) = index.raw_numbers.get(path.as_str()) {
                *node = Node::Number(text.clone());
            }
        }
        Node::Seq(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                keep_numbers_as_written(item, path, index);
                path.truncate(len);
            }
        }
        Node::Map(entries) => {
            for (key, value) in entries {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                keep_numbers_as_written(value, path, index);
                path.truncate(len);
            }
        }
        Node::Null | Node::Bool(_) | Node::Str(_) => {}
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
    /// Plain scalars written on their key's (or item's) line that a parser
    /// would not read as the number written; see `inexact_number`.
    raw_numbers: HashMap<String, String>,
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
        let Some((key, value)) = split_key(rest) else {
            // `- 0x10`: an item that is a scalar.
            if let Some(item) = stack.last().filter(|top| top.is_item) {
                self.note_number(&item.path.clone(), rest);
            }
            return None;
        };
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
        let value = value.trim_start();
        self.note_number(&path, value);
        stack.push(Frame {
            indent,
            path,
            is_item: false,
            next_index: 0,
        });
        (value.starts_with('|') || value.starts_with('>')).then_some(column)
    }

    /// Keeps the text of a scalar value the parser would misread as a number.
    fn note_number(&mut self, path: &str, value: &str) {
        let code = value.find(" #").map_or(value, |at| &value[..at]).trim();
        if inexact_number(code) {
            self.raw_numbers.insert(path.to_string(), code.to_string());
        }
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
    fn keeps_numbers_a_parser_would_misread_as_written() {
        let text = "a: 0x10\nb: 0.1000000000000000055511 # note\nc: 123456789012345678901234567890\nd: 12.5\ne:\n  - -0o17\n  - 7\nf: [0x10]\n";
        let node = parse(text, 1).unwrap();
        let Node::Map(entries) = node else { panic!() };
        let get = |k: &str| entries.iter().find(|e| e.0 == k).unwrap().1.clone();
        assert_eq!(get("a"), Node::Number("0x10".into()));
        assert_eq!(get("b"), Node::Number("0.1000000000000000055511".into()));
        assert_eq!(
            get("c"),
            Node::Number("123456789012345678901234567890".into())
        );
        assert_eq!(get("d"), Node::Float(12.5));
        assert_eq!(
            get("e"),
            Node::Seq(vec![Node::Number("-0o17".into()), Node::Int(7)])
        );
        // In a flow collection the text is not indexed: the parser's value
        // stands, as the README says.
        assert_eq!(get("f"), Node::Seq(vec![Node::Int(16)]));
        assert_eq!(
            Node::Number("0x10".into()).kind(),
            "a number not written in decimal"
        );
        // Past i128, even a flow integer is kept as written.
        let big = parse("x: [340282366920938463463374607431768211455]", 1).unwrap();
        assert_eq!(
            big,
            Node::Map(vec![(
                "x".into(),
                Node::Seq(vec![Node::Number(u128::MAX.to_string())])
            )])
        );
    }

    #[test]
    fn applies_merge_keys_with_explicit_keys_winning() {
        let text = "base: &b {item: A, amount: 1}\nmore: &m {note: n, amount: 9}\nline:\n  <<: [*b, *m]\n  amount: 2\n";
        let node = parse(text, 1).unwrap();
        let Node::Map(entries) = node else { panic!() };
        assert_eq!(
            entries[2].1,
            Node::Map(vec![
                ("amount".into(), Node::Int(2)),
                ("item".into(), Node::Str("A".into())),
                ("note".into(), Node::Str("n".into())),
            ])
        );
        let err = parse("a: 1\nb:\n  <<: 5\n", 1).unwrap_err();
        assert!(
            err.message.contains("a merge key `<<` takes a mapping"),
            "{}",
            err.message
        );
        // A tag is dropped and its value kept.
        assert_eq!(
            parse("a: !money 5\n", 1).unwrap(),
            Node::Map(vec![("a".into(), Node::Int(5))])
        );
    }

    #[test]
    fn finds_duplicates_in_large_mappings_too() {
        let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k42: again\n");
        let err = parse(&text, 1).unwrap_err();
        assert_eq!((err.line, err.column), (101, 1));
        assert_eq!(
            err.message,
            "duplicate key `k42` (first defined on line 43)"
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
