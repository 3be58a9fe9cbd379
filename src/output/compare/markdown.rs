//! `compare --format markdown`: a GitHub-flavoured table for a pull-request
//! comment or `$GITHUB_STEP_SUMMARY`, with cells as people read them.

use std::io::{self, Write};

use super::cells::display;
use crate::analysis::{Col, Columns, CompareRow};

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

/// A cell must stay on one line, must not end the cell early, and, since
/// a title is the applicant's text and the table lands in a pull request
/// or a step summary, must show as the text it is: no HTML (`<img>`), no
/// link, no emphasis.
fn escape(cell: &str) -> String {
    let mut escaped = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\r' | '\n' => escaped.push(' '),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                escaped.push('\\');
                escaped.push(c);
            }
            _ => escaped.push(c),
        }
    }
    escaped
}
