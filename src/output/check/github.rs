//! GitHub Actions workflow commands, so a pull request gets annotations on
//! the exact lines: `::error file=…,line=…,col=…,title=RULE::message`.
//! Escaping follows the runner's rules for data and for properties.

use std::io::{self, Write};

use super::Summary;
use crate::diagnostic::Diagnostic;

/// The most annotations of one level GitHub shows for a step; the rest
/// are in the step's log only.
const SHOWN_PER_LEVEL: usize = 10;

/// Every finding as an annotation, then a plain line and a `::notice`
/// with the counts, which say where the findings GitHub does not show as
/// annotations can be read.
pub(crate) fn render(
    diagnostics: &[&Diagnostic],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in diagnostics {
        write!(
            out,
            "::{} file={},line={}",
            d.severity,
            property(&d.file),
            d.line
        )?;
        if let Some(col) = d.column {
            write!(out, ",col={col}")?;
        }
        writeln!(out, ",title={}::{}", d.rule, data(&d.message))?;
    }
    let counts = format!(
        "{}, {} in {}",
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
        count(summary.files, "file")
    );
    writeln!(out, "grantctl: {counts}")?;
    if summary.errors + summary.warnings == 0 {
        return Ok(());
    }
    let hidden = summary.errors > SHOWN_PER_LEVEL || summary.warnings > SHOWN_PER_LEVEL;
    let where_all = if hidden {
        format!(
            "GitHub annotates only the first {SHOWN_PER_LEVEL} errors and {SHOWN_PER_LEVEL} warnings; \
             every finding is in this step's log, and `grantctl check --format sarif` lists them all"
        )
    } else {
        "each is annotated on its line".to_string()
    };
    writeln!(
        out,
        "::notice title=grantctl::{}",
        data(&format!("{counts}: {where_all}"))
    )
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Escaped as workflow commands require; control characters are also made
/// visible, since the runner's log is a terminal that honours escapes.
fn data(s: &str) -> String {
    crate::output::printable::printable_lines(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(data("50% of a\nb"), "50%25 of a%0Ab");
        assert_eq!(data("\u{1b}[2Jx\r\n"), "␛[2Jx%0D%0A");
        assert_eq!(property("a:b,c.md"), "a%3Ab%2Cc.md");
    }
}
