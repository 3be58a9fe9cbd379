//! The commands: each reads its inputs, runs the pure checks and hands the
//! results to a renderer. These and `main` are the only places that do I/O;
//! `analyse` is the part every command shares.

pub mod check;
pub mod compare;

use std::path::Path;

use anyhow::Context;

use crate::discover::Input;
use crate::proposal::frontmatter::{FrontMatterError, split_front_matter};
use crate::proposal::{self, Proposal, default_id};
use crate::render::FileReport;
use crate::rubric::Rubric;
use crate::source::read_text;

/// What reading one input produced. Built and consumed once per file, so
/// the size difference between the variants costs nothing worth a box.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Analysis {
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
pub fn analyse(input: &Input, max_bytes: u64, rubric: &Rubric) -> Analysis {
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
    };
    let file = display(path);
    let text = match read_text(path, max_bytes) {
        Ok(text) => text,
        Err(problem) => {
            let report = FileReport::unreadable(file, problem.line, problem.message);
            return Analysis::Checked {
                report,
                proposal: None,
            };
        }
    };
    if readme && matches!(split_front_matter(&text), Err(FrontMatterError::Missing)) {
        return Analysis::Skipped;
    }
    let loaded = proposal::load(&file, &default_id(path), &text, rubric);
    Analysis::Checked {
        report: FileReport {
            file,
            diagnostics: loaded.diagnostics,
            scores: loaded.scores,
        },
        proposal: loaded.proposal,
    }
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

/// Runs `work` on a pool of `threads` threads (0: one per core).
pub fn with_threads<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
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
pub fn list_paths(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}
