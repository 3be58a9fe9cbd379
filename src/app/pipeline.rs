//! The part every command that reads proposals shares: discover the inputs,
//! read each under the limits, analyse it in parallel, apply the rule
//! policy, in input order whatever the thread timing.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use rayon::prelude::*;

use super::discover::{Discovered, Input, discover};
use super::settings::InputOptions;
use super::source::{ReadProblem, read_stdin, read_text};
use crate::analysis::{Analysis, CompareRow, FileReport, analyse};
use crate::diagnostic::{Diagnostic, Rule};
use crate::output::Skipped;
use crate::proposal::frontmatter::{FrontMatterError, split_front_matter};
use crate::proposal::{Proposal, default_id};
use crate::rubric::Rubric;
use crate::yaml::Pos;

/// The rubric and the inputs a run reads. `Err` when the tool cannot run:
/// a bad rubric or a path that does not exist.
pub fn prepare(options: &InputOptions) -> anyhow::Result<(Rubric, Discovered)> {
    let rubric = || load_rubric(options.rubric.as_deref(), options.max_bytes);
    let found = || {
        discover(
            &options.paths,
            options.exclude.as_ref(),
            options.force_exclude,
        )
    };
    if options.threads == 1 {
        return Ok((rubric()?, found()?));
    }
    // With more than one thread, the rubric's patterns compile while the
    // folders are walked, and then the ask check's: all come before any
    // file is read. A bad rubric is still reported first.
    let (rubric, found) = std::thread::scope(|scope| {
        let compiling = scope.spawn(rubric);
        let found = found();
        crate::budget::compile_ask_patterns();
        let rubric = compiling
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (rubric, found)
    });
    Ok((rubric?, found?))
}

/// Leaves what a run read for the system to take back when the process
/// exits, which it does once the command returns, instead of freeing it
/// one allocation at a time: for 10,000 proposals that freeing (rows,
/// paths, the rubric's patterns) took 6 to 12 ms of a one-second,
/// two-thread `compare`, all of it after the output was written.
pub fn keep_until_exit<T>(value: T) {
    std::mem::forget(value);
}

/// What `analyse_all` made, and how many walked READMEs it passed over
/// because they are documentation, not proposals.
pub struct Analysed<T> {
    pub items: Vec<T>,
    pub readmes: usize,
}

/// What a finding about the run as a whole (`duplicate-id`) is added to:
/// a file's report, or its `compare` row.
pub trait AddFinding {
    fn add_finding(&mut self, diagnostic: Diagnostic);
    /// The file the item is about, named by such a finding.
    fn file(&self) -> &str;
}

impl AddFinding for FileReport {
    fn add_finding(&mut self, diagnostic: Diagnostic) {
        self.add(diagnostic);
    }

    fn file(&self) -> &str {
        &self.file
    }
}

/// An item with something carried beside it (its id, its levels).
impl<T: AddFinding, U> AddFinding for (T, U) {
    fn add_finding(&mut self, diagnostic: Diagnostic) {
        self.0.add_finding(diagnostic);
    }

    fn file(&self) -> &str {
        self.0.file()
    }
}

impl AddFinding for CompareRow {
    fn add_finding(&mut self, diagnostic: Diagnostic) {
        self.add(&diagnostic);
    }

    fn file(&self) -> &str {
        &self.file
    }
}

/// A proposal's item and its id, made on a worker thread. The id is boxed:
/// it is dropped once ids are compared, and the vector of rows is reused
/// for the rows alone.
type Made<T> = (T, Option<Box<IdAt>>);

/// A proposal's id, where it stands, and the warnings it allows: what the
/// duplicate check needs once every file is read (the file is the item's).
struct IdAt {
    id: String,
    at: Option<Pos>,
    allowed: Vec<Rule>,
}

