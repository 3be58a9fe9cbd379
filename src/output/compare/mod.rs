//! `compare`'s renderers: one file per format over the same rows, behind
//! one `match`. Renderers only print; the rows were made and sorted before.

mod cells;
mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use super::format::FormatRow;
use crate::analysis::{Col, Columns, CompareRow};
pub use table::{fit, terminal_width};

/// `compare --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

/// Every `compare` format, in the order `--help` lists them.
pub const COMPARE_FORMATS: [FormatRow<CompareFormat>; 4] = [
    FormatRow {
        format: CompareFormat::Table,
        name: "table",
        help: "A table fitted to the terminal, amounts with currency (default)",
        suffixes: &[],
    },
    FormatRow {
        format: CompareFormat::Csv,
        name: "csv",
        help: "Comma-separated values with a header row; plain decimal amounts",
        suffixes: &[".csv"],
    },
    FormatRow {
        format: CompareFormat::Json,
        name: "json",
        help: "One JSON array of rows, each with its `scores` and their evidence",
        suffixes: &[".json"],
    },
    FormatRow {
        format: CompareFormat::Markdown,
        name: "markdown",
        help: "A GitHub-flavoured Markdown table, for a pull-request comment or step summary",
        suffixes: &[".md", ".markdown"],
    },
];

impl CompareFormat {
    /// The format of a `compare`, `reviews` or `shortlist` run: `--format`,
    /// else what `--output`'s name implies, else the table; `Err` when
    /// the two disagree.
    pub fn resolve(
        given: Option<CompareFormat>,
        output: Option<&std::path::Path>,
    ) -> Result<CompareFormat, String> {
        FormatRow::resolve(&COMPARE_FORMATS, given, output, CompareFormat::Table)
    }

    /// Only JSON carries per-criterion scores; the other formats let a row
    /// drop them, which keeps memory per row small on large rounds.
    pub fn needs_scores(self) -> bool {
        self == CompareFormat::Json
    }
}

/// How the rows are shown, beyond the format: decided by the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Presentation {
    /// The terminal's width, when the table is fitted to one.
    pub fit_width: Option<u16>,
    /// CSV cells that a spreadsheet would run as a formula get a `'`.
    pub csv_safe: bool,
}

/// Writes `rows` in `format`, with the columns `shown`, in that order.
pub fn render_compare(
    format: CompareFormat,
    rows: &[CompareRow],
    columns: &Columns,
    shown: &[Col],
    presentation: Presentation,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Table => table::render(rows, columns, shown, presentation.fit_width, out),
        CompareFormat::Csv => csv::render(rows, columns, shown, presentation.csv_safe, out),
        CompareFormat::Json => json::render(rows, columns, shown, out),
        CompareFormat::Markdown => markdown::render(rows, columns, shown, out),
    }
}
