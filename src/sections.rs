//! The body's sections: headings divide it, and each section keeps its
//! paragraphs and list items (with depth and line) for the rubric to read.
//!
//! A heading that a rubric recognises always starts a new section, whatever
//! its level, so `### What other funding…` under the premortem is not scored
//! as premortem. Any other heading starts a section only at the same or a
//! higher level than the open one; a deeper one stays inside it as text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    let lines = LineIndex::new(body, body_line);
    let mut sections = vec![Section {
        heading: String::new(),
        level: 0,
        line: body_line,
        key: None,
        blocks: Vec::new(),
        links: Vec::new(),
    }];
    let mut list_depth = 0usize;
    let mut heading: Option<(u8, u32, String)> = None;
    let mut collecting = false;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let line = || lines.line_of(range.start);
        let section = sections.last_mut().expect("there is always a section");
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), line(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, text)) = heading.take() {
                    let text = text.trim().to_string();
                    let key = classify(&text);
                    if key.is_some() || level <= section.level || section.level == 0 {
                        collecting = key.as_deref().is_some_and(wanted);
                        sections.push(Section {
                            heading: text,
                            level,
                            line,
                            key,
                            blocks: Vec::new(),
                            links: Vec::new(),
                        });
                    } else if collecting {
                        section.blocks.push(Block {
                            kind: BlockKind::Paragraph,
                            text,
                            line,
                        });
                    }
                }
            }
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if collecting => {
                section.blocks.push(Block {
                    kind: BlockKind::Item {
                        depth: list_depth.saturating_sub(1),
                    },
                    text: String::new(),
                    line: line(),
                });
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_)) if collecting && list_depth == 0 => {
                section.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text: String::new(),
                    line: line(),
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) if collecting => {
                section.links.push(Link {
                    url: dest_url.to_string(),
                    line: line(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, heading_text)) = &mut heading {
                    heading_text.push_str(&text);
                } else if collecting && let Some(block) = section.blocks.last_mut() {
                    block.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak if collecting => {
                if let Some(block) = section.blocks.last_mut() {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    sections
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

/// Byte offset → file line, by binary search over line starts.
struct LineIndex {
    starts: Vec<usize>,
    first: u32,
}

impl LineIndex {
    fn new(text: &str, first: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first }
    }

    fn line_of(&self, offset: usize) -> u32 {
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
