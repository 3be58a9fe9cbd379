//! The typed proposal and `load`, which turns one file's text into a
//! proposal and the findings about it.
//!
//! Loading runs in stages and collects every problem instead of stopping at
//! the first: split the front matter, parse the YAML, read each field into
//! the typed model (`fields`), run the budget arithmetic (`budget`), and last
//! give each finding the file line of the key it is about.

mod fields;
pub mod frontmatter;
mod lines;
pub mod schema;

use rust_decimal::Decimal;

use crate::budget::{self, BudgetSummary};
use crate::currency::Currency;
use crate::diagnostic::{Diagnostic, LISTED, Rule, Unlisted};
use crate::excerpt::Lines;
use crate::money::{Money, Range};
use crate::rubric::{Rubric, Scores, score_proposal};
use crate::sections::split_sections;
use crate::yaml::{self, Pos};
use frontmatter::split_front_matter;

/// The file name without `.md`: a proposal's id when it states none.
pub fn default_id(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Budget lines nest at most this deep (§1); deeper is a `frontmatter` error.
pub const MAX_BUDGET_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: String,
    pub title: Option<String>,
    pub applicant: Vec<String>,
    pub round: Option<String>,
    pub causes: Vec<String>,
    pub currency: Currency,
    pub funding: Funding,
    /// `None` when the field is absent or unreadable.
    pub budget: Option<Vec<BudgetLine>>,
    /// Warning rules this file accepts (`grantctl: {allow: [...]}`).
    pub allow: Vec<Rule>,
    /// Units of `currency` per one unit of each other currency.
    pub exchange_rates: Vec<(Currency, Decimal)>,
    /// Where `budget:` stands, for findings about the budget as a whole.
    pub budget_at: Option<Pos>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Funding {
    pub goal: Field<Money>,
    pub minimum: Field<Money>,
    pub raised: Field<Money>,
    /// Money from elsewhere that covers part of the budget.
    pub other_sources: Vec<OtherSource>,
    /// The largest difference allowed between a computed and a stated total.
    pub tolerance: Field<Money>,
    /// Where `goal`, `minimum` and `other_sources` stand, when given.
    pub goal_at: Option<Pos>,
    pub minimum_at: Option<Pos>,
    pub sources_at: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OtherSource {
    pub path: String,
    /// Where the source's `amount` (or, without one, the item) stands.
    pub at: Pos,
    pub source: Option<String>,
    pub amount: Field<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLine {
    /// Which line it is, for messages, e.g. `budget[1].lines[0]`.
    pub path: String,
    /// Where its parts stand in the file.
    pub spots: LineSpots,
    pub item: Option<String>,
    /// A plain amount or a range, in the line's `currency`.
    pub amount: Field<Range>,
    pub quantity: Field<Decimal>,
    /// What `quantity` counts (`months`); informational.
    pub unit: Option<String>,
    pub unit_cost: Field<Range>,
    /// A percentage of the sibling lines without one.
    pub percent: Field<Decimal>,
    /// Funding level, top-level lines only; absent means 1.
    pub tier: Field<u32>,
    /// The line's own, or its parent's, or the proposal's.
    pub currency: Currency,
    pub lines: Vec<BudgetLine>,
    pub note: Option<String>,
}

/// Where a budget line's parts stand: a finding about a part points at its
/// key, or at the line's `-` when the key is absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineSpots {
    pub line: Pos,
    pub amount: Pos,
    pub unit_cost: Pos,
    pub percent: Pos,
    pub lines: Pos,
}

/// A value that may be absent, or present but unreadable (already reported),
/// so that checks downstream do not pile a second finding on the first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Field<T> {
    #[default]
    Absent,
    Invalid,
    Given(T),
}

impl<T: Copy> Field<T> {
    pub fn given(&self) -> Option<T> {
        match self {
            Field::Given(v) => Some(*v),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
}

/// A finding about the front matter before it is a `Diagnostic`: the rule,
/// the position of the key it is about (`None`: the front matter as a
/// whole, reported at its opening `---`), and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub at: Option<Pos>,
    pub message: String,
}

impl Finding {
    pub fn new(rule: Rule, at: impl Into<Option<Pos>>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            at: at.into(),
            message: message.into(),
        }
    }
}

/// The findings about one file's front matter as they are found: the first
/// `LISTED` kept, the rest counted by rule.
#[derive(Debug, Default)]
pub struct Findings {
    list: Vec<Finding>,
    unlisted: Vec<(Rule, usize)>,
}

impl Findings {
    pub fn push(&mut self, finding: Finding) {
        if self.is_full() {
            self.count(finding.rule);
        } else {
            self.list.push(finding);
        }
    }

    /// Whether another finding would only be counted: callers with many
    /// findings to make skip wording them.
    pub fn is_full(&self) -> bool {
        self.list.len() >= LISTED
    }

    /// Counts a finding of `rule` past the listed ones.
    pub fn count(&mut self, rule: Rule) {
        match self.unlisted.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, count)) => *count += 1,
            None => self.unlisted.push((rule, 1)),
        }
    }

    pub fn list(&self) -> &[Finding] {
        &self.list
    }
}

