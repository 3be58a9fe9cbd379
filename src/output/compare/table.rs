//! `compare --format table`: a comfy-table for people at a terminal, with
//! amounts in their currency and the budget verdict as a mark.
//!
//! Fourteen columns rarely fit a terminal, so the table is drawn lean:
//! no vertical rules, headers split at `_` into lines, numbers and ids
//! never cut, and on a terminal every row one line: `fit` leaves out the
//! least useful columns first (the app says which), and long titles are
//! cut (`…`) rather than wrapped into tall rows.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Row, Table, TableStyle};

use super::cells::display;
use crate::analysis::{Col, Column, Columns, CompareRow, Value};
use crate::output::printable::path_at_line_start;

/// The narrowest terminal the table is fitted to: below it, a row may
/// have to be cut more than its id allows.
const NARROWEST: u16 = 80;

/// Columns the table leaves out first when a terminal is too narrow, in
/// order, and when: a column that says nothing a row's other cells do not
/// goes before one that does.
const DROP_ORDER: [(Column, When); 10] = [
    (Column::File, When::RepeatsId),
    (Column::Currency, When::AllSame),
    (Column::Minimum, When::Empty),
    (Column::Applicant, When::Always),
    (Column::File, When::Always),
    (Column::Warnings, When::Always),
    (Column::Minimum, When::Always),
    (Column::BudgetTotal, When::Always),
    (Column::Currency, When::Always),
    (Column::Errors, When::Always),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Always,
    /// Every row's file is its id plus `.md`.
    RepeatsId,
    /// Every row has the same value (or none).
    AllSame,
    /// No row has a value.
    Empty,
}

/// The width of the terminal stdout is: `COLUMNS` when set (as shells and
/// test harnesses set it), else what the terminal reports.
pub fn terminal_width() -> Option<u16> {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    from_env.or_else(|| Table::new().width()).filter(|&w| w > 0)
}

/// The columns of `shown` that fit `width` (never fitted narrower than
/// `NARROWEST`) with every row on one line and every id whole, and the
/// ones left out, in `DROP_ORDER`. Titles are cut (`…`) before a column
/// goes, but keep enough to recognise.
pub fn fit(
    rows: &[CompareRow],
    columns: &Columns,
    shown: &[Col],
    width: u16,
) -> (Vec<Col>, Vec<Col>) {
    let width = usize::from(width.max(NARROWEST));
    let mut kept = shown.to_vec();
    let mut dropped = Vec::new();
    let needed = |kept: &[Col]| -> usize {
        kept.iter()
            .map(|&c| {
                let natural = natural_width(rows, columns, c);
                // A title can be cut down to `SHORT_TITLE` characters.
                let floor = if c == Col::Fixed(Column::Title) {
                    natural.min(SHORT_TITLE)
                } else {
                    natural
                };
                floor + GAP
            })
            .sum::<usize>()
            .saturating_sub(GAP)
    };
    for (column, when) in DROP_ORDER {
        if needed(&kept) <= width {
            break;
        }
        let col = Col::Fixed(column);
        if kept.contains(&col) && applies(when, rows, column) {
            kept.retain(|&c| c != col);
            dropped.push(col);
        }
    }
    (kept, dropped)
}

/// Spaces between two columns: a column's right padding and the blank
/// rule between columns.
const GAP: usize = 2;

/// The fewest characters of a title the table shows.
const SHORT_TITLE: usize = 16;

fn applies(when: When, rows: &[CompareRow], column: Column) -> bool {
    match when {
        When::Always => true,
        When::RepeatsId => rows.iter().all(|r| {
            std::path::Path::new(&r.file)
                .file_stem()
                .is_some_and(|stem| stem.to_string_lossy() == r.id)
        }),
        When::AllSame => rows
            .windows(2)
            .all(|w| w[0].value(column) == w[1].value(column)),
        When::Empty => rows.iter().all(|r| r.value(column) == Value::Missing),
    }
}

/// A column's width with nothing cut: its widest header line or cell.
fn natural_width(rows: &[CompareRow], columns: &Columns, col: Col) -> usize {
    let header = columns
        .name(col)
        .split('_')
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|r| display(r, col).chars().count())
        .fold(header, usize::max)
}

/// Text columns cut when a terminal is too narrow, in order, and the
/// fewest characters each keeps at that step.
const CUT_ORDER: [(Column, usize); 5] = [
    (Column::Title, SHORT_TITLE),
    (Column::Applicant, 8),
    (Column::File, 8),
    (Column::Title, 8),
    (Column::Round, 8),
];

/// The most characters each of `all` may show to fit `width`: `None`
/// where a column is shown whole.
fn cuts(rows: &[CompareRow], columns: &Columns, all: &[Col], width: u16) -> Vec<Option<usize>> {
    let width = usize::from(width.max(NARROWEST));
    let mut widths: Vec<usize> = all
        .iter()
        .map(|&c| natural_width(rows, columns, c))
        .collect();
    let mut cut = vec![None; all.len()];
    for (column, keep) in CUT_ORDER {
        let total = widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
        let Some(excess) = total.checked_sub(width).filter(|&e| e > 0) else {
            break;
        };
        if let Some(i) = all.iter().position(|&c| c == Col::Fixed(column)) {
            let narrower = widths[i].saturating_sub(excess).max(keep).min(widths[i]);
            if narrower < widths[i] {
                widths[i] = narrower;
                cut[i] = Some(narrower);
            }
        }
    }
    cut
}

/// `text` in at most `most` characters, ending in `…` when cut.
fn cut_to(text: String, most: Option<usize>) -> String {
    match most {
        Some(most) if text.chars().count() > most => {
            let mut cut: String = text.chars().take(most.saturating_sub(1)).collect();
            cut.push('…');
            cut
        }
        _ => text,
    }
}

pub(super) fn render(
    rows: &[CompareRow],
    columns: &Columns,
    all: &[Col],
    fit_width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if all.is_empty() {
        return Ok(());
    }
    let mut table = Table::new();
    table.load_style(
        TableStyle::new().header_separator(comfy_table::LineStyle::none().fill('─').junction(' ')),
    );
    // Laid out here, not by comfy-table: on a terminal, text is cut to fit
    // by `cuts` so that each row is one line and each id whole.
    table.force_no_tty();
    let cut = fit_width.map_or_else(|| vec![None; all.len()], |w| cuts(rows, columns, all, w));
    table.set_header(
        all.iter()
            .map(|&c| Cell::new(columns.name(c).replace('_', "\n"))),
    );
    for row in rows {
        let cells = Row::from(all.iter().zip(&cut).map(|(&c, &most)| {
            let text = cut_to(display(row, c), most);
            match c {
                // Each row starts with its file: never as a runner command.
                Col::Fixed(Column::File) => path_at_line_start(&text).into_owned(),
                _ => text,
            }
        }));
        table.add_row(cells);
    }
    for (index, &column) in all.iter().enumerate() {
        if let Some(table_column) = table.column_mut(index) {
            table_column.set_padding((0, 1));
            match column {
                Col::Fixed(Column::BudgetOk) => {
                    table_column.set_cell_alignment(CellAlignment::Center);
                }
                c if c.is_numeric() => {
                    table_column.set_cell_alignment(CellAlignment::Right);
                }
                _ => {}
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
