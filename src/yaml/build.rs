//! Builds a `Node` tree from the parser's events, each node at the
//! position the parser gave it.
//!
//! What the parser leaves to its user is done here: anchors and aliases
//! (with a limit on how much aliases may copy, against alias bombs), merge
//! keys (`<<: *base`, keys the mapping sets itself win), duplicate keys
//! (an error at the second one; YAML forbids them and a parser that keeps
//! the last would silently drop money), and a nesting limit, so that no
//! input can exhaust the stack or memory.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use super::error::YamlError;
use super::fast;
use super::node::{Entry, Node, Pos, Value, shorten};
use super::scalar;

/// Deepest nesting of lists and mappings accepted (serde_yaml's limit).
const MAX_DEPTH: usize = 128;

/// Most values that aliases may copy in one document, so that a few lines
/// of nested aliases cannot ask for billions of values.
const MAX_COPIED: usize = 250_000;

/// Most values one front matter may hold. A proposal has hundreds; a
/// 10 MiB file of `[1,1,1,…]` has five million, which would take a
/// gigabyte to hold, so past this the front matter is refused.
pub(super) const MAX_VALUES: usize = 1_000_000;

/// Longest front-matter line read. The parser holds every token of a flow
/// collection inside a flow list until the collection ends (`[{…}]` could
/// be a key), about 350 bytes a token: a line of this length can cost
/// 120 MB, one twenty times as long (a 10 MiB file) two gigabytes.
pub(super) const MAX_LINE: usize = 512 << 10;

/// Above this many keys a mapping checks duplicates with a set, not a scan.
const SCAN_LIMIT: usize = 16;

/// Builds the tree of the one document in `text`; `offset` is added to
/// every line so positions are file lines.
pub(super) fn build(text: &str, offset: u32) -> Result<Node, YamlError> {
    ensure_line_breaks_agree(text, offset)?;
    ensure_lines_fit(text, offset)?;
    let mut builder = Builder {
        text,
        offset,
        line_starts: None,
        stack: Vec::new(),
        anchors: HashMap::new(),
        copied: 0,
        values: 0,
        root: None,
        documents: 0,
    };
    // The fast reading's events when it reads the document, else the
    // parser's: one stream for the builder either way.
    let events: Box<dyn Iterator<Item = Result<(Event<'_>, Span), ScanError>>> =
        match fast::events(text) {
            Some(events) => Box::new(events.into_iter().map(Ok)),
            None => Box::new(Parser::new_from_str(text)),
        };
    for next in events {
        let (event, span) = next.map_err(|e| builder.scan_error(&e))?;
        if !builder.take(event, span)? {
            break;
        }
    }
    Ok(builder.root.unwrap_or(Node {
        pos: Pos {
            line: offset + 1,
            column: 1,
        },
        value: Value::Null,
    }))
}

/// YAML (and Markdown) end a line at a carriage return not followed by a
/// line feed; the rest of grantctl counts lines at line feeds. Rather than
/// let the two disagree about which line a key is on, such a file is
/// refused.
fn ensure_line_breaks_agree(text: &str, offset: u32) -> Result<(), YamlError> {
    let bytes = text.as_bytes();
    let Some(at) = memchr_cr(bytes) else {
        return Ok(());
    };
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1 + offset;
    let column = text[..at]
        .rsplit('\n')
        .next()
        .map_or(1, |l| l.chars().count() as u32 + 1);
    Err(YamlError {
        line,
        column,
        message: "a carriage return without a line feed ends a line here for YAML but not \
                  for grantctl's line numbers; save the file with LF or CRLF line endings"
            .to_string(),
    })
}

/// Refuses a line longer than `MAX_LINE`, at its start.
fn ensure_lines_fit(text: &str, offset: u32) -> Result<(), YamlError> {
    if text.len() <= MAX_LINE {
        return Ok(());
    }
    let too_long = text
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.len() > MAX_LINE);
    match too_long {
        None => Ok(()),
        Some((n, line)) => Err(YamlError {
            line: n as u32 + 1 + offset,
            column: 1,
            message: format!(
                "this front-matter line is {} bytes long; lines longer than {MAX_LINE} bytes are not read: break it over several lines",
                line.len()
            ),
        }),
    }
}

