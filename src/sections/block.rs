//! What the splitter hands the rubric: sections of blocks, each block with
//! the file line of every line it spans, so evidence can point at the line
//! where its words stand rather than where its paragraph starts.

/// A paragraph, list item, kept sub-heading or table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// File line the block starts on.
    pub line: u32,
    /// Byte length of the bold text the block opens with (`**Risk:** …`),
    /// 0 when it opens with none: labels are read from it.
    pub lead: usize,
    /// Where each later line of the block starts: (byte offset in `text`,
    /// file line).
    pub breaks: Vec<(u32, u32)>,
    /// The first item of a list: a list introduced by one paragraph ends
    /// where the next list starts.
    pub first: bool,
}

impl Block {
    pub fn new(kind: BlockKind, text: &str, line: u32) -> Self {
        Block {
            kind,
            text: text.to_string(),
            line,
            lead: 0,
            breaks: Vec::new(),
            first: false,
        }
    }

    /// The file line of byte `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let after = self.breaks.partition_point(|(at, _)| *at <= offset);
        after.checked_sub(1).map_or(self.line, |i| self.breaks[i].1)
    }

    /// The bold text the block opens with, if any.
    pub fn lead_text(&self) -> Option<&str> {
        (self.lead > 0)
            .then(|| self.text.get(..self.lead))
            .flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A list item; depth 0 is a top-level item.
    Item {
        depth: usize,
    },
    /// A heading kept inside the section it belongs to (`### Risk 1: …`,
    /// a bold label), with its level (7 for a bold or capitals line).
    Heading {
        level: u8,
    },
    /// A table row, its cells joined by `CELL`; `header` for the first.
    Row {
        header: bool,
    },
}

/// What joins a table row's cells in its block's text.
pub const CELL: &str = " | ";

/// A link target, the line it is on, and where it stands: the block it is
/// in (an index into its section's blocks) and the byte offset there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub line: u32,
    pub block: Option<usize>,
    pub offset: usize,
}

impl Link {
    pub fn new(url: &str, line: u32) -> Self {
        Link {
            url: url.to_string(),
            line,
            block: None,
            offset: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading text; empty for what comes before the first heading.
    pub heading: String,
    pub level: u8,
    /// File line of the heading.
    pub line: u32,
    /// The rubric's section key this heading matched, if any.
    pub key: Option<String>,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
}

/// What a rubric tells the splitter about headings.
pub trait Outline {
    /// The section key a heading (numbering already stripped) belongs to.
    fn classify(&self, heading: &str) -> Option<String>;
    /// Whether a keyed section's text is needed.
    fn wanted(&self, key: &str) -> bool;
    /// Whether a heading that would end section `key` is a sub-heading of
    /// its answer instead (`### Potential causes of failure`).
    fn continues(&self, key: &str, heading: &str) -> bool;
}

/// Byte offset → file line, over line starts (four bytes a line: a 10 MiB
/// body can have millions).
pub(super) struct LineIndex {
    starts: Vec<u32>,
    first: u32,
    /// The line index of the last offset asked for. The splitter asks in
    /// reading order, each time a line or two further on: looked up from
    /// here, a line costs a step or two, not a binary search over every
    /// line (22 steps for a paragraph of five million one-letter lines).
    last: std::cell::Cell<usize>,
}

impl LineIndex {
    pub(super) fn new(text: &str, first: u32) -> Self {
        let mut starts = vec![0];
        let at = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
        starts.extend(crate::swar::breaks(text.as_bytes()).map(at));
        LineIndex {
            starts,
            first,
            last: Default::default(),
        }
    }

    pub(super) fn line_of(&self, offset: usize) -> u32 {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let before = |&s: &u32| s <= offset;
        // How many lines start at or before `offset`: looked for a few
        // lines on from the last answer when it is on or after that line.
        let last = self.last.get();
        let starts = match self.starts.get(last..) {
            Some(ahead) if ahead.first().is_some_and(before) => {
                let near = ahead.iter().take(4).position(|s| !before(s));
                last + near.unwrap_or_else(|| ahead.partition_point(before))
            }
            _ => self.starts.partition_point(before),
        };
        let index = starts.saturating_sub(1);
        self.last.set(index);
        self.first + index as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever order offsets are asked in, each gets the line a binary
        /// search over every line start gives.
        #[test]
        fn line_of_agrees_with_a_search_of_every_line(
            text in "[a\\n]{0,60}",
            asked in proptest::collection::vec(0usize..70, 0..40),
        ) {
            let index = LineIndex::new(&text, 7);
            for offset in asked {
                let starts = index.starts.partition_point(|&s| s as usize <= offset);
                let expected = 7 + starts.saturating_sub(1) as u32;
                proptest::prop_assert_eq!(index.line_of(offset), expected, "offset {}", offset);
            }
        }
    }
}
