//! `grantctl compare`: discover → read, check and score each proposal in
//! parallel → one row each → sort → render to stdout or a file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::{InputOptions, analyse_all, note_no_proposals, prepare};
use crate::ExitStatus;
use crate::cli::{CompareArgs, CompareFormatArg};
use crate::compare::{Column, CompareFormat, CompareRow, TableLayout, render_compare, sort_rows};
use crate::discover::Input;
use crate::output::write_atomically;
use crate::progress::Progress;
use crate::render::Manners;

/// What `compare` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub input: InputOptions,
    pub format: CompareFormat,
    pub sort: Column,
    pub reverse: bool,
    /// `None`: stdout.
    pub output: Option<PathBuf>,
}

impl TryFrom<CompareArgs> for CompareOptions {
    type Error = anyhow::Error;

    fn try_from(args: CompareArgs) -> anyhow::Result<Self> {
        let Some(sort) = Column::from_name(&args.sort) else {
            bail!("unknown column `{}` for --sort", args.sort);
        };
        Ok(CompareOptions {
            input: args.common.try_into()?,
            format: match args.format {
                CompareFormatArg::Table => CompareFormat::Table,
                CompareFormatArg::Csv => CompareFormat::Csv,
                CompareFormatArg::Json => CompareFormat::Json,
                CompareFormatArg::Markdown => CompareFormat::Markdown,
            },
            sort,
            reverse: args.reverse,
            output: args.output,
        })
    }
}

/// Compares every proposal under the input paths. `Err` only when the tool
/// cannot run: a missing path, a bad rubric, output that cannot be written.
pub fn run(
    options: &CompareOptions,
    manners: Manners,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let (rubric, inputs) = prepare(&options.input)?;
    if let Some(output) = &options.output {
        ensure_not_an_input(output, &inputs)?;
    }
    let keep_scores = options.format.needs_scores();
    let progress = Progress::new(
        inputs.len(),
        !manners.quiet && std::io::stderr().is_terminal(),
    );
    let mut rows = analyse_all(
        &options.input,
        &rubric,
        &inputs,
        &|| progress.inc(),
        |report, proposal| CompareRow::new(report, proposal.as_ref(), keep_scores),
    )?;
    progress.finish();
    if rows.is_empty() {
        note_no_proposals(&options.input, stderr)?;
    }
    sort_rows(&mut rows, options.sort, options.reverse);
    match &options.output {
        Some(path) => {
            let layout = TableLayout {
                fit_to_terminal: false,
            };
            write_atomically(path, |out| {
                render_compare(options.format, &rows, layout, out)
            })?;
        }
        None => {
            let layout = TableLayout {
                fit_to_terminal: std::io::stdout().is_terminal(),
            };
            render_compare(options.format, &rows, layout, stdout)?;
            stdout.flush()?;
        }
    }
    let errors = rows.iter().map(|r| r.errors).sum();
    let warnings = rows.iter().map(|r| r.warnings).sum();
    Ok(ExitStatus::from_counts(
        errors,
        warnings,
        options.input.deny_warnings,
    ))
}

/// `--output` must never replace a proposal it is reading.
fn ensure_not_an_input(output: &Path, inputs: &[Input]) -> anyhow::Result<()> {
    let Ok(target) = output.canonicalize() else {
        return Ok(()); // does not exist yet, so it is no input
    };
    let same_file = |path: &Path| {
        path.file_name() == target.file_name() && path.canonicalize().is_ok_and(|p| p == target)
    };
    let clash = inputs.iter().any(|input| match input {
        Input::File(path) | Input::Readme(path) => same_file(path),
        Input::Unwalkable { .. } => false,
    });
    if clash {
        bail!(
            "refusing to write `{}`: it is one of the proposals being compared",
            output.display()
        );
    }
    Ok(())
}
