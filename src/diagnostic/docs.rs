//! What each rule means to the people who meet it (`grantctl explain`):
//! what it checks, why a reviewer cares, a failing example and its fix.
//!
//! The failing examples are the files in `examples/`, so there is one set:
//! the one `grantctl check examples/` shows is the one `explain` prints.
//! A fix is data, a few whole lines replaced, so a test can apply it and
//! see the rule stop firing. `io` is about bytes and files, so its example
//! and fix are prose.

/// What `explain` says about one rule.
#[derive(Debug)]
pub struct RuleDoc {
    /// What the rule checks, in a sentence or two.
    pub checks: &'static str,
    /// Why a reviewer or applicant should care.
    pub why: &'static str,
    pub example: Example,
}

#[derive(Debug)]
pub enum Example {
    /// A proposal in `examples/` that fires the rule, and the lines that
    /// fix it.
    File {
        /// Where it is in the repository, e.g. `examples/budget-total.md`.
        path: &'static str,
        text: &'static str,
        /// The rubric it is checked with, when the default one cannot
        /// show the rule.
        rubric: Option<&'static str>,
        fix: &'static [Edit],
    },
    /// A failing case and its fix, in words.
    Prose {
        failing: &'static str,
        fixed: &'static str,
    },
}

/// Whole lines of an example replaced: `old` occurs once in it, starting
/// and ending at line boundaries (tested).
#[derive(Debug)]
pub struct Edit {
    pub old: &'static str,
    pub new: &'static str,
}

impl Example {
    /// The example with its fix applied; `None` for prose examples.
    pub fn fixed(&self) -> Option<String> {
        let Example::File { text, fix, .. } = self else {
            return None;
        };
        Some(fix.iter().fold(text.to_string(), |text, edit| {
            text.replacen(edit.old, edit.new, 1)
        }))
    }
}

impl Edit {
    /// The 1-based line of `text` the edit starts on, when `old` occurs
    /// there exactly once and covers whole lines.
    pub fn line_in(&self, text: &str) -> Option<usize> {
        let mut found = text.match_indices(self.old);
        let (at, _) = found.next()?;
        let starts_line = at == 0 || text[..at].ends_with('\n');
        let ends_line = self.old.ends_with('\n');
        (found.next().is_none() && starts_line && ends_line)
            .then(|| text[..at].matches('\n').count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_must_cover_whole_lines_once() {
        let text = "a: 1\nb: 12\nc: 1\n";
        let at = |old| Edit { old, new: "" }.line_in(text);
        assert_eq!(at("b: 12\n"), Some(2));
        assert_eq!(at("a: 1\n"), Some(1));
        assert_eq!(at("b: 1"), None, "part of a line");
        assert_eq!(at(": 1\n"), None, "twice, and mid-line");
    }
}
