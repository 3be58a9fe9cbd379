//! The budget arithmetic: does every figure a proposal states match the
//! lines beneath it?
//!
//! Pure checks over the typed model. Each message states both sums and the
//! difference, and points at the stated figure the lines fail to match
//! (`funding.goal`, a line's `amount`), which is what a reviewer asks about.
//! A line whose amount was unreadable has already been reported; totals that
//! depend on it are skipped rather than reported a second time.

use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::money::Money;
use crate::proposal::{BudgetLine, Finding, Proposal};

/// Runs `budget-total`, `budget-subtotal`, `budget-unit-cost` and
/// `funding-minimum` over `proposal`.
pub fn check_budget(proposal: &Proposal, out: &mut Vec<Finding>) {
    let currency = proposal.currency;
    check_funding_minimum(proposal, out);
    let Some(lines) = &proposal.budget else {
        return;
    };
    let mut checker = Checker { currency, out };
    let total = checker.sum(lines, "budget");
    if let (Some(total), Some(goal)) = (total, proposal.funding.goal.given())
        && total != goal
    {
        checker.out.push(Finding::new(
            Rule::BudgetTotal,
            "funding.goal",
            format!(
                "budget lines add up to {} but funding.goal is {} ({})",
                total.display(currency),
                goal.display(currency),
                gap(total, goal, currency)
            ),
        ));
    }
}

/// The sum of the top-level lines as written; `None` when a line has no
/// readable amount or the sum overflows.
pub fn budget_total(proposal: &Proposal) -> Option<Money> {
    let lines = proposal.budget.as_ref()?;
    let mut ignored = Vec::new();
    Checker {
        currency: proposal.currency,
        out: &mut ignored,
    }
    .sum(lines, "budget")
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

/// "short by $1,000" when the computed figure is below the stated one.
fn gap(computed: Money, stated: Money, currency: Currency) -> String {
    let difference = computed.abs_diff(stated).display(currency);
    if computed < stated {
        format!("short by {difference}")
    } else {
        format!("over by {difference}")
    }
}

struct Checker<'a> {
    currency: Currency,
    out: &'a mut Vec<Finding>,
}

impl Checker<'_> {
    /// Checks every line and returns their sum, if every value is known.
    fn sum(&mut self, lines: &[BudgetLine], path: &str) -> Option<Money> {
        let mut total = Some(Money::ZERO);
        for line in lines {
            let value = self.line_value(line);
            total = match (total, value) {
                (Some(t), Some(v)) => match t.checked_add(v) {
                    Some(sum) => Some(sum),
                    None => {
                        self.out.push(Finding::new(
                            Rule::Amount,
                            path,
                            format!("the lines of `{path}` add up to more than an amount can hold"),
                        ));
                        return None;
                    }
                },
                _ => None,
            };
        }
        total
    }

    /// Checks one line and its sub-lines; returns the line's value: its
    /// amount, or `quantity × unit_cost` when it states no amount.
    fn line_value(&mut self, line: &BudgetLine) -> Option<Money> {
        let amount = line.amount.given();
        let product = self.unit_cost_product(line);
        if let (Some(amount), Some((product, q, unit))) = (amount, product)
            && amount != product
        {
            self.out.push(Finding::new(
                Rule::BudgetUnitCost,
                format!("{}.amount", line.path),
                format!(
                    "quantity × unit_cost is {q} × {} = {} but amount is {} ({})",
                    unit.display(self.currency),
                    product.display(self.currency),
                    amount.display(self.currency),
                    gap(product, amount, self.currency)
                ),
            ));
        }
        if !line.lines.is_empty() {
            let lines_path = format!("{}.lines", line.path);
            let subtotal = self.sum(&line.lines, &lines_path);
            if let (Some(subtotal), Some(amount)) = (subtotal, amount)
                && subtotal != amount
            {
                self.out.push(Finding::new(
                    Rule::BudgetSubtotal,
                    format!("{}.amount", line.path),
                    format!(
                        "the lines of {} add up to {} but its amount is {} ({})",
                        self.name(line),
                        subtotal.display(self.currency),
                        amount.display(self.currency),
                        gap(subtotal, amount, self.currency)
                    ),
                ));
            }
        }
        if line.amount.is_absent() {
            product.map(|(p, _, _)| p)
        } else {
            amount
        }
    }

    fn unit_cost_product(
        &mut self,
        line: &BudgetLine,
    ) -> Option<(Money, rust_decimal::Decimal, Money)> {
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
                        unit.display(self.currency)
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
