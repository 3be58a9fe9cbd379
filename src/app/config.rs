//! `grantctl.yaml`: a proposals repository's settings, found the way ruff
//! finds `ruff.toml` — in the current folder or the nearest folder above it.
//!
//! ```yaml
//! rubric: rubrics/funder.yaml     # relative to this file
//! exclude: [drafts/, "*.template.md"]
//! ignore: [unknown-field]          # rules not reported at all
//! escalate: [missing-section]      # warnings reported as errors
//! deny-warnings: true
//! max-file-size: 2M                # larger files are `io` findings
//! ```
//!
//! Settings are only read here; `settings` merges them under the command
//! line's flags, and `policy` applies the rule lists to findings.

use std::fmt;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::diagnostic::unknown_rule;
use crate::yaml::{self, Value};

/// The file name looked for in each folder, nearest first.
pub const FILE_NAME: &str = "grantctl.yaml";

/// A loaded, validated configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// Already resolved against the config file's folder.
    pub rubric: Option<PathBuf>,
    pub exclude: Option<Exclude>,
    pub ignore: Vec<Rule>,
    pub escalate: Vec<Rule>,
    pub deny_warnings: Option<bool>,
    pub max_file_size: Option<u64>,
    /// `exchange-rates`: units of the shortlist pool's currency per one
    /// unit of each other currency (§6), exact as written.
    pub exchange_rates: Vec<(Currency, Decimal)>,
}

/// Why a config file cannot be used: exit 2, naming the file and line.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid config `{}`: line {}: {}",
            self.path.display(),
            self.line,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// The nearest `grantctl.yaml` in `start` or a folder above it, up to the
/// root of the repository `start` is in (the nearest folder holding
/// `.git`): a file above it (a CI workspace's parent, `$HOME`) belongs to
/// nobody in the repository. Outside any repository, every folder above.
pub fn find(start: &Path) -> Option<PathBuf> {
    let root = start.ancestors().find(|dir| dir.join(".git").exists());
    let within = |dir: &Path| root.is_none_or(|root| dir.starts_with(root));
    start
        .ancestors()
        .take_while(|dir| within(dir))
        .map(|dir| dir.join(FILE_NAME))
        // Whatever is there is the config: a link to a device or to
        // nothing is reported when it is read, never silently skipped.
        .find(|candidate| candidate.symlink_metadata().is_ok())
}

/// Reads and validates the config file at `path`, refusing what a
/// proposal would be refused for: not a regular file, over `max_bytes`,
/// not UTF-8.
pub fn load(path: &Path, max_bytes: u64) -> Result<Config, ConfigError> {
    let fail = |line, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        message,
    };
    let text = super::source::read_text(path, max_bytes)
        .map_err(|problem| fail(problem.line, problem.message))?;
    let base = path.parent().unwrap_or(Path::new("."));
    parse(&text, base)
        .map(|config| Config {
            path: Some(path.to_path_buf()),
            ..config
        })
        .map_err(|(line, message)| fail(line, message))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    rubric: Option<PathBuf>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    escalate: Vec<String>,
    deny_warnings: Option<bool>,
    /// Read from the tree below, so a message can quote it as written.
    max_file_size: Option<serde::de::IgnoredAny>,
    /// Read from the tree below, so each rate is read exactly as written.
    #[serde(default)]
    exchange_rates: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

