use std::process::ExitCode;

/// Parsing allocates many small strings and nodes per file; mimalloc
/// handles that pattern markedly faster than the system allocator (see
/// the README's Performance section), as ruff and others have found.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use grantctl::{ExitStatus, cli::Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match grantctl::run(cli) {
        Ok(status) => status.into(),
        Err(err) => report(&err),
    }
}

/// Prints why the tool could not run; a closed pipe (`| head`) is not a failure.
fn report(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
    if broken_pipe {
        return ExitStatus::Success.into();
    }
    #[allow(clippy::print_stderr)]
    {
        eprintln!("grantctl: error: {err:#}");
    }
    ExitStatus::Error.into()
}
