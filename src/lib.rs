//! grantctl turns a folder of grant proposals — Markdown files with YAML
//! front matter — into checked, comparable data. The contract it
//! implements is `shared/spec/proposal-format.md`.
//!
//! The map: layers, each importing only from the ones below it (a test,
//! `tests/architecture.rs`, fails on an upward import or any cycle
//! between files).
//!
//! ```text
//! main.rs      parse the command line, run, map the result to an exit code
//! app/         the edge: one file per command (check, compare, init, rules,
//!              schema, generate), settings (flags over grantctl.yaml), the
//!              parallel pipeline, config, discovery, reading under limits,
//!              atomic writes, the progress bar, ExitStatus; cli.rs is clap
//! output/      renderers: check/ and compare/, one file per format behind one
//!              match each, the format tables, printable (terminal-safe text)
//! analysis/    one text -> FileReport: front matter -> read -> budget ->
//!              sections -> rubric -> locate; compare's row, column table, sort
//! budget/      checks: the budget arithmetic, a mismatch as typed data
//! policy       checks: ignore / escalate / allow applied to findings
//! proposal/    model: the typed proposal, its reader split by concern, the
//!              one field list, the JSON Schema
//! rubric/      model: rubrics, the criterion-kind table, the `reading`
//!              pattern lists and the readers that use them (risks, links,
//!              venues, quantities), evidence, scoring
//! diagnostic/  model: the rule table, Severity, Diagnostic, findings, docs
//! money/ currency yaml/ sections/ excerpt suggest swar
//!              primitives: no knowledge of proposals (sections/ finds
//!              headings as a reader sees them, a rubric's Outline names them)
//! ```
//!
//! Logic never prints; only `app` and `main` touch files, stdout and
//! stderr. A finding is data; `Err` means the tool itself could not run.

#![warn(clippy::print_stdout, clippy::print_stderr)]

// Primitives: no knowledge of proposals.
pub mod currency;
pub mod excerpt;
pub mod money;
pub mod sections;
mod suggest;
mod swar;
pub mod yaml;
// The model.
pub mod diagnostic;
pub mod proposal;
pub mod rubric;
// Checks.
pub mod budget;
pub mod policy;
// One file analysed.
pub mod analysis;
pub mod reviews;
pub mod shortlist;
// Renderers.
pub mod output;
// The edge.
pub mod app;
pub mod cli;

pub use app::{ExitStatus, run, use_color};
