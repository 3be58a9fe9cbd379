//! grantctl turns a folder of grant proposals — Markdown files with YAML
//! front matter — into checked, comparable data.
//!
//! Layers: pure logic (`money`, `currency`, `yaml`, `proposal`, `budget`)
//! never touches files or stdout; the edges (`commands`, `render`, `main`)
//! do the I/O. `Diagnostic` joins the two. The contract this implements is
//! `shared/spec/proposal-format.md`.

#![warn(clippy::print_stdout, clippy::print_stderr)]

// Primitives: no knowledge of proposals.
pub mod currency;
pub mod excerpt;
pub mod money;
pub mod sections;
mod suggest;
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
// Renderers.
pub mod output;
// The edge.
pub mod app;
pub mod cli;

pub use app::{ExitStatus, run, use_color};
