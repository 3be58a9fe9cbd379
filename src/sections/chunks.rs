//! A long body is read in pieces: pulldown-cmark builds a tree of the
//! whole text it is given, about 90 bytes per byte of tiny blocks, so a
//! 10 MiB body of one-letter list items took 900 MB.
//!
//! A body longer than `CHUNK` is cut into pieces of about `CHUNK` bytes.
//! A cut is made only where what follows reads the same at the start of a
//! piece: never inside a fenced code block or an HTML block, and only
//! before text that cannot continue a construct of the piece before it (not
//! a digit, which could be `2.` continuing a paragraph; not `[`, `<`, a
//! setext underline or a thematic break). After a blank line in column 0
//! every block reads as it would whole. Anywhere else a cut may end a
//! paragraph early, and in a line longer than a piece it is made at a space
//! with brackets and code spans closed: only bodies over 256 KB are cut at
//! all, and only their pieces' edges can read differently. Link reference
//! definitions apply to the whole document, so `definitions` finds them
//! first for every piece to use. A table longer than a piece is cut
//! between rows (pulldown-cmark holds a table's every cell), and its rows
//! after the cut read as text. Every real proposal is read whole.

use std::collections::HashMap;

use crate::swar;

/// Bodies up to this many bytes are read in one piece.
pub(super) const CHUNK: usize = 256 * 1024;

/// Byte ranges of `body` to read one after another, each of at least
/// `size` bytes where a cut can be made.
pub(super) fn chunks(body: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    if body.len() <= size {
        return std::iter::once(0..body.len()).collect();
    }
    let mut cuts = vec![0];
    // HTML blocks longer than a piece, left out: their text is never
    // read, and pulldown-cmark would hold every line of them.
    let mut skipped = Vec::new();
    let mut html_from = None;
    let mut block = Open::None;
    let mut blank_before = true;
    let mut row_before = false;
    let mut start = 0;
    for line in swar::lines_with_breaks(body) {
        let text = line.trim_end_matches(['\n', '\r']);
        let due = |cuts: &Vec<usize>, at: usize| at - cuts.last().copied().unwrap_or(0) >= size;
        // Between two rows of a table longer than a piece: the rows after
        // the cut read as text, which no real proposal's table reaches.
        let row = text.starts_with('|') && row_before;
        if block == Open::None && due(&cuts, start) && (blank_before || row || starts_safely(text))
        {
            cuts.push(start);
        }
        row_before = text.starts_with('|');
        if block == Open::None && text.len() > size {
            cut_long_line(text, start, size, &mut cuts);
        }
        let was_html = matches!(block, Open::Html(_));
        block = block.after(text);
        let is_html = matches!(block, Open::Html(_));
        let end = start + line.len();
        match (was_html, is_html) {
            (false, true) => html_from = Some(start),
            (true, false) => skip_if_long(html_from.take(), end, size, &mut cuts, &mut skipped),
            _ => {}
        }
        blank_before = text.trim().is_empty();
        if blank_before && block == Open::UntilBlank {
            block = Open::None;
        }
        start = end;
    }
    skip_if_long(html_from, body.len(), size, &mut cuts, &mut skipped);
    cuts.push(body.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| w[0]..w[1])
        .filter(|piece| !skipped.contains(piece))
        .collect()
}

/// Cuts around an HTML block from `from` to `to` and leaves it out, when
/// it is longer than a piece. An HTML block of these kinds (a comment,
/// `<script>`, `<pre>`…) interrupts a paragraph and ends its own line, so
/// both cuts fall where blocks start anyway.
fn skip_if_long(
    from: Option<usize>,
    to: usize,
    size: usize,
    cuts: &mut Vec<usize>,
    skipped: &mut Vec<std::ops::Range<usize>>,
) {
    let Some(from) = from else {
        return;
    };
    if to - from > size {
        cuts.retain(|&c| c <= from || c >= to);
        cuts.extend([from, to]);
        skipped.push(from..to);
    }
}

/// Whether `piece` has a line that could be a heading: `#` after at most
/// three spaces, or a setext underline. (A line is enough; false alarms
/// only cost a read.)
pub(super) fn may_hold_heading(piece: &str) -> bool {
    piece.lines().any(|line| {
        let text = line.trim_start_matches(' ');
        if line.len() - text.len() > 3 {
            return false;
        }
        text.starts_with('#') || {
            let text = text.trim_end();
            !text.is_empty() && (text.bytes().all(|b| b == b'=') || text.bytes().all(|b| b == b'-'))
        }
    })
}

