//! What checking a budget works out besides its findings.

use crate::currency::Currency;
use crate::money::{Money, Range};

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
