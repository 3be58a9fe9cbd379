//! What each risk a premortem names is worth. A cause alone is worth
//! nothing: naming "the team might not have enough time" costs nothing, and
//! what a reader learns from a premortem is what follows and what the
//! applicant will do. A stated outcome and a mitigation are worth half each,
//! when the risk is specific to this project (it shares a word with the rest
//! of the proposal that is not a generic one). A generic risk is worth a
//! quarter, and only with both. A risk that repeats an earlier one is worth
//! nothing.

use std::sync::LazyLock;

use regex::Regex;

use super::Risk;
use crate::rubric::vocabulary::{Keys, Vocabulary, content_keys, each_key, fnv};
use crate::sections::Block;

/// A number with a unit or noun (`15% of the pool`, `3 universities`): a
/// risk that states one names something of its own.
static OWN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[0-9](?:[0-9,.]*[0-9])?\s?(?:%|k(?-u:\b)|[a-z]{3,})")
        .expect("valid pattern")
});

/// The longest line read as part of what a risk says, in bytes.
const LONGEST_LINE: usize = 1_000;

/// What a generic risk is worth, as a share of a specific one's.
pub(crate) const GENERIC: f64 = 0.25;

/// One risk's worth, from 0 to 1, and why it is less than 1.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Worth {
    pub value: f64,
    pub specific: bool,
    /// It repeats an earlier risk.
    pub repeat: bool,
    pub note: Option<String>,
}

/// The worth of each of `risks`, in order. `blocks` are the premortem's,
/// `vocabulary` the words the rest of the proposal uses.
pub(crate) fn weigh(
    risks: &[Risk],
    blocks: &[Block],
    vocabulary: &Vocabulary,
    generic: &Keys,
) -> Vec<Worth> {
    // Each risk's words, then which of them the rest of the proposal uses:
    // one pass over it for all the risks.
    let said: Vec<String> = risks.iter().map(|risk| said(risk, blocks)).collect();
    // A risk that states a number of its own is specific already: the rest
    // of the proposal is read only for the others' words.
    let numbered: Vec<bool> = said.iter().map(|t| OWN_NUMBER.is_match(t)).collect();
    let words: Vec<Vec<u64>> = said
        .iter()
        .zip(&numbered)
        .map(|(t, &numbered)| {
            if numbered {
                Vec::new()
            } else {
                content_keys(t, generic)
            }
        })
        .collect();
    let shared = vocabulary.shares(&words);
    let mut seen: Vec<(Vec<u64>, u32)> = Vec::new();
    risks
        .iter()
        .zip(shared.iter().zip(&numbered))
        .map(|(risk, (&shares, &numbered))| {
            let key = repeat_key(&risk.cause, generic);
            if let Some((_, line)) = seen.iter().find(|(k, _)| *k == key) {
                return Worth {
                    value: 0.0,
                    specific: false,
                    repeat: true,
                    note: Some(format!("repeats the risk at line {line}")),
                };
            }
            seen.push((key, risk.line));
            let specific = shares || numbered;
            let value = worth(specific, risk.outcome.is_some(), risk.mitigation.is_some());
            let note = match (
                risk.outcome.is_some() || risk.mitigation.is_some(),
                specific,
            ) {
                (false, _) => Some("no outcome or mitigation stated".to_string()),
                (true, false) => Some("generic: names nothing of this project".to_string()),
                (true, true) => None,
            };
            Worth {
                value,
                specific,
                repeat: false,
                note,
            }
        })
        .collect()
}

/// A risk's worth: half for an outcome and half for a mitigation when it
/// is specific; `GENERIC` when a generic one has both ("Key staff might
/// leave" states its own outcome, and says nothing a reader can use).
pub(crate) fn worth(specific: bool, outcome: bool, mitigation: bool) -> f64 {
    match (specific, outcome, mitigation) {
        (true, o, m) => 0.5 * f64::from(u8::from(o) + u8::from(m)),
        (false, true, true) => GENERIC,
        (false, _, _) => 0.0,
    }
}

/// What identifies a risk for repetition: its cause's content words, in
/// order, or (a hash of) its letters when it has none ("bad thing 1", "bad thing 2").
fn repeat_key(cause: &str, generic: &Keys) -> Vec<u64> {
    let mut words = Vec::new();
    each_key(cause, |k| {
        if !generic.contains(&k) {
            words.push(k);
        }
    });
    if words.is_empty() {
        let letters = cause
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        words = vec![letters.len() as u64, fnv(letters.bytes().map(u64::from))];
    }
    words
}

