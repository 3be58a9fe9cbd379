//! What makes a line a heading to a reader when it is not a `#` heading,
//! and the heading text a rubric's patterns are matched against.

/// How a heading is written; decides what it may end (see `splitter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// `#` or setext.
    Marked,
    /// A paragraph that is only bold text ending in `?`: a form's question.
    Question,
    /// A short line in capitals standing alone (`**LEADERSHIP**`, `TRACTION`).
    Capitals,
    /// Any other paragraph that is only bold text (`**Risk 1: turnout**`).
    Label,
}

/// The level given to a bold or capitals heading: below every `#` level,
/// so a marked heading at any level ends a section one of them opened.
pub(super) const UNMARKED_LEVEL: u8 = 7;

/// Longest paragraph, in bytes, that can be read as a heading.
pub(super) const MAX_HEADING: usize = 160;

/// The style of a top-level paragraph `text` whose first `lead` bytes are
/// bold, if it reads as a heading.
pub(super) fn unmarked(text: &str, lead: usize) -> Option<Style> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_HEADING {
        return None;
    }
    let bold_only = lead > 0 && lead >= text.len();
    if !bold_only && text.len() > 80 {
        return None;
    }
    let words = text.split_whitespace().count();
    if is_capitals(text) && words <= 8 {
        return Some(Style::Capitals);
    }
    if !bold_only || words > 20 {
        return None;
    }
    Some(if is_plain_question(text) {
        Style::Question
    } else {
        Style::Label
    })
}

/// A one-line paragraph that asks a question, short enough to be a form's.
/// A trailing note in brackets may follow: "…if this project fails?
/// (premortem)".
pub(super) fn is_plain_question(text: &str) -> bool {
    // Asked of every line of every top-level paragraph: most have no `?`,
    // and a byte search is cheaper than trimming first.
    if !text.as_bytes().contains(&b'?') {
        return false;
    }
    let text = text.trim();
    let Some(mark) = text.rfind('?') else {
        return false;
    };
    let after = text[mark + 1..].trim();
    let note = after.is_empty() || (after.starts_with('(') && after.ends_with(')'));
    note && text.split_whitespace().count() <= 25 && !text[..mark].contains(['?', '.', '!'])
}

/// Letters all capitals, with a word of four or more of them, not a sentence.
fn is_capitals(text: &str) -> bool {
    if text.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let has_word = text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 4);
    has_word
        && !text.ends_with('.')
        && text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The heading as its question reads, numbering and trimmings off:
/// `6. Risks and mitigations` → `Risks and mitigations`, `Q3) Team:` →
/// `Team`.
pub(super) fn normalise(heading: &str) -> &str {
    let mut text = heading.trim();
    for prefix in ["question", "section", "part", "q"] {
        if text.len() > prefix.len()
            && text.is_char_boundary(prefix.len())
            && text[..prefix.len()].eq_ignore_ascii_case(prefix)
            && text[prefix.len()..].starts_with(|c: char| c.is_ascii_digit() || c == ' ')
        {
            let rest = text[prefix.len()..].trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                text = rest;
            }
        }
    }
    text = strip_number(text);
    text.trim_end_matches([':', ' ', '*']).trim()
}

/// `6.`, `6)`, `6:`, `6 -`, `2.1`, `iv.`, `B)` at the start, and the
/// space after; a number with no mark is numbering only when short
/// (`2024 Budget` is a title).
fn strip_number(text: &str) -> &str {
    let numeral = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(text.len(), |(i, _)| i);
    let (marker, marked) = if numeral > 0 && text.starts_with(|c: char| c.is_ascii_digit()) {
        let bare = text[..numeral].trim_end_matches('.');
        (
            numeral,
            bare.len() < numeral || bare.len() <= 2 || bare.contains('.'),
        )
    } else {
        let word = text.split(['.', ')']).next().unwrap_or("");
        let roman =
            !word.is_empty() && word.len() <= 4 && word.chars().all(|c| "ivxIVX".contains(c));
        let letter = word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic());
        if !(roman || letter) || !text[word.len()..].starts_with(['.', ')']) {
            return text;
        }
        (word.len(), true)
    };
    let rest = &text[marker..];
    let (rest, closed) = match rest.strip_prefix(['.', ')', ':']) {
        Some(rest) => (rest, true),
        None => (rest, marked),
    };
    if !closed || !rest.starts_with(char::is_whitespace) {
        return text;
    }
    let rest = rest.trim_start();
    rest.strip_prefix(['-', '–', '—'])
        .map_or(rest, str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_trimmings_come_off() {
        for (heading, bare) in [
            ("6. Risks and mitigations", "Risks and mitigations"),
            ("3) Track record", "Track record"),
            ("2.1 Team", "Team"),
            ("Q3. Team:", "Team"),
            ("Question 4: Summary", "Summary"),
            ("iv. Past work", "Past work"),
            ("B) Risks", "Risks"),
            ("7 - Failure modes", "Failure modes"),
            ("Track record:", "Track record"),
            ("Premortem", "Premortem"),
            ("Impact", "Impact"),
            ("2024 Budget", "2024 Budget"),
            ("I want to", "I want to"),
        ] {
            assert_eq!(normalise(heading), bare, "{heading}");
        }
    }

    #[test]
    fn bold_and_capitals_paragraphs_read_as_headings() {
        let bold = |t: &str| unmarked(t, t.len());
        assert_eq!(bold("What's your track record?"), Some(Style::Question));
        assert_eq!(unmarked("LEADERSHIP", 0), Some(Style::Capitals));
        assert_eq!(bold("DISCLAIMER"), Some(Style::Capitals));
        assert_eq!(bold("Risk 1: low turnout"), Some(Style::Label));
        assert_eq!(unmarked("We ran 19 sprints.", 0), None);
        assert_eq!(unmarked("USD 5,000", 0), None);
        assert_eq!(unmarked("AI SAFETY IS HARD.", 0), None);
        // Bold that opens a paragraph is a label, not a heading.
        assert_eq!(unmarked("Fear mongering: we course corrected.", 15), None);
    }
}
