//! Counting what a criterion looks for in a section, with the text that
//! earned each count as evidence.

use std::collections::HashSet;
use std::ops::Range;

use super::patterns::Pattern;

use super::evidence::{Evidence, mark_repeats};
use super::kinds::Kind;
use super::links;
use super::prose::{sentence_at, sentences};
use super::reading::{LinkClass, Reading};
use crate::sections::{Block, BlockKind};

/// Distinct words, case-folded and stripped of punctuation: a sentence
/// said twice says nothing more.
pub(super) fn word_count(blocks: &[Block]) -> u32 {
    let mut seen: HashSet<String> = HashSet::new();
    for block in blocks {
        for word in block.text.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.is_empty() && !seen.contains(word) {
                seen.insert(word.to_lowercase());
            }
        }
    }
    seen.len() as u32
}

/// Every match, a repeated one (same text) listed but not counted.
pub(super) fn pattern_matches(blocks: &[Block], regex: &Pattern) -> Vec<Evidence> {
    let mut found: Vec<Evidence> = blocks
        .iter()
        .flat_map(|b| {
            regex
                .find_iter(&b.text)
                .map(|m| Evidence::new(b.line_at(m.start), &b.text[m]))
        })
        .collect();
    mark_repeats(&mut found, |e| e.text.to_lowercase());
    found
}

/// Every list item, a repeated one (same text) listed but not counted.
pub(super) fn list_items(blocks: &[Block]) -> Vec<Evidence> {
    let mut found: Vec<Evidence> = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }) && !b.text.trim().is_empty())
        .map(|b| Evidence::new(b.line, &b.text))
        .collect();
    mark_repeats(&mut found, |e| e.text.to_lowercase());
    found
}

/// Distinct artefacts among the section's links (see `links`).
pub(super) fn links(found: &[links::Found]) -> Vec<Evidence> {
    found
        .iter()
        .filter(|f| f.class == LinkClass::Artefact)
        .map(|f| Evidence::link(f.line, &f.url))
        .collect()
}

/// Distinct venues: words from the criterion's list (named as the list
/// writes them) where the work appeared, not where it was "submitted to",
/// and hosts its links name; each once, at its first line.
pub(super) fn keywords(
    blocks: &[Block],
    section_links: &[links::Found],
    kind: &Kind,
    reading: &Reading,
) -> Vec<Evidence> {
    let mut found: Vec<Evidence> = Vec::new();
    if let Some(regex) = &kind.regex {
        let mut intro_names_work = false;
        for block in blocks {
            // "Publications:" before a list names the work of every item.
            if !matches!(block.kind, BlockKind::Item { .. }) {
                intro_names_work = block.text.trim_end().ends_with(':')
                    && reading.venue_work.is_match(&block.text);
            }
            let mut all_spans = None;
            let mut spans = None;
            // Most blocks say nothing of submissions: then every venue counts.
            let mut hedged = None;
            for m in regex.find_iter(&block.text) {
                let matched = &block.text[m.clone()];
                let hedged = *hedged.get_or_insert_with(|| reading.not_venue.is_match(&block.text));
                let spans = spans.get_or_insert_with(|| {
                    if hedged {
                        sentences(&block.text)
                    } else {
                        Vec::new()
                    }
                });
                if hedged && !appeared(&block.text, spans, m.start, reading) {
                    continue;
                }
                let name = kind
                    .words
                    .iter()
                    .find(|w| w.eq_ignore_ascii_case(matched))
                    .map_or(matched, String::as_str);
                let line = block.line_at(m.start);
                let all_spans = all_spans.get_or_insert_with(|| sentences(&block.text));
                let sentence = &block.text[sentence_at(&block.text, all_spans, m.start)];
                let backed = intro_names_work
                    || reading.venue_work.is_match(sentence)
                    || sentence.contains("http")
                    || section_links.iter().any(|l| l.line == line);
                let note = (!backed).then(|| "named with no work beside it".to_string());
                found.push(Evidence::new(line, name).noted(note));
            }
        }
    }
    if !kind.hosts.is_empty() {
        for link in section_links {
            if let Some(venue) = kind.hosts.venue(&link.key) {
                found.push(Evidence::new(link.line, venue));
            }
        }
    }
    // A venue counts once: where work stands beside it if anywhere, else
    // where it is first named.
    found.sort_by_key(|e| (e.line, e.note.is_some()));
    // Each kept venue beside its name in lower case, made once.
    let mut kept: Vec<(String, Evidence)> = Vec::new();
    for item in found {
        let name = item.text.to_lowercase();
        match kept.iter_mut().find(|(k, _)| *k == name) {
            Some((_, earlier)) if earlier.note.is_some() && item.note.is_none() => *earlier = item,
            Some(_) => {}
            None => kept.push((name, item)),
        }
    }
    let mut kept: Vec<Evidence> = kept.into_iter().map(|(_, e)| e).collect();
    kept.sort_by_key(|e| e.line);
    kept
}

