//! The arithmetic of one budget: lines valued in a currency, sums that
//! overflow reported once, funding levels, and every computed figure held
//! to a stated one within the tolerance.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::mismatch::{Claim, Mismatch};
use super::summary::Tolerated;
use crate::currency::Currency;
use crate::diagnostic::{Finding, Findings, Rule};
use crate::money::{Money, Range};
use crate::proposal::{BudgetLine, Proposal};
use crate::yaml::Pos;

/// A list of budget lines checked together: the top-level budget or one
/// line's `lines`.
pub(super) struct List<'l> {
    pub(super) lines: &'l [BudgetLine],
    /// Where the list's key stands, for a sum that overflows.
    pub(super) at: Option<Pos>,
    /// `budget` or the name of the line the list belongs to.
    pub(super) name: &'l str,
    /// The top-level list of a proposal with `funding.minimum`, whose tier-1
    /// total is checked too.
    pub(super) top: bool,
}

impl List<'_> {
    /// The checks that need this list's sum, for a message saying they
    /// could not run.
    fn needs_sum(&self) -> String {
        let mut checks = vec![if self.name == "budget" {
            Rule::BudgetTotal.id().to_string()
        } else {
            format!("{} of {}", Rule::BudgetSubtotal, self.name)
        }];
        if self.lines.iter().any(|l| l.percent.given().is_some()) {
            checks.push(Rule::BudgetPercent.id().to_string());
        }
        if self.top && self.lines.iter().any(|l| l.tier.given().is_some()) {
            checks.push(Rule::BudgetMinimum.id().to_string());
        }
        match checks.len() {
            1 => checks.remove(0),
            _ => {
                let last = checks.pop().unwrap_or_default();
                format!("{} and {last}", checks.join(", "))
            }
        }
    }
}

/// A figure the proposal states, that a computed one is checked against:
/// its path for messages and where it stands.
pub(super) struct Stated<'p> {
    path: &'p str,
    at: Option<Pos>,
}

impl<'p> Stated<'p> {
    pub(super) fn new(path: &'p str, at: Option<Pos>) -> Self {
        Stated { path, at }
    }
}

