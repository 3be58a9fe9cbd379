//! `ask-mismatch`: the body states this project's ask or budget total and
//! it is not `funding.goal`. Real applications carry a prose target
//! written months before the form's goal ("our target of $81,000" under a
//! $188,000 goal); a reviewer wants to see that first.
//!
//! A figure is this project's ask only when its sentence says so before it
//! ("we are seeking", "our target of", "Total:", a table's TOTAL row), and
//! not when the sentence is about another funder's grant, the past, a
//! salary or a price per unit. A range that contains the goal agrees with
//! it. A figure in another currency is converted with `exchange_rates`,
//! unless the same line states the conversion ("£64,290, about $87,543"),
//! which is then the figure checked.

use std::sync::LazyLock;

use regex::Regex;

use crate::currency::Currency;
use crate::diagnostic::{Rule, SectionFinding};
use crate::money::{Marker, Money, Range};
use crate::proposal::Proposal;
use crate::rubric::{clauses, sentence_at};
use crate::swar;

/// A written amount with a currency marker, or a range of two: `$250,000
/// to $350,000`, `£1.2M`, `USD 40k`, `$150-250k`.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let one = r"(?:(?:[$€£¥]|(?-u:\b)[A-Z]{3}\s?)\s?[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?(?:\s?(?:k|K|m|M|bn|million|billion)(?-u:\b))?|(?-u:\b)[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?(?:\s?(?:k|K|m|M|bn|million|billion)(?-u:\b))?\s?[A-Z]{3}(?-u:\b))";
    let bare = r"[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?(?:\s?(?:k|K|m|M|bn|million|billion)(?-u:\b))?";
    Regex::new(&format!(
        r"{one}(?:\s?(?:-|–|—|to|and)\s?(?:{one}|{bare}))?"
    ))
    .expect("valid pattern")
});

/// What stands right before a figure that is this project's ask or budget
/// total: a cue ("we are seeking", "our target", "Total:") and only words
/// that lead to an amount ("of", "is", "about", "a total of").
static ASK: LazyLock<Regex> = LazyLock::new(|| {
    let cue = r"(?:seek(?:s|ing)?|request(?:s|ing|ed)?|ask(?:s|ing)?(?: for)?|(?:our|the|total) ask|apply(?:ing)? for|(?:our|the|this|funding|fundraising|project) (?:funding )?(?:target|goal)|target|total (?:budget|cost|ask|request|funding(?: needed| required| requested)?|amount|project cost)|(?:our|the|this project's) budget|(?:budget|grand|overall|project) total|in total|total)";
    let lead = r"(?:of|is|are|was|will be|would be|be|:|=|totals?|comes to|amounts to|a total of|in total|around|about|approximately|roughly|some|up to|at least|just over|just under|nearly|almost|between|from|an additional|a further|a grant of|funding of|support of|total funding of|manifund|you|us|the sum of)";
    Regex::new(&format!(
        r"(?i)(?-u:\b){cue}\s*(?:{lead}(?-u:\b)\s*|:\s*)*[*_]*\s*$"
    ))
    .expect("valid pattern")
});

/// A word every `ASK` cue contains: lines without one are not read further.
static CUE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)seek|request|ask|apply|target|goal|total|budget").expect("valid pattern")
});

/// Words in a figure's sentence that make it something other than this
/// project's ask: another funder's grant, the past, a salary, a unit price.
static NOT_ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:sub-?total|old|original|former|earlier|outdated|received|awarded|raised|granted|secured|got|was given|were given|last (?:year|round|time)|previous(?:ly)?|prior|in the past|so far|to date|already|salary|salaries|stipends?|wages?|per (?:hour|month|year|annum|person|participant|head|seat|unit|fellow|scholar|student|event|week|day|cohort|mentor|grant|project)|/(?:hour|hr|month|mo|year|yr|person|day|week)|an hour|a month|a year|each|apiece|(?:their|its|his|her) (?:grant|budget|ask|target)|other funders?|(?:grant|grants|funding) (?:from|by)|from (?:open philanthropy|sff|ltff|the survival|the long-term|founders pledge|manifund))",
    )
    .expect("valid pattern")
});

