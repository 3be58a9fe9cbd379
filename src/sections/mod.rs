//! The body's sections: headings divide it, and each section keeps its
//! paragraphs, list items, kept sub-headings and table rows (with the line
//! of every line of them) for the rubric to read.
//!
//! Headings are found where a reader sees them: `#` and setext headings,
//! and also a paragraph that is only bold text or a short line in capitals
//! (forms pasted from the web write questions so), numbering stripped
//! before a rubric matches them. `splitter` says which heading ends which
//! section.
//!
//! Headings with the same key make one section (the rubric scores them
//! together), and a section no rubric recognises keeps nothing but its
//! heading: memory is bounded by the rubric's keys, not by how many
//! headings a body has.

mod block;
mod chunks;
mod headings;
mod splitter;

pub use block::{Block, BlockKind, CELL, Link, Outline, Section};
pub use splitter::{MAX_BLOCKS, MAX_TEXT};

use pulldown_cmark::{BrokenLink, CowStr, Options, Parser};

use splitter::Splitter;

/// Markdown as proposals are written: tables are read (risk tables are
/// common), nothing else beyond CommonMark.
const OPTIONS: Options = Options::ENABLE_TABLES;

/// Splits `body` (starting on file line `body_line`) into sections, as
/// `outline` names them. Sections the outline does not want keep their
/// heading but no blocks or links: copying text nobody scores is most of
/// the cost of this pass on a long proposal.
pub fn split_sections(body: &str, body_line: u32, outline: &dyn Outline) -> Vec<Section> {
    split_in_pieces(body, body_line, outline, chunks::CHUNK)
}

/// `split_sections`, reading a body longer than `piece` bytes in pieces.
fn split_in_pieces(
    body: &str,
    body_line: u32,
    outline: &dyn Outline,
    piece: usize,
) -> Vec<Section> {
    let mut splitter = Splitter::new(body, body_line, outline);
    let pieces = chunks::chunks(body, piece);
    if let [whole] = &pieces[..] {
        for (event, range) in Parser::new_ext(&body[whole.clone()], OPTIONS).into_offset_iter() {
            splitter.take(event, range);
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
        let parser = Parser::new_with_broken_link_callback(text, OPTIONS, Some(resolve));
        for (event, range) in parser.into_offset_iter() {
            splitter.take(event, piece.start + range.start..piece.start + range.end);
        }
    }
    splitter.sections
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three keys by substring; premortem continues past a heading that
    /// names a cause. `only` limits the sections that keep text.
    struct Keys(Option<&'static str>);

    impl Outline for Keys {
        fn classify(&self, heading: &str) -> Option<String> {
            let h = heading.to_lowercase();
            ["premortem", "summary", "other funding", "track record"]
                .into_iter()
                .find(|k| h.contains(k))
                .map(|k| k.replace(' ', "_"))
        }
        fn wanted(&self, key: &str) -> bool {
            self.0.is_none_or(|only| only == key)
        }
        fn continues(&self, key: &str, heading: &str) -> bool {
            key == "premortem" && heading.to_lowercase().contains("cause")
        }
    }

    const ALL: Keys = Keys(None);

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
        let whole = split_in_pieces(&body, 3, &ALL, usize::MAX);
        for piece in [64, 200, 1000] {
            let pieces = split_in_pieces(&body, 3, &ALL, piece);
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
        let sections = split_sections(BODY, 10, &Keys(Some("premortem")));
        let summary = &sections[1];
        assert_eq!(summary.heading, "Project summary");
        assert!(summary.blocks.is_empty() && summary.links.is_empty());
        assert_eq!(sections[2].blocks.len(), 5);
    }

    #[test]
    fn splits_at_headings_keeping_blocks_and_lines() {
        let sections = split_sections(BODY, 10, &ALL);
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
                line: 15,
                block: Some(0),
                offset: 5,
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
                (BlockKind::Heading { level: 4 }, "A detail", 23),
                (BlockKind::Paragraph, "More text.", 25),
            ]
        );
    }
}