/// Parses config text; `Err((line, message))`. `base` is the folder that
/// relative paths in it are relative to.
fn parse(text: &str, base: &Path) -> Result<Config, (u32, String)> {
    let is_blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let raw: RawConfig = if is_blank {
        RawConfig::default()
    } else {
        yaml::from_str(text).map_err(|e| (e.line, e.message))?
    };
    // Positions come from the same text, read by the front-matter parser;
    // serde_yaml has already accepted it, so it parses.
    let tree = yaml::parse(text, 1).ok();
    let line_of = |path: &str| tree.as_ref().map_or(1, |t| t.position_of(path).line);
    let rules = |key: &str, ids: &[String]| -> Result<Vec<Rule>, (u32, String)> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                Rule::from_id(id).ok_or_else(|| {
                    let line = line_of(&format!("{key}[{i}]"));
                    (line, unknown_rule(id, Some(key)))
                })
            })
            .collect()
    };
    let ignore = rules("ignore", &raw.ignore)?;
    let escalate = rules("escalate", &raw.escalate)?;
    if let Some(i) = escalate.iter().position(|r| ignore.contains(r)) {
        return Err((
            line_of(&format!("escalate[{i}]")),
            format!(
                "`{}` is both ignored and escalated; keep it in one list",
                escalate[i]
            ),
        ));
    }
    let exclude = if raw.exclude.is_empty() {
        None
    } else {
        let mut builder = GitignoreBuilder::new(absolute(base));
        for (i, pattern) in raw.exclude.iter().enumerate() {
            builder.add_line(None, pattern).map_err(|e| {
                (
                    line_of(&format!("exclude[{i}]")),
                    format!("bad exclude pattern `{pattern}`: {e}"),
                )
            })?;
        }
        let matcher = builder
            .build()
            .map_err(|e| (line_of("exclude"), format!("bad exclude patterns: {e}")))?;
        Some(Exclude(matcher))
    };
    let max_file_size = match (&raw.max_file_size, tree.as_ref().and_then(size_value)) {
        (None, _) | (Some(_), None) => None,
        (Some(_), Some(Ok(written))) => Some(
            crate::app::source::parse_size(written).map_err(|e| (line_of("max-file-size"), e))?,
        ),
        (Some(_), Some(Err(found))) => {
            let message = format!(
                "`max-file-size` must be a number of bytes or a size such as `10M`, found {found}"
            );
            return Err((line_of("max-file-size"), message));
        }
    };
    let exchange_rates = match &tree {
        Some(tree) if !raw.exchange_rates.is_empty() => {
            rates(tree).map_err(|m| (line_of("exchange-rates"), m))?
        }
        _ => Vec::new(),
    };
    Ok(Config {
        path: None,
        exchange_rates,
        max_file_size,
        rubric: raw.rubric.map(|r| base.join(r)),
        exclude,
        ignore,
        escalate,
        deny_warnings: raw.deny_warnings,
    })
}

impl Config {
    /// The file and what it changes, for a run's summary: `grantctl.yaml`
    /// (ignores 1 rule; deny-warnings)`. `None` without a file.
    pub fn describe(&self) -> Option<String> {
        let cwd = std::env::current_dir().ok();
        let relative = |path: &Path| {
            cwd.as_ref()
                .and_then(|cwd| path.strip_prefix(cwd).ok())
                .unwrap_or(path)
                .display()
                .to_string()
        };
        let shown = relative(self.path.as_ref()?);
        let rules = |n: usize| crate::diagnostic::plural(n, "rule");
        let mut effects = Vec::new();
        if !self.ignore.is_empty() {
            effects.push(format!("ignores {}", rules(self.ignore.len())));
        }
        if !self.escalate.is_empty() {
            effects.push(format!("escalates {}", rules(self.escalate.len())));
        }
        match self.deny_warnings {
            Some(true) => effects.push("deny-warnings".to_string()),
            Some(false) => effects.push("warnings allowed".to_string()),
            None => {}
        }
        if let Some(rubric) = &self.rubric {
            effects.push(format!("rubric `{}`", relative(rubric)));
        }
        if self.exclude.is_some() {
            effects.push("exclude".to_string());
        }
        let shown = format!("`{shown}`");
        Some(match effects.is_empty() {
            true => shown,
            false => format!("{shown} ({})", effects.join("; ")),
        })
    }
}

/// `exchange-rates` as written: `{GBP: 1.3482}`, each code a currency and
/// each rate a number above 0, read exactly.
fn rates(tree: &yaml::Node) -> Result<Vec<(Currency, Decimal)>, String> {
    let Value::Map(entries) = &tree.value else {
        return Ok(Vec::new());
    };
    let Some(entry) = entries.iter().find(|e| &*e.key == "exchange-rates") else {
        return Ok(Vec::new());
    };
    let Value::Map(rates) = &entry.value.value else {
        return Err("`exchange-rates` must map currency codes to rates, e.g. `{EUR: 1.08}`".into());
    };
    rates
        .iter()
        .map(|rate| {
            let currency = Currency::from_code(&rate.key).ok_or_else(|| {
                format!(
                    "`{}` in `exchange-rates` is not an ISO 4217 currency code",
                    rate.key
                )
            })?;
            let value = match &rate.value.value {
                Value::Number(text) | Value::Str(text) => crate::money::parse_number(text).ok(),
                _ => None,
            }
            .filter(|v| *v > Decimal::ZERO)
            .ok_or_else(|| {
                format!(
                    "the rate for `{}` in `exchange-rates` must be a number above 0",
                    rate.key
                )
            })?;
            Ok((currency, value))
        })
        .collect()
}

