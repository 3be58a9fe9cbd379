//! `grantctl compare`: discover → read, check and score each proposal in
//! parallel → one row each → sort → render to stdout or a file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::anyhow;

use super::discover::Input;
use super::pipeline::{analyse_all, keep_until_exit, note_no_proposals, note_skipped, prepare};
use super::progress::Progress;
use super::reviews::{check_ids, fill, given as given_reviews};
use super::settings::InputOptions;
use super::status::ExitStatus;
use super::write::{Pending, Protected};
use crate::analysis::{Col, Columns, CompareRow, Filter, sort_rows};
use crate::cli::CompareArgs;
use crate::output::compare::{CompareFormat, Presentation, fit, render_compare, terminal_width};
use crate::output::{Manners, Skipped};
use crate::reviews::{RIDGE, calibrate};

/// What `compare` needs to know, free of clap.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    pub input: InputOptions,
    pub format: CompareFormat,
    /// The `--sort` columns' names, found once the rubric says which
    /// section columns there are.
    pub sort: Vec<String>,
    pub reverse: bool,
    /// `--columns`; empty: the format's default.
    pub columns: Vec<String>,
    pub filter: Filter,
    pub csv_safe: bool,
    /// `None`: stdout.
    pub output: Option<PathBuf>,
}

impl TryFrom<CompareArgs> for CompareOptions {
    type Error = anyhow::Error;

    fn try_from(args: CompareArgs) -> anyhow::Result<Self> {
        let format = CompareFormat::resolve(args.format, args.output.as_deref())
            .map_err(anyhow::Error::msg)?;
        let filter = Filter {
            budget_ok: args.only.iter().any(|o| o == "budget-ok"),
            no_errors: args.only.iter().any(|o| o == "no-errors"),
            min_score: args.min_score,
        };
        Ok(CompareOptions {
            input: args.common.try_into()?,
            format,
            sort: args.sort,
            reverse: args.reverse,
            columns: args.columns,
            filter,
            csv_safe: args.csv_safe,
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
    // Read before the proposals, so a bad review file stops the run at once.
    let reviews = given_reviews(&options.input)?;
    let columns = Columns::for_run(&rubric, reviews.is_some());
    let (sort, chosen) = named_columns(options, &columns)?;
    let inputs = &found.inputs;
    let pending = destination(options, inputs)?;
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
    if let Some(reviews) = &reviews {
        check_ids(reviews, rows.iter().map(|r| r.id.as_str()))?;
        fill(&mut rows, &calibrate(reviews, RIDGE));
    }
    // The exit status counts every proposal read, shown or filtered out.
    let (errors, warnings) = rows
        .iter()
        .fold((0, 0), |(e, w), r| (e + r.errors, w + r.warnings));
    let found_any = !rows.is_empty();
    rows.retain(|row| options.filter.keeps(row));
    if !found_any {
        note_no_proposals(&options.input, stderr)?;
    }
    let skipped = Skipped {
        excluded: found.excluded,
        readmes: analysed.readmes,
    };
    note_skipped(skipped, options.input.settings.as_deref(), stderr)?;
    sort_rows(&mut rows, &sort, options.reverse);
    let to_terminal = pending.is_none() && std::io::stdout().is_terminal();
    let (shown, presentation) = layout(
        options,
        &rows,
        &columns,
        chosen,
        to_terminal,
        manners,
        stderr,
    )?;
    match pending {
        Some(pending) => {
            pending.finish(|out| {
                render_compare(options.format, &rows, &columns, &shown, presentation, out)
            })?;
        }
        None => {
            render_compare(
                options.format,
                &rows,
                &columns,
                &shown,
                presentation,
                stdout,
            )?;
            stdout.flush()?;
        }
    }
    keep_until_exit((rows, found, rubric));
    Ok(ExitStatus::from_counts(
        errors,
        warnings,
        options.input.deny_warnings,
    ))
}

/// Where the output goes: `None` for stdout. Opened before the work, so a
/// destination that cannot be written, or that is one of the files the
/// run reads, stops it at once.
fn destination(options: &CompareOptions, inputs: &[Input]) -> anyhow::Result<Option<Pending>> {
    let Some(path) = &options.output else {
        return Ok(None);
    };
    let mut protected = options.input.read_files();
    protected.extend(inputs.iter().map(|input| Protected {
        path: input.path(),
        what: "one of the proposals being compared",
    }));
    Ok(Some(Pending::open(path, &protected)?))
}

/// The `--sort` and `--columns` columns; an unknown name stops the run.
fn named_columns(
    options: &CompareOptions,
    columns: &Columns,
) -> anyhow::Result<(Vec<Col>, Vec<Col>)> {
    let find = |names: &[String], flag: &str| {
        columns.find_all(names).map_err(|name| {
            anyhow!(
                "unknown column `{name}` for {flag}; columns are {}",
                columns.names()
            )
        })
    };
    Ok((
        find(&options.sort, "--sort")?,
        find(&options.columns, "--columns")?,
    ))
}

/// The columns shown and how: `--columns`, else the format's default; a
/// table on a terminal leaves out what does not fit, and says so.
fn layout(
    options: &CompareOptions,
    rows: &[CompareRow],
    columns: &Columns,
    chosen: Vec<Col>,
    to_terminal: bool,
    manners: Manners,
    stderr: &mut dyn Write,
) -> std::io::Result<(Vec<Col>, Presentation)> {
    let mut presentation = Presentation {
        fit_width: None,
        csv_safe: options.csv_safe,
    };
    let table = options.format == CompareFormat::Table;
    let shown = match (chosen.is_empty(), table) {
        (false, _) => return Ok((chosen, fit_chosen(presentation, table && to_terminal))),
        (true, true) => columns.for_table(),
        (true, false) => columns.all(),
    };
    if !(table && to_terminal) {
        return Ok((shown, presentation));
    }
    let width = terminal_width().unwrap_or(80);
    presentation.fit_width = Some(width);
    let (kept, dropped) = fit(rows, columns, &shown, width);
    if !dropped.is_empty() && !manners.quiet {
        let names: Vec<&str> = dropped.iter().map(|&c| columns.name(c)).collect();
        writeln!(
            stderr,
            "note: left out {} to fit {} columns; --columns chooses, and --format csv has every column",
            names.join(", "),
            width.max(80)
        )?;
    }
    Ok((kept, presentation))
}

/// Columns a user chose are all shown; on a terminal, text is still cut to fit.
fn fit_chosen(mut presentation: Presentation, on_terminal: bool) -> Presentation {
    if on_terminal {
        presentation.fit_width = Some(terminal_width().unwrap_or(80));
    }
    presentation
}