/// A table row whose first cell is the total: `| **TOTAL** | | $36,000 |`.
static TOTAL_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\|\s*[*_]*\s*(?:grand |overall |project )?total(?: budget| cost| ask)?\s*[*_:]*\s*\|")
        .expect("valid pattern")
});

/// Compiles the patterns above now rather than on first use. Together
/// they cost a tenth of what a rubric does; a run with threads to spare
/// compiles them while the rubric compiles, instead of holding up the
/// first proposal read.
pub fn compile_ask_patterns() {
    for pattern in [&FIGURE, &ASK, &CUE_WORD, &NOT_ASK, &TOTAL_ROW] {
        LazyLock::force(pattern);
    }
}

/// Checks every body line of `proposal` for a stated ask that is not its
/// goal. `body_line` is the file line of the body's first line.
pub fn check_ask(proposal: &Proposal, body: &str, body_line: u32) -> Vec<SectionFinding> {
    let Some(goal) = proposal.funding.goal.given() else {
        return Vec::new();
    };
    let tolerance = proposal.funding.tolerance.given().unwrap_or(Money::ZERO);
    let mut found = Vec::new();
    for (i, line) in candidate_lines(body) {
        let Some(stated) = stated_ask(line) else {
            continue;
        };
        let number = body_line + i as u32;
        if let Some(finding) = compare(proposal, &stated, goal, tolerance, number) {
            found.push(finding);
        }
    }
    found
}

/// The lines (0-based index, text) outside fenced code.
fn candidate_lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fenced = false;
    swar::lines(body).enumerate().filter(move |(_, line)| {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

/// A figure on a line, read: where it starts, its range, its currency
/// marker and its text.
struct Stated {
    column: u32,
    text: String,
    range: Range,
    marker: Option<Marker>,
    /// The other figures on the line, for a stated conversion.
    others: Vec<(String, Range, Option<Marker>)>,
}

/// The ask a line states, if it states one.
fn stated_ask(line: &str) -> Option<Stated> {
    let total_row = line.trim_start().starts_with('|') && TOTAL_ROW.is_match(line);
    if !total_row && !might_state_money(line) {
        return None;
    }
    let mut figures = Vec::new();
    for m in FIGURE.find_iter(line) {
        let Ok(written) = Range::parse(&m.as_str().replace(" to ", "-").replace(" and ", "-"))
        else {
            continue;
        };
        figures.push((m.start(), m.as_str().to_string(), written));
    }
    // A TOTAL row's figure is its last, which may carry no symbol.
    if total_row {
        let cells: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let last = cells.iter().rev().find_map(|c| {
            let c = c.trim_matches(['*', '_']);
            Range::parse(c)
                .ok()
                .map(|w| (line.find(c).unwrap_or(0), c.to_string(), w))
        });
        return last.map(|(at, text, w)| Stated {
            column: column_of(line, at),
            text,
            range: w.range,
            marker: w.marker,
            others: Vec::new(),
        });
    }
    // The first figure whose clause names the ask before it, and nothing
    // that makes it someone else's or another time's.
    let spans = clauses(line);
    let (index, (at, text, written)) = figures.iter().enumerate().find(|(_, (at, _, _))| {
        let clause = sentence_at(line, &spans, *at);
        ASK.is_match(&line[clause.start.min(*at)..*at]) && !NOT_ASK.is_match(&line[clause])
    })?;
    let others = figures
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != index)
        .map(|(_, (_, t, w))| (t.clone(), w.range, w.marker.clone()))
        .collect();
    Some(Stated {
        column: column_of(line, *at),
        text: text.clone(),
        range: written.range,
        marker: written.marker.clone(),
        others,
    })
}

/// Whether `line` has a digit, a currency marker (a symbol, or three
/// capitals beside a figure, as a code stands) and a cue word: cheap tests
/// before the figure pattern runs. Half the lines with a digit have no
/// marker, and the markers are found a block of bytes at a time (`$` by
/// memchr), so the cue pattern, the costliest test, runs on the other half
/// only.
fn might_state_money(line: &str) -> bool {
    let bytes = line.as_bytes();
    swar::any(bytes, |b| b.is_ascii_digit())
        && (has_symbol(bytes) || code_beside_figure(line))
        && CUE_WORD.is_match(line)
}

/// Whether `line` has three capitals where `FIGURE` could read a currency
/// code: a digit after them (`USD 40`, up to two spaces between), or a
/// number before them (`40 USD`, up to one space between; `5k EUR`, a
/// scale and then one space). Prose naming "MATS" or "USA" on a line with a
/// year has capitals and a digit but no code: such lines were half the
/// bytes the cue pattern read. A line `FIGURE` reads a code on always
/// passes (`a_code_figure_has_capitals_beside_it`).
///
/// Capitals are found 64 bytes at a time without a branch per byte
/// (`swar::mask`), windows stepping by 62 so that every run of
/// three lies inside one.
fn code_beside_figure(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut base = 0;
    while base < bytes.len() {
        let capitals = swar::mask(bytes, base, swar::Class::Capitals);
        // The bit of each byte that starts three capitals.
        let mut firsts = capitals & (capitals >> 1) & (capitals >> 2);
        while firsts != 0 {
            let first = base + firsts.trailing_zeros() as usize;
            if digit_after(&line[first + 3..]) || figure_before(&line[..first]) {
                return true;
            }
            firsts &= firsts - 1;
        }
        base += 62;
    }
    false
}

/// Whether `rest` starts with a digit after at most two spaces (`\s`).
fn digit_after(rest: &str) -> bool {
    let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
    let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
    rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether `before` ends with what `FIGURE` reads before a code: a
/// number, then at most one space (`\s`); or a number, a scale (`k`,
/// `bn`, `million`) and one space, which the scale's word boundary needs.
fn figure_before(before: &str) -> bool {
    let ends_in_digit = |text: &str| text.ends_with(|c: char| c.is_ascii_digit());
    let (spaced, before) = match before.strip_suffix(char::is_whitespace) {
        Some(rest) => (true, rest),
        None => (false, before),
    };
    ends_in_digit(before)
        || spaced
            && SCALES.iter().any(|scale| {
                before.strip_suffix(scale).is_some_and(|rest| {
                    ends_in_digit(rest.strip_suffix(char::is_whitespace).unwrap_or(rest))
                })
            })
}

/// The scales `FIGURE` reads after a number.
const SCALES: [&str; 7] = ["k", "K", "m", "M", "bn", "million", "billion"];

/// Whether `bytes` has `$`, `€`, `£` or `¥`, found by their first bytes
/// (memchr3) rather than by decoding every character.
fn has_symbol(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'$', 0xC2, 0xE2, bytes).any(|i| match bytes[i] {
        b'$' => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0xA3 | 0xA5)),
        _ => bytes.get(i + 1..i + 3) == Some(&[0x82, 0xAC]),
    })
}

