//! Writing a result to a file whole or not at all: into a temporary file in
//! the same folder, then renamed over the destination, so a failed or
//! interrupted run never leaves a half-written file behind.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::Context;

/// Writes what `write` produces to `path` atomically. On any error the
/// destination is untouched and the temporary file is removed.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let fail = || format!("failed to write `{}`", path.display());
    let mut temp = tempfile::Builder::new()
        .prefix(".grantctl-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(without_temp_path)
        .with_context(fail)?;
    {
        let mut writer = BufWriter::new(temp.as_file_mut());
        write(&mut writer).with_context(fail)?;
        writer.flush().with_context(fail)?;
    }
    temp.as_file().sync_all().with_context(fail)?;
    keep_permissions(path, temp.as_file()).with_context(fail)?;
    temp.persist(path).map_err(|e| e.error).with_context(fail)?;
    Ok(())
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

/// A replaced file keeps its permissions; a new one gets the usual
/// read-write for the owner, read for others (the temporary file was private).
fn keep_permissions(path: &Path, temp: &fs::File) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) => temp.set_permissions(meta.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                temp.set_permissions(fs::Permissions::from_mode(0o644))
            }
            #[cfg(not(unix))]
            {
                Ok(())
            }
        }
    }
}
