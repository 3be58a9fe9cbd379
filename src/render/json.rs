//! One JSON array of findings and nothing else, so CI tools can rely on its
//! shape: `file`, `line`, `column`, `severity`, `rule`, `message`.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

pub(super) fn render(diagnostics: &[&Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, diagnostics)?;
    writeln!(out)
}
