//! The piece of a source line a finding shows: a window of at most
//! `EXCERPT_CHARS` characters around the column it points at.
//!
//! A finding keeps only its window, so memory is proportional to the
//! number of findings, never to findings × line length (a 340 KB flow
//! line with 32,000 unknown keys once took 13 GB). Finding the window is
//! also bounded: `Lines` remembers where every 64th character of a long
//! non-ASCII line starts, so many findings on one line cost no rescans.

use std::collections::HashMap;

/// Source lines longer than this many characters are cut to a window.
pub const EXCERPT_CHARS: usize = 160;

/// Characters kept before the column when a line is cut.
const LEAD: usize = 40;

/// Characters between remembered byte offsets on a long non-ASCII line.
const STRIDE: usize = 64;

/// The source line a finding points at, cut to a window, with the
/// 1-based column of the caret in it and how many characters to underline.
/// `…` stands for text left out at either end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub caret: usize,
    pub underline: usize,
}

/// A file's lines, for making excerpts.
pub struct Lines<'t> {
    text: &'t str,
    /// Where each line starts, found when the first excerpt is asked for
    /// (most files have none); four bytes a line.
    starts: Option<Vec<u32>>,
    /// Per line asked about: `None` when it is ASCII, else the byte offset
    /// of every `STRIDE`th character and the line's length in characters.
    index: HashMap<usize, Option<(Vec<usize>, usize)>>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            starts: None,
            index: HashMap::new(),
        }
    }

    /// The excerpt of 1-based `line` at 1-based character `column`,
    /// underlining `underline` characters (`None`: the key there and its
    /// value, up to a comment). `None` when there is no such line.
    pub fn excerpt(&mut self, line: u32, column: u32, underline: Option<usize>) -> Option<Excerpt> {
        let n = (line as usize).checked_sub(1)?;
        let all = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(
                    all.match_indices('\n')
                        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
                )
                .collect()
        });
        let start = *starts.get(n)? as usize;
        if start >= all.len() && n > 0 {
            return None;
        }
        let end = starts.get(n + 1).map_or(all.len(), |&s| s as usize - 1);
        let mut text = &all[start..end];
        if n == 0 {
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        let text = text.strip_suffix('\r').unwrap_or(text);
        let index: &Option<(Vec<usize>, usize)> = self.index.entry(n).or_insert_with(|| {
            (!text.is_ascii()).then(|| {
                let offsets = text
                    .char_indices()
                    .step_by(STRIDE)
                    .map(|(i, _)| i)
                    .collect();
                (offsets, text.chars().count())
            })
        });
        let length = index.as_ref().map_or(text.len(), |(_, chars)| *chars);
        let byte_of = |char_at: usize| -> usize {
            match index {
                None => char_at.min(text.len()),
                Some((offsets, _)) => {
                    let from = offsets.get(char_at / STRIDE).copied().unwrap_or(text.len());
                    text[from..]
                        .char_indices()
                        .nth(char_at % STRIDE)
                        .map_or(text.len(), |(i, _)| from + i)
                }
            }
        };
        let column = (column.max(1) as usize - 1).min(length);
        let start = if length <= EXCERPT_CHARS {
            0
        } else {
            column.saturating_sub(LEAD).min(length - EXCERPT_CHARS)
        };
        let end = (start + EXCERPT_CHARS).min(length);
        let (from, to) = (byte_of(start), byte_of(end));
        let mut shown = String::with_capacity(to - from + 6);
        if start > 0 {
            shown.push('…');
        }
        shown.push_str(&text[from..to]);
        if end < length {
            shown.push('…');
        }
        let caret = column - start + 1 + usize::from(start > 0);
        let underline = underline.unwrap_or_else(|| key_width(&text[byte_of(column)..to]));
        Some(Excerpt {
            text: shown,
            caret,
            underline: underline.max(1),
        })
    }
}

/// Characters from a key to the end of its line, less a trailing comment.
fn key_width(rest: &str) -> usize {
    let code = rest.find(" #").map_or(rest, |at| &rest[..at]);
    code.trim_end().chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_whole_and_keys_underlined_to_their_comment() {
        let mut lines = Lines::new("\u{feff}---\n  goal: 50000 # asked\r\n");
        let e = lines.excerpt(2, 3, None).unwrap();
        assert_eq!(
            (e.text.as_str(), e.caret, e.underline),
            ("  goal: 50000 # asked", 3, 11)
        );
        assert_eq!(lines.excerpt(1, 1, Some(3)).unwrap().text, "---");
        assert_eq!(lines.excerpt(3, 1, None), None);
    }

    #[test]
    fn long_lines_are_cut_around_the_column_ascii_or_not() {
        for filler in ["a", "é"] {
            let line = format!("{}KEY{}", filler.repeat(1000), filler.repeat(1000));
            let mut lines = Lines::new(&line);
            let e = lines.excerpt(1, 1001, Some(3)).unwrap();
            assert_eq!(e.text.chars().count(), EXCERPT_CHARS + 2);
            assert!(e.text.starts_with('…') && e.text.ends_with('…'));
            let at: String = e.text.chars().skip(e.caret - 1).take(3).collect();
            assert_eq!(at, "KEY");
            let first = lines.excerpt(1, 1, Some(1)).unwrap();
            assert_eq!(
                (first.text.chars().next(), first.caret),
                (filler.chars().next(), 1)
            );
            let last = lines.excerpt(1, 2003, Some(1)).unwrap();
            assert!(!last.text.ends_with('…'));
            assert_eq!(last.text.chars().nth(last.caret - 1), filler.chars().next());
        }
    }
}
