//! Renderers: one file per output format, `check`'s in `check/` and
//! `compare`'s in `compare/`, each set behind one `match`. Renderers only
//! print; every decision was made before they run. `printable` makes
//! user text safe for a terminal.

mod check;
pub mod compare;
pub mod printable;

use std::io::{self, Write};

use crate::analysis::FileReport;
use check::{github, human, json, sarif};

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

impl CheckFormat {
    /// Every format, for what must hold of all of them (the fuzz target).
    pub const ALL: [CheckFormat; 5] = [
        CheckFormat::Human,
        CheckFormat::Json,
        CheckFormat::JsonLines,
        CheckFormat::Github,
        CheckFormat::Sarif,
    ];
}

/// Totals for the closing lines of human output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub skipped: Skipped,
    /// The grantctl.yaml that applied and what it set.
    pub settings: Option<String>,
}

/// What a run passed over, and why: a summary that says "no problems
/// found" must also say what it did not look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files and folders grantctl.yaml's `exclude` names.
    pub excluded: usize,
    /// Walked `README.md` files without front matter: documentation.
    pub readmes: usize,
}

impl Skipped {
    /// `skipped 3: 2 excluded by grantctl.yaml, 1 README.md without front
    /// matter`, or `None` when nothing was skipped.
    pub fn describe(self) -> Option<String> {
        let mut parts = Vec::new();
        if self.excluded > 0 {
            parts.push(format!("{} excluded by grantctl.yaml", self.excluded));
        }
        if self.readmes > 0 {
            let noun = crate::diagnostic::plural(self.readmes, "README.md");
            parts.push(format!("{noun} without front matter"));
        }
        let total = self.excluded + self.readmes;
        (total > 0).then(|| format!("skipped {total}: {}", parts.join(", ")))
    }
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
