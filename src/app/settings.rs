//! What a run reads proposals with: the command line's flags merged over
//! grantctl.yaml merged over the defaults, as plain options free of clap.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};

use super::config::{self, Config, Exclude};
use super::source::DEFAULT_MAX_BYTES;
use super::write::Protected;
use crate::cli::CommonArgs;
use crate::diagnostic::Rule;
use crate::policy::RulePolicy;

/// What every command that reads proposals needs to know, free of clap:
/// the command line merged over grantctl.yaml merged over the defaults.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Files and folders; the current folder when none were given.
    pub paths: Vec<PathBuf>,
    pub deny_warnings: bool,
    pub max_bytes: u64,
    /// `None`: the built-in default rubric.
    pub rubric: Option<PathBuf>,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub policy: RulePolicy,
    pub exclude: Option<Exclude>,
    pub force_exclude: bool,
    /// The grantctl.yaml that applied and what it set, for the summary:
    /// a run must never pass because of a config nobody sees.
    pub settings: Option<String>,
    /// The grantctl.yaml that applied, which no output may replace.
    pub config: Option<PathBuf>,
    /// `--reviews`: review files and folders of them.
    pub reviews: Vec<PathBuf>,
    /// grantctl.yaml's `exchange-rates`, for the shortlist's pool.
    pub exchange_rates: Vec<(crate::currency::Currency, rust_decimal::Decimal)>,
}

impl InputOptions {
    /// The files a run reads besides its proposals: `--output` must not
    /// replace them.
    pub fn read_files(&self) -> Vec<Protected<'_>> {
        let rubric = self.rubric.iter().map(|path| Protected {
            path,
            what: "the rubric in use",
        });
        let config = self.config.iter().map(|path| Protected {
            path,
            what: "the settings file in use",
        });
        let reviews = self.reviews.iter().map(|path| Protected {
            path,
            what: "a review file being read",
        });
        rubric.chain(config).chain(reviews).collect()
    }
}

/// The `grantctl.yaml` that governs `paths`: the closest one above each
/// path (as ruff finds its settings), not above the folder grantctl runs
/// in, so a file passes or fails the same from wherever it is checked.
/// Paths governed by different files (or some by none) are refused: one
/// run applies one set of settings, and a silent choice would make some
/// files pass by another folder's rules.
fn closest_config(cwd: &Path, paths: &[PathBuf]) -> anyhow::Result<Option<PathBuf>> {
    let here = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &here[..] } else { paths };
    let mut governed: Vec<(Option<PathBuf>, &Path)> = Vec::new();
    for path in paths {
        let start = if path == Path::new("-") {
            cwd.to_path_buf()
        } else {
            let full = lexical(&cwd.join(path));
            if full.is_dir() {
                full
            } else {
                full.parent()
                    .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
            }
        };
        let found = config::find(&start);
        if !governed.iter().any(|(f, _)| *f == found) {
            governed.push((found, path));
        }
    }
    match governed.as_slice() {
        [] => Ok(None),
        [(found, _)] => Ok(found.clone()),
        _ => {
            let each: Vec<String> = governed
                .iter()
                .map(|(found, path)| match found {
                    Some(file) => format!(
                        "`{}` governs `{}`",
                        file.strip_prefix(cwd).unwrap_or(file).display(),
                        path.display()
                    ),
                    None => format!("no grantctl.yaml governs `{}`", path.display()),
                })
                .collect();
            bail!(
                "the paths are governed by different settings: {}; check them in separate runs, \
                 or choose one with --config FILE (or --no-config)",
                each.join(", ")
            )
        }
    }
}

/// `path` with `.` and `..` resolved by name, without following links, so
/// that the folders above it are the ones its name says.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

impl TryFrom<CommonArgs> for InputOptions {
    type Error = anyhow::Error;

    /// Finds and reads grantctl.yaml (unless `--no-config`), then lets each
    /// flag given on the command line override it.
    fn try_from(args: CommonArgs) -> anyhow::Result<Self> {
        let limit = args.max_file_size.unwrap_or(DEFAULT_MAX_BYTES);
        let config = if args.no_config {
            Config::default()
        } else if let Some(path) = &args.config {
            config::load(path, limit)?
        } else {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            match closest_config(&cwd, &args.paths)? {
                Some(path) => config::load(&path, limit)?,
                None => Config::default(),
            }
        };
        let settings = config.describe();
        let exchange_rates = config.exchange_rates.clone();
        let config_path = config.path.clone();
        let flag_rules = |ids: &[String]| -> Vec<Rule> {
            ids.iter().filter_map(|id| Rule::from_id(id)).collect()
        };
        let (ignore, escalate) = (flag_rules(&args.ignore), flag_rules(&args.escalate));
        if let Some(both) = ignore.iter().find(|r| escalate.contains(r)) {
            bail!("`{both}` is given to both --ignore and --escalate");
        }
        let configured = RulePolicy {
            ignore: config.ignore,
            escalate: config.escalate,
        };
        let policy = configured.overridden_by(&RulePolicy { ignore, escalate });
        let deny_warnings = if args.deny_warnings || args.no_deny_warnings {
            args.deny_warnings
        } else {
            config.deny_warnings.unwrap_or(false)
        };
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths
        };
        Ok(InputOptions {
            paths,
            deny_warnings,
            max_bytes: args
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(DEFAULT_MAX_BYTES),
            rubric: args.rubric.or(config.rubric),
            threads: args.threads,
            policy,
            exclude: config.exclude,
            force_exclude: args.force_exclude,
            settings,
            config: config_path,
            reviews: args.reviews,
            exchange_rates,
        })
    }
}
