//! The tree front matter is read into: every key and value with the
//! position it starts at, scalars as their text, and paths into it for
//! placing messages.

/// Where a key or value starts: a 1-based line of the file and a 1-based
/// column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A YAML value and where it starts (for an item of a block list, the
/// position of its `-`).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// What a node holds, with the structure grantctl needs and no parser types.
/// Boxed slices and strings of exact length: a front matter can hold a
/// million values, and every byte per value counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A plain scalar that YAML reads as a number, exactly as written
    /// (`50000`, `1234.5`, `0x10`, `.inf`).
    Number(Box<str>),
    Str(Box<str>),
    Seq(Box<[Node]>),
    /// Keys in document order; a duplicate key is a parse error.
    Map(Box<[Entry]>),
}

/// One `key: value` of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Box<str>,
    pub key_pos: Pos,
    pub value: Node,
}

impl Value {
    /// A short name for messages: "a string", "a list", "a mapping".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(text) if is_radix(text) => "a number not written in decimal",
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// What was written, for messages: the kind, and for a scalar its text
    /// (cut short): "a number `42`", "a string `TBD`", "a list".
    pub fn described(&self) -> String {
        let text = match self {
            Value::Number(text) | Value::Str(text) => &**text,
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
            _ => return self.kind().to_string(),
        };
        format!("{} `{}`", self.kind(), shorten(text))
    }
}

/// Whether a number is written in another base (`0x10`, `-0o17`,
/// `0b101`): an integer YAML reads in another base, not an amount.
pub fn is_radix(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']).as_bytes();
    digits.len() > 2
        && digits[0] == b'0'
        && matches!(digits[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B')
}

/// At most this many characters of a value are quoted in a message.
const QUOTED_CHARS: usize = 40;

/// `text`, cut to `QUOTED_CHARS` characters with `…` where it was cut.
pub fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTED_CHARS) {
        None => text.to_string(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}

impl Node {
    /// The value at a dotted path such as `sections[2].criteria[0].pattern`,
    /// or the nearest ancestor's position when the path goes further than
    /// the tree. Used to place messages about rubrics and settings, whose
    /// keys are known words; proposals carry positions in their model.
    pub fn position_of(&self, path: &str) -> Pos {
        let mut node = self;
        let mut pos = self.pos;
        for step in steps(path) {
            let next = match (step, &node.value) {
                (Step::Key(key), Value::Map(entries)) => entries
                    .iter()
                    .find(|e| &*e.key == key)
                    .map(|e| (e.key_pos, &e.value)),
                (Step::Index(i), Value::Seq(items)) => items.get(i).map(|n| (n.pos, n)),
                _ => None,
            };
            match next {
                Some((at, child)) => {
                    pos = at;
                    node = child;
                }
                None => break,
            }
        }
        pos
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[2].c` → `a`, `b`, 2, `c`.
fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|part| {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        let indices = rest
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse().ok())
            .map(Step::Index);
        (!key.is_empty())
            .then_some(Step::Key(key))
            .into_iter()
            .chain(indices)
    })
}
