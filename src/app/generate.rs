//! `grantctl completions SHELL` and `grantctl man`: shell completions and a
//! man page, generated from the same clap definition that parses arguments,
//! so they always list the flags this binary has.

use std::io::Write;

use anyhow::bail;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

pub fn completions(shell: Shell, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "grantctl", out);
    out.flush()?;
    Ok(())
}

/// A man page in roff: grantctl(1), or grantctl-COMMAND(1), which the
/// main page's list of commands refers to.
pub fn man(command: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut cli = Cli::command();
    // Built, the command has what clap adds (`help`), which grantctl(1)
    // lists and so must have a page too.
    cli.build();
    let main = command.is_none();
    let page = match command {
        None => cli,
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                bail!("no command `{name}`; choose one of {}", names.join(", "));
            };
            sub.clone()
                .display_name(format!("grantctl-{name}"))
                .bin_name(format!("grantctl {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    if main {
        out.write_all(MAIN_SECTIONS.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// What clap cannot know, for grantctl(1): exit codes, the settings file,
/// the environment and examples, in roff.
const MAIN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
No error findings (warnings allowed), or nothing to read.
.TP
\fB1\fR
At least one error finding; with \fB\-\-deny\-warnings\fR, any finding.
.TP
\fB2\fR
grantctl itself could not run: bad arguments, an unreadable or invalid rubric or settings file, a path that does not exist, an output it may not write.
.SH FILES
.TP
\fBgrantctl.yaml\fR
Settings: rubric, exclude, ignore, escalate, deny\-warnings, max\-file\-size. The one closest above the files checked applies, up to the repository root (the nearest folder holding \fB.git\fR); \fB\-\-config\fR names one and \fB\-\-no\-config\fR ignores them.
.TP
\fBrubrics/*.yaml\fR
Rubrics, chosen with \fB\-\-rubric\fR or the settings' \fBrubric\fR; a default is built in.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set to anything, \fB\-\-color auto\fR does not colour.
.TP
\fBCOLUMNS\fR
The width \fBcompare\fR fits its table to on a terminal, in place of the width the terminal reports.
.TP
\fBCI\fR
Read by the test suite only: under \fBCI=true\fR a test that needs a missing tool fails instead of skipping.
.SH EXAMPLES
.TP
\fBgrantctl check proposals/\fR
Every finding at its line, and each section's score with its evidence.
.TP
\fBgrantctl compare proposals/ \-o round.csv\fR
One row per proposal, written as CSV because of the name.
.TP
\fBgrantctl check \-\-format github \-\-changed\-from origin/main proposals/\fR
Annotations for a pull request, its own files first.
.TP
\fBgrantctl explain budget\-total\fR
What a rule checks, why, and a failing example with its fix.
"#;
