//! A fast reading of the front matter nearly every proposal has: block
//! mappings and lists whose values are one-line plain or simply quoted
//! scalars (`title: …`, `funding:` then `  goal: 1000`, `budget:` then
//! `- item: …`). It yields the events saphyr-parser yields for the same
//! text, at the same positions, and gives up (`None`) on the whole
//! document at the first line outside that shape; the full parser then
//! reads it instead, so no document is read half one way and half the
//! other. The general scanner was most of the time a proposal spent in
//! YAML (issue 16). The tests below hold the two readers equal.

use std::borrow::Cow;

use saphyr_parser::{Event, Marker, ScalarStyle, Span};

use crate::swar;

/// The events of a document, each with its span.
pub(super) type Events<'t> = Vec<(Event<'t>, Span)>;

/// Longest front matter read here. The events are collected before the
/// tree is built (a document is read one way or the other, never half of
/// each), about a hundred bytes an event: past this a document goes to
/// saphyr-parser, which the tree builder reads as it goes, so a hostile
/// 10 MiB front matter costs no more memory than before. Real ones are a
/// few kilobytes.
const LONGEST: usize = 256 << 10;

/// The events saphyr-parser gives for `text`, or `None` when `text` is
/// not in the shape read here.
pub(super) fn events(text: &str) -> Option<Events<'_>> {
    if text.len() > LONGEST {
        return None;
    }
    ensure_plain_characters(text)?;
    let mut reader = Reader {
        out: Vec::with_capacity(text.len() / 8),
        stack: Vec::new(),
        pending: None,
        rooted: false,
    };
    let start = Marker::new(0, 1, 0);
    reader.out.push((Event::StreamStart, Span::empty(start)));
    // A CRLF line end is dropped with the line feed, as `str::lines` does
    // (`ensure_plain_characters` lets no other carriage return through).
    for (n, (index, line)) in swar::lines_at(text).enumerate() {
        reader.line(n + 1, index, line)?;
    }
    reader.finish(text)
}

/// Tabs, carriage returns but those of CRLF line ends, control characters
/// and the characters YAML treats specially (a byte-order mark, Unicode
/// line breaks, C1 controls) are left to the full parser. Control bytes
/// are looked for without a branch per byte (`swar::any`); the special
/// characters only where memchr finds one of the bytes they start with.
/// Files saved on Windows end every line with CRLF: 42 of the first 1,000
/// bench proposals, read by the full parser until they were read here.
fn ensure_plain_characters(text: &str) -> Option<()> {
    let bytes = text.as_bytes();
    let control = |b: u8| (b < 0x20 && b != b'\n' && b != b'\r') | (b == 0x7f);
    if swar::any(bytes, control) {
        return None;
    }
    let lone_return = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if memchr::memchr_iter(b'\r', bytes).any(lone_return) {
        return None;
    }
    let special = |i: usize| match bytes[i] {
        // U+0080–U+009F
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        // U+2028, U+2029
        0xe2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)),
        // U+FEFF, U+FFFE, U+FFFF
        _ => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
    };
    let found = !text.is_ascii() && memchr::memchr3_iter(0xc2, 0xe2, 0xef, bytes).any(special);
    (!found).then_some(())
}

/// An open block collection and the column of its keys or dashes.
enum Open {
    Map(usize),
    Seq(usize),
}

/// A key or a `-` with nothing after it on its line: its value is what
/// the next lines nest under it, or empty.
struct Pending {
    /// The column of the key or the dash.
    owner: usize,
    key: bool,
    /// Where the parser places an empty value: at a key's `:`, just
    /// after a `-`.
    empty_at: Marker,
}

struct Reader<'t> {
    out: Events<'t>,
    stack: Vec<Open>,
    pending: Option<Pending>,
    rooted: bool,
}

/// A one-line scalar value: its text, style and the byte offset where the
/// parser places it in what was read (a quoted one at its quote).
struct Scalar<'t> {
    text: &'t str,
    style: ScalarStyle,
    at: usize,
}

impl<'t> Reader<'t> {
    /// Reads line `number` (1-based), which starts at byte `index`.
    fn line(&mut self, number: usize, index: usize, line: &'t str) -> Option<()> {
        let indent = line.bytes().take_while(|&b| b == b' ').count();
        let content = &line[indent..];
        if content.is_empty() || content.starts_with('#') {
            return Some(());
        }
        let at = |column: usize| Marker::new(index + column, number, column);
        let item = content == "-" || content.starts_with("- ");
        if let Some(pending) = self.pending.take() {
            let under = indent > pending.owner || (item && pending.key && indent == pending.owner);
            if !under {
                self.empty(pending.empty_at);
            } else if item {
                // A list at its key's own column is placed at its first
                // item's value, one indented further at its dash.
                let column = if indent == pending.owner {
                    indent + 1 + spaces(&content[1..])
                } else {
                    indent
                };
                if content == "-" {
                    return None;
                }
                self.open(Open::Seq(indent), at(column));
            } else if key_length(content).is_some() {
                self.open(Open::Map(indent), at(indent));
            } else {
                // A value on the line after its key.
                return None;
            }
        }
        self.close_above(indent, item);
        if item {
            self.item(indent, content, at)
        } else {
            self.entry(indent, content, at)
        }
    }

