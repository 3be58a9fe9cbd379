//! The body's sections: headings divide it, and each section keeps its
//! paragraphs and list items (with depth and line) for the rubric to read.
//!
//! A heading that a rubric recognises always starts a new section, whatever
//! its level, so `### What other funding…` under the premortem is not scored
//! as premortem. Any other heading starts a section only at the same or a
//! higher level than the open one; a deeper one stays inside it as text.
//!
//! Headings with the same key make one section (the rubric scores them
//! together), and a section no rubric recognises keeps nothing: memory is
//! bounded by the rubric's keys, not by how many headings a body has.

mod chunks;

use pulldown_cmark::{BrokenLink, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A paragraph or a list item, with the file line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A list item; depth 0 is a top-level item.
    Item {
        depth: usize,
    },
}

/// A link target and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub line: u32,
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

/// Splits `body` (starting on file line `body_line`) into sections; `classify`
/// names the rubric section a heading belongs to, if any, and `wanted` says
/// whether a keyed section's text is needed. Unwanted sections keep their
/// heading but no blocks or links: copying text nobody scores is most of the
/// cost of this pass on a long proposal.
pub fn split_sections(
    body: &str,
    body_line: u32,
    classify: &dyn Fn(&str) -> Option<String>,
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<Section> {
    split_in_pieces(body, body_line, classify, wanted, chunks::CHUNK)
}

/// `split_sections`, reading a body longer than `piece` bytes in pieces.
fn split_in_pieces(
    body: &str,
    body_line: u32,
    classify: &dyn Fn(&str) -> Option<String>,
    wanted: &dyn Fn(&str) -> bool,
    piece: usize,
) -> Vec<Section> {
    let mut splitter = Splitter {
        lines: LineIndex::new(body, body_line),
        classify,
        wanted,
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
    };
    let pieces = chunks::chunks(body, piece);
    if let [whole] = &pieces[..] {
        for (event, range) in
            Parser::new_ext(&body[whole.clone()], Options::empty()).into_offset_iter()
        {
            splitter.take(event, range.start);
        }
        return splitter.sections;
    }
    let definitions = chunks::definitions(body);
    for piece in pieces {
        // A piece with no heading cannot open a section; if the open one
        // keeps nothing more, reading it would change nothing.
        let text = &body[piece.clone()];
        if !splitter.wants_more() && !chunks::may_hold_heading(text) {
            continue;
        }
        let resolve = |link: BrokenLink<'_>| {
            let url = definitions.get(&chunks::normalise(&link.reference))?;
            Some((CowStr::from(url.clone()), CowStr::from("")))
        };
        let parser = Parser::new_with_broken_link_callback(text, Options::empty(), Some(resolve));
        for (event, range) in parser.into_offset_iter() {
            splitter.take(event, piece.start + range.start);
        }
    }
    splitter.sections
}

/// Most paragraphs and list items (and, apart, links) one section keeps.
/// Every criterion saturates long before; a body of millions of one-letter
/// items must not cost a gigabyte to score.
pub const MAX_BLOCKS: usize = 10_000;

/// Most bytes of text one paragraph, item or heading keeps.
pub const MAX_TEXT: usize = 64 * 1024;

/// What `split_sections` knows between events.
struct Splitter<'a> {
    lines: LineIndex,
    classify: &'a dyn Fn(&str) -> Option<String>,
    wanted: &'a dyn Fn(&str) -> bool,
    sections: Vec<Section>,
    list_depth: usize,
    /// The heading being read: level, line and text so far.
    heading: Option<(u8, u32, String)>,
    collecting: bool,
    /// The section text goes to, and the level of the open heading.
    current: usize,
    open_level: u8,
}

