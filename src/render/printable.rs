//! User text on a terminal: a proposal can hold escape sequences that would
//! restyle or rewrite the reader's screen, and bidirectional-override
//! characters that make a line read differently from what it holds. Text
//! for people passes through `printable`, one character in, one column out,
//! so a caret under a source line stays where it points. Data formats (JSON,
//! CSV, SARIF) keep the text exact; their own escaping makes it safe.

use std::borrow::Cow;

/// Source lines longer than this many characters are shown as a window
/// around the column a finding points at.
pub const EXCERPT_CHARS: usize = 160;

/// Characters before the column kept when a line is cut.
const EXCERPT_LEAD: usize = 40;

/// `text` with control characters shown as their Unicode pictures (ESC as
/// `␛`, as rustc shows them) and C1 controls and bidi overrides as `�`.
/// Tabs become one space.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(replacement).collect())
}

/// As `printable`, but line breaks are kept, for formats that escape them.
pub fn printable_lines(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => c,
            c => replacement(c),
        })
        .collect()
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn replacement(c: char) -> char {
    match c {
        '\t' => ' ',
        // U+2400..U+241F picture U+0000..U+001F.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if needs_replacing(c) => '\u{fffd}',
        c => c,
    }
}

/// Characters that reorder the text around them (CVE-2021-42574).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A source line made printable and, when long, cut to a window around the
/// 1-based `column`, with `…` where text was left out. Returns the text and
/// the column the caret goes under in it.
pub fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars = line.chars().count();
    if chars <= EXCERPT_CHARS {
        return (printable(line).into_owned(), column);
    }
    let start = column.saturating_sub(1).saturating_sub(EXCERPT_LEAD);
    let start = start.min(chars - EXCERPT_CHARS);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(
        line.chars()
            .skip(start)
            .take(EXCERPT_CHARS)
            .map(replacement),
    );
    if start + EXCERPT_CHARS < chars {
        shown.push('…');
    }
    let column = column - start + usize::from(start > 0);
    (shown, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_become_one_visible_column() {
        assert!(matches!(printable("plain £ text"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}[31mred\u{7}"), "a␛[31mred␇");
        assert_eq!(printable("x\ty\r\n\u{7f}"), "x y␍␊␡");
        assert_eq!(printable("\u{9b}2J \u{202e}evil\u{2066}"), "�2J �evil�");
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}KEY{}", "a".repeat(1000), "b".repeat(1000));
        let (shown, column) = excerpt(&line, 1001);
        assert_eq!(shown.chars().count(), EXCERPT_CHARS + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(
            shown.chars().skip(column - 1).take(3).collect::<String>(),
            "KEY"
        );

        let (shown, column) = excerpt(&line, 1);
        assert_eq!((shown.chars().next(), column), (Some('a'), 1));
        let (shown, column) = excerpt(&line, 2003);
        assert_eq!(shown.chars().last(), Some('b'));
        assert_eq!(shown.chars().nth(column - 1), Some('b'));
        assert_eq!(excerpt("short", 3), ("short".to_string(), 3));
    }
}