    /// A `key: value` line at `indent`: the mapping open at that column
    /// takes it, or it opens the document's mapping.
    fn entry(
        &mut self,
        indent: usize,
        content: &'t str,
        at: impl Fn(usize) -> Marker,
    ) -> Option<()> {
        match self.stack.last() {
            Some(Open::Map(column)) if *column == indent => {}
            None if !self.rooted && indent == 0 => {
                self.rooted = true;
                let first = Span::empty(at(0));
                self.out.push((Event::DocumentStart(false), first));
                self.open(Open::Map(0), at(0));
            }
            _ => return None,
        }
        self.key_and_value(indent, content, at)
    }

    /// A `- …` line at `indent`: an item of the list open at that column.
    fn item(
        &mut self,
        indent: usize,
        content: &'t str,
        at: impl Fn(usize) -> Marker,
    ) -> Option<()> {
        if !matches!(self.stack.last(), Some(Open::Seq(column)) if *column == indent) {
            return None;
        }
        if content == "-" {
            self.pending = Some(Pending {
                owner: indent,
                key: false,
                empty_at: at(indent + 1),
            });
            return Some(());
        }
        let rest = &content[1..];
        let column = indent + 1 + spaces(rest);
        let value = &content[column - indent..];
        if value.is_empty() || value == "-" || value.starts_with("- ") {
            return None;
        }
        if key_length(value).is_some() {
            self.open(Open::Map(column), at(column));
            return self.key_and_value(column, value, at);
        }
        let scalar = scalar(value)?;
        self.scalar(scalar.text, scalar.style, at(column + scalar.at));
        Some(())
    }

    /// `key:` and its value, if on the line, with the key at `column`.
    fn key_and_value(
        &mut self,
        column: usize,
        content: &'t str,
        at: impl Fn(usize) -> Marker,
    ) -> Option<()> {
        let length = key_length(content)?;
        self.scalar(&content[..length], ScalarStyle::Plain, at(column));
        let after = &content[length + 1..];
        if after.is_empty() {
            self.pending = Some(Pending {
                owner: column,
                key: true,
                empty_at: at(column + length),
            });
            return Some(());
        }
        let gap = spaces(after);
        let start = column + length + 1 + gap;
        let value = &after[gap..];
        if value.starts_with('[') {
            let items = flow_list(value)?;
            let open = at(start);
            let next = Marker::new(open.index() + 1, open.line(), open.col() + 1);
            self.out
                .push((Event::SequenceStart(0, None), Span::new(open, next)));
            for item in items {
                // Columns count characters: an item after `é` is one
                // column nearer than its byte offset.
                let column = open.col() + value[..item.at].chars().count();
                let marker = Marker::new(open.index() + item.at, open.line(), column);
                self.scalar(item.text, item.style, marker);
            }
            self.out.push((Event::SequenceEnd, Span::empty(open)));
            return Some(());
        }
        let scalar = scalar(value)?;
        self.scalar(scalar.text, scalar.style, at(start + scalar.at));
        Some(())
    }

    /// Ends the collections deeper than `indent`, and a list at `indent`
    /// when a key follows it (a list at its key's own column).
    fn close_above(&mut self, indent: usize, item: bool) {
        while let Some(open) = self.stack.last() {
            let close = match open {
                Open::Map(column) => *column > indent,
                Open::Seq(column) => *column > indent || (*column == indent && !item),
            };
            if !close {
                break;
            }
            self.close();
        }
    }

    fn open(&mut self, open: Open, at: Marker) {
        let event = match open {
            Open::Map(_) => Event::MappingStart(0, None),
            Open::Seq(_) => Event::SequenceStart(0, None),
        };
        self.out.push((event, Span::empty(at)));
        self.stack.push(open);
    }

    fn close(&mut self) {
        let event = match self.stack.pop() {
            Some(Open::Map(_)) => Event::MappingEnd,
            Some(Open::Seq(_)) => Event::SequenceEnd,
            None => return,
        };
        // Where a collection ends is not read; the start of the document stands in.
        self.out.push((event, Span::empty(Marker::new(0, 1, 0))));
    }

    fn empty(&mut self, at: Marker) {
        self.scalar("", ScalarStyle::Plain, at);
    }

    fn scalar(&mut self, text: &'t str, style: ScalarStyle, at: Marker) {
        let quotes = if style == ScalarStyle::Plain { 0 } else { 2 };
        let end = Marker::new(
            at.index() + text.len() + quotes,
            at.line(),
            at.col() + text.chars().count() + quotes,
        );
        self.out.push((
            Event::Scalar(Cow::Borrowed(text), style, 0, None),
            Span::new(at, end),
        ));
    }

