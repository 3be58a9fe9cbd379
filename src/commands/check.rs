//! `grantctl check`: discover → read → load → render.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::ExitStatus;
use crate::cli::{CheckArgs, CheckFormatArg};
use crate::discover::{Input, discover};
use crate::proposal;
use crate::render::{CheckFormat, FileReport, Summary, render_check};
use crate::rubric::Rubric;
use crate::source::{DEFAULT_MAX_BYTES, read_text};

/// What `check` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: CheckFormat,
    pub deny_warnings: bool,
    pub max_bytes: u64,
    /// `None`: the built-in default rubric.
    pub rubric: Option<PathBuf>,
}

impl From<CheckArgs> for CheckOptions {
    fn from(args: CheckArgs) -> Self {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
        };
        CheckOptions {
            paths,
            format: match args.format {
                CheckFormatArg::Human => CheckFormat::Human,
                CheckFormatArg::Json => CheckFormat::Json,
                CheckFormatArg::Github => CheckFormat::Github,
            },
            deny_warnings: args.deny_warnings,
            max_bytes: DEFAULT_MAX_BYTES,
            rubric: args.rubric,
        }
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
    if discovered.inputs.is_empty() {
        writeln!(
            stderr,
            "note: no proposals (`*.md` files) found in {}",
            list(&options.paths)
        )?;
        return Ok(ExitStatus::Success);
    }
    let reports: Vec<FileReport> = discovered
        .inputs
        .iter()
        .map(|input| check_input(input, options.max_bytes, &rubric))
        .collect();
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

/// Reads the rubric named on the command line, or the built-in one. A bad
/// rubric stops the run (exit 2) naming the file and line.
pub fn load_rubric(path: Option<&Path>) -> anyhow::Result<Rubric> {
    let Some(path) = path else {
        return Ok(Rubric::default_rubric());
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read rubric `{}`", path.display()))?;
    Rubric::parse(&text).with_context(|| format!("invalid rubric `{}`", path.display()))
}

/// The findings and scores for one input; an unreadable file is one `io` finding.
pub fn check_input(input: &Input, max_bytes: u64, rubric: &Rubric) -> FileReport {
    let path = match input {
        Input::Unwalkable { path, message } => {
            return FileReport::unreadable(display(path), 1, message.clone());
        }
        Input::File(path) => path,
    };
    let file = display(path);
    match read_text(path, max_bytes) {
        Ok(text) => {
            let loaded = proposal::load(&file, &default_id(path), &text, rubric);
            FileReport {
                file,
                diagnostics: loaded.diagnostics,
                scores: loaded.scores,
            }
        }
        Err(problem) => FileReport::unreadable(file, problem.line, problem.message),
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The file name without `.md`: a proposal's id when it states none.
pub fn default_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}
