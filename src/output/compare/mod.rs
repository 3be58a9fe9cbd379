//! `compare`'s renderers: one file per format over the same rows, behind
//! one `match`. Renderers only print; the rows were made and sorted before.

mod cells;
mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use super::format::FormatRow;
use crate::analysis::{Columns, CompareRow};
pub use table::TableLayout;

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
    },
    FormatRow {
        format: CompareFormat::Csv,
        name: "csv",
        help: "Comma-separated values with a header row; plain decimal amounts",
    },
    FormatRow {
        format: CompareFormat::Json,
        name: "json",
        help: "One JSON array of rows, each with its `scores` and their evidence",
    },
    FormatRow {
        format: CompareFormat::Markdown,
        name: "markdown",
        help: "A GitHub-flavoured Markdown table, for a pull-request comment or step summary",
    },
];

impl CompareFormat {
    /// Only JSON carries per-criterion scores; the other formats let a row
    /// drop them, which keeps memory per row small on large rounds.
    pub fn needs_scores(self) -> bool {
        self == CompareFormat::Json
    }
}

/// Writes `rows` in `format`.
pub fn render_compare(
    format: CompareFormat,
    rows: &[CompareRow],
    columns: &Columns,
    layout: TableLayout,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Table => table::render(rows, columns, layout, out),
        CompareFormat::Csv => csv::render(rows, columns, out),
        CompareFormat::Json => json::render(rows, columns, out),
        CompareFormat::Markdown => markdown::render(rows, columns, out),
    }
}
