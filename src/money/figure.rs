//! The digits of a figure, read exactly or refused: one reader for amounts
//! and for the numbers amounts are computed from (quantities, percentages,
//! exchange rates), so each refuses what the other refuses.
//!
//! Written conventions other than `1,234.50` are never guessed at: a `.`
//! followed by exactly three digits is ambiguous (`50.000`), and a decimal
//! comma, digits grouped with spaces, Indian grouping and digits other
//! than 0–9 are each refused with the reason (contract §1, v1.3).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::MoneyError;

/// Reads a figure of ASCII digits with optional `,` thousands separators
/// and one optional `.` decimal point. `original` is quoted in errors.
pub(super) fn read_digits(figure: &str, original: &str) -> Result<Decimal, MoneyError> {
    if let Some(value) = plain_figure(figure) {
        return Ok(value);
    }
    if let Some((thousands, decimal)) = ambiguous(figure) {
        return Err(MoneyError::Ambiguous {
            text: original.to_string(),
            thousands,
            decimal,
        });
    }
    let digits = ungroup(figure, original)?;
    exact(&digits).ok_or_else(|| {
        if digits.split_once('.').is_some_and(|(_, f)| f.len() > 2) {
            MoneyError::SubCent(original.to_string())
        } else {
            MoneyError::TooLarge(original.to_string())
        }
    })
}

/// Most digits most proposals write — `5600`, `4,200`, `8143.64`,
/// `1,280.5` — read without building a string: at most 18 digits, groups
/// of three after the first, and one or two decimals (three could be
/// ambiguous). The same decimal, scale included, as `exact` makes of what
/// `ungroup` leaves; `None` for anything else, which the full reading takes.
fn plain_figure(figure: &str) -> Option<Decimal> {
    let bytes = figure.as_bytes();
    let (whole, fraction) = match memchr::memchr(b'.', bytes) {
        Some(point) => (&bytes[..point], Some(&bytes[point + 1..])),
        None => (bytes, None),
    };
    let mut value: u64 = 0;
    let mut digits = 0;
    let mut since_comma: Option<usize> = None;
    for (i, &b) in whole.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                value = value * 10 + u64::from(b - b'0');
                digits += 1;
                since_comma = since_comma.map(|n| n + 1);
            }
            // A comma ends a group of three, or the first group of one to three.
            b',' if since_comma.map_or((1..=3).contains(&i), |n| n == 3) => since_comma = Some(0),
            _ => return None,
        }
        if digits > 18 {
            return None;
        }
    }
    if whole.is_empty() || since_comma.is_some_and(|n| n != 3) {
        return None;
    }
    let mut scale = 0;
    if let Some(fraction) = fraction {
        if !(1..=2).contains(&fraction.len()) || !fraction.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Zeros at the end change no value: `12.50` is read as `12.5`.
        let kept = fraction.len() - fraction.iter().rev().take_while(|&&b| b == b'0').count();
        // 18 digits in all fit a u64.
        if digits + kept > 18 {
            return None;
        }
        for &b in &fraction[..kept] {
            value = value * 10 + u64::from(b - b'0');
        }
        scale = kept as u32;
    }
    Some(Decimal::from_i128_with_scale(i128::from(value), scale))
}

/// `50.000` and `1.500` can be read two ways; `1,000.000`, `0.125` and
/// `1234.500` cannot (a thousands group needs one to three leading digits,
/// not zero, and no `,` beside it). The two readings, as plain decimals.
fn ambiguous(figure: &str) -> Option<(String, String)> {
    let (whole, fraction) = figure.split_once('.')?;
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let leading_group = (1..=3).contains(&whole.len()) && !whole.starts_with('0');
    if !(plain(whole) && leading_group && fraction.len() == 3 && plain(fraction)) {
        return None;
    }
    let thousands = format!("{whole}{fraction}");
    let decimal = Decimal::from_str(figure).ok()?.normalize().to_string();
    Some((thousands, decimal))
}

/// Removes thousands separators after checking they stand every three digits.
fn ungroup(figure: &str, original: &str) -> Result<String, MoneyError> {
    let (whole, fraction) = match figure.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (figure, None),
    };
    let invalid = || MoneyError::Invalid(original.to_string());
    if let Some(fraction) = fraction
        && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(invalid());
    }
    if whole.is_empty() && fraction.is_none() {
        return Err(invalid());
    }
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or_default();
        let first_ok = (1..=3).contains(&first.len());
        if !first_ok || groups.any(|g| g.len() != 3) {
            return Err(MoneyError::Grouping(original.to_string()));
        }
    }
    // Sized once: a figure is read for every budget line.
    let mut digits = String::with_capacity(figure.len() + 1);
    digits.extend(whole.chars().filter(|c| *c != ','));
    if digits.is_empty() {
        digits.push('0');
    }
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    Ok(digits)
}

