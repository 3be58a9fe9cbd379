//! Exact money: amounts as people write them in applications, summed without
//! floating point.
//!
//! `Money` is a non-negative `Decimal` with at most two decimal places. Every
//! operation is checked, so an overflow is reported as an error instead of
//! wrapping, and `0.1 + 0.2` is `0.3`.

mod error;
mod figure;
mod written;

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::currency::Currency;
pub use error::MoneyError;
pub use figure::parse_number;

/// A non-negative amount with at most two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(Decimal);

/// What a written amount said besides its figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A currency symbol such as `$` or `€`.
    Symbol(char),
    /// A three-letter code such as `USD`, before or after the figure.
    Code(String),
}

/// An amount as written: its value, whether it was marked approximate (`~`),
/// and the currency marker it carried, to be checked against `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub money: Money,
    pub approx: bool,
    pub marker: Option<Marker>,
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Builds money from a decimal, rejecting negative and sub-cent values.
    pub fn from_decimal(value: Decimal) -> Result<Money, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::Negative(value.to_string()));
        }
        let value = value.normalize();
        if value.scale() > 2 {
            return Err(MoneyError::SubCent(value.to_string()));
        }
        Ok(Money(value.abs()))
    }

    /// A YAML integer.
    pub fn from_int(value: i128) -> Result<Money, MoneyError> {
        let decimal = Decimal::try_from_i128_with_scale(value, 0)
            .map_err(|_| MoneyError::TooLarge(value.to_string()))?;
        Money::from_decimal(decimal)
    }

    /// A YAML number as an amount: its text as written (`50000`,
    /// `1234.5`, `1.5e3`), read exactly or refused. Numbers YAML reads in
    /// another base (`0x10`) are not amounts.
    pub fn from_yaml_number(text: &str) -> Result<Money, MoneyError> {
        let unsigned = text.trim_start_matches(['-', '+']);
        if matches!(
            unsigned,
            ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
        ) {
            return Err(MoneyError::NotFinite(text.to_string()));
        }
        if !unsigned.contains(['e', 'E']) || unsigned.starts_with("0x") {
            return written::parse_written(text).map(|w| w.money);
        }
        let value = parse_number(text).map_err(|_| MoneyError::Invalid(text.to_string()))?;
        Money::from_decimal(value).map_err(|e| e.quoting(text))
    }

    /// Parses an amount string: `"$22k"`, `"~$750"`, `"1,200.50"`, `"USD 1.2M"`.
    pub fn parse(text: &str) -> Result<Written, MoneyError> {
        written::parse_written(text)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The absolute difference between two amounts.
    pub fn abs_diff(self, other: Money) -> Money {
        // Both are non-negative, so the difference cannot overflow.
        Money((self.0 - other.0).abs())
    }

    /// `quantity × self`, rounded half-up to cents; `None` on overflow or a
    /// negative quantity.
    pub fn times(self, quantity: Decimal) -> Option<Money> {
        if quantity.is_sign_negative() && !quantity.is_zero() {
            return None;
        }
        let product = self.0.checked_mul(quantity)?;
        let rounded = product.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        Some(Money(rounded.normalize()))
    }

    /// The amount as a plain decimal number, for CSV and JSON: `50000`, `1234.5`.
    pub fn plain(self) -> String {
        self.0.normalize().to_string()
    }

    /// The amount with its currency, for people: `$49,000`, `CHF 1,234.50`.
    pub fn display(self, currency: Currency) -> impl fmt::Display {
        Shown(self, currency)
    }
}

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

    /// Parses an amount or a range of two amounts joined by a hyphen or an
    /// en dash: `"$150k - $250k"`, `"150k–250k"`, `"$150-250k"`. A marker
    /// or a suffix on either figure stands for both.
    pub fn parse(text: &str) -> Result<WrittenRange, MoneyError> {
        written::parse_range(text)
    }

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

    /// `$150,000` or `$150,000 – $250,000`.
    pub fn display(self, currency: Currency) -> String {
        if self.is_exact() {
            self.low.display(currency).to_string()
        } else {
            format!(
                "{} – {}",
                self.low.display(currency),
                self.high.display(currency)
            )
        }
    }
}

