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

/// Whether a line starting with `text` could be read by a CI runner as a
/// command: GitHub's runner trims leading space and takes `::name::` (and
/// the older `##[name]`) as workflow commands, so a file named
/// `::add-mask::x.md` at the start of a line would be obeyed.
pub fn could_command(text: &str) -> bool {
    text.trim_start().starts_with([':', '#'])
}

/// A relative path that would start a line as a command, shown as
/// `./path` (the same file); any other path as it is.
pub fn path_at_line_start(path: &str) -> Cow<'_, str> {
    if could_command(path) {
        Cow::Owned(format!("./{path}"))
    } else {
        Cow::Borrowed(path)
    }
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
    fn paths_that_could_be_runner_commands_are_shown_as_relative() {
        assert_eq!(path_at_line_start("::error::x.md"), "./::error::x.md");
        assert_eq!(
            path_at_line_start("  ##[warning]x.md"),
            "./  ##[warning]x.md"
        );
        assert!(matches!(path_at_line_start("a/::b.md"), Cow::Borrowed(_)));
        assert!(!could_command("proposals/a.md"));
    }

    #[test]
    fn control_and_bidi_characters_become_one_visible_column() {
        assert!(matches!(printable("plain £ text"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}[31mred\u{7}"), "a␛[31mred␇");
        assert_eq!(printable("x\ty\r\n\u{7f}"), "x y␍␊␡");
        assert_eq!(printable("\u{9b}2J \u{202e}evil\u{2066}"), "�2J �evil�");
    }
}