/// What loading one file produced. `proposal` is `None` when the front
/// matter could not be read at all; `scores` is `None` when the body could
/// not be found (no front matter to end it).
#[derive(Debug)]
pub struct Loaded {
    pub proposal: Option<Proposal>,
    pub diagnostics: Vec<Diagnostic>,
    pub scores: Option<Scores>,
    /// The top-level budget's sum, in the proposal's currency.
    pub budget_total: Option<Range>,
    /// Tiers, other sources and tolerated differences, when there are any.
    pub budget: Option<BudgetSummary>,
    /// Findings past `LISTED`, counted by rule.
    pub unlisted: Vec<Unlisted>,
}

/// Loads a proposal from its text and scores its body against `rubric`.
/// `file` names it in findings; `default_id` is the id used when the front
/// matter has none (the file stem).
pub fn load(file: &str, default_id: &str, text: &str, rubric: &Rubric) -> Loaded {
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(err) => {
            let diagnostic = Diagnostic::new(Rule::FrontMatter, file, 1, Some(1), err.to_string());
            return Loaded {
                proposal: None,
                diagnostics: vec![with_excerpt(diagnostic, text, 3)],
                scores: None,
                budget_total: None,
                budget: None,
                unlisted: Vec::new(),
            };
        }
    };
    let (scores, section_findings) = score_body(split.body, split.body_line, rubric);
    let root = match yaml::parse(split.yaml, split.yaml_line) {
        Ok(root) => root,
        Err(err) => {
            let message = format!("invalid YAML: {}", err.message);
            let diagnostic =
                Diagnostic::new(Rule::FrontMatter, file, err.line, Some(err.column), message);
            // A file whose front matter is broken gets that one finding;
            // its sections are still scored, but not reported on.
            return Loaded {
                proposal: None,
                diagnostics: vec![with_excerpt(diagnostic, text, 1)],
                scores: Some(scores),
                budget_total: None,
                budget: None,
                unlisted: Vec::new(),
            };
        }
    };
    let mut findings = Findings::default();
    let proposal = fields::read_proposal(root, default_id, &mut findings);
    let budget = proposal
        .as_ref()
        .map(|p| budget::check_budget(p, &mut findings))
        .unwrap_or_default();
    let mut lines = Lines::new(text);
    let (unlisted, summaries) = unlisted(file, &findings.unlisted);
    let mut diagnostics = locate(file, &mut lines, findings.list);
    diagnostics.extend(summaries);
    if proposal.is_some() {
        diagnostics.extend(section_findings.into_iter().map(|f| {
            let mut diagnostic = Diagnostic::new(f.rule, file, f.line, f.column, f.message);
            if let Some(column) = f.column {
                diagnostic.excerpt = lines.excerpt(f.line, column, Some(usize::MAX));
            }
            diagnostic
        }));
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Loaded {
        proposal,
        diagnostics,
        scores: Some(scores),
        budget_total: budget.total,
        budget: budget.summary,
        unlisted,
    }
}

/// For each rule with findings past `LISTED`: one finding that says how
/// many more there are, and the count of the others.
fn unlisted(file: &str, counts: &[(Rule, usize)]) -> (Vec<Unlisted>, Vec<Diagnostic>) {
    counts
        .iter()
        .map(|&(rule, count)| {
            let more = if count == 1 { "finding is" } else { "findings are" };
            let message = format!(
                "{count} more `{rule}` {more} not listed in this file: grantctl lists the first {LISTED} of a file"
            );
            let summary = Diagnostic::new(rule, file, 1, None, message);
            let rest = Unlisted {
                rule,
                severity: rule.severity(),
                count: count - 1,
            };
            (rest, summary)
        })
        .unzip()
}

fn score_body(
    body: &str,
    body_line: u32,
    rubric: &Rubric,
) -> (Scores, Vec<crate::rubric::SectionFinding>) {
    let sections = split_sections(
        body,
        body_line,
        &|heading| rubric.classify(heading),
        &|key| rubric.is_scored(key),
    );
    let mut findings = Vec::new();
    let scores = score_proposal(rubric, &sections, &mut findings);
    (scores, findings)
}

/// Gives each finding its line, column and a bounded excerpt of its line.
fn locate(file: &str, lines: &mut Lines<'_>, findings: Vec<Finding>) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .map(|finding| {
            let pos = finding.at.unwrap_or(Pos { line: 1, column: 1 });
            let underline = finding.at.is_none().then_some(3);
            let mut diagnostic = Diagnostic::new(
                finding.rule,
                file,
                pos.line,
                Some(pos.column),
                finding.message,
            );
            diagnostic.excerpt = lines.excerpt(pos.line, pos.column, underline);
            diagnostic
        })
        .collect()
}

fn with_excerpt(mut diagnostic: Diagnostic, text: &str, underline: usize) -> Diagnostic {
    let column = diagnostic.column.unwrap_or(1);
    diagnostic.excerpt = Lines::new(text).excerpt(diagnostic.line, column, Some(underline));
    diagnostic
}
