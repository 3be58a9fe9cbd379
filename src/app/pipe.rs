//! Output to a pipe whose reader may leave early (`grantctl check | head -1`).
//!
//! Once the reader has gone, whatever is written is dropped without an
//! error, so the run finishes and exits with the status it computed: a
//! failing proposal still fails a `set -o pipefail` CI step, and nothing is
//! printed about the closed pipe (as ripgrep and ruff behave).

use std::io::{self, Write};

/// A writer that turns `BrokenPipe` into silence.
pub struct Quiet<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Quiet<W> {
    pub fn new(inner: W) -> Self {
        Quiet {
            inner,
            closed: false,
        }
    }

    /// Runs `io` unless the reader has gone; a `BrokenPipe` closes the
    /// writer and counts as success.
    fn guard<T>(&mut self, done: T, io: impl FnOnce(&mut W) -> io::Result<T>) -> io::Result<T> {
        if self.closed {
            return Ok(done);
        }
        match io(&mut self.inner) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.guard(buf.len(), |w| w.write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.guard((), |w| w.write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.guard((), Write::flush)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Gone;

    impl Write for Gone {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::StorageFull.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_silence_and_other_errors_are_errors() {
        let mut out = Quiet::new(Gone);
        assert!(writeln!(out, "a line").is_ok());
        assert!(out.flush().is_ok());
        assert!(out.closed);
        let mut full = Quiet::new(Full);
        assert_eq!(
            full.write_all(b"x").unwrap_err().kind(),
            io::ErrorKind::StorageFull
        );
    }
}