/// Whether a piece may start with `text`: it starts in column 0 and reads
/// the same there as it does after the line before it.
fn starts_safely(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_whitespace() || first.is_ascii_digit() || matches!(first, '<' | '|' | '=') {
        return false;
    }
    // `[label]: url` is a definition at the start of a block, text after
    // a line of a paragraph.
    if first == '[' {
        let head = &text[..text.len().min(1024)];
        return !head
            .find(']')
            .is_some_and(|at| head[at + 1..].starts_with(':'));
    }
    // `---`, `***`, `- - -`: a thematic break or a setext underline.
    let marks = text.chars().filter(|c| !c.is_whitespace());
    !(matches!(first, '-' | '*' | '_') && marks.clone().all(|c| c == first) && marks.count() >= 1)
}

/// Cuts inside a line longer than `size`, at a space before text that can
/// start a piece, where no bracket or code span is open.
fn cut_long_line(text: &str, start: usize, size: usize, cuts: &mut Vec<usize>) {
    let mut depth = 0i64;
    let mut ticks = 0usize;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' | b'(' => depth += 1,
            b']' | b')' => depth -= 1,
            b'`' => ticks += 1,
            b' ' if depth == 0 && ticks.is_multiple_of(2) => {
                let at = start + i + 1;
                let due = at - cuts.last().copied().unwrap_or(0) >= size;
                if due && text.is_char_boundary(i + 1) && starts_safely(&text[i + 1..]) {
                    cuts.push(at);
                }
            }
            _ => {}
        }
    }
}

/// A block that blank lines do not end, open after a line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Open {
    None,
    /// A fenced code block: its fence character and length.
    Fence(char, usize),
    /// An HTML block that ends at a line containing this text.
    Html(&'static str),
    /// An HTML block that ends at a blank line (`<div>`, any tag).
    UntilBlank,
}

impl Open {
    fn after(self, line: &str) -> Open {
        match self {
            Open::Fence(c, n) => {
                let trimmed = line.trim_start_matches(' ');
                let indent = line.len() - trimmed.len();
                let run = trimmed.chars().take_while(|&x| x == c).count();
                let closes =
                    indent <= 3 && run >= n && trimmed[run * c.len_utf8()..].trim().is_empty();
                if closes { Open::None } else { self }
            }
            Open::Html(end) => {
                if line.to_ascii_lowercase().contains(end) {
                    Open::None
                } else {
                    self
                }
            }
            Open::UntilBlank => self,
            Open::None => Open::opened_by(line),
        }
    }

    /// The block a line opens (and does not close on the same line).
    fn opened_by(line: &str) -> Open {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            return Open::None;
        }
        for c in ['`', '~'] {
            let run = trimmed.chars().take_while(|&x| x == c).count();
            if run >= 3 && !(c == '`' && trimmed[run..].contains('`')) {
                return Open::Fence(c, run);
            }
        }
        let lower = trimmed.to_ascii_lowercase();
        let html: &[(&str, &'static str)] = &[
            ("<!--", "-->"),
            ("<?", "?>"),
            ("<![cdata[", "]]>"),
            ("<script", "</script>"),
            ("<pre", "</pre>"),
            ("<style", "</style>"),
            ("<textarea", "</textarea>"),
        ];
        for (open, close) in html {
            if let Some(rest) = lower.strip_prefix(open)
                && !rest.contains(close)
            {
                return Open::Html(close);
            }
        }
        if lower.starts_with("<!")
            && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic())
            && !lower.contains('>')
        {
            return Open::Html(">");
        }
        if lower.starts_with('<') {
            return Open::UntilBlank;
        }
        Open::None
    }
}

/// Link reference definitions (`[label]: url`) anywhere in `body`, by
/// normalised label, for links in other pieces to use.
pub(super) fn definitions(body: &str) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for line in swar::lines(body) {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 || !trimmed.starts_with('[') {
            continue;
        }
        let Some(close) = trimmed.find("]:") else {
            continue;
        };
        let label = normalise(&trimmed[1..close]);
        let url = trimmed[close + 2..]
            .split_whitespace()
            .next()
            .map(|u| u.trim_start_matches('<').trim_end_matches('>'));
        if let Some(url) = url.filter(|u| !u.is_empty()) {
            found.entry(label).or_insert_with(|| url.to_string());
        }
    }
    found
}

