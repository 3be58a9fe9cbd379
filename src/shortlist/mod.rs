//! The shortlist (§6): how much to grant each proposal so that the pool
//! is never exceeded and the total value, `(score − bar) × amount`, is as
//! large as possible, exactly. Each proposal can be funded at one of its
//! levels (tier totals, `funding.minimum`, `funding.goal`) or not at all.
//! Besides the choice: a reason for every proposal not funded at its
//! goal, the marginal bar, and the funding queue a grantmaker reads the
//! answer for any pool size from.

mod knapsack;

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::money::Money;
pub use knapsack::{Item, MAX_CELLS, solve};

/// One proposal as the shortlist sees it, amounts in the pool's currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub title: Option<String>,
    /// The `--by` column's value; `None` when the proposal has none.
    pub score: Option<f64>,
    /// Its levels, cheapest first, the last its goal.
    pub levels: Vec<Level>,
    /// Why it cannot be funded at all, decided before the optimum
    /// (budget errors, no rate for its currency).
    pub excluded: Option<String>,
}

/// A level a proposal can be funded at.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// `minimum`, `tier 1`, `tiers 1–2`, `goal`.
    pub name: String,
    pub cost: Money,
}

/// One proposal's line of the shortlist.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: String,
    pub title: Option<String>,
    pub score: Option<f64>,
    /// The level granted, `None` when not funded.
    pub level: Option<String>,
    pub granted: Money,
    /// Why it is not funded at its goal; `None` when it is.
    pub reason: Option<String>,
}

/// One step of the funding queue: an increment of one proposal, in the
/// order it would be funded as the pool grows.
#[derive(Debug, Clone, PartialEq)]
pub struct Increment {
    /// The proposal's place among the candidates.
    pub index: usize,
    pub id: String,
    pub level: String,
    pub amount: Money,
    /// `None` past the largest amount a decimal holds.
    pub cumulative: Option<Money>,
    /// Value per unit of money: the proposal's score minus the bar.
    pub per_unit: f64,
}

impl Shortlist {
    /// The decision for `id`: decisions are in id order (the candidates'),
    /// so a binary search; the first of any that share an id.
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        let at = self.decisions.partition_point(|d| d.id.as_str() < id);
        self.decisions.get(at).filter(|d| d.id == id)
    }
}

/// The shortlist of a pool.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortlist {
    pub pool: Money,
    pub granted: Money,
    pub remaining: Money,
    pub bar: f64,
    pub value: f64,
    pub decisions: Vec<Decision>,
    /// The value per unit of money of the last funded increment: what a
    /// further grant must beat.
    pub marginal: Option<f64>,
    pub queue: Vec<Increment>,
    /// False when the instance was too large for the exact table and the
    /// queue's greedy answer stands in: said, never silent.
    pub proven_optimal: bool,
}

/// An amount in cents, from its decimal's digits: multiplying the
/// decimal by 100 overflows for amounts near its largest, and an amount
/// has no digits past the cent.
fn cents(money: Money) -> i128 {
    let value = money.value();
    let (mantissa, scale) = (value.mantissa(), value.scale());
    match scale {
        0..=2 => mantissa * 10i128.pow(2 - scale),
        _ => mantissa / 10i128.pow(scale - 2),
    }
}