/// The first `\r` not followed by `\n`.
fn memchr_cr(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'\r', &bytes[from..]) {
        let at = from + found;
        if bytes.get(at + 1) != Some(&b'\n') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

struct Builder<'t> {
    text: &'t str,
    offset: u32,
    /// Byte offsets where each line of `text` starts; made when first needed.
    line_starts: Option<Vec<usize>>,
    stack: Vec<Frame>,
    /// Each anchored node and how many nodes it holds.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes copied for anchors and aliases so far.
    copied: usize,
    /// Values made so far, copies included.
    values: usize,
    root: Option<Node>,
    documents: usize,
}

enum Frame {
    Seq {
        pos: Pos,
        /// A block list (`- a`), whose items are placed at their `-`.
        block: bool,
        anchor: usize,
        items: Vec<Node>,
        /// Nodes below this one, for the copy limit.
        size: usize,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        /// The key waiting for its value.
        key: Option<Key>,
        /// Values of `<<` keys, applied when the mapping ends.
        merges: Vec<(Pos, Node)>,
        /// Hashes of the keys so far, once there are too many to scan:
        /// eight bytes a key rather than a copy of it.
        seen: Option<HashSet<u64>>,
        size: usize,
    },
}

struct Key {
    text: Box<str>,
    pos: Pos,
    merge: bool,
}

