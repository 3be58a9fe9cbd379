//! User text on a terminal: a proposal can hold escape sequences that would
//! restyle or rewrite the reader's screen, and bidirectional-override
//! characters that make a line read differently from what it holds. Text
//! for people passes through `printable`, one character in, one column out,
//! so a caret under a source line stays where it points. Data formats (JSON,
//! CSV, SARIF) keep the text exact; their own escaping makes it safe.

use std::borrow::Cow;

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
}
