//! A format as the command line offers it: one row per format, from
//! which `--format`'s accepted values and their help are built, and which
//! the fuzz target walks.

/// One output format: the value `--format` takes and its one-line help.
#[derive(Debug)]
pub struct FormatRow<F> {
    pub format: F,
    pub name: &'static str,
    pub help: &'static str,
}

impl<F: Copy + PartialEq> FormatRow<F> {
    /// The format `name` names in `rows`.
    pub fn find(rows: &[FormatRow<F>], name: &str) -> Option<F> {
        rows.iter().find(|r| r.name == name).map(|r| r.format)
    }
}
