//! `grantctl compare`: discover → read, check and score each proposal in
//! parallel → one row each → sort → render to stdout or a file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::bail;

use super::pipeline::{analyse_all, note_no_proposals, note_skipped, prepare};
use super::progress::Progress;
use super::settings::InputOptions;
use super::status::ExitStatus;
use super::write::{Pending, Protected};
use crate::analysis::{Columns, CompareRow, sort_rows};
use crate::cli::CompareArgs;
use crate::output::compare::{CompareFormat, TableLayout, render_compare};
use crate::output::{Manners, Skipped};

/// What `compare` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub input: InputOptions,
    pub format: CompareFormat,
    /// The `--sort` column's name, found once the rubric says which
    /// section columns there are.
    pub sort: String,
    pub reverse: bool,
    /// `None`: stdout.
    pub output: Option<PathBuf>,
}

impl TryFrom<CompareArgs> for CompareOptions {
    type Error = anyhow::Error;

    fn try_from(args: CompareArgs) -> anyhow::Result<Self> {
        Ok(CompareOptions {
            input: args.common.try_into()?,
            format: args.format,
            sort: args.sort,
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
    let (rubric, found) = prepare(&options.input)?;
    let columns = Columns::for_rubric(&rubric);
    let Some(sort) = columns.find(&options.sort) else {
        let names: Vec<&str> = columns.all().into_iter().map(|c| columns.name(c)).collect();
        bail!(
            "unknown column `{}` for --sort; columns are {}",
            options.sort,
            names.join(", ")
        );
    };
    let inputs = &found.inputs;
    // Opened before the work, so a destination that cannot be written, or
    // that is one of the files the run reads, stops it at once.
    let pending = match &options.output {
        Some(path) => {
            let mut protected = options.input.read_files();
            protected.extend(inputs.iter().map(|input| Protected {
                path: input.path(),
                what: "one of the proposals being compared",
            }));
            Some(Pending::open(path, &protected)?)
        }
        None => None,
    };
    let keep_scores = options.format.needs_scores();
    let progress = Progress::new(
        inputs.len(),
        !manners.quiet && std::io::stderr().is_terminal(),
    );
    let analysed = analyse_all(
        &options.input,
        &rubric,
        inputs,
        &|| progress.inc(),
        |report, proposal| CompareRow::new(report, proposal.as_ref(), keep_scores, columns.keys()),
    )?;
    progress.finish();
    let mut rows = analysed.items;
    if rows.is_empty() {
        note_no_proposals(&options.input, stderr)?;
    }
    let skipped = Skipped {
        excluded: found.excluded,
        readmes: analysed.readmes,
    };
    note_skipped(skipped, options.input.settings.as_deref(), stderr)?;
    sort_rows(&mut rows, sort, options.reverse);
    match pending {
        Some(pending) => {
            let layout = TableLayout {
                fit_to_terminal: false,
            };
            pending.finish(|out| render_compare(options.format, &rows, &columns, layout, out))?;
        }
        None => {
            let layout = TableLayout {
                fit_to_terminal: std::io::stdout().is_terminal(),
            };
            render_compare(options.format, &rows, &columns, layout, stdout)?;
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
