//! Findings: what `check` reports about a proposal. A finding is data, not an
//! error: checks push them and carry on, and only the renderers print them.

use std::fmt;

use serde::Serialize;

use crate::excerpt::Excerpt;
use crate::suggest::did_you_mean;

pub mod docs;
mod findings;

pub use findings::{Finding, Findings, LISTED, SectionFinding, Unlisted, totals};

/// Every rule id of the contract (§2), in one place so none is renamed by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    FrontMatter,
    MissingField,
    FieldType,
    UnknownField,
    Amount,
    Currency,
    BudgetTotal,
    BudgetSubtotal,
    BudgetUnitCost,
    FundingMinimum,
    BudgetPercent,
    BudgetMinimum,
    MissingSection,
    RubricThreshold,
    Io,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::FrontMatter,
        Rule::MissingField,
        Rule::FieldType,
        Rule::UnknownField,
        Rule::Amount,
        Rule::Currency,
        Rule::BudgetTotal,
        Rule::BudgetSubtotal,
        Rule::BudgetUnitCost,
        Rule::FundingMinimum,
        Rule::BudgetPercent,
        Rule::BudgetMinimum,
        Rule::MissingSection,
        Rule::RubricThreshold,
        Rule::Io,
    ];

    /// Whether an error of this rule makes `compare`'s `budget_ok` false (§4):
    /// the budget's figures cannot be trusted as written.
    pub fn breaks_budget(self) -> bool {
        matches!(
            self,
            Rule::Amount
                | Rule::Currency
                | Rule::BudgetTotal
                | Rule::BudgetSubtotal
                | Rule::BudgetUnitCost
                | Rule::FundingMinimum
                | Rule::BudgetPercent
                | Rule::BudgetMinimum
                | Rule::MissingField
        )
    }

    /// The rule with this id, as written on the command line or in config.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// Every id, for "did you mean" suggestions.
    pub fn ids() -> Vec<&'static str> {
        Rule::ALL.iter().map(|r| r.id()).collect()
    }

    /// The stable, kebab-case id users see, filter on and write in config.
    pub fn id(self) -> &'static str {
        match self {
            Rule::FrontMatter => "frontmatter",
            Rule::MissingField => "missing-field",
            Rule::FieldType => "field-type",
            Rule::UnknownField => "unknown-field",
            Rule::Amount => "amount",
            Rule::Currency => "currency",
            Rule::BudgetTotal => "budget-total",
            Rule::BudgetSubtotal => "budget-subtotal",
            Rule::BudgetUnitCost => "budget-unit-cost",
            Rule::FundingMinimum => "funding-minimum",
            Rule::BudgetPercent => "budget-percent",
            Rule::BudgetMinimum => "budget-minimum",
            Rule::MissingSection => "missing-section",
            Rule::RubricThreshold => "rubric-threshold",
            Rule::Io => "io",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::UnknownField | Rule::MissingSection => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// One line on what the rule checks, for help text and reports.
    pub fn description(self) -> &'static str {
        match self {
            Rule::FrontMatter => "front matter missing, unterminated, or not valid YAML",
            Rule::MissingField => "a required field is absent or null",
            Rule::FieldType => "a field has the wrong type",
            Rule::UnknownField => "a field the format does not know",
            Rule::Amount => {
                "a money value that cannot be parsed, is negative, or has sub-cent digits"
            }
            Rule::Currency => "unknown currency code, or a symbol that disagrees with it",
            Rule::BudgetTotal => "the top-level budget lines do not add up to funding.goal",
            Rule::BudgetSubtotal => "a line's `lines` do not add up to that line's amount",
            Rule::BudgetUnitCost => "quantity × unit_cost differs from the line's amount",
            Rule::FundingMinimum => "funding.minimum is greater than funding.goal",
            Rule::BudgetPercent => {
                "a percent line's amount differs from its percentage of its siblings"
            }
            Rule::BudgetMinimum => "the tier-1 lines do not add up to funding.minimum",
            Rule::MissingSection => "a section the rubric scores is not in the body",
            Rule::RubricThreshold => "a section scored below the rubric's minimum for it",
            Rule::Io => "the file cannot be read, is not UTF-8, or is too large",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

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
    fn rule_ids_are_the_contract() {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(
            ids,
            [
                "frontmatter",
                "missing-field",
                "field-type",
                "unknown-field",
                "amount",
                "currency",
                "budget-total",
                "budget-subtotal",
                "budget-unit-cost",
                "funding-minimum",
                "budget-percent",
                "budget-minimum",
                "missing-section",
                "rubric-threshold",
                "io",
            ]
        );
        let warnings: Vec<&str> = Rule::ALL
            .iter()
            .filter(|r| r.severity() == Severity::Warning)
            .map(|r| r.id())
            .collect();
        assert_eq!(warnings, ["unknown-field", "missing-section"]);
    }

    #[test]
    fn pluralises() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(2, "warning"), "2 warnings");
    }
}
