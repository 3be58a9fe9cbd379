//! `grantctl check`: discover → read, check and score each file in parallel → render.

use std::io::Write;
use std::path::PathBuf;

use super::changed::changed_since;
use super::pipeline::{analyse_all, keep_until_exit, note_no_proposals, note_skipped, prepare};
use super::reviews::{check_ids, given as given_reviews};
use super::settings::InputOptions;
use super::status::ExitStatus;
use super::write::{Pending, Protected};
use crate::analysis::FileReport;
use crate::cli::CheckArgs;
use crate::output::{
    CHECK_FORMATS, CheckFormat, FormatRow, Manners, Skipped, Summary, render_check,
};

/// What `check` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub input: InputOptions,
    pub format: CheckFormat,
    /// `None`: stdout.
    pub output: Option<PathBuf>,
    /// `--changed-from`: a git revision whose changed files come first.
    pub changed_from: Option<String>,
}

impl TryFrom<CheckArgs> for CheckOptions {
    type Error = anyhow::Error;

    fn try_from(args: CheckArgs) -> anyhow::Result<Self> {
        let format = FormatRow::resolve(
            &CHECK_FORMATS,
            args.format,
            args.output.as_deref(),
            CheckFormat::Human,
        )
        .map_err(anyhow::Error::msg)?;
        Ok(CheckOptions {
            input: args.common.try_into()?,
            format,
            output: args.output,
            changed_from: args.changed_from,
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
    let reviews = given_reviews(&options.input)?;
    let changed = match &options.changed_from {
        Some(revision) => Some(changed_since(revision)?),
        None => None,
    };
    let pending = match &options.output {
        Some(path) => {
            let mut protected = options.input.read_files();
            protected.extend(found.inputs.iter().map(|input| Protected {
                path: input.path(),
                what: "one of the proposals being checked",
            }));
            Some(Pending::open(path, &protected)?)
        }
        None => None,
    };
    let analysed = analyse_all(
        &options.input,
        &rubric,
        &found.inputs,
        &|| {},
        |report, proposal| (report, proposal.map(|p| p.id)),
    )?;
    if let Some(reviews) = &reviews {
        check_ids(
            reviews,
            analysed.items.iter().filter_map(|(_, id)| id.as_deref()),
        )?;
    }
    let mut reports: Vec<FileReport> = analysed.items.into_iter().map(|(r, _)| r).collect();
    if let Some(changed) = &changed {
        // Stable: within each group, the walk's order stays.
        reports.sort_by_cached_key(|r| !changed.contains(&r.file));
    }
    let skipped = Skipped {
        excluded: found.excluded,
        readmes: analysed.readmes,
    };
    if reports.is_empty() {
        note_no_proposals(&options.input, stderr)?;
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
    if options.format != CheckFormat::Human || reports.is_empty() {
        // Data formats keep stdout to their shape; the notes go aside.
        note_skipped(skipped, options.input.settings.as_deref(), stderr)?;
    }
    // With nothing read, the human format has nothing to say beyond the
    // note; a data format still prints its empty shape (`[]`, a SARIF log
    // with no results), which a CI step can rely on.
    if !(reports.is_empty() && options.format == CheckFormat::Human) {
        match pending {
            Some(pending) => {
                pending
                    .finish(|out| render_check(options.format, &reports, summary, manners, out))?;
            }
            None => {
                render_check(options.format, &reports, summary, manners, stdout)?;
                stdout.flush()?;
            }
        }
    }
    keep_until_exit((reports, found, rubric));
    Ok(ExitStatus::from_counts(
        errors,
        warnings,
        options.input.deny_warnings,
    ))
}
