//! Splits a proposal into its YAML front matter and its Markdown body.
//!
//! Pure text in, text out: only `app/` reads files. The delimiters are
//! exact (`---` to open, `---` or `...` to close, trailing spaces or tabs
//! allowed), so a thematic break or `---yaml` is never mistaken for one.

use std::fmt;

/// A proposal cut in two, with the file line where each part starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the first YAML line (the line after the opening `---`).
    pub yaml_line: u32,
    pub body: &'a str,
    /// File line of the first body line (the line after the closing delimiter).
    pub body_line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The first line is not `---`.
    Missing,
    /// No closing `---` or `...` line.
    Unterminated,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrontMatterError::Missing => f.write_str(
                "no front matter: a proposal must start with a `---` line, then YAML fields, then `---`",
            ),
            FrontMatterError::Unterminated => f.write_str(
                "front matter is not closed: add a line `---` after the last YAML field",
            ),
        }
    }
}

impl std::error::Error for FrontMatterError {}

/// Splits `text` at its front-matter delimiters. A leading byte-order mark
/// and CRLF line endings are accepted.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, mut offset) = next_line(text, 0).ok_or(FrontMatterError::Missing)?;
    if !is_delimiter(first, false) {
        return Err(FrontMatterError::Missing);
    }
    let yaml_start = offset;
    let mut line_no = 2u32;
    while let Some((line, next)) = next_line(text, offset) {
        if is_delimiter(line, true) {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[next..],
                body_line: line_no + 1,
            });
        }
        offset = next;
        line_no += 1;
    }
    Err(FrontMatterError::Unterminated)
}

/// The line starting at `start` without its line ending, and where the next
/// line starts; `None` at the end of the text.
fn next_line(text: &str, start: usize) -> Option<(&str, usize)> {
    if start >= text.len() {
        return None;
    }
    let rest = &text[start..];
    let (line, consumed) = match memchr::memchr(b'\n', rest.as_bytes()) {
        Some(at) => (&rest[..at], at + 1),
        None => (rest, rest.len()),
    };
    Some((line.strip_suffix('\r').unwrap_or(line), start + consumed))
}

fn is_delimiter(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches([' ', '\t']);
    line == "---" || (closing && line == "...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_from_body() {
        let s = split_front_matter("---\ntitle: x\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!((s.yaml_line, s.body_line), (2, 4));
        assert_eq!(s.body, "# Body\n");
    }

    #[test]
    fn accepts_bom_crlf_dots_and_trailing_blanks() {
        let s = split_front_matter("\u{feff}---  \r\na: 1\r\nb: 2\r\n...\t\r\nbody").unwrap();
        assert_eq!(s.yaml, "a: 1\r\nb: 2\r\n");
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 5);
        let s = split_front_matter("---\n---").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("", "", 3));
    }

    #[test]
    fn rejects_look_alike_delimiters() {
        for text in [
            "",
            "title: x\n",
            " ---\na: 1\n---\n",
            "----\na: 1\n----\n",
            "---yaml\na: 1\n---\n",
        ] {
            assert_eq!(
                split_front_matter(text),
                Err(FrontMatterError::Missing),
                "{text:?}"
            );
        }
        assert_eq!(
            split_front_matter("---\na: 1\n"),
            Err(FrontMatterError::Unterminated)
        );
        assert_eq!(
            split_front_matter("---\na: 1\n ---\n"),
            Err(FrontMatterError::Unterminated)
        );
        assert_eq!(
            split_front_matter("---\na: 1\n---x\n"),
            Err(FrontMatterError::Unterminated)
        );
        assert_eq!(
            split_front_matter("---"),
            Err(FrontMatterError::Unterminated)
        );
    }
}
