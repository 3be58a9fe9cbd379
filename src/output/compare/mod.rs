//! `compare`'s renderers: one file per format over the same rows, behind
//! one `match`. Renderers only print; the rows were made and sorted before.

mod cells;
mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use crate::analysis::CompareRow;

/// `compare --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFormat {
    Table,
    Csv,
    Json,
    Markdown,
}

impl CompareFormat {
    /// Every format, for what must hold of all of them (the fuzz target).
    pub const ALL: [CompareFormat; 4] = [
        CompareFormat::Table,
        CompareFormat::Csv,
        CompareFormat::Json,
        CompareFormat::Markdown,
    ];

    /// Only JSON carries per-criterion scores; the other formats let a row
    /// drop them, which keeps memory per row small on large rounds.
    pub fn needs_scores(self) -> bool {
        self == CompareFormat::Json
    }
}

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLayout {
    /// Fit the table to the terminal's width (stdout is a terminal).
    pub fit_to_terminal: bool,
}

/// Writes `rows` in `format`.
pub fn render_compare(
    format: CompareFormat,
    rows: &[CompareRow],
    layout: TableLayout,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Table => table::render(rows, layout, out),
        CompareFormat::Csv => csv::render(rows, out),
        CompareFormat::Json => json::render(rows, out),
        CompareFormat::Markdown => markdown::render(rows, out),
    }
}
