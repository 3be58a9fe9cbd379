//! Counting what a criterion looks for in a section, with the text that
//! earned each count as evidence.

use std::sync::LazyLock;

use regex::Regex;

use super::evidence::Evidence;
use crate::sections::{Block, BlockKind, Link};

pub(super) fn word_count(blocks: &[Block]) -> u32 {
    blocks.iter().map(|b| words_in(&b.text)).sum()
}

/// Whitespace-separated words. ASCII text (most proposals) is counted byte
/// by byte, which is several times faster than `split_whitespace`.
fn words_in(text: &str) -> u32 {
    if !text.is_ascii() {
        return text.split_whitespace().count() as u32;
    }
    let mut words = 0;
    let mut in_word = false;
    for byte in text.bytes() {
        let space = byte.is_ascii_whitespace() || byte == 0x0b;
        words += u32::from(!space && !in_word);
        in_word = !space;
    }
    words
}

pub(super) fn pattern_matches(blocks: &[Block], regex: &Regex) -> Vec<Evidence> {
    blocks
        .iter()
        .flat_map(|b| {
            regex
                .find_iter(&b.text)
                .map(|m| Evidence::new(b.line, m.as_str()))
        })
        .collect()
}

pub(super) fn list_items(blocks: &[Block]) -> Vec<Evidence> {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }) && !b.text.trim().is_empty())
        .map(|b| Evidence::new(b.line, &b.text))
        .collect()
}

static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s)\]>]+").expect("valid pattern"));

/// Markdown links plus bare URLs in the text.
pub(super) fn links(blocks: &[Block], markdown_links: &[Link]) -> Vec<Evidence> {
    let mut found: Vec<Evidence> = markdown_links
        .iter()
        .map(|link| Evidence::new(link.line, &link.url))
        .collect();
    found.extend(pattern_matches(blocks, &BARE_URL));
    found.sort_by_key(|e| e.line);
    found
}

/// Distinct keywords found, each with its first occurrence.
pub(super) fn keywords(blocks: &[Block], regex: &Regex) -> Vec<Evidence> {
    let mut seen: Vec<String> = Vec::new();
    let mut found = Vec::new();
    for evidence in pattern_matches(blocks, regex) {
        let key = evidence.text.to_lowercase();
        if !seen.contains(&key) {
            seen.push(key);
            found.push(evidence);
        }
    }
    found
}

/// A number as claims write it: an optional currency symbol, digits with
/// separators and decimals, and an optional scale, ratio or percentage.
/// Word boundaries and digits are ASCII (`(?-u:\b)`, `[0-9]`) so the fast
/// DFA can run on text with non-ASCII characters; Unicode `\b` would make
/// every such paragraph fall back to a slower engine.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[$€£]\s?)?(?-u:\b)[0-9][0-9,]*(?:\.[0-9]+)?(?:\s?(?:k|m|bn|million|billion)(?-u:\b))?(?:\s?(?:%|/\s?10(?-u:\b)|x(?-u:\b)|percent(?-u:\b)))?\+?",
    )
    .expect("valid pattern")
});

static NEXT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+([A-Za-z][\w-]+)(?:\s+([A-Za-z][\w-]+))?").expect("valid pattern")
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
];

/// Whether a `NUMBER` match has a currency symbol, a scale or a ratio:
/// anything around its digits but a trailing `+` or `,`. Read off the match
/// rather than from capture groups, which would cost a second, slower search.
fn is_money_or_ratio(matched: &str) -> bool {
    let starts_with_digit = matched.starts_with(|c: char| c.is_ascii_digit());
    let rest = matched.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    !starts_with_digit || !rest.trim_end_matches('+').is_empty()
}

