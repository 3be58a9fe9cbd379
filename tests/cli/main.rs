//! Drives the real `grantctl` binary over `proposals/`, `examples/` and
//! generated files, pinning stdout, stderr and the exit code. Every run
//! goes through one builder, `Grantctl`.

mod ask;
mod bounded;
mod budgets;
mod check;
mod ci;
mod compare;
mod config;
mod daily;
mod explain;
mod formats;
mod gaming;
mod generate;
mod hostile;
mod init;
mod inputs;
mod manners;
mod messages;
mod report;
mod repository;
mod reviews;
mod rubric;
mod schema;
mod shortlist;
mod snapshots;
mod verdicts;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root: the working folder unless a test names another.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One launch of the binary, built up the same way by every test: its
/// arguments; a working folder (the repository root, or a temporary one
/// holding `files`); an environment cleared of everything the test does
/// not set, so a developer's `NO_COLOR` or CI's variables change nothing;
/// no `grantctl.yaml` from outside that folder (temporary folders are
/// repository roots, where the search for one stops); and optionally a
/// bound on time and memory. `run` returns the exit code, stdout, stderr
/// and, for `--format json`, the findings.
pub struct Grantctl {
    args: Vec<OsString>,
    cwd: PathBuf,
    env: Vec<(OsString, OsString)>,
    stdin: Option<Vec<u8>>,
    bounded: bool,
    folder: Option<tempfile::TempDir>,
}

impl Grantctl {
    pub fn new(args: &[&str]) -> Self {
        Grantctl {
            args: args.iter().map(OsString::from).collect(),
            cwd: root().to_path_buf(),
            env: Vec::new(),
            stdin: None,
            bounded: false,
            folder: None,
        }
    }

    /// Runs in `dir` instead of the repository root.
    pub fn cwd(mut self, dir: &Path) -> Self {
        self.cwd = dir.to_path_buf();
        self
    }

    /// Runs in a new temporary folder holding `files` (path, text).
    pub fn files(mut self, files: &[(&str, &str)]) -> Self {
        let dir = folder(files);
        self.cwd = dir.path().to_path_buf();
        self.folder = Some(dir);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// What the binary reads on stdin (otherwise nothing: stdin is null).
    pub fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = Some(bytes.to_vec());
        self
    }

    /// Kills the run past a time limit and fails it past a memory limit,
    /// as `bounded` describes; `Run::peak_kb` then holds its peak.
    pub fn bounded(mut self) -> Self {
        self.bounded = true;
        self
    }

