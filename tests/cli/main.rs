//! Drives the real `grantctl` binary over `proposals/`, `examples/` and
//! generated files, pinning stdout, stderr and the exit code.

mod bounded;
mod budgets;
mod check;
mod ci;
mod compare;
mod config;
mod explain;
mod formats;
mod generate;
mod hostile;
mod init;
mod inputs;
mod manners;
mod messages;
mod repository;
mod rubric;
mod schema;
mod verdicts;

use std::path::Path;
use std::process::Command;

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `grantctl` with `args` from the repository root.
pub fn grantctl(args: &[&str]) -> Run {
    grantctl_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn grantctl_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_grantctl"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the grantctl binary runs");
    Run {
        code: output
            .status
            .code()
            .expect("grantctl exits, it is not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A finding as (file, line, column, rule).
pub type Row = (String, u64, Option<u64>, String);

/// `check --format json` on `args`: the exit code and the findings.
pub fn findings(args: &[&str]) -> (i32, Vec<Row>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = grantctl(&all);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", run.stdout));
    let rows = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.code, rows)
}

/// A temporary folder holding `files` (path, text), parents created.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
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
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}{}", run.stdout, run.stderr));
    json.as_array()
        .expect("an array")
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
    let json: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {stdout} / {context}"));
    json.as_array()
        .expect("an array")
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
