//! One budget line checked: its value in its own currency, `quantity ×
//! unit_cost` against its amount, its sub-lines against it, and a
//! `percent` line's share against what it states.

use rust_decimal::Decimal;

use super::checker::{Checker, List, Stated};
use super::mismatch::Claim;
use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::money::Range;
use crate::proposal::BudgetLine;

impl Checker<'_> {
    /// A `percent` line's value: its share of `base`, checked against its
    /// stated amount when it has one; its own parts (`quantity ×
    /// unit_cost`, `lines`) are checked against that value.
    pub(super) fn percent_value(
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
                self.overflow(Some(line.spots.percent), &what, Rule::BudgetPercent.id());
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
            self.compare(
                currency,
                (computed, stated),
                at,
                Rule::BudgetPercent,
                || Claim::Percent {
                    share: described(base),
                },
            );
        }
        stated.or(computed)
    }

    /// Checks one line's parts and returns its value in its own currency:
    /// its amount, or `quantity × unit_cost` when it states no amount.
    /// The parts are checked against the stated amount, or, for a
    /// `percent` line without one, against `reference`: the value its
    /// percentage gives and how to describe it.
    pub(super) fn line_value(
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
            let stated = Stated::new("amount", *at);
            self.compare(
                currency,
                (product, *value),
                stated,
                Rule::BudgetUnitCost,
                || Claim::UnitCost {
                    counted: match &line.unit {
                        Some(unit) => format!("{q} {unit}"),
                        None => q.to_string(),
                    },
                    unit_cost: unit,
                    share: described.clone(),
                },
            );
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
                    (subtotal, value),
                    stated,
                    Rule::BudgetSubtotal,
                    || Claim::Subtotal {
                        name: name.clone(),
                        share: described,
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

    pub(super) fn unit_cost_product(
        &mut self,
        line: &BudgetLine,
    ) -> Option<(Range, Decimal, Range)> {
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
                self.overflow(Some(line.spots.unit_cost), &what, Rule::BudgetUnitCost.id());
                None
            }
        }
    }

    pub(super) fn name(&self, line: &BudgetLine) -> String {
        match &line.item {
            Some(item) => format!("`{}`", crate::yaml::shorten(item)),
            None => format!("`{}`", line.path),
        }
    }
}
