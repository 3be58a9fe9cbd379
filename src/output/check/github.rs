//! GitHub Actions workflow commands, so a pull request gets annotations on
//! the exact lines: `::error file=…,line=…,col=…,title=RULE::message`.
//! Escaping follows the runner's rules for data and for properties.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

pub(crate) fn render(diagnostics: &[&Diagnostic], out: &mut dyn Write) -> io::Result<()> {
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
    Ok(())
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
