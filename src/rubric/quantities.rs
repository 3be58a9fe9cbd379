//! Quantified claims in a track record: money, ratios and counts of
//! something the applicant did, each once per thing it measures; not
//! years, numbering, names, labels, dates or other people's numbers.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::evidence::{Evidence, mark_repeats};
use super::prose::{sentence_at, sentences};
use super::reading::Reading;
use super::vocabulary::{key, stem, stem_key};
use crate::sections::Block;
use crate::swar;

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

/// Most bytes a `NUMBER` match has before its first digit: a currency
/// symbol (`€`, three bytes) and a space (`\s`, up to three).
const LEAD: usize = 6;

/// What `NUMBER.find_iter(text)` finds, the pattern run only from `LEAD`
/// bytes before each next digit: a match has one within `LEAD` bytes of
/// its start, and a track record is mostly words, which the digit search
/// passes eight bytes a step where the pattern reads them one by one.
fn numbers(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let digit = swar::first(text.as_bytes(), at, swar::Class::Digits)?;
        // `at` ends a match, so it is a character boundary.
        let mut from = digit.saturating_sub(LEAD).max(at);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let found = NUMBER.find_at(text, from)?;
        at = found.end();
        Some(found)
    })
}

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
        // Most blocks say nothing about others: then no sentence need be
        // found. Asked at the block's first claim, as many have none.
        let mut mentions_others = None;
        // Whether each sentence is about others, found once per sentence.
        let mut others: Vec<Option<bool>> = Vec::new();
        let mut consumed = 0;
        for whole in numbers(text) {
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
            if *mentions_others.get_or_insert_with(|| reading.about_others.is_match(text)) {
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
#[derive(Debug, PartialEq, Eq)]
enum Measure {
    /// The stem's key (`stem_key`), which a word of four letters or more
    /// gives without building the stem.
    Stem(u64),
    Whole(String),
}

fn measure(claim: &str) -> Measure {
    match first_word(claim) {
        Some(word) => Measure::Stem(key(word).unwrap_or_else(|| stem_key(&stem(word)))),
        None => Measure::Whole(claim.to_lowercase()),
    }
}

/// A claim's first word of three letters or more: what it counts. An
/// ASCII claim, nearly every one, is read byte by byte.
fn first_word(claim: &str) -> Option<&str> {
    if !claim.is_ascii() {
        return claim
            .split(|c: char| !c.is_alphabetic())
            .find(|w| w.chars().count() > 2);
    }
    let bytes = claim.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let letters = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if letters > 2 {
            return Some(&claim[start..start + letters]);
        }
        start += letters + 1;
    }
    None
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
        .any(|m| (start + m.start..start + m.end).contains(&claim.start))
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
    use crate::rubric::model::track_record;

    proptest::proptest! {
        /// Run from before each digit, the number pattern finds what it
        /// finds run over the whole text.
        #[test]
        fn numbers_are_found_as_the_pattern_finds_them(
            text in "[0-9a-z$€£ \u{a0}\u{3000}.,%/+xk-]{0,40}"
        ) {
            let ranges = |found: Vec<regex::Match<'_>>| -> Vec<Range<usize>> {
                found.iter().map(regex::Match::range).collect()
            };
            proptest::prop_assert_eq!(
                ranges(numbers(&text).collect()),
                ranges(NUMBER.find_iter(&text).collect())
            );
        }

        /// The byte loop finds the word splitting on non-letters finds.
        #[test]
        fn first_word_reads_as_a_split_does(claim in "[a-zA-Z0-9 ,.%$/+é-]{0,40}") {
            let split = claim
                .split(|c: char| !c.is_alphabetic())
                .find(|w| w.chars().count() > 2);
            proptest::prop_assert_eq!(first_word(&claim), split);
        }
    }

    fn quantities_in(body: &str) -> Vec<String> {
        let (rubric, section) = track_record(body);
        quantities(&section.blocks, &rubric.reading)
            .into_iter()
            .map(|e| e.text)
            .collect()
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
}