/// Analyses every input in parallel, applies the rule policy, and turns each
/// proposal into a `T` with `make`, in input order whatever the thread
/// timing; walked READMEs that are not proposals are left out and
/// counted. `done` is called once per input, for progress. Then each
/// proposal whose id an earlier one has gets a `duplicate-id` finding.
pub fn analyse_all<T: Send + AddFinding>(
    options: &InputOptions,
    rubric: &Rubric,
    inputs: &[Input],
    done: &(dyn Fn() + Sync),
    make: impl Fn(FileReport, Option<Proposal>) -> T + Sync,
) -> anyhow::Result<Analysed<T>> {
    // Counted on the side, so the rows are collected once, in order.
    let readmes = AtomicUsize::new(0);
    // An indexed collect: rayon writes each row straight into one vector
    // (no per-thread lists to join), and the rows are then taken out of
    // it in place, so a run never holds two copies of 100,000 rows.
    let made: Vec<Option<Made<T>>> = with_threads(options.threads, inputs.len(), || {
        // A copy of the rubric for each worker thread. A regex keeps its
        // search cache for the first thread that uses it, marking it in use
        // on every search, and any other thread takes a cache from a locked
        // stack each time; the headings memo is behind a lock every lookup
        // writes. A copy shares the compiled patterns and starts with its
        // own caches and memo, used by one thread only.
        let copies: Vec<Rubric> = (0..rayon::current_num_threads())
            .map(|_| rubric.clone())
            .collect();
        inputs
            .par_iter()
            .map(|input| {
                let rubric = rayon::current_thread_index()
                    .and_then(|i| copies.get(i))
                    .unwrap_or(rubric);
                let analysis = read_and_analyse(input, options.max_bytes, rubric);
                done();
                match analysis {
                    None => {
                        readmes.fetch_add(1, Ordering::Relaxed);
                        None
                    }
                    Some(Analysis {
                        mut report,
                        proposal,
                    }) => {
                        let allowed = proposal.as_ref().map_or(&[][..], |p| &p.allow[..]);
                        options.policy.apply(
                            &mut report.diagnostics,
                            &mut report.unlisted,
                            allowed,
                        );
                        let id = proposal.as_ref().map(|p| IdAt {
                            id: p.id.clone(),
                            at: p.id_at,
                            allowed: p.allow.clone(),
                        });
                        Some((make(report, proposal), id.map(Box::new)))
                    }
                }
            })
            .collect()
    })?;
    let mut found = duplicates(&made, options).into_iter().peekable();
    let items = made
        .into_iter()
        .enumerate()
        .filter_map(|(i, made)| {
            let (mut item, _) = made?;
            // Each item has one entry at most.
            if let Some((_, findings)) = found.next_if(|(at, _)| *at == i) {
                for finding in findings {
                    item.add_finding(finding);
                }
            }
            Some(item)
        })
        .collect();
    Ok(Analysed {
        items,
        readmes: readmes.into_inner(),
    })
}

/// The `duplicate-id` findings of each item (by index) whose id an earlier
/// item has, in order; ids and files are borrowed, not copied.
fn duplicates<T: AddFinding>(
    made: &[Option<Made<T>>],
    options: &InputOptions,
) -> Vec<(usize, Vec<Diagnostic>)> {
    let mut first: HashMap<&str, &str> = HashMap::with_capacity(made.len());
    let mut found = Vec::new();
    for (i, made) in made.iter().enumerate() {
        let Some((item, Some(id))) = made else {
            continue;
        };
        match first.get(id.id.as_str()) {
            Some(earlier) => found.push((i, duplicate(id, item.file(), earlier, options))),
            None => {
                first.insert(&id.id, item.file());
            }
        }
    }
    found
}

/// The `duplicate-id` finding for `id` of `file`, whose id the file
/// `earlier` has, unless the rule policy drops it.
fn duplicate(id: &IdAt, file: &str, earlier: &str, options: &InputOptions) -> Vec<Diagnostic> {
    let (line, column) = id.at.map_or((1, None), |at| (at.line, Some(at.column)));
    let given = if id.at.is_some() {
        "give this proposal an id of its own"
    } else {
        "its id is its file name; add an `id:` of its own"
    };
    let message = format!(
        "id `{}` is also the id of `{earlier}`, read first: ids must be unique in a round ({given})",
        id.id
    );
    let mut found = vec![Diagnostic::new(
        Rule::DuplicateId,
        file,
        line,
        column,
        message,
    )];
    options
        .policy
        .apply(&mut found, &mut Vec::new(), &id.allowed);
    found
}

