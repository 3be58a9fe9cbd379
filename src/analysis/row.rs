//! One proposal as a `compare` row: the contract's columns (§4), read off
//! the loaded proposal and its findings.

use std::borrow::Cow;

use super::FileReport;
use crate::currency::Currency;
use crate::money::{Money, Range};
use crate::proposal::Proposal;
use crate::rubric::Scores;

#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub file: String,
    pub id: String,
    pub title: Option<String>,
    pub applicant: Vec<String>,
    pub currency: Option<Currency>,
    pub goal: Option<Money>,
    pub minimum: Option<Money>,
    /// The sum of the top-level lines as written; `None` when a line has no
    /// readable amount. A ranged sum has `budget_low` < `budget_high` and
    /// no `budget_total` (§4).
    pub budget_total: Option<Money>,
    pub budget_low: Option<Money>,
    pub budget_high: Option<Money>,
    pub budget_ok: bool,
    pub premortem_score: Option<u32>,
    pub track_record_score: Option<u32>,
    pub total_score: Option<u32>,
    /// The scores of the rubric's other scored sections, in `Columns` order.
    pub section_scores: Vec<Option<u32>>,
    pub errors: usize,
    pub warnings: usize,
    pub raised: Option<Money>,
    /// The total of `funding.other_sources`; `None` without any, or when
    /// one has no readable amount.
    pub other_sources: Option<Money>,
    /// The cumulative cost of each tier, as plain decimals (`low-high`
    /// for a ranged one).
    pub levels: Vec<String>,
    pub round: Option<String>,
    pub causes: Vec<String>,
    /// The proposal's reviews, when the run was given `--reviews`. Boxed,
    /// as are `scores`: most runs have neither, and a round of 100,000
    /// rows holds every row at once.
    pub review: Option<Box<ReviewCells>>,
    /// Per-section scores with their evidence; kept only for formats that show them.
    pub scores: Option<Box<Scores>>,
}

/// One cell, typed, so that sorting and every format read the same value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    Money(Money),
    Bool(bool),
    Count(u64),
    /// A review mean or score (§5): not money, not a count.
    Real(f64),
    Missing,
}

impl CompareRow {
    /// A row with only an id, a file named after it, a goal and a total.
    #[cfg(test)]
    pub(crate) fn sample(id: &str, goal: Option<i128>, total: Option<u32>) -> CompareRow {
        CompareRow {
            file: format!("{id}.md"),
            id: id.to_string(),
            title: None,
            applicant: Vec::new(),
            currency: None,
            goal: goal.map(|g| Money::from_int(g).unwrap()),
            minimum: None,
            budget_total: None,
            budget_low: None,
            budget_high: None,
            budget_ok: false,
            premortem_score: None,
            track_record_score: None,
            total_score: total,
            section_scores: vec![total],
            errors: 0,
            warnings: 0,
            raised: None,
            other_sources: None,
            levels: Vec::new(),
            round: None,
            causes: Vec::new(),
            review: None,
            scores: None,
        }
    }

    /// Builds the row for one checked file. `proposal` is `None` when the
    /// front matter could not be read; the row then holds what could be:
    /// the file, the default id, any scores, and the error count.
    /// `keys` are the other scored sections' keys (`Columns::keys`).
    pub fn new(
        report: FileReport,
        proposal: Option<&Proposal>,
        keep_scores: bool,
        keys: &[String],
    ) -> Self {
        let (errors, warnings) = report.totals();
        let budget_broken = report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.rule.breaks_budget());
        let has_budget = proposal.is_some_and(|p| p.budget.as_ref().is_some_and(|b| !b.is_empty()));
        let total = report.budget_total;
        let levels = report
            .budget
            .as_ref()
            .map(|b| {
                b.levels
                    .iter()
                    .map(|(_, cost)| plain_range(*cost))
                    .collect()
            })
            .unwrap_or_default();
        let score = |key: &str| {
            let scores = report.scores.as_ref()?;
            scores.section(key).map(|s| s.score)
        };
        CompareRow {
            id: proposal.map_or_else(|| default_id(&report.file), |p| p.id.clone()),
            title: proposal.and_then(|p| p.title.clone()),
            applicant: proposal.map(|p| p.applicant.clone()).unwrap_or_default(),
            currency: proposal.map(|p| p.currency),
            goal: proposal.and_then(|p| p.funding.goal.given()),
            minimum: proposal.and_then(|p| p.funding.minimum.given()),
            budget_total: total.and_then(|t| t.exact()),
            budget_low: total.map(|t| t.low),
            budget_high: total.map(|t| t.high),
            budget_ok: has_budget && !budget_broken,
            premortem_score: score("premortem"),
            track_record_score: score("track_record"),
            total_score: report.scores.as_ref().map(|s| s.total_score),
            section_scores: keys.iter().map(|k| score(k)).collect(),
            errors,
            warnings,
            raised: proposal.and_then(|p| p.funding.raised.given()),
            other_sources: proposal.and_then(other_sources),
            levels,
            round: proposal.and_then(|p| p.round.clone()),
            causes: proposal.map(|p| p.causes.clone()).unwrap_or_default(),
            review: None,
            scores: if keep_scores {
                report.scores.map(Box::new)
            } else {
                None
            },
            file: report.file,
        }
    }
}

/// A row's review columns (§5): how many reviews, their plain mean, the
/// calibrated score and the spread; the three numbers are `None` for a
/// proposal nobody reviewed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReviewCells {
    pub count: usize,
    pub mean: Option<f64>,
    pub score: Option<f64>,
    pub spread: Option<f64>,
}

impl CompareRow {
    /// Counts a finding about this proposal that only the run as a whole
    /// could make (`duplicate-id`).
    pub fn add(&mut self, diagnostic: &crate::diagnostic::Diagnostic) {
        if diagnostic.is_error() {
            self.errors += 1;
        } else {
            self.warnings += 1;
        }
    }
}

/// The total of `funding.other_sources`, when every one has an amount.
fn other_sources(proposal: &Proposal) -> Option<Money> {
    let sources = &proposal.funding.other_sources;
    if sources.is_empty() {
        return None;
    }
    sources
        .iter()
        .try_fold(Money::ZERO, |sum, s| sum.checked_add(s.amount.given()?))
}

fn plain_range(range: Range) -> String {
    match range.exact() {
        Some(money) => money.plain(),
        None => format!("{}-{}", range.low.plain(), range.high.plain()),
    }
}

fn default_id(file: &str) -> String {
    crate::proposal::default_id(std::path::Path::new(file))
}
