//! `compare --format markdown`: a GitHub-flavoured table for a pull-request
//! comment or `$GITHUB_STEP_SUMMARY`, with cells as people read them.

use std::io::{self, Write};

use super::cells::display;
use crate::analysis::{Col, Columns, CompareRow};
use crate::output::table::escape;

pub(super) fn render(
    rows: &[CompareRow],
    columns: &Columns,
    all: &[Col],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let names: Vec<&str> = all.iter().map(|&c| columns.name(c)).collect();
    writeln!(out, "| {} |", names.join(" | "))?;
    let rule: Vec<&str> = all
        .iter()
        .map(|c| if c.is_numeric() { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in rows {
        let cells: Vec<String> = all.iter().map(|&c| escape(&display(row, c))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    out.flush()
}
