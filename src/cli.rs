//! The command line, as clap types. No logic: `app/` turns these into
//! plain options before anything runs. Formats, columns and rule ids are
//! offered from their tables.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::compare::{COMPARE_FORMATS, CompareFormat};
use crate::output::{CHECK_FORMATS, CheckFormat, FormatRow};

/// Check, score and compare grant proposals written as Markdown with YAML front matter.
#[derive(Debug, Parser)]
#[command(name = "grantctl", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorArg::Auto,
        global = true,
        help_heading = "Output"
    )]
    pub color: ColorArg,

    /// Print findings and data only: no scores, summary, notes or progress bar.
    #[arg(long, short, global = true, help_heading = "Output")]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check proposals: budget arithmetic, required fields, money, currency, and rubric scores.
    Check(CheckArgs),
    /// Compare proposals: one row per proposal, ranked, as a table, CSV, JSON or Markdown.
    Compare(CompareArgs),
    /// List every rule id with its severity and what it checks.
    Rules,
    /// Explain a rule: what it checks, why it matters, a failing example and its fix.
    Explain(ExplainArgs),
    /// Print a JSON Schema of the front matter, for editors' YAML language servers.
    ///
    /// Save it (`grantctl schema > proposal.schema.json`) and point a proposal's
    /// front matter at it with `# yaml-language-server: $schema=proposal.schema.json`.
    Schema,
    /// Create a new proposal with every field and the standard section headings.
    ///
    /// Refuses to overwrite an existing file. `-` prints it instead.
    Init(InitArgs),
    /// The best set of grants a pool can buy, exactly: each proposal at one of its levels or not at all.
    Shortlist(ShortlistArgs),
    /// One self-contained HTML page of the round, for a browser: verdicts, score bars and their evidence, reviews, the shortlist.
    Report(ReportArgs),
    /// Reviewers' leniency, their agreement (Krippendorff's alpha) and the proposals they disagree on.
    Reviews(ReviewsArgs),
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    Completions(CompletionsArgs),
    /// Print a man page in roff: grantctl(1), or grantctl-COMMAND(1) for one command.
    Man(ManArgs),
}

/// How `shortlist` (and `report --pool`) scores proposals.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Fund only proposals scoring above SCORE; value is (score − SCORE) × amount.
    #[arg(
        long,
        value_name = "SCORE",
        default_value_t = 0.0,
        help_heading = "Shortlist"
    )]
    pub bar: f64,

    /// The score column [default: review_score with --reviews, else total_score].
    #[arg(long, value_name = "COLUMN", help_heading = "Shortlist")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    /// Add the shortlist this pool buys (as `grantctl shortlist --pool`).
    #[arg(long, value_name = "AMOUNT", help_heading = "Shortlist")]
    pub pool: Option<String>,

    #[command(flatten)]
    pub score: ScoreArgs,

    /// The HTML file to write; replaced whole or not at all.
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct ShortlistArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    /// The money to grant, e.g. 100000, "$100k", "€50,000"; its symbol or code is the pool's currency [default: USD].
    #[arg(long, value_name = "AMOUNT", help_heading = "Shortlist")]
    pub pool: String,

    #[command(flatten)]
    pub score: ScoreArgs,

    /// Output format [default: from --output's extension (.csv, .json, .md), else table].
    #[arg(long, value_parser = formats(&COMPARE_FORMATS), help_heading = "Output")]
    pub format: Option<CompareFormat>,

    /// Write to FILE instead of stdout; the file is replaced whole or not at all.
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReviewsArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format [default: from --output's extension (.csv, .json, .md), else table].
    #[arg(long, value_parser = formats(&COMPARE_FORMATS), help_heading = "Output")]
    pub format: Option<CompareFormat>,

    /// List proposals whose reviewers fall on both sides of SCORE: one below it, one at or above it.
    #[arg(long, value_name = "SCORE", help_heading = "Output")]
    pub bar: Option<f64>,

    /// Write to FILE instead of stdout; the file is replaced whole or not at all.
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (any command `grantctl help` lists) [default: the main page].
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the proposal.
    #[arg(value_name = "FILE", default_value = "proposal.md")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, as `grantctl rules` lists them (e.g. `budget-total`).
    #[arg(value_name = "RULE", value_parser = RuleIdCandidates, hide_possible_values = true)]
    pub rule: String,
}

/// Any text, offering the rule ids as the values shell completions list:
/// `explain` reads the id itself, so an unknown one gets its own "did
/// you mean" rather than clap's list.
#[derive(Debug, Clone, Copy)]
struct RuleIdCandidates;

