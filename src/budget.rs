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

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::diagnostic::{Finding, Findings};
use crate::money::{Money, Range};
use crate::proposal::{BudgetLine, Proposal};
use crate::yaml::Pos;

/// What the human output shows about a budget beyond its findings: what
/// each funding level costs, what other sources cover, and differences the
/// tolerance let pass. `None` from `check_budget` when there is nothing
/// beyond a plain total to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetSummary {
    pub currency: Currency,
    /// The top-level lines, in the proposal's currency.
    pub total: Range,
    /// (tier, cumulative cost) when the budget has tiers.
    pub levels: Vec<(u32, Range)>,
    /// `funding.goal` and the sum of `funding.other_sources`, when any.
    pub goal_and_others: Option<(Money, Money)>,
    pub tolerated: Vec<Tolerated>,
}

/// A computed and a stated figure that differ by no more than the tolerance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tolerated {
    /// The stated figure's path, e.g. `funding.goal`.
    pub path: String,
    pub currency: Currency,
    pub computed: Range,
    pub stated: Range,
    pub difference: Money,
}

/// What checking a budget worked out, besides its findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetCheck {
    /// The sum of the top-level lines as written, in the proposal's
    /// currency; `None` when a line has no readable amount or the sum
    /// overflows. `compare`'s `budget_total`, `budget_low` and `budget_high`.
    pub total: Option<Range>,
    pub summary: Option<BudgetSummary>,
}

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
            *level_one,
            minimum.into(),
            Stated::new("funding.minimum", funding.minimum_at),
            Rule::BudgetMinimum,
            |computed, stated, gap| {
                format!("tier 1 lines add up to {computed} but funding.minimum is {stated} ({gap})")
            },
        );
    }
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
        let names = source_names(proposal);
        checker.compare(
            proposal.currency,
            total,
            stated.into(),
            Stated::new("funding.goal", funding.goal_at),
            Rule::BudgetTotal,
            |computed, stated_text, gap| match goal_and_others {
                None => format!(
                    "budget lines add up to {computed} but funding.goal is {stated_text} ({gap})"
                ),
                Some((goal, others)) => format!(
                    "budget lines add up to {computed} but funding.goal {} + other sources {}{names} is {stated_text} ({gap})",
                    goal.display(proposal.currency),
                    others.display(proposal.currency),
                ),
            },
        );
    }
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

/// "short by $1,000" when the computed figure is below the stated one.
fn gap(computed: Range, stated: Range, currency: Currency) -> String {
    let (difference, short) = computed.gap(stated);
    let difference = difference.display(currency);
    if short {
        format!("short by {difference}")
    } else {
        format!("over by {difference}")
    }
}

/// A list of budget lines checked together: the top-level budget or one
/// line's `lines`.
struct List<'l> {
    lines: &'l [BudgetLine],
    /// Where the list's key stands, for a sum that overflows.
    at: Option<Pos>,
    /// `budget` or the name of the line the list belongs to.
    name: &'l str,
    /// The top-level list of a proposal with `funding.minimum`, whose tier-1
    /// total is checked too.
    top: bool,
}

impl List<'_> {
    /// The checks that need this list's sum, for a message saying they
    /// could not run.
    fn needs_sum(&self) -> String {
        let mut checks = vec![if self.name == "budget" {
            "budget-total".to_string()
        } else {
            format!("budget-subtotal of {}", self.name)
        }];
        if self.lines.iter().any(|l| l.percent.given().is_some()) {
            checks.push("budget-percent".to_string());
        }
        if self.top && self.lines.iter().any(|l| l.tier.given().is_some()) {
            checks.push("budget-minimum".to_string());
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
struct Stated<'p> {
    path: &'p str,
    at: Option<Pos>,
}

impl<'p> Stated<'p> {
    fn new(path: &'p str, at: Option<Pos>) -> Self {
        Stated { path, at }
    }
}

struct Checker<'a> {
    currency: Currency,
    rates: &'a [(Currency, Decimal)],
    tolerance: Money,
    out: &'a mut Findings,
    tolerated: Vec<Tolerated>,
    /// Where an overflow has been reported, so each is reported once
    /// however many sums run into it (the percent base, the total, the
    /// funding levels), without scanning the findings.
    overflowed: HashSet<Option<Pos>>,
}

