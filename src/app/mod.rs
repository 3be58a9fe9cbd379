//! The edge: one file per command, and what they share — settings (flags
//! over grantctl.yaml), the parallel pipeline, discovery, reading under
//! limits, atomic writes, progress and the exit status. Only this layer
//! and `main` touch files, stdout and stderr.

mod changed;
pub mod check;
pub mod compare;
pub mod config;
pub mod discover;
pub mod generate;
pub mod init;
pub mod pipe;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod reviews;
pub mod rules;
pub mod schema;
pub mod settings;
pub mod shortlist;
pub mod source;
mod status;
pub mod write;

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};

use crate::cli::{Cli, ColorArg, Command};
use crate::output::Manners;
use pipe::Quiet;
pub use status::ExitStatus;

/// Runs a parsed command line against the real stdout and stderr.
///
/// stderr is not locked for the run: the progress bar writes to it from
/// worker threads while the main thread waits for them, and a lock held
/// here would deadlock the two.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let stdout = io::stdout();
    let manners = Manners {
        color: use_color(
            cli.color,
            std::env::var_os("NO_COLOR").as_deref(),
            stdout.is_terminal(),
        ),
        quiet: cli.quiet,
    };
    let mut out = io::BufWriter::new(Quiet::new(stdout.lock()));
    // Notes go to stderr; --quiet drops them. Errors are `Err`s, printed by main.
    let mut err: Box<dyn Write> = if cli.quiet {
        Box::new(io::sink())
    } else {
        Box::new(Quiet::new(io::stderr()))
    };
    let err = &mut *err;
    let out = &mut out;
    match cli.command {
        Command::Check(args) => check::run(&args.try_into()?, manners, out, err),
        Command::Compare(args) => compare::run(&args.try_into()?, manners, out, err),
        Command::Reviews(args) => reviews::run(args, manners, out, err),
        Command::Shortlist(args) => shortlist::run(args, out),
        Command::Report(args) => report::run(args, err),
        Command::Rules => rules::list(out).map(|()| ExitStatus::Success),
        Command::Init(args) => init::run(&args.file, out, err).map(|()| ExitStatus::Success),
        Command::Completions(args) => {
            generate::completions(args.shell, out).map(|()| ExitStatus::Success)
        }
        Command::Man(args) => {
            generate::man(args.command.as_deref(), out).map(|()| ExitStatus::Success)
        }
        Command::Schema => schema::print(out).map(|()| ExitStatus::Success),
        Command::Explain(args) => rules::explain(&args.rule, out).map(|()| ExitStatus::Success),
    }
}

/// `--color auto` colours a terminal unless `NO_COLOR` is set to anything
/// but the empty string (no-color.org); `always` and `never` beat both.
pub fn use_color(choice: ColorArg, no_color: Option<&OsStr>, terminal: bool) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_flag_then_no_color_then_terminal() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(use_color(ColorArg::Auto, None, true));
        assert!(use_color(ColorArg::Auto, empty, true));
        assert!(!use_color(ColorArg::Auto, set, true));
        assert!(!use_color(ColorArg::Auto, None, false));
        assert!(use_color(ColorArg::Always, set, false));
        assert!(!use_color(ColorArg::Never, None, true));
    }
}