impl Builder<'_> {
    /// Takes one event; `false` once the stream has ended.
    fn take(&mut self, event: Event<'_>, span: Span) -> Result<bool, YamlError> {
        let pos = self.pos(span);
        match event {
            Event::StreamEnd => return Ok(false),
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error(
                        pos,
                        "the front matter holds a second YAML document; keep one",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                if self.awaits_key() {
                    let merge = style == ScalarStyle::Plain && text == "<<";
                    return self.set_key(scalar::exact(text), pos, merge).map(|()| true);
                }
                self.count_values(1, pos)?;
                let value = scalar::resolve(text, style, tag.as_deref());
                self.finish(Node { pos, value }, 1, anchor)?;
            }
            Event::Alias(id) => {
                let (node, size) = self.copy(id, pos)?;
                if self.awaits_key() {
                    let text = key_text(&node).ok_or_else(|| self.complex_key(pos))?.into();
                    return self.set_key(text, pos, false).map(|()| true);
                }
                self.add(node, size)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(pos)?;
                self.stack.push(Frame::Seq {
                    pos,
                    block: span.is_empty(),
                    anchor,
                    items: Vec::new(),
                    size: 1,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open(pos)?;
                self.stack.push(Frame::Map {
                    pos,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                    merges: Vec::new(),
                    seen: None,
                    size: 1,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => self.close()?,
        }
        Ok(true)
    }

    fn pos(&self, span: Span) -> Pos {
        Pos {
            line: span.start.line() as u32 + self.offset,
            column: span.start.col() as u32 + 1,
        }
    }

    fn error(&self, pos: Pos, message: &str) -> YamlError {
        YamlError {
            line: pos.line,
            column: pos.column,
            message: message.to_string(),
        }
    }

    fn scan_error(&self, err: &ScanError) -> YamlError {
        let mark = err.marker();
        YamlError {
            line: mark.line() as u32 + self.offset,
            column: mark.col() as u32 + 1,
            message: explained(err.info()),
        }
    }

    fn complex_key(&self, pos: Pos) -> YamlError {
        self.error(pos, "a key must be a single value, not a list or a mapping")
    }

    fn awaits_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn set_key(&mut self, text: Box<str>, pos: Pos, merge: bool) -> Result<(), YamlError> {
        if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
            *key = Some(Key { text, pos, merge });
        }
        Ok(())
    }

    /// Guards the nesting depth before a list or mapping opens; a list or
    /// mapping where a key is due is refused.
    fn open(&self, pos: Pos) -> Result<(), YamlError> {
        if self.awaits_key() {
            return Err(self.complex_key(pos));
        }
        if self.stack.len() >= MAX_DEPTH {
            let message = format!(
                "recursion limit exceeded: the front matter nests deeper than {MAX_DEPTH} levels"
            );
            return Err(self.error(pos, &message));
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), YamlError> {
        let (node, size, anchor) = match self.stack.pop() {
            Some(Frame::Seq {
                pos,
                anchor,
                items,
                size,
                ..
            }) => {
                let value = Value::Seq(items.into_boxed_slice());
                (Node { pos, value }, size, anchor)
            }
            Some(Frame::Map {
                pos,
                anchor,
                mut entries,
                merges,
                size,
                ..
            }) => {
                merge(&mut entries, merges)?;
                let value = Value::Map(entries.into_boxed_slice());
                (Node { pos, value }, size, anchor)
            }
            None => return Ok(()),
        };
        self.count_values(1, node.pos)?;
        self.finish(node, size, anchor)
    }

    /// Records a finished node of `size` nodes under its anchor, if it has
    /// one, and adds it to its parent.
    fn finish(&mut self, node: Node, size: usize, anchor: usize) -> Result<(), YamlError> {
        if anchor > 0 {
            self.count_copy(size)?;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        self.add(node, size)
    }

    /// A copy of the node anchored as `id`, for an alias at `pos`, and its size.
    fn copy(&mut self, id: usize, pos: Pos) -> Result<(Node, usize), YamlError> {
        let Some((_, size)) = self.anchors.get(&id) else {
            return Err(self.error(pos, "an alias to an anchor that is not defined"));
        };
        let size = *size;
        self.count_copy(size)?;
        self.count_values(size, pos)?;
        let mut node = self.anchors[&id].0.clone();
        node.pos = pos;
        Ok((node, size))
    }

    /// Counts copies made for anchors and aliases; past the limit, the
    /// document as a whole is refused, at its first line.
    fn count_copy(&mut self, size: usize) -> Result<(), YamlError> {
        self.copied = self.copied.saturating_add(size);
        if self.copied > MAX_COPIED {
            let message = format!(
                "repetition limit exceeded: anchors and aliases copy more than {MAX_COPIED} values"
            );
            let start = Pos {
                line: self.offset + 1,
                column: 1,
            };
            return Err(self.error(start, &message));
        }
        Ok(())
    }

    /// Counts `n` new values at `pos`; past `MAX_VALUES` the front matter
    /// is refused.
    fn count_values(&mut self, n: usize, pos: Pos) -> Result<(), YamlError> {
        self.values = self.values.saturating_add(n);
        if self.values > MAX_VALUES {
            let message = format!(
                "the front matter holds more than {MAX_VALUES} values; a proposal needs far fewer"
            );
            return Err(self.error(pos, &message));
        }
        Ok(())
    }

    fn add(&mut self, mut node: Node, size: usize) -> Result<(), YamlError> {
        let dash = match self.stack.last() {
            Some(Frame::Seq { block: true, .. }) => self.dash_before(node.pos),
            _ => None,
        };
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq {
                items, size: total, ..
            }) => {
                *total = total.saturating_add(size);
                if let Some(column) = dash {
                    node.pos.column = column;
                }
                items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                entries,
                key,
                merges,
                seen,
                size: total,
                ..
            }) => {
                *total = total.saturating_add(size);
                let Some(key) = key.take() else {
                    return Ok(());
                };
                if key.merge {
                    merges.push((key.pos, node));
                    return Ok(());
                }
                if let Some(first) = duplicate(entries, seen, &key.text) {
                    return Err(YamlError {
                        line: key.pos.line,
                        column: key.pos.column,
                        message: format!(
                            "duplicate key `{}` (first defined on line {first})",
                            shorten(&key.text)
                        ),
                    });
                }
                entries.push(Entry {
                    key: key.text,
                    key_pos: key.pos,
                    value: node,
                });
                Ok(())
            }
        }
    }

    /// The column of the `-` that introduces a block list item starting at
    /// `pos`, when it stands on the same line.
    fn dash_before(&mut self, pos: Pos) -> Option<u32> {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(crate::swar::breaks(text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let index = (pos.line - self.offset).checked_sub(1)? as usize;
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).copied().unwrap_or(text.len());
        let line = &text[start..end];
        let column = pos.column as usize - 1;
        let cut = match line.is_char_boundary(column) && line.as_bytes()[..column].is_ascii() {
            true => column,
            false => line
                .char_indices()
                .nth(column)
                .map_or(line.len(), |(i, _)| i),
        };
        let before = line[..cut].trim_end_matches([' ', '\t']);
        // Columns count characters: the dash's is the characters before it.
        before
            .strip_suffix('-')
            .map(|rest| rest.chars().count() as u32 + 1)
    }
}

/// The parser's message, led by what to do about the mistakes people make
/// most in front matter.
fn explained(info: &str) -> String {
    let hints: &[(&str, &str)] = &[
        (
            "simple key expect",
            "expected `:` after a key; each line here is `key: value`",
        ),
        (
            "indentation in quoted scalar",
            "a quoted value that is not closed; add its closing quote",
        ),
        (
            "quoted scalar, found unexpected end",
            "a quoted value that is not closed; add its closing quote",
        ),
        (
            "invalid Unicode character escape",
            "a `\\u` escape that is not a character (half a UTF-16 surrogate pair?)",
        ),
        ("tab", "a tab where YAML needs spaces; indent with spaces"),
        (
            "mapping values are not allowed",
            "a `: ` inside a value; put the value in quotes",
        ),
        (
            "did not find expected key",
            "a line indented unlike the keys around it",
        ),
        ("unprintable character", "a control character; remove it"),
        (
            "must be followed by a valid YAML whitespace",
            "put a space after `:` or `-`",
        ),
    ];
    match hints.iter().find(|(part, _)| info.contains(part)) {
        Some((_, hint)) => format!("{hint} ({info})"),
        None => info.to_string(),
    }
}

/// The line of an earlier key equal to `key`, if any.
fn duplicate(entries: &[Entry], seen: &mut Option<HashSet<u64>>, key: &str) -> Option<u32> {
    let first = || {
        entries
            .iter()
            .find(|e| &*e.key == key)
            .map(|e| e.key_pos.line)
    };
    if entries.len() < SCAN_LIMIT {
        return first();
    }
    let seen = seen.get_or_insert_with(|| entries.iter().map(|e| hash(&e.key)).collect());
    // A new hash is a new key; a hash seen before is checked for real.
    if seen.insert(hash(key)) {
        None
    } else {
        first()
    }
}

fn hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    static STATE: std::sync::OnceLock<std::collections::hash_map::RandomState> =
        std::sync::OnceLock::new();
    STATE.get_or_init(Default::default).hash_one(key)
}

/// Applies `<<` merges: the keys of a mapping, or of each mapping in a
/// list (earlier ones first), that the mapping does not set itself.
fn merge(entries: &mut Vec<Entry>, merges: Vec<(Pos, Node)>) -> Result<(), YamlError> {
    if merges.is_empty() {
        return Ok(());
    }
    // The keys present by hash, so merging large mappings stays linear.
    let mut present: HashMap<u64, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (hash(&e.key), i))
        .collect();
    for (pos, value) in merges {
        let sources = match value.value {
            Value::Map(from) => vec![from],
            Value::Seq(items) => items
                .into_vec()
                .into_iter()
                .map(|item| match item.value {
                    Value::Map(from) => Some(from),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| merge_error(pos))?,
            _ => return Err(merge_error(pos)),
        };
        for from in sources {
            for entry in from {
                let key = hash(&entry.key);
                let new = match present.get(&key) {
                    None => true,
                    Some(&i) if entries[i].key == entry.key => false,
                    // Two keys with one hash: rare enough to look at all.
                    Some(_) => !entries.iter().any(|e| e.key == entry.key),
                };
                if new {
                    present.entry(key).or_insert(entries.len());
                    entries.push(entry);
                }
            }
        }
    }
    Ok(())
}

fn merge_error(pos: Pos) -> YamlError {
    YamlError {
        line: pos.line,
        column: pos.column,
        message: "a merge key `<<` takes a mapping or a list of mappings".to_string(),
    }
}

/// The text of a scalar used as a key through an alias.
fn key_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) | Value::Number(s) => Some(s.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".to_string()),
        Value::Seq(_) | Value::Map(_) => None,
    }
}
