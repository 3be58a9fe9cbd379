//! Compiling a rubric's regular expressions within size limits, each
//! error naming the pattern, what is wrong and the rubric line.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::error::RubricError;

/// Finds the rubric line of a YAML path and makes the error.
pub(super) type At<'a> = dyn Fn(&str, String) -> RubricError + 'a;

/// `patterns` as one case-insensitive alternation; each is checked alone
/// first so a bad one is reported at its own index. No patterns matches
/// nothing.
pub(super) fn alternation(patterns: &[String], path: &str, at: &At) -> Result<Regex, RubricError> {
    build_at(&checked_join(patterns, path, at)?, path, at)
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

/// Compiles `pattern` (already checked piece by piece) within the joined size.
pub(super) fn build_at(pattern: &str, path: &str, at: &At) -> Result<Regex, RubricError> {
    build(pattern, HEADINGS_SIZE).map_err(|detail| {
        at(
            path,
            format!("the patterns together do not compile: {detail}"),
        )
    })
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
pub(super) fn compile(pattern: &str, path: &str, at: &At) -> Result<Regex, RubricError> {
    build(pattern, PATTERN_SIZE).map_err(|detail| compile_error(pattern, &detail, path, at))
}

/// A case-insensitive regex within `size` bytes, or what is wrong with it
/// (the last line of the regex crate's message).
pub(super) fn build(pattern: &str, size: usize) -> Result<Regex, String> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .case_insensitive(true)
        .size_limit(size)
        .build()
        .map_err(|e| last_line(&e.to_string()).to_string())
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
        let re = build(r"\bcafe\b", 1 << 20).unwrap();
        assert!(re.is_match("a cafe’s table") && !re.is_match("cafeteria"));
    }
}
