//! Sentences and labels in a block's text, with byte ranges, so what a
//! criterion finds can be quoted and placed at its own line.

use std::ops::Range;

use super::patterns::Pattern;

pub(super) use super::reading::Label;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "et al", "vs", "etc", "cf", "approx", "incl", "no", "dr", "mr", "ms", "mrs",
    "prof", "st", "inc", "ltd", "fig", "u.s", "u.k",
];

/// The sentences of `text`, as byte ranges without surrounding space.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::with_capacity(expected_pieces(text));
    let mut start = 0;
    // Stops found by memchr3: testing every byte mispredicted a branch at
    // each one.
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let after = bytes.get(i + 2).copied();
        let ends = match next {
            None => true,
            Some(b' ' | b'\n') => after.is_none_or(|c| {
                c.is_ascii_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, b'"' | b'(' | b'[' | b'*' | b'\'')
                    || c >= 0x80
            }),
            Some(b')' | b'"' | b'\'') => false,
            _ => false,
        };
        if ends && !(b == b'.' && after_abbreviation(&text[start..i])) {
            push(text, start..i + 1, &mut found);
            start = i + 1;
        }
    }
    push(text, start..text.len(), &mut found);
    found
}

/// The clauses of `text`: its sentences, cut again at semicolons and
/// arrows, where a premortem often puts a risk and its answer ("…; we
/// reduce this by…", "Low turnout → we advertise").
pub(crate) fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::with_capacity(expected_pieces(text));
    for sentence in sentences(text) {
        let mut start = sentence.start;
        let piece = &text[sentence.clone()];
        for (i, len) in clause_breaks(piece) {
            let at = sentence.start + i;
            push(text, start..at, &mut found);
            start = at + len;
        }
        push(text, start..sentence.end, &mut found);
    }
    found
}

/// Room for the sentences or clauses of `text` at one in 48 bytes, more
/// than most have: every block is cut, and a list regrown from empty
/// allocated three or four times.
fn expected_pieces(text: &str) -> usize {
    text.len() / 48 + 1
}

/// Where `piece` breaks between clauses, `; `, ` → `, ` -> ` or ` => `, as
/// (byte, length), in order and not overlapping. Each separator has one
/// byte no other starts or ends with (`;`, the arrow's first byte, `>`):
/// those are found by memchr3, not every space tried.
fn clause_breaks(piece: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const BREAKS: [(&str, usize); 4] = [("; ", 0), (" → ", 1), (" -> ", 2), (" => ", 2)];
    let bytes = piece.as_bytes();
    let mut consumed = 0;
    let mut anchors = memchr::memchr3_iter(b';', "→".as_bytes()[0], b'>', bytes);
    std::iter::from_fn(move || {
        for anchor in anchors.by_ref() {
            let found = BREAKS.iter().find_map(|&(separator, offset)| {
                let at = anchor.checked_sub(offset)?;
                (at >= consumed && bytes[at..].starts_with(separator.as_bytes()))
                    .then_some((at, separator.len()))
            });
            if let Some((at, len)) = found {
                consumed = at + len;
                return Some((at, len));
            }
        }
        None
    })
}

/// The sentence of `spans` (from `sentences`) that holds byte `at`, or
/// the whole text.
pub(crate) fn sentence_at(text: &str, spans: &[Range<usize>], at: usize) -> Range<usize> {
    let i = spans.partition_point(|r| r.end < at);
    spans
        .get(i)
        .filter(|r| r.start <= at)
        .cloned()
        .unwrap_or(0..text.len())
}

fn after_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    // A single capital is an initial ("J. Smith"); a number before a
    // full stop ends a sentence.
    ABBREVIATIONS.contains(&word.as_str())
        || (word.len() == 1 && word.chars().all(|c| c.is_alphabetic()))
}

fn push(text: &str, range: Range<usize>, found: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = range.start + lead;
        found.push(start..start + trimmed.len());
    }
}