/// Cents as an amount; `None` past the largest amount a decimal holds
/// (a running total of several huge grants).
fn money_of_cents(cents: i128) -> Option<Money> {
    // Whole units are held without the two zeros: a decimal's digits run
    // out first for the largest amounts.
    let (mut digits, mut scale) = (cents, 2);
    while scale > 0 && digits % 10 == 0 {
        digits /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(digits, scale)
        .ok()
        .and_then(|d| Money::from_decimal(d).ok())
}

/// Cents no larger than an amount already held (a grant, what is left of
/// the pool, a step between two levels), so always an amount.
fn within(cents: i128) -> Money {
    money_of_cents(cents).unwrap_or(Money::ZERO)
}

/// Chooses the grants for `candidates` (in id order) from `pool`.
pub fn shortlist(candidates: &[Candidate], pool: Money, currency: Currency, bar: f64) -> Shortlist {
    let eligible = |c: &Candidate| c.excluded.is_none() && c.score.is_some_and(|s| s > bar);
    let items: Vec<Item> = candidates
        .iter()
        .map(|c| Item {
            options: match (eligible(c), c.score) {
                (true, Some(s)) => c
                    .levels
                    .iter()
                    .map(|l| (cents(l.cost), (s - bar) * cents(l.cost) as f64))
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect();
    let queue = queue(candidates, bar, &eligible);
    let (choice, proven) = match solve(&items, cents(pool)) {
        Some(choice) => (choice, true),
        None => (greedy(candidates, &queue, pool), false),
    };
    let granted_cents: i128 = candidates
        .iter()
        .zip(&choice)
        .filter_map(|(c, k)| k.map(|k| cents(c.levels[k].cost)))
        .sum();
    let remaining = within(cents(pool) - granted_cents);
    let marginal = candidates
        .iter()
        .zip(&choice)
        .filter(|(_, k)| k.is_some())
        .filter_map(|(c, _)| c.score.map(|s| s - bar))
        .min_by(f64::total_cmp);
    let decisions = candidates
        .iter()
        .zip(&choice)
        .map(|(c, k)| decide(c, *k, bar, remaining, marginal, currency))
        .collect();
    let value = candidates
        .iter()
        .zip(&choice)
        .filter_map(|(c, k)| Some((c.score? - bar) * cents(c.levels[(*k)?].cost) as f64 / 100.0))
        .sum();
    Shortlist {
        pool,
        granted: within(granted_cents),
        remaining,
        bar,
        value,
        decisions,
        marginal,
        queue,
        proven_optimal: proven,
    }
}

/// The funding queue: proposals by value per unit of money (score minus
/// bar), highest first (ties by id), each one's levels in order as
/// increments, with the running total.
fn queue(
    candidates: &[Candidate],
    bar: f64,
    eligible: &dyn Fn(&Candidate) -> bool,
) -> Vec<Increment> {
    let mut order: Vec<(usize, &Candidate)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| eligible(c))
        .collect();
    order.sort_by(|(_, a), (_, b)| {
        b.score
            .unwrap_or(0.0)
            .total_cmp(&a.score.unwrap_or(0.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut total = 0i128;
    let mut out = Vec::new();
    for (index, c) in order {
        let mut before = 0i128;
        for level in &c.levels {
            let cost = cents(level.cost);
            let step = cost - before;
            before = cost;
            total += step;
            out.push(Increment {
                index,
                id: c.id.clone(),
                level: level.name.clone(),
                amount: within(step),
                cumulative: money_of_cents(total),
                per_unit: c.score.unwrap_or(0.0) - bar,
            });
        }
    }
    out
}

/// What the queue funds from `pool`, taking whole increments in order
/// and skipping those that do not fit: the stand-in when the exact table
/// is too large.
fn greedy(candidates: &[Candidate], queue: &[Increment], pool: Money) -> Vec<Option<usize>> {
    let mut left = cents(pool);
    let mut chosen: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut blocked = vec![false; candidates.len()];
    for inc in queue {
        let i = inc.index;
        let step = cents(inc.amount);
        if blocked[i] || step > left {
            blocked[i] = true;
            continue;
        }
        left -= step;
        chosen[i] = Some(chosen[i].map_or(0, |k| k + 1));
    }
    chosen
}

/// One proposal's decision and, when it is not funded at its goal, why.
fn decide(
    c: &Candidate,
    chosen: Option<usize>,
    bar: f64,
    remaining: Money,
    marginal: Option<f64>,
    currency: Currency,
) -> Decision {
    let level = chosen.map(|k| c.levels[k].name.clone());
    let granted = chosen.map_or(Money::ZERO, |k| c.levels[k].cost);
    let at_goal = chosen.is_some_and(|k| k + 1 == c.levels.len());
    let reason = if at_goal {
        None
    } else {
        Some(reason(c, chosen, bar, remaining, marginal, currency))
    };
    Decision {
        id: c.id.clone(),
        title: c.title.clone(),
        score: c.score,
        level,
        granted,
        reason,
    }
}

fn reason(
    c: &Candidate,
    chosen: Option<usize>,
    bar: f64,
    remaining: Money,
    marginal: Option<f64>,
    currency: Currency,
) -> String {
    if let Some(why) = &c.excluded {
        return why.clone();
    }
    let Some(score) = c.score else {
        return "no score to rank it by".to_string();
    };
    if score <= bar {
        return format!("below the bar ({score} ≤ {bar})");
    }
    if c.levels.is_empty() {
        return "no amount to grant: it states no goal".to_string();
    }
    let next = chosen.map_or(0, |k| k + 1);
    let from = chosen.map_or(0, |k| cents(c.levels[k].cost));
    let step = within(cents(c.levels[next].cost) - from);
    let what = match chosen {
        Some(_) => format!("{} (+{})", c.levels[next].name, step.display(currency)),
        None => format!("{} ({})", c.levels[next].name, step.display(currency)),
    };
    if cents(step) > cents(remaining) {
        format!(
            "{what} does not fit what is left of the pool ({})",
            remaining.display(currency)
        )
    } else {
        let per_unit = score - bar;
        match marginal {
            Some(m) if per_unit <= m => {
                format!("{what} buys less per dollar than the last funded grant")
            }
            _ => format!("{what}: the pool buys more value in other grants"),
        }
    }
}
