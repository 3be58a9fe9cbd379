//! Writing a result to a file whole or not at all, and never over a file
//! the run reads.
//!
//! A regular file is replaced by renaming a finished temporary file over
//! it, so a failed or interrupted run leaves the old file as it was. The
//! temporary file is created before the work starts (so a destination that
//! cannot be written stops the run at once) and removed if the run is
//! interrupted: SIGINT, SIGTERM and SIGHUP remove every temporary file
//! still open, then end the process. A FIFO or a device (`/dev/null`) is
//! written as a stream, never replaced. A destination that is one of the
//! run's inputs, its rubric or its settings, by any name or link, is
//! refused. A link to a file is followed and the file replaced, the link
//! kept; a link to nothing is refused rather than followed to create a file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{Context, bail};

/// Where a result will go, opened before the work that produces it.
pub struct Pending {
    shown: PathBuf,
    target: Target,
}

enum Target {
    /// A temporary file beside `to`, renamed over it when done.
    Replace {
        temp: tempfile::NamedTempFile,
        to: PathBuf,
    },
    /// A FIFO or a device, written in place.
    Stream(File),
}

impl Pending {
    /// Opens `path` for a result, refusing one of `protected` (the run's
    /// inputs, rubric and settings) under any name.
    pub fn open(path: &Path, protected: &[Protected<'_>]) -> anyhow::Result<Pending> {
        let fail = || format!("failed to write `{}`", path.display());
        let target = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Target::replace(path).with_context(fail)?
            }
            Err(e) => return Err(e).with_context(fail),
            Ok(meta) => {
                let resolved = resolve(path, &meta)?;
                ensure_not_protected(path, &resolved, protected)?;
                let kind = fs::metadata(&resolved).with_context(fail)?.file_type();
                if kind.is_dir() {
                    bail!("cannot write `{}`: it is a folder", path.display());
                } else if kind.is_file() {
                    Target::replace(&resolved).with_context(fail)?
                } else {
                    let file = OpenOptions::new().write(true).open(&resolved);
                    Target::Stream(file.map_err(without_temp_path).with_context(fail)?)
                }
            }
        };
        Ok(Pending {
            shown: path.to_path_buf(),
            target,
        })
    }

    /// Writes what `write` produces and puts it in place. On any error the
    /// destination is untouched and the temporary file is removed.
    pub fn finish(
        self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        let fail = || format!("failed to write `{}`", self.shown.display());
        match self.target {
            Target::Stream(mut file) => {
                let mut writer = BufWriter::new(&mut file);
                write(&mut writer).with_context(fail)?;
                writer.flush().with_context(fail)?;
            }
            Target::Replace { mut temp, to } => {
                {
                    let mut writer = BufWriter::new(temp.as_file_mut());
                    write(&mut writer).with_context(fail)?;
                    writer.flush().with_context(fail)?;
                }
                temp.as_file().sync_all().with_context(fail)?;
                keep_permissions(&to, temp.as_file()).with_context(fail)?;
                let path = temp.path().to_path_buf();
                let persisted = temp.persist(&to).map_err(|e| e.error);
                forget(&path);
                persisted.with_context(fail)?;
            }
        }
        Ok(())
    }
}

impl Target {
    fn replace(to: &Path) -> io::Result<Target> {
        let temp = temporary(to, ".grantctl-", ".tmp")?;
        Ok(Target::Replace {
            temp,
            to: to.to_path_buf(),
        })
    }
}

/// Creates `path` with `bytes` only if nothing is there, whole or not at
/// all: written beside it, then linked into place if the name is still
/// free, so a file created meanwhile is not replaced.
pub fn create_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let fail = || format!("failed to create `{}`", path.display());
    let mut temp = temporary(path, ".grantctl-init", ".tmp")
        .map_err(without_temp_path)
        .with_context(fail)?;
    let written = keep_permissions(path, temp.as_file())
        .and_then(|()| temp.write_all(bytes))
        .and_then(|()| temp.as_file().sync_all());
    let temp_path = temp.path().to_path_buf();
    let persisted =
        written.and_then(|()| temp.persist_noclobber(path).map(drop).map_err(|e| e.error));
    forget(&temp_path);
    persisted.map_err(without_temp_path).with_context(fail)
}

