//! Renderers for `check`: one file per output format behind one `match`.
//! Renderers only print; every decision was made before they run.

mod github;
mod human;
mod json;

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::rubric::Scores;

/// Everything `check` found about one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
    pub scores: Option<Scores>,
}

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
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
    out: &mut dyn Write,
) -> io::Result<()> {
    let diagnostics: Vec<&Diagnostic> = reports.iter().flat_map(|r| &r.diagnostics).collect();
    match format {
        CheckFormat::Human => human::render(reports, summary, out),
        CheckFormat::Json => json::render(&diagnostics, out),
        CheckFormat::Github => github::render(&diagnostics, out),
    }
}