struct Shown(Money, Currency);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Shown(money, currency) = self;
        match currency.symbol() {
            Some(symbol) => write!(f, "{symbol}")?,
            None => write!(f, "{currency} ")?,
        }
        f.write_str(&group_thousands(money.0))
    }
}

/// `1234567.5` → `1,234,567.50`; whole amounts keep no decimals.
fn group_thousands(value: Decimal) -> String {
    let value = value.normalize();
    let whole = value.trunc().to_string();
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value.scale() > 0 {
        let cents = (value.fract() * Decimal::ONE_HUNDRED).trunc();
        out.push_str(&format!(".{:02}", cents));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, expected: &str) {
        let written = Money::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(written.money.plain(), expected, "{input}");
    }

    #[track_caller]
    fn fails(input: &str, expected: MoneyError) {
        assert_eq!(Money::parse(input), Err(expected), "{input}");
    }

    #[test]
    fn parses_amounts_as_applications_write_them() {
        case("50000", "50000");
        case("1234.5", "1234.5");
        case("$22k", "22000");
        case("$1.6m", "1600000");
        case("$1.2M", "1200000");
        case("~$750", "750");
        case("1,200.50", "1200.5");
        case("USD 50,000", "50000");
        case("50,000 USD", "50000");
        case("€3.5 MM", "3500000");
        case("2bn", "2000000000");
        case("$1.5mn", "1500000");
        case("1.2345k", "1234.5");
        case("0.1", "0.1");
        case("$0", "0");
        case("-0", "0");
        case(".5", "0.5");
        case("  $ 1,000  ", "1000");
    }

    #[test]
    fn records_approximation_and_marker() {
        let w = Money::parse("~$750").unwrap();
        assert!(w.approx);
        assert_eq!(w.marker, Some(Marker::Symbol('$')));
        let w = Money::parse("GBP 10").unwrap();
        assert!(!w.approx);
        assert_eq!(w.marker, Some(Marker::Code("GBP".into())));
        assert_eq!(Money::parse("10").unwrap().marker, None);
    }

    #[test]
    fn rejects_what_is_not_an_exact_non_negative_amount() {
        fails("", MoneyError::Empty);
        fails("-5", MoneyError::Negative("-5".into()));
        fails("-$5k", MoneyError::Negative("-$5k".into()));
        fails("$-5", MoneyError::Negative("$-5".into()));
        fails(
            "1.234",
            MoneyError::Ambiguous {
                text: "1.234".into(),
                thousands: "1234".into(),
                decimal: "1.234".into(),
            },
        );
        fails("1.2345", MoneyError::SubCent("1.2345".into()));
        fails("0.000001k", MoneyError::SubCent("0.000001k".into()));
        case("0.001k", "1");
        fails(
            "12,34",
            MoneyError::Convention(
                "12,34".into(),
                "uses `,` as the decimal point; write it with `.`, e.g. `1.5`",
            ),
        );
        fails("1234,567", MoneyError::Grouping("1234,567".into()));
        fails("abc", MoneyError::Invalid("abc".into()));
        fails("$", MoneyError::Invalid("$".into()));
        fails("5 dollars", MoneyError::Invalid("5 dollars".into()));
        fails("1.2.3", MoneyError::Invalid("1.2.3".into()));
        fails("5k k", MoneyError::Invalid("5k k".into()));
        let huge = "9".repeat(40);
        fails(&huge, MoneyError::TooLarge(huge.clone()));
        let near = format!("{}b", "9".repeat(25));
        fails(&near, MoneyError::TooLarge(near.clone()));
        // Digits past a decimal's 28 places are refused, never rounded away.
        let tail = format!("1.{}1", "0".repeat(27));
        fails(&tail, MoneyError::SubCent(tail.clone()));
        case(&format!("1.{}", "0".repeat(40)), "1");
    }

    #[test]
    fn a_dot_before_exactly_three_digits_is_ambiguous_unless_context_decides() {
        let message = |text: &str| Money::parse(text).unwrap_err().to_string();
        assert_eq!(
            message("€10.000"),
            "`€10.000` is ambiguous: 10000 if `.` separates thousands, or 10 if `.` is the \
             decimal point; write `10000` or `10`"
        );
        assert_eq!(
            message("€1.500k"),
            "`€1.500k` is ambiguous: 1500000 if `.` separates thousands, or 1500 if `.` is \
             the decimal point; write `1500000` or `1500`"
        );
        // A `,` elsewhere, a leading zero or four leading digits decide it.
        case("1,000.000", "1000");
        case("1,000.500", "1000.5");
        case("0.500", "0.5");
        case("1234.500", "1234.5");
        case("10.00", "10");
        case("10.0000", "10");
        assert!(message("1.234,56").contains("uses `.` between thousands and `,` before decimals"));
        assert!(message("€1 234,56").contains("groups digits with spaces"));
        assert!(message("₹1,00,000").contains("Indian style"));
        assert!(message("$５０００").contains("digits other than 0-9"));
    }

    #[test]
    fn arithmetic_is_exact_and_checked() {
        let a = Money::parse("0.1").unwrap().money;
        let b = Money::parse("0.2").unwrap().money;
        assert_eq!(a.checked_add(b).unwrap().plain(), "0.3");
        let max = Money(Decimal::MAX);
        assert_eq!(max.checked_add(Money::from_int(1).unwrap()), None);
        let rate = Money::parse("93,333.33").unwrap().money;
        assert_eq!(rate.times(Decimal::new(8, 1)).unwrap().plain(), "74666.66");
        let half = Money::parse("0.05").unwrap().money;
        assert_eq!(half.times(Decimal::new(5, 1)).unwrap().plain(), "0.03");
        assert_eq!(half.times(Decimal::new(-1, 0)), None);
    }

    #[test]
    fn yaml_numbers_are_read_from_their_text() {
        let read = |text: &str| Money::from_yaml_number(text).map(Money::plain);
        assert_eq!(read("1234.5"), Ok("1234.5".into()));
        assert_eq!(read("0.1"), Ok("0.1".into()));
        assert_eq!(read("1.5e3"), Ok("1500".into()));
        assert_eq!(read("-0"), Ok("0".into()));
        assert_eq!(read(".nan"), Err(MoneyError::NotFinite(".nan".into())));
        assert_eq!(read("-.inf"), Err(MoneyError::NotFinite("-.inf".into())));
        assert_eq!(read("-1.5"), Err(MoneyError::Negative("-1.5".into())));
        assert_eq!(read("1e309"), Err(MoneyError::Invalid("1e309".into())));
        assert_eq!(read("0x10"), Err(MoneyError::Invalid("0x10".into())));
        assert_eq!(
            read("1.005"),
            Err(MoneyError::Ambiguous {
                text: "1.005".into(),
                thousands: "1005".into(),
                decimal: "1.005".into(),
            })
        );
        assert_eq!(read("1.0050"), Err(MoneyError::SubCent("1.0050".into())));
        let digits = "999.9999999999999999";
        assert_eq!(read(digits), Err(MoneyError::SubCent(digits.into())));
        assert_eq!(
            read("12345678901234567890123"),
            Ok("12345678901234567890123".into())
        );
        assert!(matches!(Money::from_int(-3), Err(MoneyError::Negative(_))));
        assert_eq!(
            Money::from_int(i64::MAX as i128).unwrap().plain(),
            i64::MAX.to_string()
        );
    }

    fn range(text: &str) -> Range {
        Range::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .range
    }

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap().money
    }

    #[test]
    fn parses_ranges_as_applications_write_them() {
        for text in [
            "$150k - $250k",
            "$150k-$250k",
            "150k – 250k",
            "$150k–$250k",
            "~$150k - 250k",
        ] {
            assert_eq!(
                range(text),
                Range {
                    low: m("150000"),
                    high: m("250000")
                },
                "{text}"
            );
        }
        assert_eq!(range("$5,000"), m("5000").into());
        assert!(range("5000").is_exact());
        let w = Range::parse("£30k - £35k").unwrap();
        assert_eq!(w.marker, Some(Marker::Symbol('£')));
        assert!(Range::parse("~$5k - $7k").unwrap().approx);
        assert_eq!(
            Range::parse("$9k - $5k"),
            Err(MoneyError::Reversed("$9k - $5k".into()))
        );
        assert_eq!(
            Range::parse("$5k - €7k"),
            Err(MoneyError::MixedRange("$5k - €7k".into()))
        );
        assert_eq!(Range::parse("-5"), Err(MoneyError::Negative("-5".into())));
        assert_eq!(Range::parse("5 -"), Err(MoneyError::Invalid("5 -".into())));
        // A suffix on one figure applies to both unless the other has its own.
        assert_eq!(range("$150-250k"), range("$150k-$250k"));
        assert_eq!(range("$150–250k"), range("$150k-$250k"));
        assert_eq!(range("$1.5-2m"), range("$1.5m - $2m"));
        assert_eq!(range("$150k-250"), range("$150k-$250k"));
        assert_eq!(range("$500-$2k").low, m("500"));
        // An error names the whole range, not the figure that failed.
        assert_eq!(
            Range::parse("2024-01-01"),
            Err(MoneyError::Invalid("2024-01-01".into()))
        );
        assert_eq!(
            Range::parse("$5k - 1.2.3"),
            Err(MoneyError::Invalid("$5k - 1.2.3".into()))
        );
        // A single amount is not a range, and not an amount if it has one.
        assert_eq!(
            Money::parse("$5k-$7k"),
            Err(MoneyError::Invalid("$5k-$7k".into()))
        );
    }

    #[test]
    fn range_arithmetic_sums_contains_and_nests() {
        let hires = range("$150k - $250k");
        let three = hires.times(Decimal::from(3)).unwrap();
        assert_eq!(three, range("$450k - $750k"));
        let sum = three.checked_add(m("100000").into()).unwrap();
        assert_eq!(sum, range("$550k - $850k"));
        // A figure inside the range passes; outside it, the gap is to the
        // nearer bound.
        assert!(sum.admits(m("600000").into(), Money::ZERO));
        assert!(sum.admits(m("550000").into(), Money::ZERO));
        assert!(!sum.admits(m("549999.99").into(), Money::ZERO));
        assert_eq!(sum.gap(m("900000").into()), (m("50000"), true));
        assert_eq!(sum.gap(m("500000").into()), (m("50000"), false));
        // A range inside a range passes; one that sticks out does not.
        assert!(sum.admits(range("$600k - $800k"), Money::ZERO));
        assert!(!sum.admits(range("$500k - $800k"), Money::ZERO));
        assert_eq!(sum.display(Currency::USD), "$550,000 – $850,000");
        let max = Range::from(Money(Decimal::MAX));
        assert_eq!(max.checked_add(max), None);
    }

    #[test]
    fn percent_rounds_half_up_at_the_half_cent() {
        // 20% of $0.125 would be $0.025: half a cent, rounded up.
        let base: Range = Money(Decimal::new(125, 3)).into();
        assert_eq!(base.percent(Decimal::from(20)).unwrap().low.plain(), "0.03");
        let base: Range = m("1234.56").into();
        assert_eq!(base.percent(Decimal::from(7)).unwrap().low.plain(), "86.42");
        let base: Range = m("0.10").into();
        // 15% of $0.10 is $0.015, which rounds up to $0.02.
        assert_eq!(base.percent(Decimal::from(15)).unwrap().low.plain(), "0.02");
    }

    #[test]
    fn tolerance_holds_at_the_boundary_and_not_a_cent_past_it() {
        let computed: Range = m("45000").into();
        let tolerance = m("5");
        assert!(computed.admits(m("45005").into(), tolerance));
        assert!(computed.admits(m("44995").into(), tolerance));
        assert!(!computed.admits(m("45005.01").into(), tolerance));
        assert!(!computed.admits(m("44994.99").into(), tolerance));
        assert!(!computed.admits(m("45000.01").into(), Money::ZERO));
    }

    #[test]
    fn displays_with_symbol_and_separators() {
        let gbp = Currency::from_code("GBP").unwrap();
        let chf = Currency::from_code("CHF").unwrap();
        let m = |s: &str| Money::parse(s).unwrap().money;
        assert_eq!(m("49000").display(Currency::USD).to_string(), "$49,000");
        assert_eq!(
            m("1234567.5").display(Currency::USD).to_string(),
            "$1,234,567.50"
        );
        assert_eq!(m("0.05").display(gbp).to_string(), "£0.05");
        assert_eq!(m("999").display(chf).to_string(), "CHF 999");
        assert_eq!(m("100000").display(Currency::USD).to_string(), "$100,000");
    }
}
