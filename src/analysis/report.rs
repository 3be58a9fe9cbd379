//! What analysing one file found: the record every renderer reads.

use crate::budget::BudgetSummary;
use crate::diagnostic::{Diagnostic, Rule, Unlisted};
use crate::money::Range;
use crate::rubric::Scores;

/// Everything `check` found about one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
    pub scores: Option<Scores>,
    /// The top-level budget's sum, for `compare`.
    pub budget_total: Option<Range>,
    /// Funding levels, other sources and tolerated differences, if any.
    pub budget: Option<BudgetSummary>,
    /// Findings past the listed ones, counted by rule.
    pub unlisted: Vec<Unlisted>,
}

impl FileReport {
    /// A file that could not be read: one `io` finding and no scores.
    pub fn unreadable(file: String, line: u32, message: String) -> Self {
        let diagnostic = Diagnostic::new(Rule::Io, &file, line, None, message);
        FileReport {
            file,
            diagnostics: vec![diagnostic],
            scores: None,
            budget_total: None,
            budget: None,
            unlisted: Vec::new(),
        }
    }

    /// Adds a finding about this file that only the run as a whole could
    /// make (`duplicate-id`), in line order.
    pub fn add(&mut self, diagnostic: Diagnostic) {
        let at = self
            .diagnostics
            .partition_point(|d| (d.line, d.column) <= (diagnostic.line, diagnostic.column));
        self.diagnostics.insert(at, diagnostic);
    }

    /// (errors, warnings), listed and unlisted.
    pub fn totals(&self) -> (usize, usize) {
        crate::diagnostic::totals(&self.diagnostics, &self.unlisted)
    }
}