/// Quantified claims: money (`$35k`), ratios (`8.6/10`, `80%`, `2x`), and
/// counts of something (`1,248 participants`, `3 conference papers`).
/// Bare years and list numbering are not claims.
pub(super) fn quantities(blocks: &[Block]) -> Vec<Evidence> {
    let mut found = Vec::new();
    for block in blocks {
        let text = &block.text;
        for whole in NUMBER.find_iter(text) {
            let preceded_by_letter = text[..whole.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '.');
            if preceded_by_letter {
                continue;
            }
            if is_money_or_ratio(whole.as_str()) {
                found.push(Evidence::new(block.line, whole.as_str()));
                continue;
            }
            // `[\d,]*` takes a comma that ends a clause ("In 2022, we…").
            let number = whole.as_str().trim_end_matches(',');
            let end = whole.start() + number.len();
            let digits = number.trim_end_matches('+');
            let is_year = digits.len() == 4
                && (digits.starts_with("19") || digits.starts_with("20"))
                && !digits.contains(',');
            if is_year {
                continue;
            }
            if let Some(next) = NEXT_WORD.captures(&text[end..]) {
                let is_noun =
                    |m: &regex::Match| !NOT_NOUNS.contains(&m.as_str().to_lowercase().as_str());
                let noun = next.get(1).expect("group 1 exists");
                if is_noun(&noun) {
                    // Keep a second word for readable evidence: "19 research sprints".
                    let last = next.get(2).filter(is_noun).unwrap_or(noun);
                    found.push(Evidence::new(
                        block.line,
                        &text[whole.start()..end + last.end()],
                    ));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Vec<Block> {
        vec![Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            line: 7,
        }]
    }

    fn texts(found: Vec<Evidence>) -> Vec<String> {
        found.into_iter().map(|e| e.text).collect()
    }

    #[test]
    fn counts_words_the_same_in_ascii_and_unicode_text() {
        for text in [
            "",
            "  ",
            "one",
            " one  two\tthree\nfour ",
            "a\u{b}b",
            "naïve café au lait",
            "x\u{a0}y z",
        ] {
            assert_eq!(
                words_in(text),
                text.split_whitespace().count() as u32,
                "{text:?}"
            );
        }
    }

    #[test]
    fn finds_quantified_claims_not_years_or_numbering() {
        let blocks = para(
            "Since November 2022, we hosted 19 research sprints with 1,248 participants, \
             an NPS of 8.6/10, 80% of them report 2x value; $35k costs 3 conference papers \
             in 2023 and 3 at ACL. Plan: 1) evals. Model H100 L1 and 2.5 million users. \
             In 2015, we grew from 30 scholars and 5 mentors.",
        );
        assert_eq!(
            texts(quantities(&blocks)),
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
    fn counts_words_items_links_and_keywords() {
        let blocks = vec![
            Block {
                kind: BlockKind::Paragraph,
                text: "Published at NeurIPS and neurips, ICLR; see https://x.org/a.".into(),
                line: 3,
            },
            Block {
                kind: BlockKind::Item { depth: 0 },
                text: "one".into(),
                line: 4,
            },
            Block {
                kind: BlockKind::Item { depth: 1 },
                text: "two".into(),
                line: 5,
            },
        ];
        assert_eq!(word_count(&blocks), 10);
        assert_eq!(texts(list_items(&blocks)), ["one", "two"]);
        let links = links(
            &blocks,
            &[Link {
                url: "https://y.org".into(),
                line: 9,
            }],
        );
        assert_eq!(
            links
                .iter()
                .map(|e| (e.line, e.text.as_str()))
                .collect::<Vec<_>>(),
            [(3, "https://x.org/a."), (9, "https://y.org")]
        );
        let venues = Regex::new(r"(?i)\b(?:NeurIPS|ICLR|ACL)\b").unwrap();
        assert_eq!(texts(keywords(&blocks, &venues)), ["NeurIPS", "ICLR"]);
        assert_eq!(Evidence::new(1, &"x".repeat(100)).text.chars().count(), 60);
        let hazards = Regex::new(r"(?i)info.?hazard").unwrap();
        let found = pattern_matches(
            &para("Info-hazards and infohazard policy; no hazard"),
            &hazards,
        );
        assert_eq!(
            found
                .iter()
                .map(|e| (e.line, e.text.as_str()))
                .collect::<Vec<_>>(),
            [(7, "Info-hazard"), (7, "infohazard")]
        );
    }
}