/// The note for a run that found nothing to read (not an error, §4).
pub fn note_no_proposals(options: &InputOptions, stderr: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        stderr,
        "note: no proposals (`*.md` files) found in {}",
        list_paths(&options.paths)
    )
}

/// Notes on stderr about what a run skipped and the settings it used, for
/// outputs that have no summary of their own.
pub fn note_skipped(
    skipped: Skipped,
    settings: Option<&str>,
    stderr: &mut dyn Write,
) -> std::io::Result<()> {
    if let Some(skipped) = skipped.describe() {
        writeln!(stderr, "note: {skipped}")?;
    }
    if let Some(settings) = settings {
        writeln!(stderr, "note: settings from {settings}")?;
    }
    Ok(())
}

/// Reads and analyses one input; `None` for a walked `README.md` without
/// front matter (documentation, not a proposal). The file's text is
/// dropped before this returns, so a caller holding many results holds no
/// file contents.
fn read_and_analyse(input: &Input, max_bytes: u64, rubric: &Rubric) -> Option<Analysis> {
    let (path, readme) = match input {
        Input::Unwalkable { path, message } => {
            let report = FileReport::unreadable(display(path), 1, message.clone());
            return Some(Analysis {
                report,
                proposal: None,
            });
        }
        Input::File(path) => (path, false),
        Input::Readme(path) => (path, true),
        Input::Stdin => {
            let read = read_stdin(max_bytes);
            return Some(checked("<stdin>".to_string(), "stdin", read, rubric));
        }
    };
    let file = display(path);
    let read = read_text(path, max_bytes);
    if readme
        && let Ok(text) = &read
        && matches!(split_front_matter(text), Err(FrontMatterError::Missing))
    {
        return None;
    }
    Some(checked(file, &default_id(path), read, rubric))
}

/// Analyses text that was read as `file`, or reports why it could not be
/// read.
fn checked(
    file: String,
    default_id: &str,
    read: Result<String, ReadProblem>,
    rubric: &Rubric,
) -> Analysis {
    match read {
        Ok(text) => analyse(&file, default_id, &text, rubric),
        Err(problem) => Analysis {
            report: FileReport::unreadable(file, problem.line, problem.message),
            proposal: None,
        },
    }
}

/// Reads the rubric named on the command line, or the built-in one, under
/// the same limits as a proposal (a regular file, at most `max_bytes`,
/// UTF-8): a FIFO or `/dev/zero` named as the rubric must not hang or
/// exhaust memory. A bad rubric stops the run (exit 2) naming the file
/// and line.
pub fn load_rubric(path: Option<&Path>, max_bytes: u64) -> anyhow::Result<Rubric> {
    let Some(path) = path else {
        return Ok(Rubric::default_rubric());
    };
    let text = read_text(path, max_bytes).map_err(|problem| {
        anyhow::anyhow!(
            "failed to read rubric `{}`: {}",
            path.display(),
            problem.message
        )
    })?;
    Rubric::parse(&text).with_context(|| format!("invalid rubric `{}`", path.display()))
}

/// At most this many worker threads, whatever `--threads` asks: the work
/// is bounded by the processor, and each thread costs time to start.
const MAX_THREADS: usize = 256;

/// Runs `work` on the run's worker threads: `threads` of them (0: one per
/// core), never more than there are `items` to work on. They become the
/// process's rayon pool, which each command builds once, so what follows
/// the analysis (ranking, writing) runs on the same threads, not on one.
/// Where the process already has that pool (tests that run several
/// commands in one process), the analysis gets a pool of its own.
fn with_threads<T: Send>(
    threads: usize,
    items: usize,
    work: impl FnOnce() -> T + Send,
) -> anyhow::Result<T> {
    let threads = match threads {
        0 => 0,
        n => n.min(items.max(1)).min(MAX_THREADS),
    };
    let builder = || rayon::ThreadPoolBuilder::new().num_threads(threads);
    if builder().build_global().is_ok() {
        // Parallel iterators on a thread outside any pool use this one.
        return Ok(work());
    }
    let pool = builder()
        .build()
        .context("failed to start worker threads")?;
    Ok(pool.install(work))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// `a`, `b` as a list of backticked paths, for notes.
fn list_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}
