//! The typed proposal: what the reader makes of a front matter and every
//! check reads. Each value knows whether it was absent, unreadable
//! (already reported) or given, and where it stands in the file.

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::diagnostic::Rule;
use crate::money::{Money, Range};
use crate::yaml::Pos;

/// Budget lines nest at most this deep (§1); deeper is a `frontmatter` error.
pub const MAX_BUDGET_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: String,
    /// Where `id:` stands, when the file gives one (else the id is the
    /// file's name).
    pub id_at: Option<Pos>,
    pub title: Option<String>,
    pub applicant: Vec<String>,
    pub round: Option<String>,
    pub causes: Vec<String>,
    pub currency: Currency,
    pub funding: Funding,
    /// `None` when the field is absent or unreadable.
    pub budget: Option<Vec<BudgetLine>>,
    /// Warning rules this file accepts (`grantctl: {allow: [...]}`).
    pub allow: Vec<Rule>,
    /// Units of `currency` per one unit of each other currency.
    pub exchange_rates: Vec<(Currency, Decimal)>,
    /// Where `budget:` stands, for findings about the budget as a whole.
    pub budget_at: Option<Pos>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Funding {
    pub goal: Field<Money>,
    pub minimum: Field<Money>,
    pub raised: Field<Money>,
    /// Money from elsewhere that covers part of the budget.
    pub other_sources: Vec<OtherSource>,
    /// The largest difference allowed between a computed and a stated total.
    pub tolerance: Field<Money>,
    /// Where `goal`, `minimum` and `other_sources` stand, when given.
    pub goal_at: Option<Pos>,
    pub minimum_at: Option<Pos>,
    pub sources_at: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OtherSource {
    pub path: String,
    /// Where the source's `amount` (or, without one, the item) stands.
    pub at: Pos,
    pub source: Option<String>,
    pub amount: Field<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLine {
    /// Which line it is, for messages, e.g. `budget[1].lines[0]`.
    pub path: String,
    /// Where its parts stand in the file.
    pub spots: LineSpots,
    pub item: Option<String>,
    /// A plain amount or a range, in the line's `currency`.
    pub amount: Field<Range>,
    pub quantity: Field<Decimal>,
    /// What `quantity` counts (`months`); informational.
    pub unit: Option<String>,
    pub unit_cost: Field<Range>,
    /// A percentage of the sibling lines without one.
    pub percent: Field<Decimal>,
    /// Funding level, top-level lines only; absent means 1.
    pub tier: Field<u32>,
    /// The line's own, or its parent's, or the proposal's.
    pub currency: Currency,
    pub lines: Vec<BudgetLine>,
    pub note: Option<String>,
}

/// Where a budget line's parts stand: a finding about a part points at its
/// key, or at the line's `-` when the key is absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineSpots {
    pub line: Pos,
    pub amount: Pos,
    pub unit_cost: Pos,
    pub percent: Pos,
    pub lines: Pos,
}

/// A value that may be absent, or present but unreadable (already reported),
/// so that checks downstream do not pile a second finding on the first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Field<T> {
    #[default]
    Absent,
    Invalid,
    Given(T),
}

impl<T: Copy> Field<T> {
    pub fn given(&self) -> Option<T> {
        match self {
            Field::Given(v) => Some(*v),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
}
