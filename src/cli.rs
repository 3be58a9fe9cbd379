//! The command line, as clap types. No logic: `commands/` turns these into
//! plain options before anything runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Check, score and compare grant proposals written as Markdown with YAML front matter.
#[derive(Debug, Parser)]
#[command(name = "grantctl", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check proposals: budget arithmetic, required fields, money, currency, and rubric scores.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Proposal files and folders; a folder means every `*.md` below it [default: .]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormatArg::Human, help_heading = "Output")]
    pub format: CheckFormatArg,

    /// Exit with status 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Score sections with this rubric instead of the built-in default.
    #[arg(long, value_name = "FILE", help_heading = "Rubric")]
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormatArg {
    /// rustc-style findings with the source line (default).
    Human,
    /// One JSON array of findings: file, line, column, severity, rule, message.
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…::…`).
    Github,
}
