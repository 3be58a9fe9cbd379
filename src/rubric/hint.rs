//! "Did you mean": the heading that looks like a section the rubric scores
//! but did not match it (`## Premortum`, `## Risk register`), so a
//! `missing-section` warning can point at it.

use super::model::SectionRule;
use crate::sections::Section;

/// Longest heading, and most patterns of a section, compared: a real
/// heading is short, and a rubric of thousands of patterns must not make
/// a missing section cost a quadratic comparison of each.
const MAX_HEADING: usize = 200;
const MAX_PATTERNS: usize = 64;

/// How alike a heading and a pattern's words must be, 0–1.
const ALIKE: f64 = 0.8;

/// The unrecognised heading most like one of `rule`'s patterns, if any is
/// close enough.
pub(super) fn near_miss<'a>(rule: &SectionRule, sections: &'a [Section]) -> Option<&'a Section> {
    let patterns: Vec<String> = rule
        .headings
        .iter()
        .take(MAX_PATTERNS)
        .map(|h| literal(h))
        .filter(|p| p.len() <= MAX_HEADING)
        .collect();
    sections
        .iter()
        .filter(|s| s.key.is_none() && !s.heading.is_empty() && s.heading.len() <= MAX_HEADING)
        .map(|s| (likeness(&s.heading.to_lowercase(), &patterns), s))
        .filter(|(score, _)| *score >= ALIKE)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.line.cmp(&a.1.line)))
        .map(|(_, s)| s)
}

/// A pattern's words, its regular-expression syntax dropped.
fn literal(pattern: &str) -> String {
    let mut text = pattern
        .replace("(?:", " ")
        .replace("\\b", " ")
        .replace("\\s", " ");
    text.retain(|c| c.is_alphanumeric() || c == ' ' || c == '\'');
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The best of: the whole heading against a whole pattern, and any long
/// word of the heading that is a misspelling of a long word of a pattern
/// (`premortum`).
fn likeness(heading: &str, patterns: &[String]) -> f64 {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 6)
            .map(str::to_string)
            .collect()
    };
    let heading_words = words(heading);
    patterns
        .iter()
        .map(|pattern| {
            let compact = |t: &str| t.replace(' ', "");
            let whole = strsim::normalized_damerau_levenshtein(heading, pattern).max(
                strsim::normalized_damerau_levenshtein(&compact(heading), &compact(pattern)),
            );
            let best_word = words(pattern)
                .iter()
                .flat_map(|p| {
                    heading_words
                        .iter()
                        .map(move |h| strsim::normalized_damerau_levenshtein(h, p))
                })
                // A word both share is no sign ("project"); a misspelt one is.
                .filter(|&score| score < 1.0)
                .fold(0.0, f64::max);
            // Most of a long question's words, reworded around them.
            let pattern_words: Vec<&str> = pattern.split(' ').filter(|w| w.len() >= 3).collect();
            let shared = pattern_words
                .iter()
                .filter(|w| {
                    heading
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|h| h == **w)
                })
                .count();
            let overlap = if pattern_words.len() >= 3 {
                shared as f64 / pattern_words.len() as f64
            } else {
                0.0
            };
            whole.max(best_word).max(overlap)
        })
        .fold(0.0, f64::max)
}

/// The heading as it was written, for a message.
pub(super) fn shown(section: &Section) -> String {
    match section.level {
        1..=6 => format!(
            "{} {}",
            "#".repeat(usize::from(section.level)),
            section.heading
        ),
        _ => section.heading.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_and_reworded_headings_are_near_misses() {
        let patterns = vec![
            literal("pre-?\\s?mortem"),
            literal("track[ -]?record"),
            literal("causes and outcomes if this project fails"),
        ];
        assert!(likeness("premortum", &patterns) >= ALIKE);
        assert!(likeness("trak record", &patterns) >= ALIKE);
        assert!(
            likeness(
                "what are the causes and outcomes if the project fails",
                &patterns
            ) >= ALIKE
        );
        assert!(likeness("timeline", &patterns) < ALIKE);
        assert!(likeness("project summary", &patterns) < ALIKE);
    }
}
