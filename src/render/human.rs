//! rustc-style findings: the rule, the message, `--> file:line:col`, and the
//! source line with the offending key underlined.

use std::io::{self, Write};

use super::Summary;
use crate::diagnostic::{Diagnostic, plural};

pub(super) fn render(
    diagnostics: &[Diagnostic],
    summary: Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in diagnostics {
        write_one(d, out)?;
    }
    let files = plural(summary.files, "file");
    if summary.errors == 0 && summary.warnings == 0 {
        writeln!(out, "checked {files}: no problems found")
    } else {
        writeln!(
            out,
            "checked {files}: {}, {}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning")
        )
    }
}

fn write_one(d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}[{}]: {}", d.severity, d.rule, d.message)?;
    let gutter = " ".repeat(d.line.to_string().len());
    match d.column {
        Some(col) => writeln!(out, "{gutter}--> {}:{}:{col}", d.file, d.line)?,
        None => writeln!(out, "{gutter}--> {}:{}", d.file, d.line)?,
    }
    if let Some(excerpt) = &d.excerpt {
        // Tabs become single spaces so the caret stays under its column.
        let text = excerpt.text.replace('\t', " ");
        let col = d.column.unwrap_or(1).max(1) as usize;
        let available = text.chars().count().saturating_sub(col - 1);
        let width = excerpt.underline.min(available).max(1);
        writeln!(out, "{gutter} |")?;
        writeln!(out, "{} | {text}", d.line)?;
        writeln!(
            out,
            "{gutter} | {}{}",
            " ".repeat(col - 1),
            "^".repeat(width)
        )?;
    }
    writeln!(out)
}
