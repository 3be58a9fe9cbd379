//! Turns the command line's paths into the sorted list of proposals to read.
//!
//! Folders are walked recursively for Markdown files (`*.md`, `*.MD`,
//! `*.markdown`, …) in sorted order, so output is
//! stable. A committed proposal is always checked: `.gitignore`, `.ignore`
//! and hidden names do not hide one (a pull request could add them to hide
//! its own failing file), and grantctl.yaml's `exclude` is the one way to
//! skip one, counted in `Discovered::excluded`. Only `.git` folders are
//! passed over. Symbolic links are followed while they stay inside the
//! folder being walked; one that leads out of it (to `/`, to
//! `/proc/self/environ`) is an `io` finding and is not read. A path that
//! does not exist is a tool error (exit 2); a problem found while walking
//! (a symlink loop) is a finding about that path.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::config::Exclude;
use crate::analysis::permute;

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
    /// `-`: one proposal read from standard input.
    Stdin,
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Readme(path) => path,
            Input::Unwalkable { path, .. } => path,
            Input::Stdin => Path::new(STDIN),
        }
    }
}

/// What was found under the given paths.
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    /// Files and folders left out because grantctl.yaml's `exclude` names them.
    pub excluded: usize,
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
        if path.as_os_str() == STDIN {
            found.inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, exclude, &mut found);
        } else if force_exclude && exclude.is_some_and(|e| e.excludes(path, false)) {
            found.excluded += 1;
        } else {
            found.inputs.push(Input::File(path.clone()));
        }
    }
    Ok(found)
}

/// The path that means standard input.
pub const STDIN: &str = "-";

fn ensure_paths_exist(paths: &[PathBuf]) -> Result<(), MissingPath> {
    let missing = |p: &&PathBuf| p.as_os_str() != STDIN && std::fs::symlink_metadata(p).is_err();
    match paths.iter().find(missing) {
        Some(missing) => Err(MissingPath(missing.clone())),
        None => Ok(()),
    }
}

/// What the walker's filter learns as it goes: it runs on the walker's
/// side, so it records here rather than returning findings.
#[derive(Default)]
struct Seen {
    outside: Vec<Input>,
    excluded: usize,
}

fn walk(root: &Path, exclude: Option<&Exclude>, found: &mut Discovered) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let mut builder = ignore::WalkBuilder::new(root);
    // Not sorted as walked: the walker compares siblings' paths component
    // by component, which cost more than the rest of the walk; what it
    // finds is sorted once below.
    builder.standard_filters(false).follow_links(true);
    let start = found.inputs.len();
    let inside = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let exclude = exclude.cloned();
    let record = Arc::clone(&seen);
    let named = root.to_path_buf();
    builder.filter_entry(move |entry| {
        // A folder named on the command line is walked even if excluded;
        // what is below it is filtered as usual.
        if entry.depth() == 0 {
            return true;
        }
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir && entry.file_name() == ".git" {
            return false;
        }
        let mut seen = record.lock().unwrap_or_else(|e| e.into_inner());
        if entry.path_is_symlink()
            && let Some(outside) = leaves(entry.path(), &inside, &named)
        {
            seen.outside.push(outside);
            return false;
        }
        if exclude
            .as_ref()
            .is_some_and(|e| e.excludes(entry.path(), is_dir))
        {
            let counted = is_dir || markdown(file_name(entry.path())).is_some();
            seen.excluded += usize::from(counted);
            return false;
        }
        true
    });
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let kind =
                    (!is_dir && entry.depth() > 0).then(|| markdown(file_name(entry.path())));
                if let Some(readme) = kind.flatten() {
                    found.inputs.push(if readme {
                        Input::Readme(entry.into_path())
                    } else {
                        Input::File(entry.into_path())
                    });
                }
            }
            Err(err) => found.inputs.push(unwalkable(root, &err)),
        }
    }
    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
    found.excluded += seen.excluded;
    found.inputs.append(&mut seen.outside);
    let walked = &mut found.inputs[start..];
    // Every path the walk made starts with the root's bytes, which cannot
    // decide an order: with 100,000 files under a long folder, comparing
    // them again was most of the sort's time. Paths are compared from
    // where the root ends, as slices beside their index, and each input
    // is then moved once, to its place.
    let order = {
        let root = bytes(root);
        let skip = if walked.iter().all(|i| bytes(i.path()).starts_with(root)) {
            root.len()
        } else {
            0
        };
        let mut keyed: Vec<(&[u8], usize)> = walked
            .iter()
            .enumerate()
            .map(|(i, input)| (&bytes(input.path())[skip..], i))
            .collect();
        keyed.sort_by(|a, b| byte_order(a.0, b.0));
        keyed.into_iter().map(|(_, i)| i).collect::<Vec<_>>()
    };
    permute(walked, &order);
}