impl Splitter<'_> {
    /// Whether the open section still keeps text.
    fn wants_more(&self) -> bool {
        let section = &self.sections[self.current];
        self.collecting && section.blocks.len() < MAX_BLOCKS
    }

    /// Takes one event that starts at byte `offset` of the body.
    fn take(&mut self, event: Event<'_>, offset: usize) {
        // Looked up only for events that keep it: most events do not.
        let lines = &self.lines;
        let line = || lines.line_of(offset);
        let section = &mut self.sections[self.current];
        let full = section.blocks.len() >= MAX_BLOCKS;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level_number(level), line(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, text)) = self.heading.take() {
                    self.close_heading(level, line, text.trim().to_string());
                }
            }
            Event::Start(Tag::List(_)) => self.list_depth += 1,
            Event::End(TagEnd::List(_)) => self.list_depth = self.list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if self.collecting && !full => {
                section.blocks.push(Block {
                    kind: BlockKind::Item {
                        depth: self.list_depth.saturating_sub(1),
                    },
                    text: String::new(),
                    line: line(),
                });
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_))
                if self.collecting && !full && self.list_depth == 0 =>
            {
                section.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: String::new(),
                    line: line(),
                });
            }
            Event::Start(Tag::Link { dest_url, .. })
                if self.collecting && section.links.len() < MAX_BLOCKS =>
            {
                section.links.push(Link {
                    url: dest_url.to_string(),
                    line: line(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading_text)) = &mut self.heading {
                    if heading_text.len() < MAX_TEXT {
                        heading_text.push_str(&text);
                    }
                } else if self.collecting
                    && let Some(block) = section.blocks.last_mut()
                    && block.text.len() < MAX_TEXT
                {
                    block.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.collecting => {
                if let Some(block) = section.blocks.last_mut()
                    && block.text.len() < MAX_TEXT
                {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }

    /// A heading starts a section (a known one, or one at the open level
    /// or above), or is text of the open one.
    fn close_heading(&mut self, level: u8, line: u32, text: String) {
        let key = (self.classify)(&text);
        if key.is_some() || level <= self.open_level || self.open_level == 0 {
            self.open_level = level;
            self.collecting = key.as_deref().is_some_and(self.wanted);
            self.current = match key {
                None => 0,
                Some(key) => match self
                    .sections
                    .iter()
                    .position(|s| s.key.as_ref() == Some(&key))
                {
                    Some(at) => at,
                    None => {
                        self.sections.push(Section {
                            heading: text,
                            level,
                            line,
                            key: Some(key),
                            blocks: Vec::new(),
                            links: Vec::new(),
                        });
                        self.sections.len() - 1
                    }
                },
            };
        } else if self.collecting {
            self.sections[self.current].blocks.push(Block {
                kind: BlockKind::Paragraph,
                text,
                line,
            });
        }
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

/// Byte offset → file line, by binary search over line starts (four bytes
/// a line: a 10 MiB body can have millions).
struct LineIndex {
    starts: Vec<u32>,
    first: u32,
}

impl LineIndex {
    fn new(text: &str, first: u32) -> Self {
        let mut starts = vec![0];
        let at = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
        starts.extend(text.match_indices('\n').map(|(i, _)| at(i)));
        LineIndex { starts, first }
    }

    fn line_of(&self, offset: usize) -> u32 {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let index = self.starts.partition_point(|&s| s <= offset);
        self.first + index.saturating_sub(1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(heading: &str) -> Option<String> {
        let h = heading.to_lowercase();
        if h.contains("premortem") {
            Some("premortem".into())
        } else if h.contains("summary") {
            Some("summary".into())
        } else if h.contains("other funding") {
            Some("other_funding".into())
        } else {
            None
        }
    }

    const BODY: &str = "\
Intro text.

Project summary
---------------

Some [link](https://example.org) text.

## Premortem

- Cause one
    - Outcome: bad
- Cause two

#### A detail

More text.

### What other funding are you getting?

None.
";

    #[test]
    fn a_body_read_in_pieces_gives_what_it_gives_read_whole() {
        let unit = "## Premortem\n\n- Cause [one][ref]\n  - Outcome: bad\n\n```\ncode\n\n## Not a heading\n```\n\n<!--\n\n## Hidden\n\n-->\n\n### What other funding\n\nNone, see <https://x.org>.\n\nProject summary\n---------------\n\nText.\n\n";
        let body = format!("{}[ref]: https://example.org/ref\n", unit.repeat(40));
        let whole = split_in_pieces(&body, 3, &classify, &|_| true, usize::MAX);
        for piece in [64, 200, 1000] {
            let pieces = split_in_pieces(&body, 3, &classify, &|_| true, piece);
            assert_eq!(pieces, whole, "pieces of {piece}");
        }
        let premortem = whole
            .iter()
            .find(|s| s.key.as_deref() == Some("premortem"))
            .unwrap();
        assert_eq!(premortem.links.len(), 40);
        assert!(premortem.blocks.iter().all(|b| !b.text.contains("Hidden")));
    }

    #[test]
    fn keeps_no_text_for_sections_nobody_scores() {
        let sections = split_sections(BODY, 10, &classify, &|key| key == "premortem");
        let summary = &sections[1];
        assert_eq!(summary.heading, "Project summary");
        assert!(summary.blocks.is_empty() && summary.links.is_empty());
        assert_eq!(sections[2].blocks.len(), 5);
    }

    #[test]
    fn splits_at_headings_keeping_blocks_and_lines() {
        let sections = split_sections(BODY, 10, &classify, &|_| true);
        let heads: Vec<(&str, u8, u32, Option<&str>)> = sections
            .iter()
            .map(|s| (s.heading.as_str(), s.level, s.line, s.key.as_deref()))
            .collect();
        assert_eq!(
            heads,
            [
                ("", 0, 10, None),
                ("Project summary", 2, 12, Some("summary")),
                ("Premortem", 2, 17, Some("premortem")),
                (
                    "What other funding are you getting?",
                    3,
                    27,
                    Some("other_funding")
                ),
            ]
        );
        assert_eq!(
            sections[1].links,
            [Link {
                url: "https://example.org".into(),
                line: 15
            }]
        );
        let premortem: Vec<(BlockKind, &str, u32)> = sections[2]
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.line))
            .collect();
        assert_eq!(
            premortem,
            [
                (BlockKind::Item { depth: 0 }, "Cause one", 19),
                (BlockKind::Item { depth: 1 }, "Outcome: bad", 20),
                (BlockKind::Item { depth: 0 }, "Cause two", 21),
                (BlockKind::Paragraph, "A detail", 23),
                (BlockKind::Paragraph, "More text.", 25),
            ]
        );
    }
}
