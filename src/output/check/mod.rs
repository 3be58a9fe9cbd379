//! `check`'s renderers, one file per format, behind one `match`.

pub(super) mod github;
pub(super) mod human;
pub(super) mod json;
pub(super) mod sarif;
pub(super) mod summary;

use std::io::{self, Write};

use super::format::FormatRow;
use crate::analysis::FileReport;
use summary::{Manners, Summary};

/// `check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    JsonLines,
    Github,
    Sarif,
}

/// Every `check` format, in the order `--help` lists them.
pub const CHECK_FORMATS: [FormatRow<CheckFormat>; 5] = [
    FormatRow {
        format: CheckFormat::Human,
        name: "human",
        help: "rustc-style findings with the source line (default)",
        suffixes: &[],
    },
    FormatRow {
        format: CheckFormat::Json,
        name: "json",
        help: "One JSON array of findings: file, line, column, severity, rule, message",
        suffixes: &[".json"],
    },
    FormatRow {
        format: CheckFormat::JsonLines,
        name: "json-lines",
        help: "The same findings as `json`, one compact object per line",
        suffixes: &[".jsonl", ".ndjson"],
    },
    FormatRow {
        format: CheckFormat::Github,
        name: "github",
        help: "GitHub Actions annotations (`::error file=…,line=…::…`)",
        suffixes: &[],
    },
    FormatRow {
        format: CheckFormat::Sarif,
        name: "sarif",
        help: "SARIF 2.1.0, for code scanning (GitHub, Azure DevOps) and editors",
        suffixes: &[".sarif", ".sarif.json"],
    },
];

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
        CheckFormat::Github => github::render(&all(), &summary, out),
        CheckFormat::Sarif => sarif::render(&all(), out),
    }
}