    /// The configured command, for a test that drives a live process:
    /// signals it, closes its stdout early, writes to its stdin.
    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_grantctl"));
        command
            .args(&self.args)
            .current_dir(&self.cwd)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }

    pub fn run(self) -> Run {
        if self.bounded {
            assert!(self.stdin.is_none(), "a bounded run reads no stdin");
            return bounded::run(self.command(), self.folder);
        }
        let mut command = self.command();
        command
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the grantctl binary runs");
        if let Some(bytes) = &self.stdin {
            use std::io::Write;
            let mut pipe = child.stdin.take().unwrap();
            // A run that stops reading early closes the pipe; not an error.
            let _ = pipe.write_all(bytes);
        }
        let output = child.wait_with_output().expect("the grantctl binary runs");
        Run {
            code: output
                .status
                .code()
                .expect("grantctl exits, it is not killed by a signal"),
            stdout_bytes: output.stdout.len(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            peak_kb: None,
            folder: self.folder,
        }
    }

    /// `script(1)` running this command on a pseudo-terminal, for what
    /// grantctl does only on a terminal (colour, the progress bar). `None`
    /// when `script` is missing, which fails the test under `CI=true`.
    pub fn on_a_terminal(&self) -> Option<Command> {
        self.terminal_line(String::new())
    }

    /// `on_a_terminal` on a terminal `columns` wide.
    pub fn on_a_terminal_of(&self, columns: u16) -> Option<Command> {
        self.terminal_line(format!("stty cols {columns} rows 50; "))
    }

    fn terminal_line(&self, mut line: String) -> Option<Command> {
        let binary = Path::new(env!("CARGO_BIN_EXE_grantctl"));
        line.push_str(&binary.display().to_string());
        for arg in &self.args {
            line.push(' ');
            line.push_str(&arg.to_string_lossy());
        }
        let mut script = self.through("script")?;
        // What a terminal session has; without it, terminal libraries
        // treat the terminal as one that cannot draw.
        script
            .env("TERM", "xterm")
            .args(["-qec", &line, "/dev/null"]);
        Some(script)
    }

    /// `bash -e -c text` with this binary first on `PATH`, as if
    /// installed: how a CI workflow's step runs it. `None` without bash,
    /// which fails the test under `CI=true`.
    pub fn shell(&self, text: &str) -> Option<Command> {
        let mut bash = self.through("bash")?;
        bash.args(["-e", "-c", text]);
        Some(bash)
    }

    /// A helper program run with this launch's folder and environment,
    /// plus the `PATH` it needs to find itself and this binary.
    fn through(&self, program: &str) -> Option<Command> {
        if Command::new(program).arg("--version").output().is_err() {
            skip(&format!("`{program}` is not installed"));
            return None;
        }
        let bin = Path::new(env!("CARGO_BIN_EXE_grantctl")).parent().unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut command = Command::new(program);
        command
            .current_dir(&self.cwd)
            .env_clear()
            .env("PATH", path)
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        Some(command)
    }
}

/// A test that cannot run here says so; under `CI=true` it fails instead,
/// so a CI machine missing a tool cannot pass by skipping.
#[track_caller]
pub fn skip(why: &str) {
    let on_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!on_ci, "cannot run under CI: {why}");
    eprintln!("skipped: {why}");
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Bytes written to stdout (a bounded run keeps only the first few
    /// MiB of `stdout`).
    pub stdout_bytes: usize,
    /// Peak resident memory, for a bounded run.
    pub peak_kb: Option<u64>,
    /// The temporary folder it ran in, kept until the run is dropped.
    pub folder: Option<tempfile::TempDir>,
}

impl Run {
    /// The findings of `check --format json` as (file, line, column, rule).
    pub fn findings(&self) -> Vec<Row> {
        json_findings(&self.stdout, &self.stderr)
            .iter()
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64(),
                    f["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

fn json_findings(stdout: &str, context: &str) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {stdout} / {context}"));
    json.as_array().expect("an array of findings").clone()
}

/// Runs `grantctl` with `args` from the repository root.
pub fn grantctl(args: &[&str]) -> Run {
    Grantctl::new(args).run()
}

/// Runs `grantctl` with `args` in `dir`.
pub fn grantctl_in(dir: &Path, args: &[&str]) -> Run {
    Grantctl::new(args).cwd(dir).run()
}

/// A finding as (file, line, column, rule).
pub type Row = (String, u64, Option<u64>, String);

/// `check --format json` on `args`: the exit code and the findings.
pub fn findings(args: &[&str]) -> (i32, Vec<Row>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = grantctl(&all);
    (run.code, run.findings())
}

/// A temporary folder holding `files` (path, text), parents created. It
/// is a repository root (it has a `.git`), so no `grantctl.yaml` above it
/// on this machine applies to a run in it.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `folder` for generated (path, text) pairs.
pub fn folder_of(files: &[(String, String)]) -> tempfile::TempDir {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    folder(&refs)
}

/// (rule, severity) of each finding in `check --format json` output.
pub fn rules_of(run: &Run) -> Vec<(String, String)> {
    json_findings(&run.stdout, &run.stderr)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// (file, line, rule, message) of each finding in `check --format json`
/// output; `context` is shown if the output is not JSON.
pub fn messages_of(stdout: &str, context: &str) -> Vec<(String, u64, String, String)> {
    json_findings(stdout, context)
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