    fn finish(mut self, text: &str) -> Option<Events<'t>> {
        if !self.rooted {
            return None;
        }
        if let Some(pending) = self.pending.take() {
            self.empty(pending.empty_at);
        }
        while !self.stack.is_empty() {
            self.close();
        }
        let end = Span::empty(Marker::new(text.len(), 1, 0));
        self.out.push((Event::DocumentEnd, end));
        self.out.push((Event::StreamEnd, end));
        Some(self.out)
    }
}

/// Leading spaces of `text`.
fn spaces(text: &str) -> usize {
    text.bytes().take_while(|&b| b == b' ').count()
}

/// The length of the plain key that `content` starts with, when it is
/// one (`unit_cost:` then a space or the end of the line).
fn key_length(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() && bytes[0] != b'_' {
        return None;
    }
    let length = bytes
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .count();
    match bytes.get(length) {
        Some(b':') if matches!(bytes.get(length + 1), None | Some(b' ')) => Some(length),
        _ => None,
    }
}

/// The items of a one-line flow list, `[AI safety, 'Epistemics']`, each
/// plain or quoted with no comma, colon, `#`, bracket or brace in it;
/// `None` for anything else.
fn flow_list(value: &str) -> Option<Vec<Scalar<'_>>> {
    let close = value.find(']')?;
    let inner = &value[1..close];
    if !comment_or_nothing(&value[close + 1..]) || inner.contains(['[', '{', '}', ':', '#', '\\']) {
        return None;
    }
    if inner.is_empty() {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    let mut offset = 1;
    for piece in inner.split(',') {
        let lead = spaces(piece);
        let text = piece[lead..].trim_end_matches(' ');
        let (first, last) = (text.chars().next()?, text.chars().last()?);
        let quote = matches!(first, '"' | '\'');
        let inside = if quote {
            &text[1..text.len() - 1]
        } else {
            text
        };
        let well_formed = if quote {
            text.len() >= 2 && last == first && !inside.contains(['"', '\''])
        } else {
            !is_indicator(first) && !text.contains(['"', '\''])
        };
        if !well_formed {
            return None;
        }
        let style = match first {
            '"' => ScalarStyle::DoubleQuoted,
            '\'' => ScalarStyle::SingleQuoted,
            _ => ScalarStyle::Plain,
        };
        items.push(Scalar {
            text: inside,
            style,
            at: offset + lead,
        });
        offset += piece.len() + 1;
    }
    Some(items)
}

/// Whether what follows a value is nothing, spaces, or spaces and a comment.
fn comment_or_nothing(after: &str) -> bool {
    let rest = after.trim_start_matches(' ');
    rest.is_empty() || (after.starts_with(' ') && rest.starts_with('#'))
}

/// A character that cannot start a plain scalar here.
fn is_indicator(c: char) -> bool {
    "-?:,[]{}#&*!|>%@` '\"".contains(c)
}

/// The scalar `value` (after its key's `: ` or its `- `) holds, with an
/// optional comment after it; `None` for anything else: an empty value
/// with trailing spaces or a comment, escapes, a quote inside quotes,
/// flow collections, anchors, tags, block scalars, `: ` in a plain value.
fn scalar(value: &str) -> Option<Scalar<'_>> {
    let quoted = |quote: char, style| {
        let close = value[1..].find(quote)? + 1;
        let text = &value[1..close];
        let after = &value[close + 1..];
        (comment_or_nothing(after) && !text.contains('\\')).then_some(Scalar { text, style, at: 0 })
    };
    match value.as_bytes().first()? {
        b'"' => quoted('"', ScalarStyle::DoubleQuoted),
        b'\'' => quoted('\'', ScalarStyle::SingleQuoted),
        &b if is_indicator(char::from(b)) => None,
        _ => plain(value).map(|text| Scalar {
            text,
            style: ScalarStyle::Plain,
            at: 0,
        }),
    }
}

/// A plain value up to a comment (` #`), without trailing spaces; `None`
/// when it holds `: `, ends in `:` or holds a bracket or brace. One pass
/// over its bytes: every value of every proposal comes through here.
fn plain(value: &str) -> Option<&str> {
    let bytes = value.as_bytes();
    // Most values hold none of the bytes the loop looks for: a block test
    // says so without a branch per byte.
    if !swar::any(bytes, |b| {
        matches!(b, b'#' | b':' | b'[' | b']' | b'{' | b'}')
    }) {
        return Some(value.trim_end_matches(' '));
    }
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'#' if bytes[i - 1] == b' ' => {
                end = i;
                break;
            }
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return None,
            b'[' | b']' | b'{' | b'}' => return None,
            _ => {}
        }
    }
    let text = value[..end].trim_end_matches(' ');
    (!text.ends_with(':')).then_some(text)
}

#[cfg(test)]
mod tests;
