//! Counting what a criterion looks for in a section, with the text that
//! earned each count as evidence.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::evidence::{Evidence, mark_repeats};
use super::kinds::Kind;
use super::links;
use super::prose::{sentence_at, sentences};
use super::reading::{LinkClass, Reading};
use super::vocabulary::stem;
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
pub(super) fn pattern_matches(blocks: &[Block], regex: &Regex) -> Vec<Evidence> {
    let mut found: Vec<Evidence> = blocks
        .iter()
        .flat_map(|b| {
            regex
                .find_iter(&b.text)
                .map(|m| Evidence::new(b.line_at(m.start()), m.as_str()))
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
                let hedged = *hedged.get_or_insert_with(|| reading.not_venue.is_match(&block.text));
                let spans = spans.get_or_insert_with(|| {
                    if hedged {
                        sentences(&block.text)
                    } else {
                        Vec::new()
                    }
                });
                if hedged && !appeared(&block.text, spans, m.start(), reading) {
                    continue;
                }
                let name = kind
                    .words
                    .iter()
                    .find(|w| w.eq_ignore_ascii_case(m.as_str()))
                    .map_or(m.as_str(), String::as_str);
                let line = block.line_at(m.start());
                let all_spans = all_spans.get_or_insert_with(|| sentences(&block.text));
                let sentence = &block.text[sentence_at(&block.text, all_spans, m.start())];
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
            if let Some((_, venue)) = kind.hosts.iter().find(|(host, _)| host.is_match(&link.key)) {
                found.push(Evidence::new(link.line, venue));
            }
        }
    }
    // A venue counts once: where work stands beside it if anywhere, else
    // where it is first named.
    found.sort_by_key(|e| (e.line, e.note.is_some()));
    let mut kept: Vec<Evidence> = Vec::new();
    for item in found {
        let name = item.text.to_lowercase();
        match kept.iter_mut().find(|k| k.text.to_lowercase() == name) {
            Some(earlier) if earlier.note.is_some() && item.note.is_none() => *earlier = item,
            Some(_) => {}
            None => kept.push(item),
        }
    }
    kept.sort_by_key(|e| e.line);
    kept
}

/// Whether the sentence before byte `at` does not say the work only went
/// to the venue ("submitted to", "under review at").
fn appeared(text: &str, spans: &[Range<usize>], at: usize, reading: &Reading) -> bool {
    let start = sentence_at(text, spans, at).start.min(at);
    !reading.not_venue.is_match(&text[start..at])
}

/// A number as claims write it: an optional currency symbol, digits with
/// separators and decimals, and an optional scale, ratio or percentage.
/// Word boundaries and digits are ASCII (`(?-u:\b)`, `[0-9]`) so the fast
/// DFA can run on text with non-ASCII characters; Unicode `\b` would make
/// every such paragraph fall back to a slower engine.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[$€£]\s?)?(?-u:\b)[0-9][0-9,]*(?:\.[0-9]+)?(?:\s?(?:k|m|bn|million|billion)(?-u:\b))?(?:\s?(?:%|/\s?[0-9]{1,3}(?-u:\b)|x(?-u:\b)|percent(?-u:\b)))?\+?",
    )
    .expect("valid pattern")
});

const NOT_NOUNS: &[&str] = &[
    "and",
    "or",
    "to",
    "of",
    "the",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "a",
    "an",
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "until",
    "than",
    "per",
    "each",
    "every",
    "across",
    "over",
    "into",
    "as",
    "that",
    "who",
    "which",
    "ago",
];

/// Whether a `NUMBER` match has a currency symbol, a scale or a ratio:
/// anything around its digits but a trailing `+` or `,`. Read off the match
/// rather than from capture groups, which would cost a second, slower search.
fn is_money_or_ratio(matched: &str) -> bool {
    let starts_with_digit = matched.starts_with(|c: char| c.is_ascii_digit());
    let rest = matched.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    !starts_with_digit || !rest.trim_end_matches('+').is_empty()
}

static OF_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ of (?:them|these|those|whom|which|our [a-z0-9_]+)(?-u:\b)")
        .expect("valid pattern")
});

/// `–500`, ` to 500`: the rest of a range after its first number.
static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-–—]|to)\s*[0-9][0-9,]*(?:\.[0-9]+)?\+?").expect("valid pattern")
});

static OWN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:we|our|us|i|my)(?-u:\b)").expect("valid pattern"));

