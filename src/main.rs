use std::process::ExitCode;

/// Parsing allocates many small strings and nodes per file; mimalloc
/// handles that pattern markedly faster than the system allocator (see
/// the README's Performance section), as ruff and others have found.
#[global_allocator]
static GLOBAL: Mimalloc = Mimalloc;

/// mimalloc, asked directly when a request needs no more alignment than
/// every block has. The `mimalloc` crate sends each request through the
/// aligned entry point, whose checks cost a call and a mispredicted branch
/// on most of the several hundred allocations a proposal makes.
struct Mimalloc;

/// The alignment of every block mimalloc returns: blocks come in whole
/// machine words (blocks of 16 bytes and more are aligned to 16).
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: every pointer comes from mimalloc and goes back to it. The
// unaligned entry points are used only for an alignment of at most `WORD`,
// which every mimalloc block has; any other goes to the aligned ones.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: as above; `layout.size()` is not zero (GlobalAlloc's contract).
        unsafe {
            if layout.align() <= WORD {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: as for `alloc`.
        unsafe {
            if layout.align() <= WORD {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: `ptr` came from mimalloc with `layout`'s alignment, which
        // the block it moves to keeps.
        unsafe {
            if layout.align() <= WORD {
                mi_realloc(ptr.cast(), size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), size, layout.align()).cast()
            }
        }
    }
}

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
