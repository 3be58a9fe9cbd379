//! Compiling a rubric's regular expressions within size limits, each
//! error naming the pattern, what is wrong and the rubric line.

use std::ops::Range;

use regex::{RegexSet, RegexSetBuilder};
use regex_automata::{MatchKind, meta, util::syntax};

use super::error::RubricError;

/// Finds the rubric line of a YAML path and makes the error.
pub(super) type At<'a> = dyn Fn(&str, String) -> RubricError + 'a;

/// `patterns` as one case-insensitive alternation; each is checked alone
/// first so a bad one is reported at its own index. No patterns matches
/// nothing.
pub(super) fn alternation(
    patterns: &[String],
    path: &str,
    at: &At,
) -> Result<Pattern, RubricError> {
    build_at(&checked_join(patterns, path, at)?, path, at)
}

/// Compiles `pattern` (already checked piece by piece) within the joined size.
pub(super) fn build_at(pattern: &str, path: &str, at: &At) -> Result<Pattern, RubricError> {
    Pattern::new(pattern, HEADINGS_SIZE).map_err(|detail| {
        at(
            path,
            format!("the patterns together do not compile: {detail}"),
        )
    })
}

/// A rubric's compiled pattern: the regex crate's own engine, configured
/// as the regex crate's `RegexBuilder` configures it (`build`, kept as the
/// reference the tests hold this to), except that it does not look for
/// literal text every match must contain to search for first. A rubric's
/// patterns are case-insensitive alternations, mostly starting with a
/// word boundary or a class, where that search does not pay: working the
/// literals out was three fifths of compiling them, and so of the
/// rubric's start-up, and matching a sentence or a section takes as long
/// without it.
#[derive(Debug, Clone)]
pub struct Pattern(meta::Regex);

impl Pattern {
    /// A case-insensitive pattern within `size` bytes, each `\b` made
    /// ASCII, or what is wrong with it (the last line of the message).
    pub(super) fn new(pattern: &str, size: usize) -> Result<Pattern, String> {
        let config = meta::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(size))
            .hybrid_cache_capacity(2 << 20)
            .auto_prefilter(false);
        meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().case_insensitive(true).utf8(true))
            .build(&ascii_boundaries(pattern))
            .map(Pattern)
            .map_err(|e| {
                // Worded as the regex crate words the same failures.
                let detail = match (e.size_limit(), e.syntax_error()) {
                    (Some(limit), _) => {
                        format!("Compiled regex exceeds size limit of {limit} bytes.")
                    }
                    (None, Some(syntax)) => syntax.to_string(),
                    (None, None) => e.to_string(),
                };
                last_line(&detail).to_string()
            })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    /// Where the first match in `text` is.
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        self.0.find(text).map(|m| m.range())
    }

    /// Where each match in `text` is, in order, none overlapping.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.0.find_iter(text).map(|m| m.range())
    }
}

/// `patterns` checked one by one (a bad one reported at `path[i]`), then
/// joined as one alternation for a caller to build, or to wrap first. Each
/// parses alone, so a group around each keeps them apart; no patterns at
/// all is an empty class, which matches nothing.
pub(super) fn checked_join(
    patterns: &[String],
    path: &str,
    at: &At,
) -> Result<String, RubricError> {
    for (i, p) in patterns.iter().enumerate() {
        check_syntax(p, &format!("{path}[{i}]"), at)?;
    }
    if patterns.is_empty() {
        return Ok(r"[^\s\S]".to_string());
    }
    let groups: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
    Ok(groups.join("|"))
}

/// Parses `pattern` alone, without compiling it, so a bad one is reported at
/// its own key before patterns are joined.
pub(super) fn check_syntax(pattern: &str, path: &str, at: &At) -> Result<(), RubricError> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map(drop)
        .map_err(|e| compile_error(pattern, &e.to_string(), path, at))
}

/// Compiled size allowed for one pattern, and for a section's headings
/// joined: enough for any real heading or criterion, small enough that a
/// rubric cannot make matching slow or memory-hungry.
const PATTERN_SIZE: usize = 1 << 20;
pub(super) const HEADINGS_SIZE: usize = 32 << 20;

