//! The built-in rubric's text and what is wrong with a rubric: the leaves
//! every stage of reading a rubric shares.

use std::fmt;

/// The built-in rubric, so `grantctl check x.md` works anywhere.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/default.yaml");

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
