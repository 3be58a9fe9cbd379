//! `check --changed-from REF`: the files changed since a git revision, so
//! that their findings come first where a viewer shows only the first few
//! (GitHub annotates at most 10 errors and 10 warnings per step).

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

/// The files `git diff REF` names (changed in commits since REF or in the
/// working tree), as the paths findings name them: relative to here.
pub fn changed_since(revision: &str) -> anyhow::Result<Changed> {
    if revision.starts_with('-') {
        bail!("--changed-from takes a git revision, not `{revision}`");
    }
    let output = Command::new("git")
        .args([
            "-c",
            "core.quotepath=off",
            "diff",
            "--name-only",
            "--relative",
            "-z",
        ])
        .arg(revision)
        .arg("--")
        .output()
        .context("--changed-from needs git, which could not be run")?;
    if !output.status.success() {
        bail!(
            "--changed-from {revision}: git diff failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let mut changed = HashSet::new();
    for name in output.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if let Ok(full) = Path::new(&name).canonicalize() {
            changed.insert(full.display().to_string());
        }
        changed.insert(name);
    }
    Ok(Changed(changed))
}

/// Changed files, by the path git gives and by their canonical path.
#[derive(Debug, Clone, Default)]
pub struct Changed(HashSet<String>);

impl Changed {
    /// Whether the file a finding names (however it was spelled on the
    /// command line: `x.md`, `./x.md`, an absolute path) changed.
    pub fn contains(&self, file: &str) -> bool {
        self.0.contains(file)
            || Path::new(file)
                .canonicalize()
                .is_ok_and(|full| self.0.contains(&full.display().to_string()))
    }
}