/// Compiles one case-insensitive pattern within `PATTERN_SIZE`.
pub(super) fn compile(pattern: &str, path: &str, at: &At) -> Result<Pattern, RubricError> {
    Pattern::new(pattern, PATTERN_SIZE).map_err(|detail| compile_error(pattern, &detail, path, at))
}

/// `pattern` compiled by the regex crate's `RegexBuilder`, as a `Pattern`
/// would be but for its prefilter: what the tests hold `Pattern` to.
#[cfg(test)]
pub(super) fn build(pattern: &str, size: usize) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(&ascii_boundaries(pattern))
        .case_insensitive(true)
        .size_limit(size)
        .build()
        .map_err(|e| last_line(&e.to_string()).to_string())
}

/// Text in the styles proposals are written in: the seeds, the examples
/// and the judgement fixtures, and a line of accents and curly quotes.
#[cfg(test)]
pub(super) fn sample_text() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::from(
        "The café’s main risk is that ſome KELVIN K mentors may not reply.\nWe’ll mitigate it: ÉTUDE.\n",
    );
    for folder in ["proposals", "examples", "tests/judgement/fixtures"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            // One example is not UTF-8 on purpose.
            if let (Some("md"), Ok(read)) = (
                path.extension().and_then(|e| e.to_str()),
                std::fs::read_to_string(&path),
            ) {
                text.push_str(&read);
            }
        }
    }
    text
}

/// Asserts that `pattern` as a `Pattern` finds what `build` finds on
/// every line of `text`; how many matches there were.
#[cfg(test)]
pub(super) fn assert_finds_the_same(pattern: &str, text: &str) -> usize {
    let ours = Pattern::new(pattern, HEADINGS_SIZE).unwrap();
    let theirs = build(pattern, HEADINGS_SIZE).unwrap();
    let mut found = 0;
    for line in text.lines() {
        let expected: Vec<_> = theirs.find_iter(line).map(|m| m.range()).collect();
        assert_eq!(
            ours.find_iter(line).collect::<Vec<_>>(),
            expected,
            "{pattern} on {line}"
        );
        assert_eq!(ours.is_match(line), theirs.is_match(line));
        found += expected.len();
    }
    found
}

/// `pattern` with each word boundary `\b` (outside a class) made ASCII,
/// `(?-u:\b)`: a Unicode boundary cannot run on the fast DFA, so any
/// text with a curly quote or an accent would fall back to an engine
/// several times slower. A boundary between ASCII words is where it was.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('b') if class == 0 => out.push_str("(?-u:\\b)"),
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            },
            '[' => {
                class += 1;
                out.push(c);
            }
            ']' if class > 0 => {
                class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `patterns` as one case-insensitive set within `size` bytes, each
/// pattern's `\b` made ASCII as `build` does, or what is wrong with it.
pub(super) fn build_set(patterns: &[String], size: usize) -> Result<RegexSet, String> {
    RegexSetBuilder::new(patterns.iter().map(|p| ascii_boundaries(p)))
        .case_insensitive(true)
        .size_limit(size)
        .build()
        .map_err(|e| last_line(&e.to_string()).to_string())
}

fn last_line(detail: &str) -> &str {
    detail.lines().last().unwrap_or_default().trim()
}

/// Names the pattern with the last line of the regex crate's message, which
/// says what is wrong.
fn compile_error(pattern: &str, detail: &str, path: &str, at: &At) -> RubricError {
    let detail = last_line(detail);
    at(
        path,
        format!("pattern `{pattern}` does not compile: {detail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_outside_classes_only() {
        assert_eq!(ascii_boundaries(r"\brisks?\b"), r"(?-u:\b)risks?(?-u:\b)");
        assert_eq!(ascii_boundaries(r"[\b]\\b\d"), r"[\b]\\b\d");
        let re = Pattern::new(r"\bcafe\b", 1 << 20).unwrap();
        assert!(re.is_match("a cafe’s table") && !re.is_match("cafeteria"));
    }
}
