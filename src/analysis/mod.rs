//! One file's text analysed: front matter split from the body, the YAML
//! read into a proposal, the budget checked, the body's sections scored
//! against the rubric, every finding located. The only place these steps
//! meet; `app` reads the files and `output` renders what this returns.
//! `row` turns a report into `compare`'s row, `columns` is the table of
//! its cells and `sort` ranks rows.

mod columns;
mod report;
mod row;
mod sort;

pub use columns::{COLUMNS, Col, Column, ColumnRow, Columns};
pub use report::FileReport;
pub use row::{CompareRow, ReviewCells, Value};
pub use sort::{Filter, permute, sort_rows};

use crate::budget::{self, BudgetCheck};
use crate::diagnostic::{Diagnostic, Finding, Findings, LISTED, Rule, SectionFinding, Unlisted};
use crate::excerpt::Lines;
use crate::proposal::frontmatter::split_front_matter;
use crate::proposal::{self, Proposal};
use crate::rubric::{Rubric, Scores, score_proposal};
use crate::sections::split_sections;
use crate::yaml::{self, Pos};

/// What analysing one file produced: the report every renderer reads, and
/// the proposal (`None` when the front matter could not be read at all),
/// which `compare` reads its row from.
#[derive(Debug)]
pub struct Analysis {
    pub report: FileReport,
    pub proposal: Option<Proposal>,
}

/// Analyses one file's `text`. `file` names it in findings; `default_id`
/// is the id used when the front matter has none (the file stem).
pub fn analyse(file: &str, default_id: &str, text: &str, rubric: &Rubric) -> Analysis {
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(err) => {
            let diagnostic = Diagnostic::new(Rule::FrontMatter, file, 1, Some(1), err.to_string());
            return broken(file, with_excerpt(diagnostic, text, 3), None);
        }
    };
    let root = match yaml::parse(split.yaml, split.yaml_line) {
        Ok(root) => root,
        Err(err) => {
            let (scores, _) = score_body(split.body, split.body_line, rubric, None);
            let message = format!("invalid YAML: {}", err.message);
            let diagnostic =
                Diagnostic::new(Rule::FrontMatter, file, err.line, Some(err.column), message);
            // A file whose front matter is broken gets that one finding;
            // its sections are still scored, but not reported on.
            return broken(file, with_excerpt(diagnostic, text, 1), Some(scores));
        }
    };
    let mut findings = Findings::default();
    let proposal = proposal::read(root, default_id, &mut findings);
    let title = proposal.as_ref().and_then(|p| p.title.as_deref());
    let (scores, mut section_findings) = score_body(split.body, split.body_line, rubric, title);
    if let Some(proposal) = &proposal {
        section_findings.extend(budget::check_ask(proposal, split.body, split.body_line));
    }
    let budget = proposal
        .as_ref()
        .map(|p| budget::check_budget(p, &mut findings))
        .unwrap_or_default();
    let mut lines = Lines::new(text);
    let (listed, counted) = findings.into_parts();
    let (unlisted, summaries) = unlisted(file, &counted);
    let mut diagnostics = locate(file, &mut lines, listed);
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
    let BudgetCheck { total, summary } = budget;
    let report = FileReport {
        file: file.to_string(),
        diagnostics,
        scores: Some(scores),
        budget_total: total,
        budget: summary,
        unlisted,
    };
    Analysis { report, proposal }
}

/// A file whose front matter could not be read: its one finding, and the
/// body's scores when the body could be found.
fn broken(file: &str, diagnostic: Diagnostic, scores: Option<Scores>) -> Analysis {
    let report = FileReport {
        file: file.to_string(),
        diagnostics: vec![diagnostic],
        scores,
        budget_total: None,
        budget: None,
        unlisted: Vec::new(),
    };
    Analysis {
        report,
        proposal: None,
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
    title: Option<&str>,
) -> (Scores, Vec<SectionFinding>) {
    let sections = split_sections(body, body_line, rubric);
    let mut findings = Vec::new();
    let scores = score_proposal(rubric, &sections, title, &mut findings);
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
