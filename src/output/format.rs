//! A format as the command line offers it: one row per format, from
//! which `--format`'s accepted values and their help are built, and which
//! the fuzz target walks.

use std::path::Path;

/// One output format: the value `--format` takes and its one-line help.
#[derive(Debug)]
pub struct FormatRow<F> {
    pub format: F,
    pub name: &'static str,
    pub help: &'static str,
    /// File name endings that mean this format for `--output`, lower case.
    pub suffixes: &'static [&'static str],
}

impl<F: Copy + PartialEq> FormatRow<F> {
    /// The format `name` names in `rows`.
    pub fn find(rows: &[FormatRow<F>], name: &str) -> Option<F> {
        rows.iter().find(|r| r.name == name).map(|r| r.format)
    }

    /// The format an output file's name implies: the row with the longest
    /// matching ending (`x.sarif.json` is SARIF, not JSON), any case.
    fn implied<'a>(rows: &'a [FormatRow<F>], path: &Path) -> Option<&'a FormatRow<F>> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        rows.iter()
            .flat_map(|r| r.suffixes.iter().map(move |s| (r, *s)))
            .filter(|(_, suffix)| name.ends_with(suffix) && name.len() > suffix.len())
            .max_by_key(|(_, suffix)| suffix.len())
            .map(|(r, _)| r)
    }

    /// The format of a run: `--format` when given, else what `--output`'s
    /// name implies, else `default`. `Err` (a message) when the two
    /// disagree: `-o round.csv --format json` is a mistake either way.
    pub fn resolve(
        rows: &[FormatRow<F>],
        given: Option<F>,
        output: Option<&Path>,
        default: F,
    ) -> Result<F, String> {
        let implied = output.and_then(|path| Some((path, Self::implied(rows, path)?)));
        match (given, implied) {
            (Some(format), Some((path, row))) if row.format != format => {
                let name = rows
                    .iter()
                    .find(|r| r.format == format)
                    .map_or("", |r| r.name);
                Err(format!(
                    "--format {name} contradicts the output file `{}`, whose name means {}; \
                     drop --format or rename the file",
                    path.display(),
                    row.name
                ))
            }
            (Some(format), _) => Ok(format),
            (None, Some((_, row))) => Ok(row.format),
            (None, None) => Ok(default),
        }
    }
}
