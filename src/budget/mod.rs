//! The budget arithmetic: does every figure a proposal states match the
//! lines beneath it?
//!
//! Pure checks over the typed model. Each message states both sums and the
//! difference, and points at the stated figure the lines fail to match
//! (`funding.goal`, a line's `amount`), which is what a reviewer asks about.
//! A line whose amount was unreadable has already been reported; totals that
//! depend on it are skipped rather than reported a second time.
//!
//! Budgets as applications write them (v1.2): every amount is a `Range`
//! (a plain amount is one of width zero), so there is one arithmetic. A
//! computed range passes when the stated figure lies inside it, give or
//! take `funding.tolerance`. `percent` lines are a share of their siblings
//! without one; `tier`s make funding levels; lines in another currency are
//! converted, rounded half-up to cents, where they are added to a total.
//!
//! `checker` does the arithmetic and `lines` one line's parts; a figure
//! that does not match is a `Mismatch` (computed, stated, gap), worded in
//! one place.

mod ask;
mod checker;
mod lines;
mod mismatch;
mod summary;
#[cfg(test)]
mod tests;

pub use ask::{check_ask, compile_ask_patterns};
pub use mismatch::{Claim, Mismatch, OtherSources};
pub use summary::{BudgetCheck, BudgetSummary, Tolerated};

use crate::diagnostic::{Finding, Findings, Rule};
use crate::money::{Money, Range};
use crate::proposal::Proposal;
use checker::{Checker, List, Stated};

/// Runs every budget rule over `proposal`: `budget-total`,
/// `budget-subtotal`, `budget-unit-cost`, `budget-percent`,
/// `budget-minimum` and `funding-minimum`.
pub fn check_budget(proposal: &Proposal, out: &mut Findings) -> BudgetCheck {
    check_funding_minimum(proposal, out);
    let Some(lines) = proposal.budget.as_ref() else {
        return BudgetCheck::default();
    };
    let mut checker = Checker::new(proposal, out);
    let list = List {
        lines,
        at: proposal.budget_at,
        name: "budget",
        top: proposal.funding.minimum.given().is_some(),
    };
    let values = checker.values(&list, proposal.currency);
    let total = checker.add_all(&values, &list);
    let levels = checker.levels(&list, &values);
    let funding = &proposal.funding;
    if let (Some((_, level_one)), Some(minimum)) = (levels.first(), funding.minimum.given()) {
        checker.compare(
            proposal.currency,
            (*level_one, minimum.into()),
            Stated::new("funding.minimum", funding.minimum_at),
            Rule::BudgetMinimum,
            || Claim::Minimum,
        );
    }
    let goal_and_others = check_goal(&mut checker, proposal, total);
    let tolerated = std::mem::take(&mut checker.tolerated);
    let summary = total.and_then(|total| {
        let interesting = levels.len() > 1
            || goal_and_others.is_some()
            || !tolerated.is_empty()
            || !total.is_exact();
        interesting.then_some(BudgetSummary {
            currency: proposal.currency,
            total,
            levels: if levels.len() > 1 { levels } else { Vec::new() },
            goal_and_others,
            tolerated,
        })
    });
    BudgetCheck { total, summary }
}

/// `budget-total`: the top-level lines against `funding.goal`, plus the
/// other sources when there are any. Returns the goal and the sources'
/// sum when both are known, for the summary.
fn check_goal(
    checker: &mut Checker<'_>,
    proposal: &Proposal,
    total: Option<Range>,
) -> Option<(Money, Money)> {
    let funding = &proposal.funding;
    let others = checker.other_sources(proposal);
    let goal = funding.goal.given();
    let goal_and_others = match (goal, others) {
        (Some(goal), Some(Some(others))) => Some((goal, others)),
        _ => None,
    };
    let stated = match (goal, others) {
        (Some(goal), None) => Some(goal),
        (Some(goal), Some(Some(others))) => checker.goal_plus(goal, others, funding.goal_at),
        _ => None,
    };
    if let (Some(total), Some(stated)) = (total, stated) {
        checker.compare(
            proposal.currency,
            (total, stated.into()),
            Stated::new("funding.goal", funding.goal_at),
            Rule::BudgetTotal,
            || Claim::Total {
                others: goal_and_others.map(|(goal, others)| OtherSources {
                    goal,
                    others,
                    names: source_names(proposal),
                }),
            },
        );
    }
    goal_and_others
}

fn check_funding_minimum(proposal: &Proposal, out: &mut Findings) {
    let funding = &proposal.funding;
    if let (Some(minimum), Some(goal)) = (funding.minimum.given(), funding.goal.given())
        && minimum > goal
    {
        let c = proposal.currency;
        out.push(Finding::new(
            Rule::FundingMinimum,
            funding.minimum_at,
            format!(
                "funding.minimum {} is greater than funding.goal {} (by {})",
                minimum.display(c),
                goal.display(c),
                minimum.abs_diff(goal).display(c)
            ),
        ));
    }
}

/// ` (Open Philanthropy $1,200,000, SFF $500,000)`.
fn source_names(proposal: &Proposal) -> String {
    let named: Vec<String> = proposal
        .funding
        .other_sources
        .iter()
        .filter_map(|s| {
            let amount = s.amount.given()?.display(proposal.currency);
            Some(match &s.source {
                Some(name) => format!("{name} {amount}"),
                None => amount.to_string(),
            })
        })
        .collect();
    if named.len() < 2 {
        String::new()
    } else {
        format!(" ({})", named.join(", "))
    }
}
