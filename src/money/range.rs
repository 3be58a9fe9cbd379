//! Ranges: an amount known to lie between two bounds, and the arithmetic
//! budgets do with them.

use rust_decimal::Decimal;

use super::amount::{Marker, Money};

/// An amount known to lie between two bounds: `"$150k - $250k"`. A plain
/// amount is a range of width zero, so budgets have one arithmetic, and a
/// sum of ranges is the range of the sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Range {
    pub low: Money,
    pub high: Money,
}

/// A range as written: the bounds, `~`, and the currency marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenRange {
    pub range: Range,
    pub approx: bool,
    pub marker: Option<Marker>,
}

impl From<Money> for Range {
    fn from(money: Money) -> Range {
        Range {
            low: money,
            high: money,
        }
    }
}

impl Range {
    pub const ZERO: Range = Range {
        low: Money::ZERO,
        high: Money::ZERO,
    };

    pub fn is_exact(self) -> bool {
        self.low == self.high
    }

    /// The single amount, when the range has width zero.
    pub fn exact(self) -> Option<Money> {
        self.is_exact().then_some(self.low)
    }

    pub fn checked_add(self, other: Range) -> Option<Range> {
        Some(Range {
            low: self.low.checked_add(other.low)?,
            high: self.high.checked_add(other.high)?,
        })
    }

    /// Each bound times `factor`, rounded half-up to cents: a quantity, a
    /// percentage as a fraction, or an exchange rate.
    pub fn times(self, factor: Decimal) -> Option<Range> {
        Some(Range {
            low: self.low.times(factor)?,
            high: self.high.times(factor)?,
        })
    }

    /// `percent` % of this range, rounded half-up to cents.
    pub fn percent(self, percent: Decimal) -> Option<Range> {
        self.times(percent.checked_div(Decimal::ONE_HUNDRED)?)
    }

    /// Whether `stated` lies inside this (computed) range, each bound
    /// allowed `tolerance` of slack.
    pub fn admits(self, stated: Range, tolerance: Money) -> bool {
        let above_low = stated
            .low
            .checked_add(tolerance)
            .is_none_or(|widened| widened >= self.low);
        let below_high = self
            .high
            .checked_add(tolerance)
            .is_none_or(|widened| stated.high <= widened);
        above_low && below_high
    }

    /// How far `stated` lies outside this computed range, and whether the
    /// computed figure falls short of it; zero when it lies inside.
    pub fn gap(self, stated: Range) -> (Money, bool) {
        if stated.high > self.high {
            (stated.high.abs_diff(self.high), true)
        } else if stated.low < self.low {
            (self.low.abs_diff(stated.low), false)
        } else {
            (Money::ZERO, false)
        }
    }
}