impl TypedValueParser for RuleIdCandidates {
    type Value = String;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            crate::diagnostic::Rule::ALL
                .iter()
                .map(|r| PossibleValue::new(r.id()).help(r.description())),
        ))
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format [default: from --output's extension (.json, .sarif, .jsonl), else human].
    #[arg(long, value_parser = formats(&CHECK_FORMATS), help_heading = "Output")]
    pub format: Option<CheckFormat>,

    /// Write to FILE instead of stdout; the file is replaced whole or not at all.
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// With `--format github`, list findings in files changed since REF (a git revision) first.
    ///
    /// GitHub shows at most 10 error and 10 warning annotations per step:
    /// the files a pull request changed should get them.
    #[arg(long, value_name = "REF", help_heading = "Output")]
    pub changed_from: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub common: CommonArgs,

    /// Output format [default: from --output's extension (.csv, .json, .md), else table].
    #[arg(long, value_parser = formats(&COMPARE_FORMATS), help_heading = "Output")]
    pub format: Option<CompareFormat>,

    /// Sort rows by these columns, in turn: numbers highest first, `true` before `false`, text A to Z, missing values last.
    ///
    /// Any column's CSV name, including the `<key>_score` of each other
    /// section a `--rubric` scores; separate several with commas. The
    /// default puts sound budgets first, then ranks by score. Ties are
    /// broken by `id`, then `file`.
    #[arg(
        long,
        value_name = "COLUMN",
        value_delimiter = ',',
        default_value = "budget_ok,total_score",
        help_heading = "Output"
    )]
    pub sort: Vec<String>,

    /// Show only these columns, in this order (separate with commas) [default: every column; the table drops some to fit the terminal].
    #[arg(
        long,
        value_name = "COLUMN",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub columns: Vec<String>,

    /// Keep only rows that pass: `budget-ok` (a sound budget), `no-errors` (no error findings).
    #[arg(long, value_name = "WHICH", value_delimiter = ',', value_parser = ["budget-ok", "no-errors"], help_heading = "Filter")]
    pub only: Vec<String>,

    /// Keep only rows whose total_score is at least SCORE.
    #[arg(long, value_name = "SCORE", help_heading = "Filter")]
    pub min_score: Option<u32>,

    /// Prefix `'` to CSV cells that start with `=`, `+`, `-` or `@`, which spreadsheets run as formulas.
    #[arg(long, help_heading = "Output")]
    pub csv_safe: bool,

    /// Reverse the sort order (missing values stay last).
    #[arg(long, help_heading = "Output")]
    pub reverse: bool,

    /// Write to FILE instead of stdout; the file is replaced whole or not at all.
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,
}

/// What every command that reads proposals takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Proposal files and folders; a folder means every `*.md` below it, `-` one proposal on stdin [default: .]
    pub paths: Vec<PathBuf>,

    /// Exit with status 1 when there are warnings, not only errors.
    #[arg(long, overrides_with = "no_deny_warnings")]
    pub deny_warnings: bool,

    /// Let warnings pass, even where grantctl.yaml sets `deny-warnings: true`.
    #[arg(long, overrides_with = "deny_warnings")]
    pub no_deny_warnings: bool,

    /// Report files larger than SIZE (bytes, or e.g. 512K, 10M) as `io` findings, unread [default: 10M].
    #[arg(long, value_name = "SIZE", value_parser = crate::app::source::parse_size)]
    pub max_file_size: Option<u64>,

    /// Number of worker threads [default: one per core].
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub threads: usize,

    /// Score sections with this rubric instead of the configured or built-in one.
    #[arg(long, value_name = "FILE", help_heading = "Rubric")]
    pub rubric: Option<PathBuf>,

    /// Do not report RULE (repeat, or separate with commas); adds to grantctl.yaml's `ignore`.
    #[arg(
        long,
        value_name = "RULE",
        value_delimiter = ',',
        value_parser = rule_ids(),
        hide_possible_values = true,
        help_heading = "Rules"
    )]
    pub ignore: Vec<String>,

    /// Report RULE as an error (repeat, or separate with commas); adds to grantctl.yaml's `escalate`.
    #[arg(
        long,
        value_name = "RULE",
        value_delimiter = ',',
        value_parser = rule_ids(),
        hide_possible_values = true,
        help_heading = "Rules"
    )]
    pub escalate: Vec<String>,

    /// Reviewers' scores: a CSV file with `reviewer`, `proposal`, `score` (and `confidence`, `comment`) columns; repeat, or name a folder for every `*.csv` in it.
    #[arg(long, value_name = "FILE", help_heading = "Reviews")]
    pub reviews: Vec<PathBuf>,

    /// Read settings from FILE instead of the nearest grantctl.yaml.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "no_config",
        help_heading = "Configuration"
    )]
    pub config: Option<PathBuf>,

    /// Ignore every grantctl.yaml.
    #[arg(long, help_heading = "Configuration")]
    pub no_config: bool,

    /// Apply grantctl.yaml's `exclude` to files named on the command line too (for pre-commit).
    #[arg(long, help_heading = "Configuration")]
    pub force_exclude: bool,
}

fn rule_ids() -> PossibleValuesParser {
    PossibleValuesParser::new(crate::diagnostic::Rule::ALL.iter().map(|r| r.id()))
}

/// `--format`'s accepted values and their help, from a format table.
fn formats<F>(rows: &'static [FormatRow<F>]) -> impl TypedValueParser<Value = F>
where
    F: Copy + PartialEq + Send + Sync + 'static,
{
    let values = rows
        .iter()
        .map(|row| PossibleValue::new(row.name).help(row.help));
    PossibleValuesParser::new(values)
        .map(move |name| FormatRow::find(rows, &name).expect("clap accepts only the table's names"))
}
