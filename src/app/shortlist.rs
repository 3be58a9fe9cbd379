//! `grantctl shortlist`: every proposal read and checked, scored by the
//! `--by` column, its levels converted to the pool's currency, and the
//! exact best set of grants chosen (§6).

use std::io::Write;

use anyhow::{anyhow, bail};
use rust_decimal::Decimal;

use super::pipeline::{analyse_all, prepare};
use super::reviews::{check_ids, fill, given as given_reviews};
use super::settings::InputOptions;
use super::status::ExitStatus;
use super::write::Pending;
use crate::analysis::{Col, Columns, CompareRow, FileReport, Value};
use crate::cli::ShortlistArgs;
use crate::currency::Currency;
use crate::money::{Marker, Money};
use crate::output::compare::CompareFormat;
use crate::output::shortlist::render_shortlist;
use crate::proposal::Proposal;
use crate::reviews::{RIDGE, calibrate};
use crate::shortlist::{Candidate, Level, shortlist};

/// The pool as written: its amount and currency (the symbol's or code's,
/// else USD).
pub(super) fn pool(text: &str) -> anyhow::Result<(Money, Currency)> {
    let written = Money::parse(text).map_err(|e| anyhow!("--pool `{text}`: {e}"))?;
    let currency = match &written.marker {
        None => Currency::USD,
        Some(Marker::Symbol(s)) => Currency::of_symbol(*s).ok_or_else(|| {
            anyhow!(
                "--pool `{text}`: `{s}` names no single currency; write a code, e.g. `100000 EUR`"
            )
        })?,
        Some(Marker::Code(code)) => Currency::from_code(code)
            .ok_or_else(|| anyhow!("--pool `{text}`: `{code}` is not an ISO 4217 code"))?,
    };
    Ok((written.money, currency))
}

/// A proposal's levels in its own currency, cheapest first, ending at its
/// goal: its tier totals, `funding.minimum`, `funding.goal` (§6). Ranged
/// levels have no one cost and are left out.
pub(super) fn levels_of(report: &FileReport, proposal: Option<&Proposal>) -> Levels {
    match proposal {
        Some(p) => (levels(report, p), p.currency),
        None => (Vec::new(), Currency::USD),
    }
}

fn levels(report: &FileReport, proposal: &Proposal) -> Vec<(String, Money)> {
    let Some(goal) = proposal.funding.goal.given() else {
        return Vec::new();
    };
    let mut levels: Vec<(String, Money)> = Vec::new();
    if let Some(summary) = &report.budget {
        for (tier, cost) in &summary.levels {
            if let Some(cost) = cost.exact() {
                let name = if *tier == 1 {
                    "tier 1".to_string()
                } else {
                    format!("tiers 1–{tier}")
                };
                levels.push((name, cost));
            }
        }
    }
    if let Some(minimum) = proposal.funding.minimum.given() {
        levels.push(("minimum".to_string(), minimum));
    }
    levels.retain(|(_, cost)| *cost < goal && *cost > Money::ZERO);
    levels.push(("goal".to_string(), goal));
    levels.sort_by_key(|(_, cost)| *cost);
    levels.dedup_by_key(|(_, cost)| *cost);
    levels
}

/// `levels` in the pool's currency; `Err` (the reason) without a rate.
fn converted(
    levels: Vec<(String, Money)>,
    from: Currency,
    to: Currency,
    rates: &[(Currency, Decimal)],
) -> Result<Vec<Level>, String> {
    if from == to {
        return Ok(levels
            .into_iter()
            .map(|(name, cost)| Level { name, cost })
            .collect());
    }
    let Some((_, rate)) = rates.iter().find(|(c, _)| *c == from) else {
        return Err(format!(
            "in {from}, with no rate to {to}: add `exchange-rates: {{{from}: …}}` to grantctl.yaml"
        ));
    };
    levels
        .into_iter()
        .map(|(name, cost)| {
            let out_of_range = || format!("its amount in {to} is out of range");
            let value = cost
                .value()
                .checked_mul(*rate)
                .ok_or_else(out_of_range)?
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            Money::from_decimal(value)
                .map(|cost| Level { name, cost })
                .map_err(|_| out_of_range())
        })
        .collect()
}

