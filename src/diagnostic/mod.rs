//! Findings: what `check` reports about a proposal. A finding is data, not an
//! error: checks push them and carry on, and only the renderers print them.
//! `rule` is the one table of rules; `docs` what `explain` says of each.

use serde::Serialize;

use crate::excerpt::Excerpt;
use crate::suggest::did_you_mean;

pub mod docs;
mod findings;
mod rule;

pub use findings::{Finding, Findings, LISTED, SectionFinding, Unlisted, totals};
pub use rule::{RULES, Rule, RuleRow, Severity};

/// One finding, located in a file. The serialised fields are exactly the
/// contract's JSON shape; the source excerpt is for the human renderer only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub column: Option<u32>,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
}

impl Diagnostic {
    pub fn new(rule: Rule, file: &str, line: u32, column: Option<u32>, message: String) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            severity: rule.severity(),
            rule,
            message,
            excerpt: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// "unknown rule `x` in `place`; did you mean `y`?", or the hint to list
/// them all when no id is close.
pub fn unknown_rule(id: &str, place: Option<&str>) -> String {
    let ids = Rule::ids();
    let place = place.map(|p| format!(" in `{p}`")).unwrap_or_default();
    match did_you_mean(id, &ids) {
        Some(close) => format!("unknown rule `{id}`{place}; did you mean `{close}`?"),
        None => format!("unknown rule `{id}`{place}; `grantctl rules` lists them"),
    }
}

/// `1 line`, `3 lines`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pluralises() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(2, "warning"), "2 warnings");
    }
}
