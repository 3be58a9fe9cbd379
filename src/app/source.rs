//! Reads a proposal's text under the contract's limits: regular files only
//! (a FIFO would block), at most `max_bytes`, UTF-8. Inputs are opened for
//! reading only; grantctl never writes to a proposal.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The default size limit (§2): 10 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Why a file could not be read, and the line to report it on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadProblem {
    pub line: u32,
    pub message: String,
}

impl ReadProblem {
    fn at_start(message: String) -> Self {
        ReadProblem { line: 1, message }
    }
}

/// Reads `path` as UTF-8 text, refusing what is not a regular file or is
/// larger than `max_bytes`. The size is checked before and while reading, so
/// a file that grows is never read whole.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, ReadProblem> {
    let cannot = |e: std::io::Error| ReadProblem::at_start(format!("cannot read: {e}"));
    // Opened without blocking, then looked at: a FIFO opened plainly would
    // wait for a writer, and a path checked first could change before it
    // is opened.
    let file = open_nonblocking(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        return Err(ReadProblem::at_start(format!("cannot read: is {what}")));
    }
    if meta.len() > max_bytes {
        return Err(too_large(&meta.len().to_string(), max_bytes));
    }
    read_limited(file, meta.len(), max_bytes)
}

/// Reads standard input (`grantctl check -`) under the same limits.
pub fn read_stdin(max_bytes: u64) -> Result<String, ReadProblem> {
    read_limited(std::io::stdin().lock(), 0, max_bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// At most `max_bytes` of `reader` as UTF-8; `hint` is its expected size.
fn read_limited(reader: impl Read, hint: u64, max_bytes: u64) -> Result<String, ReadProblem> {
    let mut bytes = Vec::with_capacity(hint.min(max_bytes) as usize);
    reader
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadProblem::at_start(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(&format!("more than {max_bytes}"), max_bytes));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        ReadProblem {
            line,
            message: format!(
                "not valid UTF-8 (byte {} is not UTF-8); save the file as UTF-8",
                good.len() + 1
            ),
        }
    })
}

/// Reads a size as `--max-file-size` and `max-file-size:` take it: bytes,
/// or a number with `K`, `M` or `G` (optionally `KB`/`KiB`…), each 1024 times
/// the last, as ripgrep's `--max-filesize` does.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let bad =
        || format!("`{text}` is not a size; write bytes or a number with K, M or G, e.g. `10M`");
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().map_err(|_| bad())?;
    let unit = unit.trim().to_ascii_uppercase();
    let unit = unit
        .strip_suffix("IB")
        .or_else(|| unit.strip_suffix('B'))
        .unwrap_or(&unit);
    let shift = match unit {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(bad()),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large a size"))
}

fn too_large(size: &str, max_bytes: u64) -> ReadProblem {
    ReadProblem::at_start(format!(
        "file is {size} bytes, over the size limit of {max_bytes} bytes"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sizes_in_bytes_and_binary_units() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("10M"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("10MiB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("512kb"), Ok(512 * 1024));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("0"), Ok(0));
        for bad in ["", "M", "-1", "1.5M", "10 T", "ten"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_size("99999999999999999999G"),
            Err("`99999999999999999999G` is not a size; write bytes or a number with K, M or G, e.g. `10M`".into())
        );
        assert_eq!(
            parse_size("99999999999G"),
            Err("`99999999999G` is too large a size".into())
        );
    }

    #[test]
    fn refuses_large_and_non_utf8_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.md");
        std::fs::write(&big, "x".repeat(101)).unwrap();
        let err = read_text(&big, 100).unwrap_err();
        assert_eq!(
            err.message,
            "file is 101 bytes, over the size limit of 100 bytes"
        );
        assert_eq!(read_text(&big, 101).unwrap().len(), 101);

        let latin1 = dir.path().join("latin1.md");
        std::fs::write(&latin1, b"---\ntitle: caf\xe9\n").unwrap();
        let err = read_text(&latin1, 100).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.starts_with("not valid UTF-8 (byte 15"),
            "{}",
            err.message
        );

        let err = read_text(dir.path(), 100).unwrap_err();
        assert_eq!(err.message, "cannot read: is a folder");
    }
}