/// A path's bytes, as the walk's order and names are read from them.
fn bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// The order of `Path`'s own comparison, component by component, for the
/// paths one walk makes (its root joined to names by one separator), given
/// their bytes or what follows a prefix they share: the bytes compared as
/// they are, but a separator before any other byte, as it ends a shorter
/// name.
fn byte_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let same = crate::swar::common_prefix(a, b);
    let rank = |byte: Option<&u8>| byte.map(|&b| (!std::path::is_separator(char::from(b)), b));
    rank(a.get(same)).cmp(&rank(b.get(same)))
}

/// The bytes of the last name in a path the walker made (its folder
/// joined to the name), found without parsing the path's components.
fn file_name(path: &Path) -> &[u8] {
    let bytes = bytes(path);
    let start = bytes
        .iter()
        .rposition(|&b| std::path::is_separator(char::from(b)))
        .map_or(0, |i| i + 1);
    &bytes[start..]
}

/// Extensions a folder walk reads as Markdown, in any case: what
/// pre-commit's `types: [markdown]` passes, so the hook and a CI run over
/// the folder read the same files.
const MARKDOWN: [&str; 5] = ["md", "markdown", "mdown", "mkd", "mkdn"];

pub(super) fn is_md(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| markdown(name.as_encoded_bytes()).is_some())
}

/// Whether a file named `name` is Markdown (its extension, as
/// `Path::extension` finds it, is one of `MARKDOWN`), and if so whether
/// it is a `README` (its stem, in any case). Read from the name's bytes:
/// a walk asks this of every file it meets.
fn markdown(name: &[u8]) -> Option<bool> {
    // A leading dot starts a hidden name, not an extension (`.md`).
    let dot = name.iter().rposition(|&b| b == b'.').filter(|&i| i > 0)?;
    let (stem, extension) = (&name[..dot], &name[dot + 1..]);
    MARKDOWN
        .iter()
        .any(|m| extension.eq_ignore_ascii_case(m.as_bytes()))
        .then(|| stem.eq_ignore_ascii_case(b"README"))
}

/// The finding for a symbolic link at `link` that resolves outside
/// `inside` (the walked folder, resolved); `None` when it stays inside or
/// leads nowhere (reading it will say so).
fn leaves(link: &Path, inside: &Path, root: &Path) -> Option<Input> {
    let target = link.canonicalize().ok()?;
    if target.starts_with(inside) {
        return None;
    }
    let written = std::fs::read_link(link).unwrap_or(target);
    Some(Input::Unwalkable {
        path: link.to_path_buf(),
        message: format!(
            "symbolic link to `{}` leads outside `{}`; links that leave a checked folder are not followed",
            written.display(),
            root.display()
        ),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `markdown` answers, from `Path`'s own extension and stem.
    fn by_path(name: &str) -> Option<bool> {
        let path = Path::new("folder").join(name);
        let extension = path.extension().and_then(|e| e.to_str())?;
        MARKDOWN
            .iter()
            .any(|m| extension.eq_ignore_ascii_case(m))
            .then(|| {
                path.file_stem()
                    .is_some_and(|s| s.eq_ignore_ascii_case("README"))
            })
    }

    #[test]
    fn markdown_names_and_readmes() {
        for (name, kind) in [
            ("plan.md", Some(false)),
            ("PLAN.Markdown", Some(false)),
            ("notes.mkdn", Some(false)),
            ("ReadMe.md", Some(true)),
            ("README.MDOWN", Some(true)),
            ("README", None),
            (".md", None),
            ("..md", Some(false)),
            ("plan.md.txt", None),
            ("plan.txt.md", Some(false)),
            ("plan.", None),
            ("..", None),
        ] {
            assert_eq!(markdown(name.as_bytes()), kind, "{name}");
            assert_eq!(by_path(name), kind, "{name}");
        }
    }

    fn joined(names: &[String]) -> PathBuf {
        names
            .iter()
            .fold(PathBuf::from("root/walked"), |p, n| p.join(n))
    }

    proptest::proptest! {
        /// Sorting what one walk found orders it as `Path` does: `a/b/c`
        /// before `a/b-c`, though `-` is a smaller byte than `/`.
        #[test]
        fn path_order_is_the_order_of_paths(
            a in proptest::collection::vec("[a-c.0 -]{1,3}", 1..4),
            b in proptest::collection::vec("[a-c.0 -]{1,3}", 1..4),
        ) {
            proptest::prop_assume!(a.iter().chain(&b).all(|n| n != "." && n != ".."));
            let (a, b) = (joined(&a), joined(&b));
            proptest::prop_assert_eq!(byte_order(bytes(&a), bytes(&b)), a.cmp(&b));
            // As the walk sorts them: from where their shared root ends.
            let root = "root/walked".len();
            proptest::prop_assert_eq!(byte_order(&bytes(&a)[root..], &bytes(&b)[root..]), a.cmp(&b));
            proptest::prop_assert_eq!(file_name(&a), a.file_name().unwrap().as_encoded_bytes());
        }

        #[test]
        fn markdown_reads_names_as_path_does(name in "[.a-zA-Z_é]{1,6}(\\.(md|MD|mkdn|Markdown|txt|))?") {
            proptest::prop_assume!(name != "." && name != "..");
            proptest::prop_assert_eq!(markdown(name.as_bytes()), by_path(&name));
        }
    }
}