impl<'a> Checker<'a> {
    fn new(proposal: &'a Proposal, out: &'a mut Findings) -> Self {
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
    /// outside the tolerance it is a `rule` finding worded by
    /// `message(computed, stated, gap)`; inside it but not exact, it is
    /// recorded as tolerated.
    fn compare(
        &mut self,
        currency: Currency,
        computed: Range,
        stated: Range,
        at: Stated<'_>,
        rule: Rule,
        message: impl FnOnce(String, String, String) -> String,
    ) {
        let (difference, _) = computed.gap(stated);
        if computed.admits(stated, self.tolerance) {
            if !difference.value().is_zero() {
                self.tolerated.push(Tolerated {
                    path: at.path.to_string(),
                    currency,
                    computed,
                    stated,
                    difference,
                });
            }
            return;
        }
        if self.out.is_full() {
            // Only counted from here on: no need to word it.
            self.out.count(rule);
            return;
        }
        let mut gap = gap(computed, stated, currency);
        if !self.tolerance.value().is_zero() {
            gap.push_str(&format!(
                "; the tolerance is {}",
                self.tolerance.display(currency)
            ));
        }
        let text = message(computed.display(currency), stated.display(currency), gap);
        self.out.push(Finding::new(rule, at.at, text));
    }

    /// Arithmetic that cannot be done: one `amount` finding at `at`, naming
    /// what overflowed and the checks that could not run because of it.
    fn overflow(&mut self, at: Option<Pos>, what: &str, unchecked: &str) {
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
    fn other_sources(&mut self, proposal: &Proposal) -> Option<Option<Money>> {
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
                    self.overflow(at, what, "budget-total");
                    return Some(None);
                }
            }
        }
        Some(Some(sum))
    }

    /// `funding.goal` plus other sources; `None` (reported) on overflow.
    fn goal_plus(&mut self, goal: Money, others: Money, at: Option<Pos>) -> Option<Money> {
        let sum = goal.checked_add(others);
        if sum.is_none() {
            let what = "`funding.goal` plus `funding.other_sources` comes to";
            self.overflow(at, what, "budget-total");
        }
        sum
    }

    /// Each line's value in `currency`, checking each on the way; `None`
    /// for a line whose value is unknown (already reported).
    fn values(&mut self, list: &List<'_>, currency: Currency) -> Vec<Option<Range>> {
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

    /// A `percent` line's value: its share of `base`, checked against its
    /// stated amount when it has one; its own parts (`quantity ×
    /// unit_cost`, `lines`) are checked against that value.
    fn percent_value(
        &mut self,
        line: &BudgetLine,
        percent: Decimal,
        base: Option<Range>,
        currency: Currency,
    ) -> Option<Range> {
        let name = self.name(line);
        let percent = percent.normalize();
        let computed = match base.map(|b| b.percent(percent)) {
            Some(Some(computed)) => Some(computed),
            Some(None) => {
                let what = format!("{name} is {percent}% of an amount that comes to");
                self.overflow(Some(line.spots.percent), &what, "budget-percent");
                None
            }
            None => None,
        };
        let described = |base: Range| format!("{name} is {percent}% of {}", base.display(currency));
        let stated = match line.amount.given() {
            Some(amount) => {
                self.line_value(line, None);
                Some(self.convert(amount, line, currency)?)
            }
            None if line.amount.is_absent() => {
                let reference = computed
                    .zip(base)
                    .filter(|_| line.currency == currency)
                    .map(|(value, base)| (value, described(base)));
                self.line_value(line, reference);
                None
            }
            None => return None,
        };
        if let (Some(computed), Some(stated), Some(base)) = (computed, stated, base) {
            let at = Stated::new("amount", Some(line.spots.amount));
            let described = described(base);
            self.compare(
                currency,
                computed,
                stated,
                at,
                Rule::BudgetPercent,
                |computed, stated, gap| {
                    format!("{described} = {computed} but its amount is {stated} ({gap})")
                },
            );
        }
        stated.or(computed)
    }

    /// The sum of `values`; `None` if one is unknown or the sum overflows
    /// (an `amount` finding at the list).
    fn add_all(&mut self, values: &[Option<Range>], list: &List<'_>) -> Option<Range> {
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
    fn convert(&mut self, value: Range, line: &BudgetLine, to: Currency) -> Option<Range> {
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
    fn levels(&mut self, list: &List<'_>, values: &[Option<Range>]) -> Vec<(u32, Range)> {
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

    /// Checks one line's parts and returns its value in its own currency:
    /// its amount, or `quantity × unit_cost` when it states no amount.
    /// The parts are checked against the stated amount, or, for a
    /// `percent` line without one, against `reference`: the value its
    /// percentage gives and how to describe it.
    fn line_value(
        &mut self,
        line: &BudgetLine,
        reference: Option<(Range, String)>,
    ) -> Option<Range> {
        let currency = line.currency;
        let amount = line.amount.given();
        let product = self.unit_cost_product(line);
        let against = match (amount, reference) {
            (Some(amount), _) => Some((amount, None, Some(line.spots.amount))),
            (None, Some((value, described))) => {
                Some((value, Some(described), Some(line.spots.percent)))
            }
            (None, None) => None,
        };
        if let (Some((value, described, at)), Some((product, q, unit))) = (&against, product) {
            let counted = match &line.unit {
                Some(unit) => format!("{q} {unit}"),
                None => q.to_string(),
            };
            let unit = unit.display(currency);
            let stated = Stated::new("amount", *at);
            let described = described.clone();
            self.compare(currency, product, *value, stated, Rule::BudgetUnitCost, |product, amount, gap| {
                let reference = match described {
                    Some(described) => format!("{described} = {amount}"),
                    None => format!("amount is {amount}"),
                };
                format!("quantity × unit_cost is {counted} × {unit} = {product} but {reference} ({gap})")
            });
        }
        if !line.lines.is_empty() {
            let name = self.name(line);
            let list = List {
                lines: &line.lines,
                at: Some(line.spots.lines),
                name: &name,
                top: false,
            };
            let values = self.values(&list, currency);
            let subtotal = self.add_all(&values, &list);
            if let (Some(subtotal), Some((value, described, at))) = (subtotal, against) {
                let stated = Stated::new("amount", at);
                self.compare(
                    currency,
                    subtotal,
                    value,
                    stated,
                    Rule::BudgetSubtotal,
                    |subtotal, amount, gap| {
                        let reference = match described {
                            Some(described) => format!("{described} = {amount}"),
                            None => format!("its amount is {amount}"),
                        };
                        format!("the lines of {name} add up to {subtotal} but {reference} ({gap})")
                    },
                );
            }
        }
        if line.amount.is_absent() {
            product.map(|(p, _, _)| p)
        } else {
            amount
        }
    }

    fn unit_cost_product(&mut self, line: &BudgetLine) -> Option<(Range, Decimal, Range)> {
        let quantity = line.quantity.given()?;
        let unit = line.unit_cost.given()?;
        match unit.times(quantity) {
            Some(product) => Some((product, quantity.normalize(), unit)),
            None => {
                let what = format!(
                    "quantity × unit_cost ({} × {}) comes to",
                    quantity.normalize(),
                    unit.display(line.currency)
                );
                self.overflow(Some(line.spots.unit_cost), &what, "budget-unit-cost");
                None
            }
        }
    }

    fn name(&self, line: &BudgetLine) -> String {
        match &line.item {
            Some(item) => format!("`{}`", crate::yaml::shorten(item)),
            None => format!("`{}`", line.path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposal;

    fn total(front_matter: &str) -> (Option<Range>, Vec<String>) {
        let yaml = format!("title: T\n{front_matter}");
        let root = crate::yaml::parse(&yaml, 2).unwrap();
        let mut findings = Findings::default();
        let proposal = proposal::read(root, "t", &mut findings).unwrap();
        let checked = check_budget(&proposal, &mut findings);
        let messages = findings.list().iter().map(|f| f.message.clone()).collect();
        (checked.total, messages)
    }

    #[test]
    fn each_line_is_converted_and_rounded_on_its_own() {
        // £0.02 at 1.25 is $0.025, rounded half-up to $0.03 per line: two
        // lines make $0.06, not the $0.05 that converting their sum gives.
        let (sum, messages) = total(
            "exchange_rates: {GBP: 1.25}\nfunding:\n  goal: 0.06\nbudget:\n  - item: A\n    amount: \"£0.02\"\n  - item: B\n    amount: \"£0.02\"\n",
        );
        assert_eq!(sum.map(|r| r.low.plain()), Some("0.06".to_string()));
        assert_eq!(messages, Vec::<String>::new());
    }

    #[test]
    fn sub_lines_are_checked_in_their_parents_currency() {
        // The parent is in GBP; its sub-lines add up in GBP, and only the
        // parent is converted into the dollar total.
        let (sum, messages) = total(
            "exchange_rates: {GBP: 1.5}\nfunding:\n  goal: 150\nbudget:\n  - item: Pounds\n    currency: GBP\n    amount: 100\n    lines:\n      - item: A\n        amount: 60\n      - item: B\n        amount: \"£40\"\n",
        );
        assert_eq!(sum.map(|r| r.low.plain()), Some("150".to_string()));
        assert_eq!(messages, Vec::<String>::new());
    }

    #[test]
    fn a_percent_of_ranges_is_a_range() {
        let (sum, messages) = total(
            "funding:\n  goal: 330000\nbudget:\n  - item: Hires\n    amount: \"$100k - $200k\"\n  - item: Overhead\n    percent: 10\n",
        );
        let sum = sum.unwrap();
        assert_eq!(
            (sum.low.plain(), sum.high.plain()),
            ("110000".into(), "220000".into())
        );
        assert_eq!(
            messages,
            [
                "budget lines add up to $110,000 – $220,000 but funding.goal is $330,000 (short by $110,000)"
            ]
        );
    }
}
