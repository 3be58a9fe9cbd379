//! `compare --format table`: a comfy-table for people at a terminal, with
//! amounts in their currency and the budget verdict as a mark.
//!
//! Fourteen columns rarely fit a terminal, so the table is drawn lean:
//! no vertical rules, two-line headers, numbers never wrapped, and on a
//! narrow terminal long text truncated to one line (`…`) rather than
//! wrapped into tall rows. Header words are the CSV names split at `_`.

use std::io::{self, Write};

use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Row, Table, TableStyle, Width,
};

use super::cells::display;
use crate::analysis::{Col, Column, Columns, CompareRow};
use crate::output::printable::path_at_line_start;

/// How the table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLayout {
    /// Fit the table to the terminal's width (stdout is a terminal).
    pub fit_to_terminal: bool,
}

pub(super) fn render(
    rows: &[CompareRow],
    columns: &Columns,
    layout: TableLayout,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(
        TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('─').junction(' ')),
    );
    if layout.fit_to_terminal {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_truncation_indicator("…");
    } else {
        // Not a terminal (a pipe or `--output`): natural width, no styling.
        table.force_no_tty();
    }
    let all = columns.all();
    table.set_header(
        all.iter()
            .map(|&c| Cell::new(columns.name(c).replace('_', "\n"))),
    );
    for row in rows {
        let mut cells = Row::from(all.iter().map(|&c| match c {
            // Each row starts with its file: never as a runner command.
            Col::Fixed(Column::File) => path_at_line_start(&display(row, c)).into_owned(),
            _ => display(row, c),
        }));
        if layout.fit_to_terminal {
            cells.max_height(1);
        }
        table.add_row(cells);
    }
    for (index, &column) in all.iter().enumerate() {
        if let Some(table_column) = table.column_mut(index) {
            table_column.set_padding((0, 1));
            match column {
                Col::Fixed(Column::BudgetOk) => {
                    table_column.set_cell_alignment(CellAlignment::Center);
                    table_column.set_constraint(ColumnConstraint::ContentWidth);
                }
                c if c.is_numeric() => {
                    table_column.set_cell_alignment(CellAlignment::Right);
                    table_column.set_constraint(ColumnConstraint::ContentWidth);
                }
                Col::Fixed(Column::Currency) => {
                    table_column.set_constraint(ColumnConstraint::ContentWidth);
                }
                // Text gives way first on a narrow terminal, but keeps enough to recognise.
                _ => {
                    table_column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(8)));
                }
            }
        }
    }
    if let Some(last) = table.column_mut(all.len() - 1) {
        last.set_padding((0, 0));
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