/// A label as CommonMark matches them: case-folded, whitespace collapsed.
pub(super) fn normalise(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn definitions_read_lines_as_str_lines_does(
            body in "(?:(?: {0,4}\\[[ab]\\]: ?[<uv>]{0,2}|x)(?:\\r\\n|\\n|\\r)?){0,6}",
        ) {
            // `str::lines`, the reading `definitions` had before.
            let mut expected = HashMap::new();
            for line in body.lines() {
                let trimmed = line.trim_start_matches(' ');
                if line.len() - trimmed.len() > 3 || !trimmed.starts_with('[') {
                    continue;
                }
                let Some(close) = trimmed.find("]:") else { continue };
                let url = trimmed[close + 2..]
                    .split_whitespace()
                    .next()
                    .map(|u| u.trim_start_matches('<').trim_end_matches('>'));
                if let Some(url) = url.filter(|u| !u.is_empty()) {
                    expected.entry(normalise(&trimmed[1..close])).or_insert_with(|| url.to_string());
                }
            }
            proptest::prop_assert_eq!(definitions(&body), expected);
        }
    }

    #[test]
    fn short_bodies_are_one_piece() {
        let whole = chunks("# a\n\ntext\n", CHUNK);
        assert_eq!((whole.len(), whole[0].start, whole[0].end), (1, 0, 10));
    }

    #[test]
    fn long_bodies_are_cut_only_where_a_block_must_start() {
        let unit = "- item\n\nparagraph\n\n";
        let body = unit.repeat(CHUNK / unit.len() * 3);
        let pieces = chunks(&body, CHUNK);
        assert!(pieces.len() >= 3, "{}", pieces.len());
        for piece in &pieces[1..] {
            let before = &body[..piece.start];
            assert!(before.ends_with("\n\n"), "cut after a blank line");
            assert!(!body[piece.start..].starts_with([' ', '\n']));
        }
        assert_eq!(pieces.last().map(|p| p.end), Some(body.len()));
        // Inside a fence nothing is cut, however long; a long comment is
        // left out whole, and what follows it is read.
        for (open, close) in [("```\n", "```\n"), ("~~~~ rust\n", "~~~~\n")] {
            let inside = format!("{open}{}{close}", "x\n\ny\n\n".repeat(CHUNK));
            assert_eq!(chunks(&inside, CHUNK).len(), 1, "{open}");
        }
        let comment = format!("text\n\n<!--\n{}-->\nafter\n", "x\n\n".repeat(CHUNK));
        let pieces = chunks(&comment, CHUNK);
        let read: String = pieces.iter().map(|p| &comment[p.clone()]).collect();
        assert_eq!(read, "text\n\nafter\n");
    }

    #[test]
    fn lists_paragraphs_and_long_lines_are_cut_too() {
        for body in [
            "- a\n".repeat(CHUNK),
            "a\nb\n".repeat(CHUNK),
            "*a* ".repeat(CHUNK),
            "> a\n".repeat(CHUNK),
        ] {
            let pieces = chunks(&body, CHUNK);
            assert!(pieces.len() >= 3, "{:?}", &body[..8]);
            for piece in &pieces[1..] {
                assert!(
                    starts_safely(&body[piece.start..]),
                    "{:?}",
                    &body[piece.start..piece.start + 4]
                );
            }
        }
        // Never before a digit, a setext underline or a thematic break,
        // never inside brackets or a code span.
        assert!(!starts_safely("2. item"));
        assert!(!starts_safely("---"));
        assert!(!starts_safely("* * *"));
        assert!(starts_safely("- item"));
        assert!(starts_safely("*a*"));
        let bracketed = format!("[{}](x) ", "a ".repeat(CHUNK));
        assert_eq!(chunks(&bracketed, CHUNK).len(), 1);
        let div = format!("<div>\n{}</div>\n", "x\n".repeat(CHUNK));
        assert_eq!(chunks(&div, CHUNK).len(), 1);
    }

    #[test]
    fn definitions_are_found_by_normalised_label() {
        let found = definitions(
            "[Paper One]: https://arxiv.org/abs/1 \"t\"\n  [x]: <https://x.org>\n    [code]: no\n",
        );
        assert_eq!(
            found.get("paper one").map(String::as_str),
            Some("https://arxiv.org/abs/1")
        );
        assert_eq!(found.get("x").map(String::as_str), Some("https://x.org"));
        assert!(!found.contains_key("code"));
    }
}
