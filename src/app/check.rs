//! `grantctl check`: discover → read, check and score each file in parallel → render.

use std::io::Write;

use super::pipeline::{analyse_all, note_no_proposals, note_skipped, prepare};
use super::settings::InputOptions;
use super::status::ExitStatus;
use crate::analysis::FileReport;
use crate::cli::CheckArgs;
use crate::output::{CheckFormat, Manners, Skipped, Summary, render_check};

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
            format: args.format,
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
    let (rubric, found) = prepare(&options.input)?;
    let analysed = analyse_all(
        &options.input,
        &rubric,
        &found.inputs,
        &|| {},
        |report, _| report,
    )?;
    let reports: Vec<FileReport> = analysed.items;
    let skipped = Skipped {
        excluded: found.excluded,
        readmes: analysed.readmes,
    };
    if reports.is_empty() {
        note_no_proposals(&options.input, stderr)?;
        note_skipped(skipped, options.input.settings.as_deref(), stderr)?;
        return Ok(ExitStatus::Success);
    }
    let (errors, warnings) = reports
        .iter()
        .map(FileReport::totals)
        .fold((0, 0), |(e, w), (fe, fw)| (e + fe, w + fw));
    let summary = Summary {
        files: reports.len(),
        errors,
        warnings,
        skipped,
        settings: options.input.settings.clone(),
    };
    if options.format != CheckFormat::Human {
        // Data formats keep stdout to their shape; the notes go aside.
        note_skipped(skipped, options.input.settings.as_deref(), stderr)?;
    }
    render_check(options.format, &reports, summary, manners, stdout)?;
    stdout.flush()?;
    Ok(ExitStatus::from_counts(
        errors,
        warnings,
        options.input.deny_warnings,
    ))
}