/// A label and the text it labels, up to the next label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Labelled {
    pub label: Label,
    /// Where the label starts, and its text (after the colon).
    pub at: usize,
    pub text: Range<usize>,
}

/// Labels in `text` where a label may stand: at its start, after a
/// sentence's end or where a line starts (`breaks`), markup skipped. The
/// text before the first label is returned apart. `labels` is anchored
/// (`^…:`), so each place is one short try: most blocks hold no label, and
/// scanning a whole block for every colon (a URL has one) cost more than
/// reading it.
pub(super) fn labels(
    text: &str,
    labels: &[(Label, Pattern)],
    breaks: &[usize],
) -> (Range<usize>, Vec<Labelled>) {
    let mut found: Vec<Labelled> = Vec::new();
    if !text.contains(':') {
        return (0..text.len(), found);
    }
    for at in label_places(text, breaks) {
        // A label is a few words and a colon: no colon near, no label.
        let near = (at + 64).min(text.len());
        let near = (near..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        if !text[at..near].contains(':') {
            continue;
        }
        let Some((label, end)) = label_at(&text[at..], labels) else {
            continue;
        };
        if let Some(last) = found.last_mut() {
            last.text.end = at;
        }
        found.push(Labelled {
            label,
            at,
            text: at + end..text.len(),
        });
    }
    let prefix = 0..found.first().map_or(text.len(), |l| l.at);
    (prefix, found)
}

/// The kind of the first label among `text`'s words (`Our response`,
/// a table's header cell), if any.
pub(super) fn label_of(text: &str, labels: &[(Label, Pattern)]) -> Option<Label> {
    let text = format!("{}:", text.trim().trim_end_matches(':'));
    let starts = std::iter::once(0).chain(text.match_indices(' ').map(|(i, _)| i + 1));
    starts
        .filter_map(|at| label_at(&text[at..], labels))
        .map(|(label, _)| label)
        .next()
}

/// The label `text` starts with, and where its colon ends.
fn label_at(text: &str, labels: &[(Label, Pattern)]) -> Option<(Label, usize)> {
    labels
        .iter()
        .find_map(|(label, pattern)| pattern.find(text).map(|m| (*label, m.end)))
}

/// Where a label may start: the text's start, each line's start, and
/// after each sentence's end or a semicolon, past spaces and markup.
fn label_places(text: &str, breaks: &[usize]) -> Vec<usize> {
    let markup = |c: char| matches!(c, ' ' | '*' | '_' | '-' | '–' | '—' | '•');
    let skip = |at: usize| at + text[at..].len() - text[at..].trim_start_matches(markup).len();
    let mut places = vec![skip(0)];
    places.extend(
        breaks
            .iter()
            .filter(|&&b| b <= text.len() && text.is_char_boundary(b))
            .map(|&b| skip(b)),
    );
    // A stop or separator before a space, its bytes found by memchr3:
    // testing every byte mispredicted a branch at each one.
    let bytes = text.as_bytes();
    let stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .chain(memchr::memchr3_iter(b';', b')', b':', bytes));
    for i in stops {
        if bytes.get(i + 1) == Some(&b' ') {
            places.push(skip(i + 1));
        }
    }
    places.sort_unstable();
    places.dedup();
    places.retain(|&p| p < text.len());
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte tried in turn, as the breaks were first found.
    fn naive_breaks(piece: &str) -> Vec<(usize, usize)> {
        const BREAKS: [&str; 4] = ["; ", " → ", " -> ", " => "];
        let mut found = Vec::new();
        let mut i = 0;
        while i < piece.len() {
            match BREAKS
                .iter()
                .find(|b| piece.as_bytes()[i..].starts_with(b.as_bytes()))
            {
                Some(b) => {
                    found.push((i, b.len()));
                    i += b.len();
                }
                None => i += 1,
            }
        }
        found
    }

    #[test]
    fn clause_breaks_are_found_in_order_without_overlap() {
        for piece in [
            "a; b",
            "; -> x",
            "a -> b => c → d",
            "a ->b; c",
            "→ a; ; b",
            " => ;  -> ",
            "x>y; é → z",
        ] {
            assert_eq!(
                clause_breaks(piece).collect::<Vec<_>>(),
                naive_breaks(piece),
                "{piece:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn clause_breaks_match_trying_every_byte(piece in "[ ;>=→a.-]{0,40}") {
            proptest::prop_assert_eq!(clause_breaks(&piece).collect::<Vec<_>>(), naive_breaks(&piece));
        }

        #[test]
        fn label_places_match_trying_every_byte(text in "[ .!?;):a*é\n]{0,40}") {
            proptest::prop_assert_eq!(label_places(&text, &[]), naive_places(&text));
        }
    }

    /// Where `label_places` puts a label, trying every byte.
    fn naive_places(text: &str) -> Vec<usize> {
        let markup = |c: char| matches!(c, ' ' | '*' | '_' | '-' | '–' | '—' | '•');
        let skip = |at: usize| at + text[at..].len() - text[at..].trim_start_matches(markup).len();
        let bytes = text.as_bytes();
        let mut places = vec![skip(0)];
        for (i, &b) in bytes.iter().enumerate() {
            if b".!?;):".contains(&b) && bytes.get(i + 1) == Some(&b' ') {
                places.push(skip(i + 1));
            }
        }
        places.sort_unstable();
        places.dedup();
        places.retain(|&p| p < text.len());
        places
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations_or_initials() {
        assert_eq!(
            split("We ran 3 pilots, e.g. in Paris. J. Smith led them! Did it work? Yes."),
            [
                "We ran 3 pilots, e.g. in Paris.",
                "J. Smith led them!",
                "Did it work?",
                "Yes."
            ]
        );
        assert_eq!(
            split("Version 2.5 shipped. next"),
            ["Version 2.5 shipped. next"]
        );
        assert_eq!(split("  "), Vec::<&str>::new());
    }

    #[test]
    fn clauses_break_at_semicolons_and_arrows() {
        fn cut(text: &str) -> Vec<&str> {
            clauses(text).into_iter().map(|r| &text[r]).collect()
        }
        assert_eq!(
            cut("Low turnout → we advertise; late -> we move it => fine. Next one"),
            [
                "Low turnout",
                "we advertise",
                "late",
                "we move it",
                "fine.",
                "Next one"
            ]
        );
        // Not a break without its spaces: `a;b`, `x->y`, an arrow in a word.
        assert_eq!(cut("a;b x->y →z"), ["a;b x->y →z"]);
        assert_eq!(cut("a ;  b"), ["a", "b"]);
    }

    #[test]
    fn labels_stand_at_starts_only() {
        let kind = |label, words: &str| {
            let pattern = Pattern::new(&format!(r"^(?:{words})(?:\s*#?[0-9]+)?\s*:"), 1 << 20);
            (label, pattern.unwrap())
        };
        let regex = [
            kind(Label::Cause, "risk|cause"),
            kind(Label::Outcome, "impact"),
            kind(Label::Mitigation, "mitigation"),
            kind(Label::Other, "likelihood"),
        ];
        let text = "Risk 1: few apply. Impact: no cohort. Likelihood: low. Mitigation: we advertise; the risk: none";
        let (prefix, found) = labels(text, &regex, &[]);
        assert_eq!(prefix, 0..0);
        let got: Vec<(Label, &str)> = found
            .iter()
            .map(|l| (l.label, text[l.text.clone()].trim()))
            .collect();
        assert_eq!(
            got,
            [
                (Label::Cause, "few apply."),
                (Label::Outcome, "no cohort."),
                (Label::Other, "low."),
                (Label::Mitigation, "we advertise; the risk: none"),
            ]
        );
        let (prefix, found) = labels("Poor selection. Mitigation:", &regex, &[]);
        assert_eq!((prefix, found.len()), (0..16, 1));
    }
}
