//! Turns the command line's paths into the sorted list of proposals to read.
//!
//! Folders are walked recursively for `*.md`, following symbolic links, in
//! sorted order so output is stable. Hidden folders and what `.gitignore`
//! ignores are skipped. A path that does not exist is a tool error (exit 2);
//! a problem found while walking (a symlink loop) is a finding about that path.
//! grantctl.yaml's `exclude` patterns prune the walk.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Exclude;

/// One thing to report on: a file to read, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// A `README.md` (any case) met while walking a folder: a proposal only
    /// if it starts with front matter, else documentation to skip.
    Readme(PathBuf),
    Unwalkable {
        path: PathBuf,
        message: String,
    },
}

/// What was found under the given paths.
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
}

/// A path named on the command line does not exist.
#[derive(Debug)]
pub struct MissingPath(pub PathBuf);

impl fmt::Display for MissingPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "path `{}` does not exist", self.0.display())
    }
}

impl std::error::Error for MissingPath {}

/// Expands `paths` into proposals. Files named directly are read whatever
/// their extension; folders contribute every `*.md` below them. What
/// `exclude` matches is left out of folders, and out of named files too
/// under `force_exclude`.
pub fn discover(
    paths: &[PathBuf],
    exclude: Option<&Exclude>,
    force_exclude: bool,
) -> Result<Discovered, MissingPath> {
    ensure_paths_exist(paths)?;
    let mut found = Discovered::default();
    for path in paths {
        if path.is_dir() {
            walk(path, exclude, &mut found.inputs);
        } else if !(force_exclude && exclude.is_some_and(|e| e.excludes(path, false))) {
            found.inputs.push(Input::File(path.clone()));
        }
    }
    Ok(found)
}

fn ensure_paths_exist(paths: &[PathBuf]) -> Result<(), MissingPath> {
    match paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        Some(missing) => Err(MissingPath(missing.clone())),
        None => Ok(()),
    }
}

fn walk(root: &Path, exclude: Option<&Exclude>, inputs: &mut Vec<Input>) {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .follow_links(true)
        .sort_by_file_path(|a, b| a.cmp(b));
    if let Some(exclude) = exclude.cloned() {
        // A folder named on the command line is walked even if excluded;
        // what is below it is filtered as usual.
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !exclude.excludes(entry.path(), is_dir)
        });
    }
    let walker = builder.build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let is_md = entry.path().extension().is_some_and(|e| e == "md");
                if !is_dir && is_md && entry.depth() > 0 {
                    inputs.push(if is_readme(entry.path()) {
                        Input::Readme(entry.into_path())
                    } else {
                        Input::File(entry.into_path())
                    });
                }
            }
            Err(err) => inputs.push(unwalkable(root, &err)),
        }
    }
}

fn is_readme(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.eq_ignore_ascii_case("README.md"))
}

fn unwalkable(root: &Path, err: &ignore::Error) -> Input {
    fn path_of(err: &ignore::Error) -> Option<&Path> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            ignore::Error::Loop { child, .. } => Some(child),
            _ => None,
        }
    }
    fn describe(err: &ignore::Error) -> String {
        match err {
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => describe(err),
            ignore::Error::Loop { ancestor, .. } => format!(
                "symbolic link loop: this folder leads back to `{}`",
                ancestor.display()
            ),
            other => format!("cannot read: {other}"),
        }
    }
    let path = path_of(err).unwrap_or(root);
    // The walker's I/O errors repeat the path the finding already names.
    let message = describe(err).replacen(
        &format!("IO error for operation on {}: ", path.display()),
        "",
        1,
    );
    Input::Unwalkable {
        path: path.to_path_buf(),
        message,
    }
}