/// Plain decimal digits as an exact decimal: `None` when a decimal cannot
/// hold every digit, rather than rounding them away.
fn exact(digits: &str) -> Option<Decimal> {
    Decimal::from_str_exact(trim_fraction_zeros(digits)).ok()
}

/// `1.500` → `1.5`, `2.000` → `2`: zeros after the point change no value
/// but can push a decimal past its 28 places.
fn trim_fraction_zeros(text: &str) -> &str {
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.')
}

/// A quantity, percentage or exchange rate as written: a YAML number
/// (`0.8`, `1.5e3`) or a string of digits (`"1,200.5"`), read exactly;
/// negative numbers are returned for the caller to judge.
pub fn parse_number(text: &str) -> Result<Decimal, MoneyError> {
    let original = text.trim();
    if original.is_empty() {
        return Err(MoneyError::NotANumber(original.to_string()));
    }
    let unsigned = original.strip_prefix(['-', '+']).unwrap_or(original);
    let negative = original.starts_with('-');
    if matches!(
        unsigned,
        ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN"
    ) {
        return Err(MoneyError::NotFinite(original.to_string()));
    }
    let value = match unsigned.find(['e', 'E']) {
        Some(_) => scientific(unsigned, original)?,
        None if unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.') =>
        {
            read_digits(unsigned, original).map_err(|e| match e {
                MoneyError::Invalid(s) | MoneyError::Grouping(s)
                    if convention(unsigned, &s).is_some() =>
                {
                    convention(unsigned, &s).unwrap_or(MoneyError::NotANumber(s))
                }
                MoneyError::Invalid(s) => MoneyError::NotANumber(s),
                MoneyError::SubCent(s) | MoneyError::TooLarge(s) => MoneyError::Convention(
                    s,
                    "has more digits than can be read exactly (28 at most)",
                ),
                other => other,
            })?
        }
        None => {
            return Err(convention(unsigned, original)
                .unwrap_or_else(|| MoneyError::NotANumber(original.to_string())));
        }
    };
    Ok(if negative { -value } else { value })
}

/// `1.5e3` exactly, or refused.
fn scientific(unsigned: &str, original: &str) -> Result<Decimal, MoneyError> {
    let plain = unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if !plain {
        return Err(MoneyError::NotANumber(original.to_string()));
    }
    Decimal::from_scientific(unsigned).map_err(|_| {
        MoneyError::Convention(
            original.to_string(),
            "cannot be read exactly as a decimal number (too many digits or too large)",
        )
    })
}

/// Why `body` (a figure and what follows it, currency marker removed) is
/// refused, when it is a recognisable way of writing numbers that grantctl
/// does not guess at.
pub(super) fn convention(body: &str, original: &str) -> Option<MoneyError> {
    let refuse = |why| Some(MoneyError::Convention(original.to_string(), why));
    if body.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        return refuse("uses digits other than 0-9; write the figure with the digits 0-9");
    }
    let figure: String = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let figure = figure.trim_end();
    if figure.contains([' ', '\u{a0}', '\u{202f}'])
        && figure
            .split([' ', '\u{a0}', '\u{202f}'])
            .skip(1)
            .all(|g| g.len() >= 3 && g.as_bytes()[..3].iter().all(u8::is_ascii_digit))
    {
        return refuse(
            "groups digits with spaces; write the figure without them, with `,` between \
             thousands and `.` before decimals, e.g. `1,234.56`",
        );
    }
    decimal_comma(figure).and_then(refuse)
}

