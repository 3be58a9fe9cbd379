//! A stated figure the lines beneath it do not match, as data: what was
//! compared, both figures, the gap and the tolerance. `Display` words it
//! the way the contract asks (both sums and the difference); the data
//! stays for anything that wants the numbers rather than the sentence.

use std::fmt;

use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::money::{Money, Range};

/// A computed figure outside the tolerance of the stated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub claim: Claim,
    pub currency: Currency,
    pub computed: Range,
    pub stated: Range,
    /// How far `stated` lies outside `computed`.
    pub gap: Money,
    /// Whether the computed figure falls short of the stated one.
    pub short: bool,
    /// `funding.tolerance`, when it is not zero.
    pub tolerance: Option<Money>,
}

/// What a computed figure was checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The top-level lines against `funding.goal` (plus other sources).
    Total { others: Option<OtherSources> },
    /// The tier-1 lines against `funding.minimum`.
    Minimum,
    /// A `percent` line's share against its stated amount; `share` says
    /// what it is a share of: "`Contingency` is 20% of $24,000".
    Percent { share: String },
    /// `quantity × unit_cost` against the amount, or against the share a
    /// `percent` line without an amount comes to.
    UnitCost {
        /// `12 months`, or the bare quantity.
        counted: String,
        unit_cost: Range,
        share: Option<String>,
    },
    /// A line's sub-lines against its amount (or its share).
    Subtotal { name: String, share: Option<String> },
}

/// `funding.goal` and the other sources that make up the stated total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSources {
    pub goal: Money,
    pub others: Money,
    /// ` (Open Philanthropy $1,200,000, SFF $500,000)` with two or more.
    pub names: String,
}

impl Claim {
    pub fn rule(&self) -> Rule {
        match self {
            Claim::Total { .. } => Rule::BudgetTotal,
            Claim::Minimum => Rule::BudgetMinimum,
            Claim::Percent { .. } => Rule::BudgetPercent,
            Claim::UnitCost { .. } => Rule::BudgetUnitCost,
            Claim::Subtotal { .. } => Rule::BudgetSubtotal,
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.currency;
        let computed = self.computed.display(c);
        let stated = self.stated.display(c);
        let direction = if self.short { "short" } else { "over" };
        let mut gap = format!("{direction} by {}", self.gap.display(c));
        if let Some(tolerance) = self.tolerance {
            gap.push_str(&format!("; the tolerance is {}", tolerance.display(c)));
        }
        let reference = |share: &Option<String>, bare: &str| match share {
            Some(share) => format!("{share} = {stated}"),
            None => format!("{bare} {stated}"),
        };
        match &self.claim {
            Claim::Total { others: None } => write!(
                f,
                "budget lines add up to {computed} but funding.goal is {stated} ({gap}){}",
                self.remedy()
            ),
            Claim::Total {
                others: Some(sources),
            } => write!(
                f,
                "budget lines add up to {computed} but funding.goal {} + other sources {}{} is {stated} ({gap})",
                sources.goal.display(c),
                sources.others.display(c),
                sources.names,
            ),
            Claim::Minimum => write!(
                f,
                "tier 1 lines add up to {computed} but funding.minimum is {stated} ({gap})"
            ),
            Claim::Percent { share } => {
                write!(f, "{share} = {computed} but its amount is {stated} ({gap})")
            }
            Claim::UnitCost {
                counted,
                unit_cost,
                share,
            } => write!(
                f,
                "quantity × unit_cost is {counted} × {} = {computed} but {} ({gap})",
                unit_cost.display(c),
                reference(share, "amount is"),
            ),
            Claim::Subtotal { name, share } => write!(
                f,
                "the lines of {name} add up to {computed} but {} ({gap})",
                reference(share, "its amount is"),
            ),
        }
    }
}

impl Mismatch {
    /// The field that fixes a total that is right in substance: a budget
    /// larger than the ask is often part-funded elsewhere or a fuller
    /// version, and a difference of cents is a figure rounded by hand.
    fn remedy(&self) -> &'static str {
        let cents = self.gap.value() < rust_decimal::Decimal::ONE;
        match (self.short, cents, self.tolerance) {
            (_, true, None) => {
                "; if a figure was rounded by hand, `funding.tolerance` sets the difference allowed"
            }
            (false, false, _) => {
                "; if other funders cover the rest, list them in `funding.other_sources`; \
                 if some lines are a fuller version, mark them `tier: 2` and ask for the full total, \
                 with tier 1 as `funding.minimum`"
            }
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(n: i128) -> Money {
        Money::from_int(n).unwrap()
    }

    #[test]
    fn a_mismatch_is_worded_from_its_figures() {
        let mismatch = Mismatch {
            claim: Claim::Subtotal {
                name: "`Staff`".into(),
                share: None,
            },
            currency: Currency::USD,
            computed: money(58_000).into(),
            stated: money(60_000).into(),
            gap: money(2_000),
            short: true,
            tolerance: Some(money(100)),
        };
        assert_eq!(
            mismatch.to_string(),
            "the lines of `Staff` add up to $58,000 but its amount is $60,000 \
             (short by $2,000; the tolerance is $100)"
        );
        assert_eq!(mismatch.claim.rule(), Rule::BudgetSubtotal);
    }

    #[test]
    fn a_total_over_the_goal_or_off_by_cents_names_the_field_that_fits() {
        let total = |computed: Money, stated: Money, gap: Money, short: bool| Mismatch {
            claim: Claim::Total { others: None },
            currency: Currency::USD,
            computed: computed.into(),
            stated: stated.into(),
            gap,
            short,
            tolerance: None,
        };
        let cents = Money::from_decimal(rust_decimal::Decimal::new(3, 2)).unwrap();
        let over = total(money(150), money(100), money(50), false).to_string();
        assert!(over.ends_with("(over by $50); if other funders cover the rest, list them in `funding.other_sources`; if some lines are a fuller version, mark them `tier: 2` and ask for the full total, with tier 1 as `funding.minimum`"), "{over}");
        let rounded = total(money(100), money(100), cents, true).to_string();
        assert!(
            rounded
                .contains("(short by $0.03); if a figure was rounded by hand, `funding.tolerance`"),
            "{rounded}"
        );
        let short = total(money(49_000), money(50_000), money(1_000), true).to_string();
        assert_eq!(
            short,
            "budget lines add up to $49,000 but funding.goal is $50,000 (short by $1,000)"
        );
    }
}
