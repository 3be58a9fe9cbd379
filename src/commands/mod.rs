//! The commands: each reads its inputs, runs the pure checks and hands the
//! results to a renderer. These and `main` are the only places that do I/O;
//! `analyse` is the part every command shares.

pub mod check;
pub mod compare;
pub mod generate;
pub mod init;
pub mod rules;
pub mod schema;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use rayon::prelude::*;

use crate::cli::CommonArgs;
use crate::config::{self, Config, Exclude};
use crate::diagnostic::Rule;
use crate::discover::{Discovered, Input, discover};
use crate::output::Protected;
use crate::policy::RulePolicy;
use crate::proposal::frontmatter::{FrontMatterError, split_front_matter};
use crate::proposal::{self, Proposal, default_id};
use crate::render::{FileReport, Skipped};
use crate::rubric::Rubric;
use crate::source::{DEFAULT_MAX_BYTES, ReadProblem, read_stdin, read_text};

/// What every command that reads proposals needs to know, free of clap:
/// the command line merged over grantctl.yaml merged over the defaults.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Files and folders; the current folder when none were given.
    pub paths: Vec<PathBuf>,
    pub deny_warnings: bool,
    pub max_bytes: u64,
    /// `None`: the built-in default rubric.
    pub rubric: Option<PathBuf>,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub policy: RulePolicy,
    pub exclude: Option<Exclude>,
    pub force_exclude: bool,
    /// The grantctl.yaml that applied and what it set, for the summary:
    /// a run must never pass because of a config nobody sees.
    pub settings: Option<String>,
    /// The grantctl.yaml that applied, which no output may replace.
    pub config: Option<PathBuf>,
}

impl InputOptions {
    /// The files a run reads besides its proposals: `--output` must not
    /// replace them.
    pub fn read_files(&self) -> Vec<Protected<'_>> {
        let rubric = self.rubric.iter().map(|path| Protected {
            path,
            what: "the rubric in use",
        });
        let config = self.config.iter().map(|path| Protected {
            path,
            what: "the settings file in use",
        });
        rubric.chain(config).collect()
    }
}

impl TryFrom<CommonArgs> for InputOptions {
    type Error = anyhow::Error;

    /// Finds and reads grantctl.yaml (unless `--no-config`), then lets each
    /// flag given on the command line override it.
    fn try_from(args: CommonArgs) -> anyhow::Result<Self> {
        let limit = args.max_file_size.unwrap_or(DEFAULT_MAX_BYTES);
        let config = if args.no_config {
            Config::default()
        } else if let Some(path) = &args.config {
            config::load(path, limit)?
        } else {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            match config::find(&cwd) {
                Some(path) => config::load(&path, limit)?,
                None => Config::default(),
            }
        };
        let settings = config.describe();
        let config_path = config.path.clone();
        let flag_rules = |ids: &[String]| -> Vec<Rule> {
            ids.iter().filter_map(|id| Rule::from_id(id)).collect()
        };
        let (ignore, escalate) = (flag_rules(&args.ignore), flag_rules(&args.escalate));
        if let Some(both) = ignore.iter().find(|r| escalate.contains(r)) {
            bail!("`{both}` is given to both --ignore and --escalate");
        }
        let configured = RulePolicy {
            ignore: config.ignore,
            escalate: config.escalate,
        };
        let policy = configured.overridden_by(&RulePolicy { ignore, escalate });
        let deny_warnings = if args.deny_warnings || args.no_deny_warnings {
            args.deny_warnings
        } else {
            config.deny_warnings.unwrap_or(false)
        };
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
        };
        Ok(InputOptions {
            paths,
            deny_warnings,
            max_bytes: args
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(DEFAULT_MAX_BYTES),
            rubric: args.rubric.or(config.rubric),
            threads: args.threads,
            policy,
            exclude: config.exclude,
            force_exclude: args.force_exclude,
            settings,
            config: config_path,
        })
    }
}

/// The rubric and the inputs a run reads. `Err` when the tool cannot run:
/// a bad rubric or a path that does not exist.
pub fn prepare(options: &InputOptions) -> anyhow::Result<(Rubric, Discovered)> {
    let rubric = load_rubric(options.rubric.as_deref(), options.max_bytes)?;
    let found = discover(
        &options.paths,
        options.exclude.as_ref(),
        options.force_exclude,
    )?;
    Ok((rubric, found))
}

