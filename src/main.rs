use std::process::ExitCode;

/// Parsing allocates many small strings and nodes per file; mimalloc
/// handles that pattern markedly faster than the system allocator (see
/// the README's Performance section), as ruff and others have found.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;

use clap::Parser;
use grantctl::cli::{Cli, ColorArg};
use grantctl::{ExitStatus, use_color};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    match grantctl::run(cli) {
        Ok(status) => status.into(),
        Err(err) => report(&err, color),
    }
}

/// Prints why the tool could not run; a closed pipe (`| head`) is not a failure.
fn report(err: &anyhow::Error, color: ColorArg) -> ExitCode {
    let broken_pipe = err
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
    if broken_pipe {
        return ExitStatus::Success.into();
    }
    #[allow(clippy::print_stderr)]
    {
        let stderr = std::io::stderr();
        let no_color = std::env::var_os("NO_COLOR");
        let red = if use_color(color, no_color.as_deref(), stderr.is_terminal()) {
            anstyle::AnsiColor::BrightRed.on_default().bold()
        } else {
            anstyle::Style::new()
        };
        eprintln!("grantctl: {red}error:{red:#} {err:#}");
    }
    ExitStatus::Error.into()
}