/// A temporary file beside `to`, removed if the process is interrupted:
/// its name is remembered before the file exists, so there is no moment
/// when a signal could leave it behind.
fn temporary(to: &Path, prefix: &str, suffix: &str) -> io::Result<tempfile::NamedTempFile> {
    let folder = match to.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(prefix)
        .suffix(suffix)
        .make_in(folder, |path| {
            remember(path);
            let created = private_file(path);
            if created.is_err() {
                forget(path);
            }
            created
        })
        .map_err(without_temp_path)
}

/// A new file only its owner can read and write, as tempfile makes them.
fn private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The file `path` names: itself, or the file its link leads to. A link
/// that leads nowhere is refused: following it would create a file
/// wherever the link points.
fn resolve(path: &Path, meta: &fs::Metadata) -> anyhow::Result<PathBuf> {
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    path.canonicalize().map_err(|_| {
        anyhow::anyhow!(
            "refusing to write `{}`: it is a symbolic link to nothing, and grantctl does not follow a link to create a file",
            path.display()
        )
    })
}

/// A file a run reads, which its output must not replace, and what it is
/// for the message: "one of the proposals being compared".
pub struct Protected<'a> {
    pub path: &'a Path,
    pub what: &'static str,
}

/// Refuses a destination that is the same file as one of `protected`.
fn ensure_not_protected(
    shown: &Path,
    resolved: &Path,
    protected: &[Protected<'_>],
) -> anyhow::Result<()> {
    let Ok(target) = fs::metadata(resolved) else {
        return Ok(());
    };
    let Some(clash) = protected
        .iter()
        .find(|p| fs::metadata(p.path).is_ok_and(|m| same_file(&m, &target)))
    else {
        return Ok(());
    };
    let plain = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect()
    };
    let also = if plain(clash.path) == plain(shown) {
        String::new()
    } else {
        format!(" (`{}`)", clash.path.display())
    };
    bail!(
        "refusing to write `{}`: it is {}{also}",
        shown.display(),
        clash.what
    )
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// tempfile names its own temporary path in errors; the user named the
/// destination, which the message already gives, so keep only the cause.
fn without_temp_path(err: io::Error) -> io::Error {
    let text = err.to_string();
    match text.rfind(" at path \"") {
        Some(at) => io::Error::new(err.kind(), &text[..at]),
        None => err,
    }
}

/// A replaced file keeps its permissions; a new one gets what the user's
/// umask gives a new file (0644 under the usual 022), as `touch` would:
/// the temporary file was private (0600).
fn keep_permissions(path: &Path, temp: &File) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) => temp.set_permissions(meta.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                temp.set_permissions(fs::Permissions::from_mode(0o666 & !umask()))
            }
            #[cfg(not(unix))]
            {
                Ok(())
            }
        }
    }
}

/// The process's file-creation mask. Reading it means setting it, so it
/// is set back at once; read once, before any worker thread creates files.
#[cfg(unix)]
fn umask() -> u32 {
    static MASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *MASK.get_or_init(|| {
        // SAFETY: umask only swaps the process's mask; it is restored
        // immediately, and grantctl creates no files concurrently here.
        let mask = unsafe { libc::umask(0o022) };
        unsafe { libc::umask(mask) };
        // `mode_t` is u32 on Linux and u16 on macOS.
        #[allow(clippy::useless_conversion)]
        u32::from(mask)
    })
}

/// Temporary files that exist now, for the signal handler to remove.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn remember(path: &Path) {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(remove_on_signal);
    LIVE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(path.to_path_buf());
}

fn forget(path: &Path) {
    LIVE.lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|p| p != path);
}

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files, then end as
/// the signal would have (exit status 128 + its number). The handler runs
/// on its own thread, so it may take a lock and touch files.
fn remove_on_signal() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            for path in LIVE.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
                let _ = fs::remove_file(path);
            }
            std::process::exit(128 + signal);
        }
    });
}
