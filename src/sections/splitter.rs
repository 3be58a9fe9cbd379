//! The one pass over a body's Markdown events that cuts it into sections.
//!
//! A heading the rubric recognises starts its section at any level, unless
//! it is a bold label inside a scored answer (`**Team capacity risk**` in a
//! premortem). Any other heading ends the open section when it is at the
//! same or a higher level, or when it is a form's question or a capitals
//! label after a section a bold question opened, unless the rubric says it
//! continues that section's answer (`### Potential causes of failure` after
//! the premortem question). Headings kept inside are blocks of their own.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::block::{Block, BlockKind, CELL, LineIndex, Link, Outline, Section};
use super::headings::{self, MAX_HEADING, Style, UNMARKED_LEVEL};

/// Most paragraphs and list items (and, apart, links) one section keeps.
/// Every criterion saturates long before; a body of millions of one-letter
/// items must not cost a gigabyte to score.
pub const MAX_BLOCKS: usize = 10_000;

/// Most bytes of text one paragraph, item or heading keeps.
pub const MAX_TEXT: usize = 64 * 1024;

/// Most headings no rubric recognises that are kept, for "did you mean".
const MAX_OTHER_HEADINGS: usize = 256;
/// Fewest bytes a block's text is first given.
const BLOCK_START: usize = 128;
/// Most bytes a block's text is first given, whatever its Markdown's
/// length: a list item's Markdown holds the items nested in it, which are
/// blocks of their own.
const BLOCK_ROOM: usize = 1024;

/// A top-level paragraph being read, in case it is a heading.
struct Para {
    /// Byte offset of its start; its line is looked up only if it is a
    /// heading.
    offset: usize,
    text: String,
    lead: usize,
    lead_open: bool,
    /// Its block in the open section, when that section keeps text.
    block: Option<usize>,
    too_long: bool,
}

impl Para {
    fn new(offset: usize, block: Option<usize>) -> Self {
        Para {
            offset,
            // Room for all it keeps: grown a push at a time, it was copied
            // four or five times in most paragraphs.
            text: String::with_capacity(MAX_HEADING),
            lead: 0,
            lead_open: false,
            block,
            too_long: false,
        }
    }
}

/// The line of a top-level paragraph being read: a form's question pasted
/// with its answer and no blank line between is found here.
#[derive(Default)]
struct Line {
    /// Body offset of its first text, and where it starts in the open
    /// block's text.
    offset: Option<usize>,
    at: usize,
    text: String,
    /// Lines of the paragraph before this one.
    after: bool,
}

/// What the split knows between events.
pub(super) struct Splitter<'a> {
    pub(super) lines: LineIndex,
    pub(super) outline: &'a dyn Outline,
    pub(super) sections: Vec<Section>,
    list_depth: usize,
    /// The heading being read: level, line and text so far.
    heading: Option<(u8, u32, String)>,
    collecting: bool,
    /// The section text goes to, and the level and style of its heading.
    current: usize,
    open_level: u8,
    open_style: Style,
    para: Option<Para>,
    /// Bold text opens the last block and is still open.
    lead_open: bool,
    /// A line break was read; the next text records its line.
    broken: bool,
    /// A list has started and its first item is not read yet.
    list_opened: bool,
    line: Option<Line>,
    /// Items of the open top-level list, and whether one holds a list.
    items: usize,
    nested: bool,
    others: usize,
    /// Bytes of Markdown the block being opened spans: its text is at
    /// most that long, so it is given that room once rather than grown.
    room: usize,
}

impl<'a> Splitter<'a> {
    pub(super) fn new(body: &str, body_line: u32, outline: &'a dyn Outline) -> Self {
        Splitter {
            lines: LineIndex::new(body, body_line),
            outline,
            sections: vec![Section {
                heading: String::new(),
                level: 0,
                line: body_line,
                key: None,
                blocks: Vec::new(),
                links: Vec::new(),
            }],
            list_depth: 0,
            heading: None,
            collecting: false,
            current: 0,
            open_level: 0,
            open_style: Style::Marked,
            para: None,
            lead_open: false,
            broken: false,
            list_opened: false,
            line: None,
            items: 0,
            nested: false,
            others: 0,
            room: 0,
        }
    }

    /// Whether the open section still keeps text.
    pub(super) fn wants_more(&self) -> bool {
        self.collecting && self.sections[self.current].blocks.len() < MAX_BLOCKS
    }

