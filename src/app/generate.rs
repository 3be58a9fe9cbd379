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
    let cli = Cli::command();
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
    out.flush()?;
    Ok(())
}
