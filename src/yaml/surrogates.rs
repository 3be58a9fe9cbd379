//! JSON front matter writes a character beyond U+FFFF as a UTF-16 surrogate
//! pair (`"\ud83d\ude00"`); YAML's `\u` escape takes one code point, so a
//! YAML parser refuses the pair. Since YAML 1.2 is meant to read JSON, a
//! pair inside a double-quoted string is rewritten to the `\U0001F600`
//! escape that means the same character, and the text parsed again.
//!
//! Which strings are double-quoted is found by a small scan, then confirmed
//! by the parser itself: if a rewrite landed anywhere but inside a
//! double-quoted scalar, the rewrite is dropped and the original error
//! stands. So a pair is read exactly as JSON means it, or refused; never
//! changed in a string where it is literal text.

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::error::YamlError;
use super::node::{Node, Value};

/// Whether `err` is the parser refusing an escape a rewrite could fix.
pub(super) fn may_help(err: &YamlError) -> bool {
    err.message
        .contains("invalid Unicode character escape code")
}

/// A text with surrogate pairs rewritten, and where each rewrite stands.
pub(super) struct Rewritten {
    pub(super) text: String,
    /// (char index, file line, 1-based column) of each rewrite, in the
    /// rewritten text; each is two characters shorter than what it replaced.
    places: Vec<(usize, u32, u32)>,
}

/// Rewrites each surrogate pair that seems to stand in a double-quoted
/// scalar; `None` when there is none.
pub(super) fn rewrite(text: &str, offset: u32) -> Option<Rewritten> {
    let mut scan = Scan {
        out: String::with_capacity(text.len()),
        places: Vec::new(),
        index: 0,
        line: offset + 1,
        column: 1,
    };
    let mut state = State::Plain;
    let mut last_significant: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mut width = c.len_utf8();
        match state {
            State::Plain => match c {
                '#' if scan.column == 1 || scan.out.ends_with([' ', '\t']) => {
                    state = State::Comment
                }
                '"' if opens_scalar(last_significant) => state = State::Double,
                '\'' if opens_scalar(last_significant) => state = State::Single,
                _ => {}
            },
            State::Comment => {}
            State::Single => {
                if c == '\'' && !rest[1..].starts_with('\'') {
                    state = State::Plain;
                } else if c == '\'' {
                    width = 2;
                }
            }
            State::Double => match c {
                '"' => state = State::Plain,
                '\\' => match pair(&rest[1..]) {
                    Some(ch) => {
                        scan.replace(ch);
                        rest = &rest[12..];
                        continue;
                    }
                    None => width += rest[1..].chars().next().map_or(0, char::len_utf8),
                },
                _ => {}
            },
        }
        let (taken, after) = rest.split_at(width);
        scan.push(taken);
        if c == '\n' {
            last_significant = None;
            if state == State::Comment {
                state = State::Plain;
            }
        } else if !matches!(c, ' ' | '\t') && state != State::Comment {
            last_significant = Some(taken.chars().last().unwrap_or(c));
        }
        rest = after;
    }
    (!scan.places.is_empty()).then_some(Rewritten {
        text: scan.out,
        places: scan.places,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Plain,
    Comment,
    Single,
    Double,
}

/// A quote opens a quoted scalar at the start of a line or after one of
/// the indicators that can precede a value.
fn opens_scalar(last: Option<char>) -> bool {
    matches!(last, None | Some(':' | '-' | ',' | '[' | '{' | '?'))
}

/// The character a `uD8xx\uDCxx` pair (after its first backslash) encodes.
fn pair(after_backslash: &str) -> Option<char> {
    let bytes = after_backslash.as_bytes();
    if bytes.len() < 11 || bytes[0] != b'u' || bytes[5] != b'\\' || bytes[6] != b'u' {
        return None;
    }
    let hex = |range: std::ops::Range<usize>| {
        let digits = after_backslash.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
            .then(|| u32::from_str_radix(digits, 16).ok())?
    };
    let (high, low) = (hex(1..5)?, hex(7..11)?);
    if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

struct Scan {
    out: String,
    places: Vec<(usize, u32, u32)>,
    /// Characters written so far, and the position after them.
    index: usize,
    line: u32,
    column: u32,
}

impl Scan {
    fn push(&mut self, taken: &str) {
        self.out.push_str(taken);
        for c in taken.chars() {
            self.index += 1;
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
    }

    /// Writes the `\U` escape for `ch` in place of a 12-character pair.
    fn replace(&mut self, ch: char) {
        self.places.push((self.index, self.line, self.column));
        let escape = format!("\\U{:08X}", ch as u32);
        self.push(&escape);
    }
}

impl Rewritten {
    /// An error found in the rewritten text, at its place in the original.
    pub(super) fn place(&self, mut err: YamlError) -> YamlError {
        err.column = self.original_column(err.line, err.column);
        err
    }

    /// Whether every rewrite stood inside a double-quoted scalar, as the
    /// parser reads the rewritten text; if so, moves every position in
    /// `node` back to its column in the original text.
    pub(super) fn confirm(&self, node: &mut Node) -> bool {
        if !self.inside_double_quotes() {
            return false;
        }
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            node.pos.column = self.original_column(node.pos.line, node.pos.column);
            match &mut node.value {
                Value::Seq(items) => stack.extend(items.iter_mut()),
                Value::Map(entries) => {
                    for entry in entries {
                        let pos = &mut entry.key_pos;
                        pos.column = self.original_column(pos.line, pos.column);
                        stack.push(&mut entry.value);
                    }
                }
                _ => {}
            }
        }
        true
    }

    fn original_column(&self, line: u32, column: u32) -> u32 {
        let before = self
            .places
            .iter()
            .filter(|&&(_, l, c)| l == line && c < column)
            .count() as u32;
        column + 2 * before
    }

    fn inside_double_quotes(&self) -> bool {
        let mut spans = Vec::new();
        for next in Parser::new_from_str(&self.text) {
            match next {
                Ok((Event::Scalar(_, ScalarStyle::DoubleQuoted, ..), span)) => {
                    spans.push((span.start.index(), span.end.index()));
                }
                Ok(_) => {}
                Err(_) => return false,
            }
        }
        self.places.iter().all(|&(index, ..)| {
            spans
                .iter()
                .any(|&(start, end)| start < index && index < end)
        })
    }
}