    fn full(&self) -> bool {
        self.sections[self.current].blocks.len() >= MAX_BLOCKS
    }

    /// Starts a block in the open section, if it keeps text.
    fn open_block(&mut self, kind: BlockKind, offset: usize) -> Option<usize> {
        if !self.collecting || self.full() {
            return None;
        }
        let line = self.lines.line_of(offset);
        let blocks = &mut self.sections[self.current].blocks;
        blocks.push(Block::new(kind, "", line));
        self.lead_open = false;
        self.broken = false;
        Some(blocks.len() - 1)
    }

    /// Takes one event that spans bytes `span` of the body.
    pub(super) fn take(&mut self, event: Event<'_>, span: std::ops::Range<usize>) {
        let offset = span.start;
        if let Event::Start(
            Tag::Paragraph | Tag::Item | Tag::CodeBlock(_) | Tag::TableHead | Tag::TableRow,
        ) = &event
        {
            self.room = span.len();
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let line = self.lines.line_of(offset);
                self.heading = Some((level_number(level), line, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, text)) = self.heading.take() {
                    self.close_heading(level, line, text.trim(), Style::Marked);
                }
            }
            Event::Start(Tag::List(_)) => self.open_list(),
            Event::End(TagEnd::List(_)) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 {
                    self.close_list();
                }
            }
            Event::Start(Tag::Item) => self.open_item(offset),
            Event::Start(Tag::Paragraph) if self.list_depth == 0 => {
                let block = self.open_block(BlockKind::Paragraph, offset);
                self.para = Some(Para::new(offset, block));
                self.line = Some(Line {
                    text: String::with_capacity(MAX_HEADING),
                    ..Line::default()
                });
            }
            Event::End(TagEnd::Paragraph) if self.list_depth == 0 => self.close_paragraph(),
            Event::Start(Tag::CodeBlock(_)) if self.list_depth == 0 => {
                self.open_block(BlockKind::Paragraph, offset);
            }
            Event::Start(Tag::TableHead) => {
                self.open_block(BlockKind::Row { header: true }, offset);
            }
            Event::Start(Tag::TableRow) => {
                self.open_block(BlockKind::Row { header: false }, offset);
            }
            Event::Start(Tag::TableCell) => self.push_text(CELL, offset, false),
            Event::Start(Tag::Strong) => self.open_lead(),
            Event::End(TagEnd::Strong) => self.close_lead(),
            Event::Start(Tag::Link { dest_url, .. }) => self.add_link(&dest_url, offset),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading_text)) = &mut self.heading {
                    if heading_text.len() < MAX_TEXT {
                        heading_text.push_str(&text);
                    }
                } else {
                    self.push_text(&text, offset, true);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.heading.is_none() => {
                self.line_break(offset)
            }
            _ => {}
        }
    }

    fn open_list(&mut self) {
        self.list_depth += 1;
        self.list_opened = true;
        if self.list_depth == 1 {
            self.items = 0;
            self.nested = false;
        } else {
            self.nested = true;
        }
    }

    fn open_item(&mut self, offset: usize) {
        let depth = self.list_depth.saturating_sub(1);
        let first = std::mem::take(&mut self.list_opened);
        let at = self.open_block(BlockKind::Item { depth }, offset);
        if let Some(at) = at {
            self.sections[self.current].blocks[at].first = first;
        }
        if depth == 0 {
            self.items += 1;
            // The only item of a list may be a numbered heading: `3) Track record`.
            self.para = (self.items == 1).then(|| Para::new(offset, at));
        }
    }

    /// Appends `text` to the paragraph being read and to the open block;
    /// a cell separator only between cells.
    fn push_text(&mut self, text: &str, offset: usize, is_text: bool) {
        if is_text && let Some(line) = &mut self.line {
            if line.offset.is_none() {
                line.offset = Some(offset);
                line.at = self.sections[self.current]
                    .blocks
                    .last()
                    .map_or(0, |b| b.text.len());
            }
            if line.text.len() + text.len() <= MAX_HEADING {
                line.text.push_str(text);
            } else {
                line.text.clear();
                line.text.push('.');
            }
        }
        if let Some(para) = &mut self.para
            && !para.too_long
        {
            para.too_long = para.text.len() + text.len() > MAX_HEADING;
            if !para.too_long {
                para.text.push_str(text);
            }
        }
        if !self.collecting {
            return;
        }
        // The first text after a line break records where its line starts.
        let line =
            (is_text && std::mem::take(&mut self.broken)).then(|| self.lines.line_of(offset));
        let Some(block) = self.sections[self.current].blocks.last_mut() else {
            return;
        };
        if block.text.len() >= MAX_TEXT || (!is_text && block.text.is_empty()) {
            return;
        }
        if let Some(line) = line {
            block.breaks.push((block.text.len() as u32, line));
        }
        if block.text.capacity() == 0 {
            // Most blocks hold a few hundred bytes: grown from empty, a
            // paragraph's text was reallocated five or six times.
            let room = self.room.clamp(BLOCK_START, BLOCK_ROOM);
            block.text.reserve(room.max(text.len()));
        }
        block.text.push_str(text);
    }

    fn open_lead(&mut self) {
        if let Some(para) = &mut self.para
            && para.text.trim().is_empty()
        {
            para.lead_open = true;
        }
        let open = self.collecting
            && self.sections[self.current]
                .blocks
                .last()
                .is_some_and(|b| b.text.trim().is_empty());
        self.lead_open = open;
    }

    fn close_lead(&mut self) {
        if let Some(para) = &mut self.para
            && std::mem::take(&mut para.lead_open)
        {
            para.lead = para.text.len();
        }
        if std::mem::take(&mut self.lead_open)
            && let Some(block) = self.sections[self.current].blocks.last_mut()
        {
            block.lead = block.text.len();
        }
    }

    fn add_link(&mut self, url: &str, offset: usize) {
        if !self.collecting {
            return;
        }
        let line = self.lines.line_of(offset);
        let section = &mut self.sections[self.current];
        if section.links.len() >= MAX_BLOCKS {
            return;
        }
        let block = section.blocks.len().checked_sub(1);
        let at = section.blocks.last().map_or(0, |b| b.text.len());
        section.links.push(Link {
            url: url.to_string(),
            line,
            block,
            offset: at,
        });
    }

    /// A line break: a space in the text, unless the line was a question
    /// that now heads what follows.
    fn line_break(&mut self, offset: usize) {
        if !self.split_at_question(offset) {
            self.push_text(" ", offset, false);
            self.broken = true;
        }
    }

    /// A line break in a top-level paragraph: a line that is a question the
    /// rubric knows heads what follows ("Who is on your team…?" pasted
    /// above its answer with no blank line). Returns whether it did.
    fn split_at_question(&mut self, offset: usize) -> bool {
        let Some(mut line) = self.line.take() else {
            return false;
        };
        let known = self.is_known_question(&line.text);
        if known {
            self.cut_line(&line);
            let text = line.text.trim().to_string();
            self.unmarked_heading(line.offset.unwrap_or(offset), &text, Style::Question);
            // The rest of the paragraph is the answer's first paragraph.
            let block = self.open_block(BlockKind::Paragraph, offset + 1);
            self.para = Some(Para::new(offset + 1, block));
        }
        // The buffer is reused: a paragraph may have millions of lines.
        line.text.clear();
        line.offset = None;
        line.after = !known;
        self.line = Some(line);
        known
    }

    /// Whether `text` is a question on a line of its own that the rubric
    /// knows, so a heading.
    fn is_known_question(&self, text: &str) -> bool {
        headings::is_plain_question(text)
            && self.outline.classify(headings::normalise(text)).is_some()
    }

    /// A heading that was a paragraph or a line, starting at body `offset`.
    fn unmarked_heading(&mut self, offset: usize, text: &str, style: Style) {
        let line = self.lines.line_of(offset);
        self.close_heading(UNMARKED_LEVEL, line, text, style);
    }

    /// Drops the open section's last block and its links.
    fn drop_last_block(&mut self) {
        let section = &mut self.sections[self.current];
        let at = section.blocks.len().checked_sub(1);
        section.blocks.pop();
        section.links.retain(|l| l.block != at);
    }

    /// Takes a question's line out of the open block, and the block itself
    /// if nothing is left.
    fn cut_line(&mut self, line: &Line) {
        if !self.collecting {
            return;
        }
        let Some(block) = self.sections[self.current].blocks.last_mut() else {
            return;
        };
        block.text.truncate(line.at.min(block.text.len()));
        let kept = block.text.trim_end().len();
        block.text.truncate(kept);
        block.breaks.retain(|(b, _)| (*b as usize) < kept);
        if kept == 0 {
            self.drop_last_block();
        }
    }

    /// A top-level paragraph ends: if it reads as a heading, it is one.
    fn close_paragraph(&mut self) {
        // A question on the paragraph's last line, after text: it heads
        // what follows the paragraph.
        if let Some(line) = self.line.take()
            && line.after
            && self.is_known_question(&line.text)
        {
            self.para = None;
            self.cut_line(&line);
            let text = line.text.trim().to_string();
            self.unmarked_heading(line.offset.unwrap_or(0), &text, Style::Question);
            return;
        }
        let Some(para) = self.para.take() else {
            return;
        };
        if para.too_long {
            return;
        }
        let Some(style) = headings::unmarked(&para.text, para.lead) else {
            // A form's question pasted as a plain line is a heading when the
            // rubric knows it: "Who is on your team…?"
            if self.is_known_question(&para.text) {
                self.unmark(para.block);
                let text = para.text.trim().to_string();
                self.unmarked_heading(para.offset, &text, Style::Question);
            }
            return;
        };
        self.unmark(para.block);
        let text = para.text.trim().trim_end_matches(':').trim().to_string();
        self.unmarked_heading(para.offset, &text, style);
    }

    /// Takes back the block a paragraph that is a heading was read into.
    fn unmark(&mut self, block: Option<usize>) {
        if block.is_some_and(|at| at + 1 == self.sections[self.current].blocks.len()) {
            self.drop_last_block();
        }
    }

    /// A top-level list ends: a list of one short item the rubric knows
    /// (`3) Track record`) is a numbered heading.
    fn close_list(&mut self) {
        let Some(para) = self.para.take() else {
            return;
        };
        let text = para.text.trim().trim_end_matches(':').trim();
        let short = text.split_whitespace().count() <= 8 && !text.ends_with('.');
        if self.items != 1 || self.nested || para.too_long || !short {
            return;
        }
        let Some(key) = self.outline.classify(headings::normalise(text)) else {
            return;
        };
        if self.sections[self.current].key.as_deref() == Some(key.as_str()) {
            return;
        }
        self.unmark(para.block);
        let text = text.to_string();
        self.unmarked_heading(para.offset, &text, Style::Question);
    }

    /// A heading starts a section, or is kept inside the open one.
    fn close_heading(&mut self, level: u8, line: u32, text: &str, style: Style) {
        let bare = headings::normalise(text);
        let key = self.outline.classify(bare);
        if self.stays_inside(key.as_deref(), level, bare, style) {
            if let Some(at) = self.open_block(BlockKind::Heading { level }, 0) {
                let block = &mut self.sections[self.current].blocks[at];
                block.line = line;
                block.text = text.chars().take(MAX_TEXT).collect();
            }
            return;
        }
        self.open_level = level;
        self.open_style = style;
        let Some(key) = key else {
            self.collecting = false;
            self.current = 0;
            if self.others < MAX_OTHER_HEADINGS {
                self.others += 1;
                self.sections.push(section(text, level, line, None));
            }
            return;
        };
        self.collecting = self.outline.wanted(&key);
        let existing = self
            .sections
            .iter()
            .position(|s| s.key.as_ref() == Some(&key));
        self.current = existing.unwrap_or_else(|| {
            self.sections.push(section(text, level, line, Some(key)));
            self.sections.len() - 1
        });
    }

    /// Whether a heading with `key` belongs to the open section's answer.
    fn stays_inside(&self, key: Option<&str>, level: u8, bare: &str, style: Style) -> bool {
        let Some(open) = self.sections[self.current].key.as_deref() else {
            return false;
        };
        match key {
            Some(key) if key == open => true,
            Some(_) => style == Style::Label && self.collecting,
            None => match style {
                Style::Label => true,
                Style::Marked => {
                    (self.open_style == Style::Marked && level > self.open_level)
                        || self.outline.continues(open, bare)
                }
                Style::Question | Style::Capitals => {
                    self.open_style == Style::Marked || self.outline.continues(open, bare)
                }
            },
        }
    }
}

fn section(text: &str, level: u8, line: u32, key: Option<String>) -> Section {
    let cut = (0..=text.len().min(MAX_TEXT))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    Section {
        heading: text[..cut].to_string(),
        level,
        line,
        key,
        blocks: Vec::new(),
        links: Vec::new(),
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
