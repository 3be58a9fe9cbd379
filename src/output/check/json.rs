//! One JSON array of findings and nothing else, so CI tools can rely on its
//! shape: `file`, `line`, `column`, `severity`, `rule`, `message`; or the
//! same objects one per line, for tools that stream.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

pub(crate) fn render(diagnostics: &[&Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, diagnostics)?;
    writeln!(out)
}

/// One compact finding per line (JSON Lines): grep- and stream-friendly.
pub(crate) fn render_lines(diagnostics: &[&Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        serde_json::to_writer(&mut *out, d)?;
        writeln!(out)?;
    }
    Ok(())
}
