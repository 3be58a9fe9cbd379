//! A small table of text for people, padded to its widest cells, or as
//! a GitHub-flavoured Markdown table with every cell shown as text: what
//! `reviews` and `shortlist` print (`compare` has its own, fitted to the
//! terminal).

use std::io::{self, Write};

/// Writes `header` and `rows`; `right[i]` right-aligns column `i`.
pub(crate) fn write_table(
    out: &mut dyn Write,
    markdown: bool,
    header: &[&str],
    right: &[bool],
    rows: &[Vec<String>],
) -> io::Result<()> {
    if markdown {
        writeln!(out, "| {} |", header.join(" | "))?;
        let rule: Vec<&str> = right
            .iter()
            .map(|&r| if r { "---:" } else { "---" })
            .collect();
        writeln!(out, "| {} |", rule.join(" | "))?;
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        return Ok(());
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        cells
            .enumerate()
            .map(|(i, c)| {
                if right[i] {
                    format!("{c:>w$}", w = widths[i])
                } else {
                    format!("{c:<w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(&mut header.iter().copied()))?;
    for row in rows {
        writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
    }
    Ok(())
}

/// A cell must stay on one line, must not end the cell early, and, since
/// a title is the applicant's text and the table lands in a pull request
/// or a step summary, must show as the text it is: no HTML (`<img>`), no
/// link, no emphasis.
pub(crate) fn escape(cell: &str) -> String {
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
