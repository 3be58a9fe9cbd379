//! Exact money: amounts as people write them in applications, summed without
//! floating point.
//!
//! `Money` is a non-negative `Decimal` with at most two decimal places. Every
//! operation is checked, so an overflow is reported as an error instead of
//! wrapping, and `0.1 + 0.2` is `0.3`. The number (`amount`), ranges
//! (`range`), reading what people write (`written`, `figure`) and showing
//! it (`display`) each have a file; this one only names them.

mod amount;
mod display;
mod error;
mod figure;
mod range;
mod written;

pub use amount::{Marker, Money, Written};
pub use error::MoneyError;
pub use figure::parse_number;
pub use range::{Range, WrittenRange};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::currency::Currency;
    use rust_decimal::Decimal;

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