/// Quantified claims about the applicant's own work: money (`$35k`),
/// ratios (`8.6/10`, `80%`, `2x`), and counts of something (`1,248
/// participants`, `a 40-person team`, `200–500 people`). Not years, list
/// numbering, names (`80,000 Hours`), labels (`Cohort 3`), dates (`6 weeks
/// ago`) or numbers in a sentence about someone else. Each claim once.
pub(super) fn quantities(blocks: &[Block], reading: &Reading) -> Vec<Evidence> {
    let mut found: Vec<Evidence> = Vec::new();
    let mut seen = HashSet::new();
    for block in blocks {
        let text = &block.text;
        let mut spans = None;
        // Most blocks say nothing about others: then no sentence need be found.
        let mentions_others = reading.about_others.is_match(text);
        // Whether each sentence is about others, found once per sentence.
        let mut others: Vec<Option<bool>> = Vec::new();
        let mut consumed = 0;
        for whole in NUMBER.find_iter(text) {
            if whole.start() < consumed {
                continue;
            }
            let Some(claim) = claim(text, whole) else {
                continue;
            };
            consumed = claim.end;
            if is_name(text, &claim, reading) {
                continue;
            }
            if mentions_others {
                let spans = spans.get_or_insert_with(|| sentences(text));
                let i = spans.partition_point(|r| r.end < claim.start);
                others.resize(spans.len() + 1, None);
                let theirs = others[i]
                    .get_or_insert_with(|| about_others(text, spans, claim.start, reading));
                if *theirs {
                    continue;
                }
            }
            let evidence = Evidence::new(block.line_at(claim.start), &text[claim]);
            if seen.insert(evidence.text.to_lowercase()) {
                found.push(evidence);
            }
        }
    }
    // "1 thing, 2 things, 3 things" measures one thing: a count counts
    // once per thing it measures.
    mark_repeats(&mut found, |e| measure(&e.text));
    // "8 things" names no measure at all.
    for item in &mut found {
        if item.note.is_none()
            && first_word(&item.text).is_some_and(|w| reading.empty_measures.is_match(w))
        {
            item.note = Some("names no measure".to_string());
        }
    }
    found
}

/// What a claim measures: the stem of its first word (`120 scholars` →
/// `schol`), or the claim itself when it has none (`8.6/10`).
fn measure(claim: &str) -> String {
    first_word(claim).map_or_else(|| claim.to_lowercase(), stem)
}

/// A claim's first word of three letters or more: what it counts.
fn first_word(claim: &str) -> Option<&str> {
    claim
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.chars().count() > 2)
}

/// Whether a claim's number is part of a name (`80,000 Hours`,
/// `GPT-4`): `quantity_names` is tried on the words around it only.
fn is_name(text: &str, claim: &Range<usize>, reading: &Reading) -> bool {
    let mut start = claim.start.saturating_sub(32);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    reading
        .quantity_names
        .find_iter(&text[start..claim.end])
        .any(|m| (start + m.start()..start + m.end()).contains(&claim.start))
}

/// The claim a `NUMBER` match starts, as a byte range of `text`, if it is one.
fn claim(text: &str, whole: regex::Match<'_>) -> Option<std::ops::Range<usize>> {
    let before = &text[..whole.start()];
    let mut back = before.chars().rev();
    let previous = back.next();
    if previous.is_some_and(|c| c.is_alphanumeric() || c == '.')
        || (previous.is_some_and(|c| matches!(c, '-' | '_' | '/'))
            && back.next().is_some_and(char::is_alphanumeric))
        || after_label(before)
    {
        return None;
    }
    if is_money_or_ratio(whole.as_str()) {
        return Some(whole.range());
    }
    // `[\d,]*` takes a comma that ends a clause ("In 2022, we…").
    let number = whole.as_str().trim_end_matches(',');
    let digits = number.trim_end_matches('+');
    let is_year = digits.len() == 4
        && (digits.starts_with("19") || digits.starts_with("20"))
        && !digits.contains(',');
    if is_year {
        return None;
    }
    let mut end = whole.start() + number.len();
    let after = text[end..].trim_start();
    if after.starts_with(['-', '–', '—', 't'])
        && let Some(range) = RANGE_END.find(&text[end..])
    {
        end += range.end();
    }
    // "9 of them produced a write-up": a count of the applicant's own.
    if text[end..].starts_with(" of ")
        && let Some(of) = OF_THEM.find(&text[end..])
    {
        return Some(whole.start()..end + of.end());
    }
    let rest = &text[end..];
    let (first, second) = next_words(rest)?;
    let (noun, second) = (
        &rest[first.clone()],
        second.map(|r| (&rest[r.clone()], r.end)),
    );
    let not_noun = |w: &str| NOT_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(w));
    let lower = |w: &str| w.starts_with(|c: char| c.is_ascii_lowercase());
    if second.is_some_and(|(w, _)| w.eq_ignore_ascii_case("ago")) || not_noun(noun) {
        return None;
    }
    // `3 NeurIPS papers`: a capitalised word before a lower-case noun is a
    // qualifier; alone (`80,000 Hours`) it names something.
    let qualifier = second.is_some_and(|(w, _)| lower(w) && !not_noun(w));
    if !lower(noun) && !qualifier {
        return None;
    }
    // Keep a second word for readable evidence: "19 research sprints".
    let last = second
        .filter(|(w, _)| lower(w) && !not_noun(w))
        .map_or(first.end, |(_, end)| end);
    let claim_end = end + last;
    let tail = text[claim_end..].trim_start();
    if tail.len() >= 3 && tail.is_char_boundary(3) && tail[..3].eq_ignore_ascii_case("ago") {
        return None;
    }
    Some(whole.start()..claim_end)
}

