//! `grantctl check`: discover → read → load → render.

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{Analysis, analyse, list_paths, load_rubric, with_threads};
use crate::ExitStatus;
use crate::cli::{CheckArgs, CheckFormatArg};
use crate::discover::discover;
use crate::render::{CheckFormat, FileReport, Summary, render_check};
use crate::source::DEFAULT_MAX_BYTES;

/// What `check` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: CheckFormat,
    pub deny_warnings: bool,
    pub max_bytes: u64,
    /// `None`: the built-in default rubric.
    pub rubric: Option<PathBuf>,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
}

impl From<CheckArgs> for CheckOptions {
    fn from(args: CheckArgs) -> Self {
        CheckOptions {
            paths: paths_or_current(args.common.paths),
            format: match args.format {
                CheckFormatArg::Human => CheckFormat::Human,
                CheckFormatArg::Json => CheckFormat::Json,
                CheckFormatArg::Github => CheckFormat::Github,
            },
            deny_warnings: args.common.deny_warnings,
            max_bytes: DEFAULT_MAX_BYTES,
            rubric: args.common.rubric,
            threads: args.common.threads,
        }
    }
}

/// The paths to read; none given means the current folder.
pub fn paths_or_current(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}

/// Checks every proposal under `options.paths`. `Err` only when the tool
/// cannot run (a path that does not exist, output that cannot be written).
pub fn run(
    options: &CheckOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let rubric = load_rubric(options.rubric.as_deref())?;
    let discovered = discover(&options.paths)?;
    let reports: Vec<FileReport> = with_threads(options.threads, || {
        discovered
            .inputs
            .par_iter()
            .map(|input| analyse(input, options.max_bytes, &rubric))
            .filter_map(|analysis| match analysis {
                Analysis::Skipped => None,
                Analysis::Checked { report, .. } => Some(report),
            })
            .collect()
    })?;
    if reports.is_empty() {
        writeln!(
            stderr,
            "note: no proposals (`*.md` files) found in {}",
            list_paths(&options.paths)
        )?;
        return Ok(ExitStatus::Success);
    }
    let all = || reports.iter().flat_map(|r| &r.diagnostics);
    let summary = Summary {
        files: reports.len(),
        errors: all().filter(|d| d.is_error()).count(),
        warnings: all().filter(|d| !d.is_error()).count(),
    };
    render_check(options.format, &reports, summary, stdout)?;
    stdout.flush()?;
    Ok(ExitStatus::from_counts(
        summary.errors,
        summary.warnings,
        options.deny_warnings,
    ))
}
