//! Findings before they are `Diagnostic`s, as checks push them: about the
//! front matter (at a key's position) and about sections (at a heading's
//! line); the cap on how many of one file are listed, and totals.

use super::{Diagnostic, Rule, Severity};
use crate::yaml::Pos;

/// A finding about the front matter before it is a `Diagnostic`: the rule,
/// the position of the key it is about (`None`: the front matter as a
/// whole, reported at its opening `---`), and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub at: Option<Pos>,
    pub message: String,
}

impl Finding {
    pub fn new(rule: Rule, at: impl Into<Option<Pos>>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            at: at.into(),
            message: message.into(),
        }
    }
}

/// The findings about one file's front matter as they are found: the first
/// `LISTED` kept, the rest counted by rule.
#[derive(Debug, Default)]
pub struct Findings {
    list: Vec<Finding>,
    unlisted: Vec<(Rule, usize)>,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        if self.is_full() {
            self.count(finding.rule);
        } else {
            self.list.push(finding);
        }
    }

    /// Whether another finding would only be counted: callers with many
    /// findings to make skip wording them.
    pub fn is_full(&self) -> bool {
        self.list.len() >= LISTED
    }

    /// Counts a finding of `rule` past the listed ones.
    pub fn count(&mut self, rule: Rule) {
        match self.unlisted.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, count)) => *count += 1,
            None => self.unlisted.push((rule, 1)),
        }
    }

    pub fn list(&self) -> &[Finding] {
        &self.list
    }

    /// The listed findings, and the counts of the rest by rule.
    pub fn into_parts(self) -> (Vec<Finding>, Vec<(Rule, usize)>) {
        (self.list, self.unlisted)
    }
}

/// A section finding: `missing-section` or `rubric-threshold`, on the
/// section's heading, or on line 1 (no column) when the section is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionFinding {
    pub rule: Rule,
    pub line: u32,
    pub column: Option<u32>,
    pub message: String,
}

/// Findings of one rule beyond those a file lists (`LISTED`): counted,
/// so totals and exit codes stay exact, but not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unlisted {
    pub rule: Rule,
    pub severity: Severity,
    pub count: usize,
}

/// At most this many findings of one file are listed. A 10 MiB file can
/// hold millions of the same mistake; listing them all would cost
/// gigabytes and help nobody, so the rest are counted and one more
/// finding per rule says how many were left out.
pub const LISTED: usize = 10_000;

/// Totals of a list of findings and the unlisted ones: (errors, warnings).
pub fn totals<'d>(
    diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
    unlisted: &[Unlisted],
) -> (usize, usize) {
    let (mut errors, mut warnings) = (0, 0);
    for d in diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    for u in unlisted {
        match u.severity {
            Severity::Error => errors += u.count,
            Severity::Warning => warnings += u.count,
        }
    }
    (errors, warnings)
}