/// `1.234,56`, `1234,5`: a comma as the decimal point; `1,00,000`: Indian
/// grouping.
fn decimal_comma(figure: &str) -> Option<&'static str> {
    let (whole, last) = figure.rsplit_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if whole.contains('.') && digits(last) {
        return Some(
            "uses `.` between thousands and `,` before decimals; write it with `,` between \
             thousands and `.` before decimals, e.g. `1,234.56`",
        );
    }
    if !whole.contains(['.', ',']) && digits(whole) && (1..=2).contains(&last.len()) && digits(last)
    {
        return Some("uses `,` as the decimal point; write it with `.`, e.g. `1.5`");
    }
    let groups: Vec<&str> = figure.split(',').collect();
    let indian = groups.len() >= 3
        && groups.last().is_some_and(|g| g.len() == 3)
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 2)
        && (1..=2).contains(&groups[0].len())
        && groups.iter().all(|g| digits(g));
    indian.then_some(
        "groups digits in the Indian style (lakh, crore); write e.g. `100000` or `100,000`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full reading, for the fast one to agree with.
    fn full(figure: &str) -> Result<Decimal, MoneyError> {
        if ambiguous(figure).is_some() {
            return Err(MoneyError::Invalid(figure.to_string()));
        }
        let digits = ungroup(figure, figure)?;
        exact(&digits).ok_or_else(|| MoneyError::Invalid(figure.to_string()))
    }

    proptest::proptest! {
        /// A figure the fast reading takes is the decimal, scale and all,
        /// the full one makes of it.
        #[test]
        fn plain_figures_read_as_the_full_reading_does(
            figure in "([0-9]{1,4}(,[0-9]{2,4}){0,6}|[0-9]{1,20})(\\.[0-9]{0,3})?|[0-9,.]{1,12}",
        ) {
            if let Some(fast) = plain_figure(&figure) {
                let slow = full(&figure).map_err(|e| e.to_string());
                proptest::prop_assert_eq!(Ok((fast.mantissa(), fast.scale())), slow.map(|d| (d.mantissa(), d.scale())));
            }
        }
    }

    #[test]
    fn plain_figures_are_the_common_ones() {
        for (figure, mantissa, scale) in [
            ("5600", 5600, 0),
            ("4,200", 4200, 0),
            ("8143.64", 814_364, 2),
            ("1,280.5", 12805, 1),
            ("12.50", 125, 1),
            ("12.00", 12, 0),
            ("007", 7, 0),
            ("999,999,999,999,999,999", 999_999_999_999_999_999, 0),
            ("99999999999999999.9", 999_999_999_999_999_999, 1),
        ] {
            let value = plain_figure(figure).unwrap_or_else(|| panic!("{figure}"));
            assert_eq!(
                (value.mantissa(), value.scale()),
                (mantissa, scale),
                "{figure}"
            );
        }
        for figure in [
            "",
            ".5",
            "1.",
            "50.000",
            "1.500",
            "1,00",
            "1000,000",
            ",100",
            "1,000,",
            "12,34.5",
            "1.2.3",
            "1,0000",
            "1234567890123456789",
            "190000000000000000.01",
        ] {
            assert_eq!(plain_figure(figure), None, "{figure}");
        }
    }

    #[track_caller]
    fn number(text: &str, expected: &str) {
        let value = parse_number(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(value.normalize().to_string(), expected, "{text}");
    }

    #[track_caller]
    fn refused(text: &str, part: &str) {
        let message = parse_number(text).expect_err(text).to_string();
        assert!(message.contains(part), "{text}: {message}");
    }

    #[test]
    fn numbers_are_read_as_written_or_refused() {
        number("30", "30");
        number("0.8", "0.8");
        number("1,200.5", "1200.5");
        number("1.5e3", "1500");
        number("-2", "-2");
        number("0.125", "0.125");
        number("1,000.000", "1000");
        number("1234.500", "1234.5");
        refused("1,5", "uses `,` as the decimal point");
        refused("7,5", "uses `,` as the decimal point");
        refused("1,35", "uses `,` as the decimal point");
        refused("1,2,3", "misplaced thousands separators");
        refused(
            "1.500",
            "is ambiguous: 1500 if `.` separates thousands, or 1.5 if",
        );
        refused("2.125", "write `2125` or `2.1250`");
        refused(
            "1.234,56",
            "uses `.` between thousands and `,` before decimals",
        );
        refused("1 234,56", "groups digits with spaces");
        refused("1\u{a0}234", "groups digits with spaces");
        refused("1,00,000", "Indian style");
        refused("５", "digits other than 0-9");
        refused("١٢", "digits other than 0-9");
        refused("abc", "is not a number");
        refused("0x10", "is not a number");
        refused(".inf", "not a finite");
        refused(&"9".repeat(40), "more digits than can be read exactly");
        refused("1e400", "cannot be read exactly");
    }
}