/// `max-file-size` as written (`2M`, `2097152`), or what it is instead.
fn size_value(tree: &yaml::Node) -> Option<Result<&str, String>> {
    let Value::Map(entries) = &tree.value else {
        return None;
    };
    let entry = entries.iter().find(|e| &*e.key == "max-file-size")?;
    Some(match &entry.value.value {
        Value::Number(text) | Value::Str(text) => Ok(&**text),
        Value::Null => return None,
        other => Err(other.described()),
    })
}

/// Paths to leave out while walking folders, as gitignore-style patterns
/// relative to the config file's folder.
#[derive(Debug, Clone)]
pub struct Exclude(Gitignore);

impl Exclude {
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        let path = absolute(path);
        let root = self.0.path();
        path.starts_with(root)
            && self
                .0
                .matched_path_or_any_parents(&path, is_dir)
                .is_ignore()
    }
}

/// `path` made absolute against the current folder, without resolving
/// symbolic links (patterns name paths as the user sees them).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (u32, String) {
        parse(text, Path::new("/repo")).expect_err("an invalid config")
    }

    #[test]
    fn reads_every_setting() {
        let config = parse(
            "# settings\nrubric: rubrics/funder.yaml\nexclude: [drafts/]\nignore: [unknown-field]\nescalate: [missing-section]\ndeny-warnings: true\n",
            Path::new("/repo"),
        )
        .unwrap();
        assert_eq!(
            config.rubric,
            Some(PathBuf::from("/repo/rubrics/funder.yaml"))
        );
        assert_eq!(config.ignore, [Rule::UnknownField]);
        assert_eq!(config.escalate, [Rule::MissingSection]);
        assert_eq!(config.deny_warnings, Some(true));
        let exclude = config.exclude.unwrap();
        assert!(exclude.excludes(Path::new("/repo/drafts/a.md"), false));
        assert!(exclude.excludes(Path::new("/repo/drafts"), true));
        assert!(!exclude.excludes(Path::new("/repo/proposals/a.md"), false));
        assert!(!exclude.excludes(Path::new("/elsewhere/drafts/a.md"), false));
    }

    #[test]
    fn empty_or_comment_only_is_the_defaults() {
        for text in ["", "\n", "# nothing yet\n"] {
            let config = parse(text, Path::new("/repo")).unwrap();
            assert!(config.rubric.is_none() && config.ignore.is_empty());
        }
    }

    #[test]
    fn errors_name_the_line() {
        let (line, message) = error("rubric: r.yaml\nexlude: [drafts/]\n");
        assert_eq!(line, 2);
        // Nothing from a settings file is quoted until it has parsed: it
        // could be a link to any file.
        assert_eq!(message, "unknown field; did you mean `exclude`?");

        let (line, message) = error("ignore:\n  - unknown-field\n  - budget-totl\n");
        assert_eq!(line, 3);
        assert!(
            message
                .contains("unknown rule `budget-totl` in `ignore`; did you mean `budget-total`?"),
            "{message}"
        );

        let (line, message) = error("deny-warnings: sometimes\n");
        assert_eq!(line, 1);
        assert!(message.contains("deny-warnings"), "{message}");

        let (line, message) = error("ignore: [io]\nescalate:\n  - missing-section\n  - io\n");
        assert_eq!(line, 4);
        assert!(message.contains("both ignored and escalated"), "{message}");

        let (line, message) = error("ignore: []\nrubric: [a, b\n");
        assert_eq!(line, 2);
        assert!(message.contains("rubric"), "{message}");
    }
}