/// The word after a number (after spaces or a hyphen: `19 sprints`,
/// `40-person`) and the word after that, as byte ranges of `rest`: ASCII
/// letters first, then letters, digits, `_` or `-`.
fn next_words(rest: &str) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let bytes = rest.as_bytes();
    let spaces = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count()
    };
    let word = |from: usize| -> Option<Range<usize>> {
        if !bytes.get(from)?.is_ascii_alphabetic() {
            return None;
        }
        let len = bytes[from..]
            .iter()
            .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            .count();
        Some(from..from + len)
    };
    let start = if bytes.first() == Some(&b'-') {
        1
    } else {
        spaces(0)
    };
    if start == 0 {
        return None;
    }
    let first = word(start)?;
    let gap = spaces(first.end);
    let second = (gap > 0)
        .then(|| word(first.end + gap))
        .flatten()
        .filter(|r| r.len() >= 2);
    Some((first, second))
}

/// Whether the text before a number ends in a capitalised word that is not
/// the first of its sentence: `Cohort 3`, `Phase 2` are labels.
fn after_label(before: &str) -> bool {
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() {
        return false;
    }
    let word_start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &trimmed[word_start..];
    let capitalised = word.starts_with(|c: char| c.is_uppercase())
        && word.chars().skip(1).any(char::is_lowercase);
    let first = trimmed[..word_start].trim_end().is_empty()
        || trimmed[..word_start]
            .trim_end()
            .ends_with(['.', '!', '?', ':', '(', '*', '-', '•']);
    capitalised && !first
}

/// Whether the sentence around byte `at` is about someone else's numbers.
fn about_others(text: &str, spans: &[Range<usize>], at: usize, reading: &Reading) -> bool {
    let sentence = &text[sentence_at(text, spans, at)];
    reading.about_others.is_match(sentence) && !OWN.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Rubric;
    use crate::sections::{Section, split_sections};

    /// The track record of a body under `## Track record` on line 1.
    fn track_record(body: &str) -> (Rubric, Section) {
        let rubric = Rubric::default_rubric();
        let text = format!("## Track record\n\n{body}");
        let section = split_sections(&text, 1, &rubric)
            .into_iter()
            .find(|s| s.key.as_deref() == Some("track_record"))
            .unwrap();
        (rubric, section)
    }

    fn found(evidence: Vec<Evidence>) -> Vec<(u32, String)> {
        evidence.into_iter().map(|e| (e.line, e.text)).collect()
    }

    fn quantities_in(body: &str) -> Vec<String> {
        let (rubric, section) = track_record(body);
        quantities(&section.blocks, &rubric.reading)
            .into_iter()
            .map(|e| e.text)
            .collect()
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
    fn finds_quantified_claims_not_years_or_numbering() {
        assert_eq!(
            quantities_in(
                "Since November 2022, we hosted 19 research sprints with 1,248 participants, \
                 an NPS of 8.6/10, 80% of them report 2x value; $35k costs 3 conference papers \
                 in 2023 and 3 at ACL. Plan: 1) evals. Model H100 L1 and 2.5 million users. \
                 In 2015, we grew from 30 scholars and 5 mentors.",
            ),
            [
                "19 research sprints",
                "1,248 participants",
                "8.6/10",
                "80%",
                "2x",
                "$35k",
                "3 conference papers",
                "2.5 million",
                "30 scholars",
                "5 mentors",
            ]
        );
    }

    #[test]
    fn names_labels_dates_and_other_peoples_numbers_are_not_claims() {
        assert_eq!(
            quantities_in(
                "I worked at 80,000 Hours on our Cohort 1 Robustness track, which ended 6 weeks ago. \
                 We lead a 40-person production team that reached 200–500 people per event. \
                 We wrote 3 NeurIPS papers on GPT-4 evaluations.\n\n\
                 According to the report, experts from 33 countries agree.\n\n\
                 We ran 19 research sprints; we ran 19 research sprints.",
            ),
            [
                "40-person production",
                "200–500 people",
                "3 NeurIPS papers",
                "19 research sprints"
            ]
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
        let hazards = Regex::new(r"(?i)info.?hazard").unwrap();
        assert_eq!(
            found(pattern_matches(&section.blocks, &hazards)),
            [(6, "Info-hazard".into()), (7, "infohazard".into())]
        );
        assert_eq!(Evidence::new(1, &"x".repeat(100)).text.chars().count(), 60);
    }
}