/// What `analyse_all` made, and how many walked READMEs it passed over
/// because they are documentation, not proposals.
pub struct Analysed<T> {
    pub items: Vec<T>,
    pub readmes: usize,
}

/// Analyses every input in parallel, applies the rule policy, and turns each
/// proposal into a `T` with `make`, in input order whatever the thread
/// timing; walked READMEs that are not proposals are left out and
/// counted. `done` is called once per input, for progress.
pub fn analyse_all<T: Send>(
    options: &InputOptions,
    rubric: &Rubric,
    inputs: &[Input],
    done: &(dyn Fn() + Sync),
    make: impl Fn(FileReport, Option<Proposal>) -> T + Sync,
) -> anyhow::Result<Analysed<T>> {
    // Counted on the side, so the rows are collected once, in order.
    let readmes = AtomicUsize::new(0);
    let items: Vec<T> = with_threads(options.threads, inputs.len(), || {
        inputs
            .par_iter()
            .filter_map(|input| {
                let analysis = analyse(input, options.max_bytes, rubric);
                done();
                match analysis {
                    Analysis::Skipped => {
                        readmes.fetch_add(1, Ordering::Relaxed);
                        None
                    }
                    Analysis::Checked {
                        mut report,
                        proposal,
                    } => {
                        let allowed = proposal.as_ref().map_or(&[][..], |p| &p.allow[..]);
                        options.policy.apply(
                            &mut report.diagnostics,
                            &mut report.unlisted,
                            allowed,
                        );
                        Some(make(report, proposal))
                    }
                }
            })
            .collect()
    })?;
    Ok(Analysed {
        items,
        readmes: readmes.into_inner(),
    })
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

/// What reading one input produced. Built and consumed once per file, so
/// the size difference between the variants costs nothing worth a box.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
enum Analysis {
    /// A walked `README.md` without front matter: documentation, not a proposal.
    Skipped,
    Checked {
        report: FileReport,
        /// `None` when the front matter could not be read at all.
        proposal: Option<Proposal>,
    },
}

/// Reads, loads and scores one input. The file's text is dropped before
/// this returns, so a caller holding many results holds no file contents.
fn analyse(input: &Input, max_bytes: u64, rubric: &Rubric) -> Analysis {
    let (path, readme) = match input {
        Input::Unwalkable { path, message } => {
            let report = FileReport::unreadable(display(path), 1, message.clone());
            return Analysis::Checked {
                report,
                proposal: None,
            };
        }
        Input::File(path) => (path, false),
        Input::Readme(path) => (path, true),
        Input::Stdin => {
            let read = read_stdin(max_bytes);
            return checked("<stdin>".to_string(), "stdin", read, rubric);
        }
    };
    let file = display(path);
    let read = read_text(path, max_bytes);
    if readme
        && let Ok(text) = &read
        && matches!(split_front_matter(text), Err(FrontMatterError::Missing))
    {
        return Analysis::Skipped;
    }
    checked(file, &default_id(path), read, rubric)
}

/// Loads and scores text that was read as `file`, or reports why it
/// could not be read.
fn checked(
    file: String,
    default_id: &str,
    read: Result<String, ReadProblem>,
    rubric: &Rubric,
) -> Analysis {
    let text = match read {
        Ok(text) => text,
        Err(problem) => {
            let report = FileReport::unreadable(file, problem.line, problem.message);
            return Analysis::Checked {
                report,
                proposal: None,
            };
        }
    };
    let loaded = proposal::load(&file, default_id, &text, rubric);
    Analysis::Checked {
        report: FileReport {
            file,
            diagnostics: loaded.diagnostics,
            scores: loaded.scores,
            budget_total: loaded.budget_total,
            budget: loaded.budget,
            unlisted: loaded.unlisted,
        },
        proposal: loaded.proposal,
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

/// Runs `work` on a pool of `threads` threads (0: one per core), never
/// more than there are `items` to work on.
fn with_threads<T: Send>(
    threads: usize,
    items: usize,
    work: impl FnOnce() -> T + Send,
) -> anyhow::Result<T> {
    let threads = match threads {
        0 => 0,
        n => n.min(items.max(1)).min(MAX_THREADS),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
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
