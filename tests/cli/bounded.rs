//! Runs grantctl watched: killed past a time limit (a hang is a failure),
//! and its peak memory read from its own address space as it exits.
//!
//! The kernel's `ru_maxrss` for a child counts the address space it was
//! spawned from, so a child of this (large, parallel) test process would
//! report the test process's own peak. Instead the child is traced: it
//! stops as it exits (`PTRACE_EVENT_EXIT`), while its memory still exists,
//! and `VmHWM` in `/proc/<pid>/status` is its own peak and nothing else's.
//!
//! In a release build (`cargo test --release --test cli`) the time limit is
//! one second, the promise the README makes; a debug build is several times
//! slower, so there it is ten.

use std::fs;
use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Grantctl, Run};

/// Peak resident memory allowed for any bounded run.
pub const MEMORY_LIMIT_KB: u64 = 200 * 1024;

pub fn time_limit() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(10)
    } else {
        Duration::from_secs(1)
    }
}

/// Output kept for assertions; beyond this it is counted, not held, so
/// that a test of huge outputs does not itself grow large.
const KEPT: usize = 4 << 20;

/// `Grantctl::new(args).cwd(dir).bounded().run()`.
pub fn run_bounded(dir: &Path, args: &[&str]) -> Run {
    Grantctl::new(args).cwd(dir).bounded().run()
}

/// Runs `command` traced, bounded in time and memory.
pub fn run(mut command: Command, folder: Option<tempfile::TempDir>) -> Run {
    let args: Vec<String> = command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: ptrace is async-signal-safe, and nothing else runs here.
    unsafe {
        command.pre_exec(|| {
            if libc::ptrace(libc::PTRACE_TRACEME, 0, 0, 0) == -1 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("grantctl starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut total = 0;
            let mut buffer = vec![0; 64 * 1024];
            loop {
                let n = pipe.read(&mut buffer).expect("output can be read");
                if n == 0 {
                    break;
                }
                total += n;
                let room = KEPT.saturating_sub(kept.len());
                kept.extend_from_slice(&buffer[..n.min(room)]);
            }
            (String::from_utf8_lossy(&kept).into_owned(), total)
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let pid = child.id() as libc::pid_t;
    let (status, peak_kb) = trace(pid, &args, &mut child);
    assert!(
        libc::WIFEXITED(status),
        "grantctl {args:?} did not exit normally (status {status}): a crash"
    );
    assert!(
        peak_kb < MEMORY_LIMIT_KB,
        "grantctl {args:?} peaked at {peak_kb} KB"
    );
    let (stdout, stdout_bytes) = stdout.join().unwrap();
    Run {
        code: libc::WEXITSTATUS(status),
        stdout,
        stderr: stderr.join().unwrap().0,
        stdout_bytes,
        peak_kb: Some(peak_kb),
        folder,
    }
}

/// Lets the traced child run to its end, killing it past the time limit;
/// its wait status and its peak memory, read as it exits.
#[allow(clippy::zombie_processes)]
fn trace(pid: libc::pid_t, args: &[String], child: &mut std::process::Child) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: `pid` is our own child; the pointers are live. The first stop
    // is the SIGTRAP at its exec.
    unsafe {
        assert_eq!(libc::waitpid(pid, &mut status, 0), pid, "waitpid failed");
        assert!(libc::WIFSTOPPED(status), "grantctl did not stop at exec");
        let options = libc::PTRACE_O_TRACEEXIT | libc::PTRACE_O_EXITKILL;
        libc::ptrace(libc::PTRACE_SETOPTIONS, pid, 0, options);
        libc::ptrace(libc::PTRACE_CONT, pid, 0, 0);
    }
    let started = Instant::now();
    let mut peak_kb = None;
    loop {
        // SAFETY: as above; the child is reaped here once it has exited,
        // which clippy cannot see.
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        assert!(done >= 0, "waitpid failed");
        if done == pid {
            if !libc::WIFSTOPPED(status) {
                break;
            }
            let exiting = status >> 8 == (libc::SIGTRAP | (libc::PTRACE_EVENT_EXIT << 8));
            let signal = if exiting {
                peak_kb = high_water_kb(pid);
                0
            } else {
                libc::WSTOPSIG(status)
            };
            // SAFETY: the child is stopped and traced by this thread.
            unsafe { libc::ptrace(libc::PTRACE_CONT, pid, 0, signal) };
            continue;
        }
        if started.elapsed() > time_limit() {
            child.kill().unwrap();
            panic!("grantctl {args:?} ran past {:?}: a hang", time_limit());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (status, peak_kb.expect("grantctl stopped as it exited"))
}

/// `VmHWM` of a process, in KB.
fn high_water_kb(pid: libc::pid_t) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