pub fn run(args: ShortlistArgs, stdout: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    let format =
        CompareFormat::resolve(args.format, args.output.as_deref()).map_err(anyhow::Error::msg)?;
    let (pool_amount, currency) = pool(&args.pool)?;
    if !args.score.bar.is_finite() {
        bail!("--bar must be a finite number");
    }
    let input: InputOptions = args.common.try_into()?;
    let reviews = given_reviews(&input)?;
    let (rubric, found) = prepare(&input)?;
    let columns = Columns::for_run(&rubric, reviews.is_some());
    let by_column = score_column(&columns, args.score.by.as_deref(), reviews.is_some())?;
    let analysed = analyse_all(
        &input,
        &rubric,
        &found.inputs,
        &|| {},
        |report, proposal| {
            let levels = levels_of(&report, proposal.as_ref());
            (
                CompareRow::new(report, proposal.as_ref(), false, columns.keys()),
                levels,
            )
        },
    )?;
    let (mut rows, levels): (Vec<CompareRow>, Vec<Levels>) = analysed.items.into_iter().unzip();
    if let Some(reviews) = &reviews {
        check_ids(reviews, rows.iter().map(|r| r.id.as_str()))?;
        fill(&mut rows, &calibrate(reviews, RIDGE));
    }
    let candidates = candidates(&rows, levels, by_column, currency, &input.exchange_rates);
    let result = shortlist(&candidates, pool_amount, currency, args.score.bar);
    match &args.output {
        Some(path) => Pending::open(path, &input.read_files())?
            .finish(|out| render_shortlist(format, &result, currency, out))?,
        None => {
            render_shortlist(format, &result, currency, stdout)?;
            stdout.flush()?;
        }
    }
    Ok(ExitStatus::Success)
}

/// The `--by` column: a score column of this run, by default the
/// calibrated review score when there are reviews, else the total score.
pub(super) fn score_column(
    columns: &Columns,
    by: Option<&str>,
    reviews: bool,
) -> anyhow::Result<Col> {
    let by = by.unwrap_or(if reviews {
        "review_score"
    } else {
        "total_score"
    });
    columns.find(by).filter(|c| c.is_numeric()).ok_or_else(|| {
        anyhow!("--by `{by}` is not a score column; use total_score, a <key>_score or (with --reviews) review_score")
    })
}

/// A proposal's levels in its own currency, and that currency.
pub(super) type Levels = (Vec<(String, Money)>, Currency);

/// Each row as the shortlist sees it, in id order: its `--by` score, its
/// levels in the pool's currency, and why it cannot be funded at all.
pub(super) fn candidates(
    rows: &[CompareRow],
    levels: Vec<Levels>,
    by_column: Col,
    currency: Currency,
    rates: &[(Currency, Decimal)],
) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = rows
        .iter()
        .zip(levels)
        .map(|(row, (levels, from))| {
            let score = match row.cell(by_column) {
                Value::Count(n) => Some(n as f64),
                Value::Real(x) => Some(x),
                _ => None,
            };
            let (levels, excluded) = match converted(levels, from, currency, rates) {
                Ok(levels) => (levels, None),
                Err(why) => (Vec::new(), Some(why)),
            };
            let excluded = excluded.or_else(|| {
                (!row.budget_ok).then(|| "budget errors: its budget does not check out".to_string())
            });
            Candidate {
                id: row.id.clone(),
                title: row.title.clone(),
                score,
                levels,
                excluded,
            }
        })
        .collect();
    candidates.sort_by(|a, b| a.id.cmp(&b.id));
    candidates
}
