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
