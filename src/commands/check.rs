//! `grantctl check`: discover → read, check and score each file in parallel → render.

use std::io::Write;

use super::{InputOptions, analyse_all, note_no_proposals, prepare};
use crate::ExitStatus;
use crate::cli::{CheckArgs, CheckFormatArg};
use crate::render::{CheckFormat, FileReport, Manners, Summary, render_check};

/// What `check` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub input: InputOptions,
    pub format: CheckFormat,
}

impl TryFrom<CheckArgs> for CheckOptions {
    type Error = anyhow::Error;

    fn try_from(args: CheckArgs) -> anyhow::Result<Self> {
        Ok(CheckOptions {
            input: args.common.try_into()?,
            format: match args.format {
                CheckFormatArg::Human => CheckFormat::Human,
                CheckFormatArg::Json => CheckFormat::Json,
                CheckFormatArg::JsonLines => CheckFormat::JsonLines,
                CheckFormatArg::Github => CheckFormat::Github,
                CheckFormatArg::Sarif => CheckFormat::Sarif,
            },
        })
    }
}

/// Checks every proposal under the input paths. `Err` only when the tool
/// cannot run (a path that does not exist, output that cannot be written).
pub fn run(
    options: &CheckOptions,
    manners: Manners,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (rubric, inputs) = prepare(&options.input)?;
    let reports: Vec<FileReport> =
        analyse_all(&options.input, &rubric, &inputs, &|| {}, |report, _| report)?;
    if reports.is_empty() {
        note_no_proposals(&options.input, stderr)?;
        return Ok(ExitStatus::Success);
    }
    let all = || reports.iter().flat_map(|r| &r.diagnostics);
    let summary = Summary {
        files: reports.len(),
        errors: all().filter(|d| d.is_error()).count(),
        warnings: all().filter(|d| !d.is_error()).count(),
    };
    render_check(options.format, &reports, summary, manners, stdout)?;
    stdout.flush()?;
    Ok(ExitStatus::from_counts(
        summary.errors,
        summary.warnings,
        options.input.deny_warnings,
    ))
}
