//! `grantctl check`: discover → read → load → render.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::cli::{CheckArgs, CheckFormatArg};
use crate::diagnostic::{Diagnostic, Rule};
use crate::discover::{Input, discover};
use crate::proposal;
use crate::render::{CheckFormat, Summary, render_check};
use crate::source::{DEFAULT_MAX_BYTES, read_text};

/// What `check` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: CheckFormat,
    pub deny_warnings: bool,
    pub max_bytes: u64,
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
    let discovered = discover(&options.paths)?;
    if discovered.inputs.is_empty() {
        writeln!(
            stderr,
            "note: no proposals (`*.md` files) found in {}",
            list(&options.paths)
        )?;
        return Ok(ExitStatus::Success);
    }
    let mut diagnostics = Vec::new();
    for input in &discovered.inputs {
        diagnostics.extend(check_input(input, options.max_bytes));
    }
    let summary = Summary {
        files: discovered.inputs.len(),
        errors: diagnostics.iter().filter(|d| d.is_error()).count(),
        warnings: diagnostics.iter().filter(|d| !d.is_error()).count(),
    };
    render_check(options.format, &diagnostics, summary, stdout)?;
    stdout.flush()?;
    Ok(ExitStatus::from_counts(
        summary.errors,
        summary.warnings,
        options.deny_warnings,
    ))
}

/// The findings for one input; an unreadable file is one `io` finding.
pub fn check_input(input: &Input, max_bytes: u64) -> Vec<Diagnostic> {
    match input {
        Input::Unwalkable { path, message } => {
            vec![Diagnostic::new(
                Rule::Io,
                &display(path),
                1,
                None,
                message.clone(),
            )]
        }
        Input::File(path) => match read_text(path, max_bytes) {
            Ok(text) => proposal::load(&display(path), &default_id(path), &text).diagnostics,
            Err(problem) => vec![Diagnostic::new(
                Rule::Io,
                &display(path),
                problem.line,
                None,
                problem.message,
            )],
        },
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
