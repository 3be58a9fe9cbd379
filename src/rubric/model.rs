//! A validated rubric: which sections a funder scores, by what criteria.

use std::fmt;

use regex::Regex;

use super::kinds::Kind;

/// The built-in rubric, so `grantctl check x.md` works anywhere.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/default.yaml");

/// A validated rubric.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub name: String,
    pub sections: Vec<SectionRule>,
}

#[derive(Debug, Clone)]
pub struct SectionRule {
    pub key: String,
    /// The heading patterns as written, for messages.
    pub headings: Vec<String>,
    /// All of them as one alternation: one regex per section, not one per
    /// pattern, so a rubric with thousands of headings still loads quickly.
    pub heading: Regex,
    /// The least score (0–100) the section must reach, if any.
    pub minimum: Option<u32>,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub name: String,
    pub points: u32,
    pub kind: Kind,
}

/// Why a rubric cannot be used; `line` is 1-based in the rubric file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub line: u32,
    pub message: String,
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for RubricError {}

impl Rubric {
    /// The key of the first section whose heading patterns match `heading`.
    pub fn classify(&self, heading: &str) -> Option<String> {
        self.sections
            .iter()
            .find(|s| s.heading.is_match(heading))
            .map(|s| s.key.clone())
    }

    /// Whether the section `key` has criteria, so its text is needed.
    pub fn is_scored(&self, key: &str) -> bool {
        self.scored().any(|s| s.key == key)
    }

    /// Sections that have criteria, in rubric order.
    pub fn scored(&self) -> impl Iterator<Item = &SectionRule> {
        self.sections.iter().filter(|s| !s.criteria.is_empty())
    }
}