/// The state of one budget's checking: the proposal's currency, rates
/// and tolerance, the findings, and what the tolerance let pass.
pub(super) struct Checker<'a> {
    pub(super) currency: Currency,
    rates: &'a [(Currency, Decimal)],
    tolerance: Money,
    out: &'a mut Findings,
    pub(super) tolerated: Vec<Tolerated>,
    /// Where an overflow has been reported, so each is reported once
    /// however many sums run into it (the percent base, the total, the
    /// funding levels), without scanning the findings.
    overflowed: HashSet<Option<Pos>>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(proposal: &'a Proposal, out: &'a mut Findings) -> Self {
        Checker {
            currency: proposal.currency,
            rates: &proposal.exchange_rates,
            tolerance: proposal.funding.tolerance.given().unwrap_or(Money::ZERO),
            out,
            tolerated: Vec::new(),
            overflowed: HashSet::new(),
        }
    }

    /// Checks `computed` against the `stated` figure, both in `currency`:
    /// outside the tolerance it is a `rule` finding worded from the
    /// mismatch (`claim` is only built then); inside it but not exact, it
    /// is recorded as tolerated.
    pub(super) fn compare(
        &mut self,
        currency: Currency,
        (computed, stated): (Range, Range),
        at: Stated<'_>,
        rule: Rule,
        claim: impl FnOnce() -> Claim,
    ) {
        let (gap, short) = computed.gap(stated);
        if computed.admits(stated, self.tolerance) {
            if !gap.value().is_zero() {
                self.tolerated.push(Tolerated {
                    path: at.path.to_string(),
                    currency,
                    computed,
                    stated,
                    difference: gap,
                });
            }
            return;
        }
        if self.out.is_full() {
            // Only counted from here on: no need to word it.
            self.out.count(rule);
            return;
        }
        let mismatch = Mismatch {
            claim: claim(),
            currency,
            computed,
            stated,
            gap,
            short,
            tolerance: (!self.tolerance.value().is_zero()).then_some(self.tolerance),
        };
        debug_assert_eq!(mismatch.claim.rule(), rule);
        self.out
            .push(Finding::new(rule, at.at, mismatch.to_string()));
    }

    /// Arithmetic that cannot be done: one `amount` finding at `at`, naming
    /// what overflowed and the checks that could not run because of it.
    pub(super) fn overflow(&mut self, at: Option<Pos>, what: &str, unchecked: &str) {
        if self.overflowed.insert(at) {
            self.out.push(Finding::new(
                Rule::Amount,
                at,
                format!("{what} more than an amount can hold, so {unchecked} could not be checked"),
            ));
        }
    }

    /// The sum of `funding.other_sources`. `None`: there are none.
    /// `Some(None)`: one is unreadable (reported) or the sum overflows
    /// (reported here).
    pub(super) fn other_sources(&mut self, proposal: &Proposal) -> Option<Option<Money>> {
        let sources = &proposal.funding.other_sources;
        if sources.is_empty() {
            return None;
        }
        let mut sum = Money::ZERO;
        for source in sources {
            let amount = source.amount.given()?;
            match sum.checked_add(amount) {
                Some(next) => sum = next,
                None => {
                    let at = proposal.funding.sources_at;
                    let what = "the amounts of `funding.other_sources` add up to";
                    self.overflow(at, what, Rule::BudgetTotal.id());
                    return Some(None);
                }
            }
        }
        Some(Some(sum))
    }

    /// `funding.goal` plus other sources; `None` (reported) on overflow.
    pub(super) fn goal_plus(
        &mut self,
        goal: Money,
        others: Money,
        at: Option<Pos>,
    ) -> Option<Money> {
        let sum = goal.checked_add(others);
        if sum.is_none() {
            let what = "`funding.goal` plus `funding.other_sources` comes to";
            self.overflow(at, what, Rule::BudgetTotal.id());
        }
        sum
    }

    /// Each line's value in `currency`, checking each on the way; `None`
    /// for a line whose value is unknown (already reported).
    pub(super) fn values(&mut self, list: &List<'_>, currency: Currency) -> Vec<Option<Range>> {
        let mut values: Vec<Option<Range>> = list
            .lines
            .iter()
            .map(|line| {
                if line.percent.given().is_some() {
                    // Filled in below, once the lines they share are known.
                    return None;
                }
                let value = self.line_value(line, None)?;
                self.convert(value, line, currency)
            })
            .collect();
        let has_percent = list.lines.iter().any(|line| line.percent.given().is_some());
        if !has_percent {
            return values;
        }
        let plain: Vec<Option<Range>> = list
            .lines
            .iter()
            .zip(&values)
            .filter(|(line, _)| line.percent.is_absent())
            .map(|(_, value)| *value)
            .collect();
        let base = if plain.iter().all(Option::is_some) {
            self.add_all(&plain, list)
        } else {
            None
        };
        for (line, value) in list.lines.iter().zip(values.iter_mut()) {
            if let Some(percent) = line.percent.given() {
                *value = self.percent_value(line, percent, base, currency);
            }
        }
        values
    }

    /// The sum of `values`; `None` if one is unknown or the sum overflows
    /// (an `amount` finding at the list).
    pub(super) fn add_all(&mut self, values: &[Option<Range>], list: &List<'_>) -> Option<Range> {
        let mut total = Range::ZERO;
        for value in values {
            match total.checked_add((*value)?) {
                Some(sum) => total = sum,
                None => {
                    let what = format!("the amounts under `{}` add up to", list.name);
                    self.overflow(list.at, &what, &list.needs_sum());
                    return None;
                }
            }
        }
        Some(total)
    }

    /// `value`, in `line`'s currency, in `to`: converted through the
    /// proposal's currency and rounded half-up to cents. `None` when a
    /// rate is missing (reported where the line was read).
    pub(super) fn convert(
        &mut self,
        value: Range,
        line: &BudgetLine,
        to: Currency,
    ) -> Option<Range> {
        let from = line.currency;
        if from == to {
            return Some(value);
        }
        let rate = |c: Currency| self.rates.iter().find(|(r, _)| *r == c).map(|(_, r)| *r);
        let mut factor = Decimal::ONE;
        if from != self.currency {
            factor = rate(from)?;
        }
        if to != self.currency {
            factor = factor.checked_div(rate(to)?)?;
        }
        let converted = value.times(factor);
        if converted.is_none() {
            let what = format!("{} converted to {to} comes to", self.name(line));
            self.overflow(Some(line.spots.amount), &what, "the total above it");
        }
        converted
    }

    /// With tiers, what each funding level costs: the lines of tiers 1..k.
    pub(super) fn levels(
        &mut self,
        list: &List<'_>,
        values: &[Option<Range>],
    ) -> Vec<(u32, Range)> {
        let lines = list.lines;
        if !lines.iter().any(|l| l.tier.given().is_some()) {
            return Vec::new();
        }
        let tier = |line: &BudgetLine| line.tier.given().unwrap_or(1);
        let mut tiers: Vec<u32> = lines.iter().map(tier).collect();
        tiers.sort_unstable();
        tiers.dedup();
        let mut levels = Vec::with_capacity(tiers.len());
        for k in tiers {
            let within: Vec<Option<Range>> = lines
                .iter()
                .zip(values)
                .filter(|(line, _)| tier(line) <= k)
                .map(|(_, v)| *v)
                .collect();
            match self.add_all(&within, list) {
                Some(cost) => levels.push((k, cost)),
                None => return Vec::new(),
            }
        }
        levels
    }
}
