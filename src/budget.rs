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

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::money::{Money, Range};
use crate::proposal::{BudgetLine, Finding, Proposal};

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
pub fn check_budget(proposal: &Proposal, out: &mut Vec<Finding>) -> BudgetCheck {
    check_funding_minimum(proposal, out);
    let Some(lines) = proposal.budget.as_ref() else {
        return BudgetCheck::default();
    };
    let mut checker = Checker::new(proposal, out);
    let values = checker.values(lines, proposal.currency, "budget");
    let total = checker.add_all(&values, "budget");
    let levels = checker.levels(lines, &values);
    let funding = &proposal.funding;
    if let (Some((_, level_one)), Some(minimum)) = (levels.first(), funding.minimum.given()) {
        checker.compare(
            proposal.currency,
            *level_one,
            minimum.into(),
            "funding.minimum",
            Rule::BudgetMinimum,
            |computed, stated, gap| {
                format!("tier 1 lines add up to {computed} but funding.minimum is {stated} ({gap})")
            },
        );
    }
    let others = other_sources(proposal);
    let goal = funding.goal.given();
    let goal_and_others = match (goal, others) {
        (Some(goal), Some(Some(others))) => Some((goal, others)),
        _ => None,
    };
    let stated = match (goal, others) {
        (Some(goal), None) => Some(goal),
        (Some(goal), Some(Some(others))) => goal.checked_add(others),
        _ => None,
    };
    if let (Some(total), Some(stated)) = (total, stated) {
        let names = source_names(proposal);
        checker.compare(
            proposal.currency,
            total,
            stated.into(),
            "funding.goal",
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

fn check_funding_minimum(proposal: &Proposal, out: &mut Vec<Finding>) {
    let funding = &proposal.funding;
    if let (Some(minimum), Some(goal)) = (funding.minimum.given(), funding.goal.given())
        && minimum > goal
    {
        let c = proposal.currency;
        out.push(Finding::new(
            Rule::FundingMinimum,
            "funding.minimum",
            format!(
                "funding.minimum {} is greater than funding.goal {} (by {})",
                minimum.display(c),
                goal.display(c),
                minimum.abs_diff(goal).display(c)
            ),
        ));
    }
}

/// `None`: no other sources. `Some(None)`: one is unreadable (reported).
fn other_sources(proposal: &Proposal) -> Option<Option<Money>> {
    let sources = &proposal.funding.other_sources;
    if sources.is_empty() {
        return None;
    }
    Some(sources.iter().try_fold(Money::ZERO, |sum, source| {
        sum.checked_add(source.amount.given()?)
    }))
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

struct Checker<'a> {
    currency: Currency,
    rates: &'a [(Currency, Decimal)],
    tolerance: Money,
    out: &'a mut Vec<Finding>,
    tolerated: Vec<Tolerated>,
}

impl<'a> Checker<'a> {
    fn new(proposal: &'a Proposal, out: &'a mut Vec<Finding>) -> Self {
        Checker {
            currency: proposal.currency,
            rates: &proposal.exchange_rates,
            tolerance: proposal.funding.tolerance.given().unwrap_or(Money::ZERO),
            out,
            tolerated: Vec::new(),
        }
    }

    /// Checks `computed` against the `stated` figure at `path`, both in
    /// `currency`: outside the tolerance it is a `rule` finding worded by
    /// `message(computed, stated, gap)`; inside it but not exact, it is
    /// recorded as tolerated.
    fn compare(
        &mut self,
        currency: Currency,
        computed: Range,
        stated: Range,
        path: &str,
        rule: Rule,
        message: impl FnOnce(String, String, String) -> String,
    ) {
        let (difference, _) = computed.gap(stated);
        if computed.admits(stated, self.tolerance) {
            if !difference.value().is_zero() {
                self.tolerated.push(Tolerated {
                    path: path.to_string(),
                    currency,
                    computed,
                    stated,
                    difference,
                });
            }
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
        self.out.push(Finding::new(rule, path, text));
    }

    /// Each line's value in `currency`, checking each on the way; `None`
    /// for a line whose value is unknown (already reported).
    fn values(
        &mut self,
        lines: &[BudgetLine],
        currency: Currency,
        path: &str,
    ) -> Vec<Option<Range>> {
        let mut values: Vec<Option<Range>> = lines
            .iter()
            .map(|line| {
                if line.percent.given().is_some() {
                    // Filled in below, once the lines they share are known.
                    let _ = self.line_value(line);
                    return None;
                }
                let value = self.line_value(line)?;
                self.convert(value, line, currency)
            })
            .collect();
        let plain: Vec<Option<Range>> = lines
            .iter()
            .zip(&values)
            .filter(|(line, _)| line.percent.is_absent())
            .map(|(_, value)| *value)
            .collect();
        // Only summed when a percent line needs it: the caller sums the
        // lines again, and an overflow should be reported once.
        let has_percent = lines.iter().any(|line| line.percent.given().is_some());
        let base = if has_percent && plain.iter().all(Option::is_some) {
            self.add_all(&plain, path)
        } else {
            None
        };
        for (line, value) in lines.iter().zip(values.iter_mut()) {
            if let Some(percent) = line.percent.given() {
                *value = self.percent_value(line, percent, base, currency);
            }
        }
        values
    }

    /// A `percent` line's value: its share of `base`, checked against its
    /// stated amount when it has one.
    fn percent_value(
        &mut self,
        line: &BudgetLine,
        percent: Decimal,
        base: Option<Range>,
        currency: Currency,
    ) -> Option<Range> {
        let computed = match base.map(|b| b.percent(percent)) {
            Some(Some(computed)) => Some(computed),
            Some(None) => {
                self.overflow(&format!("{}.percent", line.path));
                None
            }
            None => None,
        };
        let stated = match line.amount.given() {
            Some(amount) => Some(self.convert(amount, line, currency)?),
            None if line.amount.is_absent() => None,
            None => return None,
        };
        if let (Some(computed), Some(stated), Some(base)) = (computed, stated, base) {
            let name = self.name(line);
            let percent = percent.normalize();
            let base = base.display(currency);
            self.compare(
                currency,
                computed,
                stated,
                &format!("{}.amount", line.path),
                Rule::BudgetPercent,
                |computed, stated, gap| {
                    format!("{name} is {percent}% of {base} = {computed} but its amount is {stated} ({gap})")
                },
            );
        }
        stated.or(computed)
    }

    /// The sum of `values`; `None` if one is unknown or the sum overflows
    /// (an `amount` finding at `path`).
    fn add_all(&mut self, values: &[Option<Range>], path: &str) -> Option<Range> {
        let mut total = Range::ZERO;
        for value in values {
            match total.checked_add((*value)?) {
                Some(sum) => total = sum,
                None => {
                    self.overflow(path);
                    return None;
                }
            }
        }
        Some(total)
    }

    /// Reported once per list, however many sums over it overflow (the
    /// percent base, the total, the funding levels).
    fn overflow(&mut self, path: &str) {
        let finding = Finding::new(
            Rule::Amount,
            path,
            format!("the amounts under `{path}` add up to more than an amount can hold"),
        );
        if !self.out.contains(&finding) {
            self.out.push(finding);
        }
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
            self.overflow(&format!("{}.amount", line.path));
        }
        converted
    }

    /// With tiers, what each funding level costs: the lines of tiers 1..k.
    fn levels(&mut self, lines: &[BudgetLine], values: &[Option<Range>]) -> Vec<(u32, Range)> {
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
            match self.add_all(&within, "budget") {
                Some(cost) => levels.push((k, cost)),
                None => return Vec::new(),
            }
        }
        levels
    }

    /// Checks one line and its sub-lines; returns the line's value in its
    /// own currency: its amount, or `quantity × unit_cost` when it states
    /// no amount. A `percent` line without an amount has no value here.
    fn line_value(&mut self, line: &BudgetLine) -> Option<Range> {
        let currency = line.currency;
        let amount = line.amount.given();
        let product = self.unit_cost_product(line);
        if let (Some(amount), Some((product, q, unit))) = (amount, product) {
            let counted = match &line.unit {
                Some(unit) => format!("{} {unit}", q),
                None => q.to_string(),
            };
            let unit = unit.display(currency);
            self.compare(
                currency,
                product,
                amount,
                &format!("{}.amount", line.path),
                Rule::BudgetUnitCost,
                |product, amount, gap| {
                    format!("quantity × unit_cost is {counted} × {unit} = {product} but amount is {amount} ({gap})")
                },
            );
        }
        if !line.lines.is_empty() {
            let lines_path = format!("{}.lines", line.path);
            let values = self.values(&line.lines, currency, &lines_path);
            let subtotal = self.add_all(&values, &lines_path);
            if let (Some(subtotal), Some(amount)) = (subtotal, amount) {
                let name = self.name(line);
                self.compare(
                    currency,
                    subtotal,
                    amount,
                    &format!("{}.amount", line.path),
                    Rule::BudgetSubtotal,
                    |subtotal, amount, gap| {
                        format!("the lines of {name} add up to {subtotal} but its amount is {amount} ({gap})")
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
                self.out.push(Finding::new(
                    Rule::Amount,
                    format!("{}.unit_cost", line.path),
                    format!(
                        "quantity × unit_cost ({} × {}) is more than an amount can hold",
                        quantity.normalize(),
                        unit.display(line.currency)
                    ),
                ));
                None
            }
        }
    }

    fn name(&self, line: &BudgetLine) -> String {
        match &line.item {
            Some(item) => format!("`{item}`"),
            None => format!("`{}`", line.path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposal::load;
    use crate::rubric::Rubric;

    fn total(front_matter: &str) -> (Option<Range>, Vec<String>) {
        let text = format!("---\ntitle: T\n{front_matter}---\n");
        let rubric = Rubric::parse("sections: []").unwrap();
        let loaded = load("t.md", "t", &text, &rubric);
        let rules = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        (loaded.budget_total, rules)
    }

    #[test]
    fn each_line_is_converted_and_rounded_on_its_own() {
        // £1 at 1.005 is $1.005, rounded half-up to $1.01 per line: two
        // lines make $2.02, not the $2.01 that converting their sum gives.
        let (sum, messages) = total(
            "exchange_rates: {GBP: 1.005}\nfunding:\n  goal: 2.02\nbudget:\n  - item: A\n    amount: \"£1\"\n  - item: B\n    amount: \"£1\"\n",
        );
        assert_eq!(sum.map(|r| r.low.plain()), Some("2.02".to_string()));
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
