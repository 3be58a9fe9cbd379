//! Renderers for `check`: one file per output format behind one `match`.
//! Renderers only print; every decision was made before they run.

mod github;
mod human;
mod json;
pub mod printable;
mod sarif;

use std::io::{self, Write};

use crate::budget::BudgetSummary;
use crate::diagnostic::{Diagnostic, Rule};
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
        }
    }
}

/// How output looks, decided once at the edge (`lib::run`) from the flags,
/// the environment and whether stdout is a terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Manners {
    /// Colour the human output with ANSI escapes.
    pub color: bool,
    /// Findings only: no scores, no summary line.
    pub quiet: bool,
}

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    JsonLines,
    Github,
    Sarif,
}

/// Totals for the closing line of human output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

pub fn render_check(
    format: CheckFormat,
    reports: &[FileReport],
    summary: Summary,
    manners: Manners,
    out: &mut dyn Write,
) -> io::Result<()> {
    let all = || {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .collect::<Vec<_>>()
    };
    match format {
        CheckFormat::Human => human::render(reports, summary, manners, out),
        CheckFormat::Json => json::render(&all(), out),
        CheckFormat::JsonLines => json::render_lines(&all(), out),
        CheckFormat::Github => github::render(&all(), out),
        CheckFormat::Sarif => sarif::render(&all(), out),
    }
}