/// Whether the sentence before byte `at` does not say the work only went
/// to the venue ("submitted to", "under review at").
fn appeared(text: &str, spans: &[Range<usize>], at: usize, reading: &Reading) -> bool {
    let start = sentence_at(text, spans, at).start.min(at);
    !reading.not_venue.is_match(&text[start..at])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::model::track_record;

    fn found(evidence: Vec<Evidence>) -> Vec<(u32, String)> {
        evidence.into_iter().map(|e| (e.line, e.text)).collect()
    }

    #[test]
    fn words_are_counted_once_each_whatever_their_case_or_punctuation() {
        let block = |t: &str| Block::new(BlockKind::Paragraph, t, 1);
        assert_eq!(word_count(&[block("")]), 0);
        assert_eq!(word_count(&[block("naïve café, au lait")]), 4);
        let once = block("We ran the census. We ran the census!");
        assert_eq!(word_count(&[once]), 4);
        assert_eq!(
            word_count(&[block("Lorem lorem LOREM."), block("lorem")]),
            1
        );
    }

    #[test]
    fn links_are_distinct_artefacts_at_their_lines() {
        let (rubric, section) = track_record(
            "See [our paper](https://arxiv.org/abs/1) and\n<https://arxiv.org/abs/1>, \
             [https://www.arxiv.org/abs/1/](https://www.arxiv.org/abs/1/).\n\
             Code: https://github.com/org/repo. Me: https://linkedin.com/in/me,\n\
             [mail](mailto:a@b.org), [x](javascript:alert(4)), https://example.org.\n",
        );
        assert_eq!(
            found(links(&links::read(
                &section.blocks,
                &section.links,
                &rubric.reading
            ))),
            [
                (3, "https://arxiv.org/abs/1".into()),
                (5, "https://github.com/org/repo".into())
            ]
        );
    }

    #[test]
    fn venues_are_named_once_where_work_appeared() {
        let (rubric, section) = track_record(
            "Published at neurips and NeurIPS.\n\
             A second paper was submitted to ICLR. Another is under review at ICML.\n\
             Preprint: https://arxiv.org/abs/2401.1 and an ACL paper (https://aclanthology.org/2023.x/).\n",
        );
        let criterion = rubric
            .sections
            .iter()
            .flat_map(|s| &s.criteria)
            .find(|c| c.kind.counter == super::super::kinds::Counter::Keywords)
            .unwrap();
        assert_eq!(
            found(keywords(
                &section.blocks,
                &links::read(&section.blocks, &section.links, &rubric.reading),
                &criterion.kind,
                &rubric.reading
            )),
            [
                (3, "NeurIPS".into()),
                (5, "arXiv".into()),
                (5, "ACL".into()),
                (5, "ACL Anthology".into())
            ]
        );
    }

    #[test]
    fn items_and_patterns_are_counted_at_their_lines() {
        let (_, section) =
            track_record("- one\n  - two\n\nInfo-hazards and\ninfohazard policy; no hazard\n");
        assert_eq!(
            found(list_items(&section.blocks)),
            [(3, "one".into()), (4, "two".into())]
        );
        let hazards = Pattern::new(r"info.?hazard", 1 << 20).unwrap();
        assert_eq!(
            found(pattern_matches(&section.blocks, &hazards)),
            [(6, "Info-hazard".into()), (7, "infohazard".into())]
        );
        assert_eq!(Evidence::new(1, &"x".repeat(100)).text.chars().count(), 60);
    }
}