/// Everything the applicant said about a risk: its cause and the lines of
/// its outcome and mitigation.
fn said(risk: &Risk, blocks: &[Block]) -> String {
    let mut lines = [Some(risk.line), risk.outcome, risk.mitigation];
    if lines[2] == lines[1] || lines[2] == lines[0] {
        lines[2] = None;
    }
    if lines[1] == lines[0] {
        lines[1] = None;
    }
    // A line is the unit only where lines are short: one paragraph on one
    // line of many risks would give each risk all of them, and read the
    // paragraph once per risk.
    let texts = lines
        .map(|line| line.map(|line| line_text(blocks, line)))
        .map(|said| said.filter(|s| s.len() <= LONGEST_LINE));
    let length = texts.iter().flatten().map(|s| s.len() + 1).sum::<usize>();
    let mut text = String::with_capacity(risk.cause.len() + length);
    text.push_str(&risk.cause);
    for said in texts.into_iter().flatten() {
        text.push(' ');
        text.push_str(said);
    }
    text
}

/// The text of file line `line` among `blocks` (in file order), or ""
/// when none holds it; by binary search, as it is asked once per risk.
fn line_text(blocks: &[Block], line: u32) -> &str {
    let after = blocks.partition_point(|b| b.line <= line);
    let Some(block) = after.checked_sub(1).map(|i| &blocks[i]) else {
        return "";
    };
    let end_of = |i: usize| {
        block
            .breaks
            .get(i)
            .map_or(block.text.len(), |b| b.0 as usize)
    };
    if block.line == line {
        return block.text.get(..end_of(0)).unwrap_or_default();
    }
    match block.breaks.binary_search_by_key(&line, |b| b.1) {
        Ok(i) => block
            .text
            .get(block.breaks[i].0 as usize..end_of(i + 1))
            .unwrap_or_default(),
        Err(_) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::vocabulary::key;
    use crate::sections::BlockKind;

    fn risk(cause: &str, line: u32, outcome: bool, mitigation: bool) -> Risk {
        Risk {
            cause: cause.to_string(),
            line,
            outcome: outcome.then_some(line),
            mitigation: mitigation.then_some(line),
        }
    }

    fn generic() -> Keys {
        ["team", "time", "enough", "thing", "might"]
            .iter()
            .filter_map(|w| key(w))
            .collect()
    }

    /// `risks` weighed in a proposal titled "a census of mentors".
    fn weighed(risks: &[Risk]) -> Vec<Worth> {
        let vocabulary = Vocabulary::new(Some("a census of mentors"), &[], "premortem");
        weigh(risks, &[], &vocabulary, &generic())
    }

    #[test]
    fn worth_follows_what_is_stated_and_whether_it_is_specific() {
        let risks = [
            risk("Mentors may not reply to the census", 1, true, true),
            risk("Mentors may leave the census", 2, true, false),
            risk("The team might not have enough time", 3, true, true),
            risk("Mentors may not answer", 4, false, false),
            risk("bad thing 1", 5, true, false),
            risk("bad thing 2", 6, true, false),
        ];
        let worth = weighed(&risks);
        let values: Vec<f64> = worth.iter().map(|w| w.value).collect();
        assert_eq!(values, [1.0, 0.5, 0.25, 0.0, 0.0, 0.0]);
        assert_eq!(worth[5].note.as_deref(), Some("repeats the risk at line 5"));
    }

    #[test]
    fn a_number_of_its_own_makes_a_risk_specific_without_the_vocabulary() {
        let risks = [
            // Shares no word with the rest, and states a number: specific.
            risk("Fewer than 20 volunteers sign up", 1, true, true),
            // The same words without the number: generic.
            risk("Fewer volunteers sign up", 2, true, true),
            // A number with a shared word: specific either way.
            risk("Only 3 mentors reply", 3, true, false),
        ];
        let worth = weighed(&risks);
        let specific: Vec<bool> = worth.iter().map(|w| w.specific).collect();
        assert_eq!(specific, [true, false, true]);
        let values: Vec<f64> = worth.iter().map(|w| w.value).collect();
        assert_eq!(values, [1.0, GENERIC, 0.5]);
    }

    #[test]
    fn a_line_of_a_block_is_read_from_its_breaks() {
        let mut block = Block::new(BlockKind::Paragraph, "one\ntwo\nthree", 10);
        block.breaks = vec![(4, 11), (8, 12)];
        assert_eq!(line_text(&[block.clone()], 10), "one\n");
        assert_eq!(line_text(&[block.clone()], 11), "two\n");
        assert_eq!(line_text(&[block], 12), "three");
    }
}