fn column_of(line: &str, at: usize) -> u32 {
    line[..at].chars().count() as u32 + 1
}

/// The currency a marker names in a proposal in `own`: its symbol or code,
/// or `own` when unmarked.
fn currency_of(marker: Option<&Marker>, own: Currency) -> Option<Currency> {
    match marker {
        None => Some(own),
        Some(Marker::Symbol(s)) if own.accepts_symbol(*s) => Some(own),
        Some(Marker::Symbol(s)) => Currency::of_symbol(*s),
        Some(Marker::Code(code)) => Currency::from_code(code),
    }
}

fn compare(
    proposal: &Proposal,
    stated: &Stated,
    goal: Money,
    tolerance: Money,
    line: u32,
) -> Option<SectionFinding> {
    let own = proposal.currency;
    let currency = currency_of(stated.marker.as_ref(), own)?;
    let shown_goal = goal.display(own);
    let finding = |message: String| SectionFinding {
        rule: Rule::AskMismatch,
        line,
        column: Some(stated.column),
        message,
    };
    let display = |range: Range| {
        if range.is_exact() {
            range.low.display(own).to_string()
        } else {
            format!("{} to {}", range.low.display(own), range.high.display(own))
        }
    };
    let (range, shown) = if currency == own {
        (stated.range, display(stated.range))
    } else if let Some((text, range, _)) = stated
        .others
        .iter()
        .find(|(_, _, m)| currency_of(m.as_ref(), own) == Some(own))
    {
        (*range, format!("{} ({text} on the same line)", stated.text))
    } else {
        let Some(rate) = proposal.exchange_rates.iter().find(|(c, _)| *c == currency) else {
            return Some(finding(format!(
                "the body states this project's ask as {}, in {currency}, and funding.goal is {shown_goal}: \
                 with no exchange rate for {currency} it cannot be checked (add `exchange_rates: {{{currency}: …}}`)",
                stated.text
            )));
        };
        let converted = stated.range.times(rate.1)?;
        let shown = format!(
            "{} ({} at {} {own} per {currency})",
            stated.text,
            display(converted),
            rate.1
        );
        (converted, shown)
    };
    if range.admits(Range::from(goal), tolerance) {
        return None;
    }
    let (gap, _) = range.gap(Range::from(goal));
    Some(finding(format!(
        "the body states this project's ask as {shown} but funding.goal is {shown_goal} (a difference of {})",
        gap.display(own)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_code(text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len().saturating_sub(2)).any(|i| {
            bytes[i..i + 3].iter().all(u8::is_ascii_uppercase)
                && (digit_after(&text[i + 3..]) || figure_before(&text[..i]))
        })
    }

    fn naive_symbol(text: &str) -> bool {
        text.contains(['$', '€', '£', '¥'])
    }

    #[test]
    fn a_code_counts_as_a_marker_only_beside_a_figure() {
        for (text, code) in [
            ("USD 40,000", true),
            ("40,000 USD", true),
            ("5k EUR", true),
            ("£5 million GBP", true),
            ("USD\u{a0}\u{3000}40", true),
            ("about 40USD", true),
            ("USD   40", false),
            ("MATS ran 3 cohorts in 2024", false),
            ("5 million USD", true),
            ("5bn\u{a0}EUR", true),
            ("5millionUSD", false),
            ("5 mUSD", false),
            ("We trained 120 people at MATS.", false),
            ("MATS", false),
            ("", false),
        ] {
            assert_eq!(code_beside_figure(text), code, "{text:?}");
        }
    }

    #[test]
    fn markers_are_found_across_windows_and_after_other_characters() {
        for (text, code, symbol) in [
            ("", false, false),
            ("USD", false, false),
            ("12345 USD", true, false),
            ("123456USD", true, false),
            ("1234567US D", false, false),
            ("abcdefGBP 5", true, false),
            ("abcdefGBPx5", false, false),
            ("AB1CD2EF", false, false),
            ("[\\]@ÀÁÂ", false, false),
            ("Àé €40", false, true),
            ("— 5 £", false, true),
            ("¢ ¤ ¦ ‚ €", false, true),
            ("costs $5", false, true),
        ] {
            assert_eq!(code_beside_figure(text), code, "{text:?}");
            assert_eq!(has_symbol(text.as_bytes()), symbol, "{text:?}");
        }
        // A code across the edge of a 64-byte window, and one past it.
        for before in 58..=130 {
            let text = format!("{}USD 5", "x".repeat(before));
            assert!(code_beside_figure(&text), "{text:?}");
            assert!(!code_beside_figure(&format!("{}USDx5", "x".repeat(before))));
        }
    }

    proptest::proptest! {
        #[test]
        fn a_code_figure_has_capitals_beside_it(
            text in "[a-zA-Z ]{0,3}([A-Z]{2,4}|[$])?[ \u{a0}]{0,3}[0-9]{1,3}[ \u{a0}\u{3000}]{0,2}(k|M|bn|million|x)?[ \u{a0}]{0,2}([A-Z]{2,4})?[a-z .]{0,2}"
        ) {
            if FIGURE.is_match(&text) {
                proptest::prop_assert!(has_symbol(text.as_bytes()) || code_beside_figure(&text));
            }
        }

        #[test]
        fn markers_agree_with_reading_every_character(text in "[A-Z@\\[a-z0-9 $€£¥¢Àé—]{0,40}") {
            proptest::prop_assert_eq!(code_beside_figure(&text), naive_code(&text));
            proptest::prop_assert_eq!(has_symbol(text.as_bytes()), naive_symbol(&text));
        }
    }
}
