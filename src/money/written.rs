//! Amounts and ranges as applications write them: `"$22k"`, `"~$750"`,
//! `"USD 1.2M"`, `"$150k - $250k"`, `"$150-250k"`.

use rust_decimal::Decimal;

use super::amount::{Marker, Money, Written};
use super::error::MoneyError;
use super::figure::{convention, parse_number, read_digits};
use super::range::{Range, WrittenRange};
use crate::currency::SYMBOLS;

/// One amount as written, and the suffix it carried (so a range can share it).
struct Figure {
    written: Written,
    multiplier: Option<u64>,
}

impl Money {
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
            return parse_written(text).map(|w| w.money);
        }
        let value = parse_number(text).map_err(|_| MoneyError::Invalid(text.to_string()))?;
        Money::from_decimal(value).map_err(|e| e.quoting(text))
    }

    /// Parses an amount string: `"$22k"`, `"~$750"`, `"1,200.50"`, `"USD 1.2M"`.
    pub fn parse(text: &str) -> Result<Written, MoneyError> {
        parse_written(text)
    }
}

impl Range {
    /// Parses an amount or a range of two amounts joined by a hyphen or an
    /// en dash: `"$150k - $250k"`, `"150k–250k"`, `"$150-250k"`. A marker
    /// or a suffix on either figure stands for both.
    pub fn parse(text: &str) -> Result<WrittenRange, MoneyError> {
        parse_range(text)
    }
}

pub(super) fn parse_written(text: &str) -> Result<Written, MoneyError> {
    parse_figure(text).map(|f| f.written)
}

fn parse_figure(text: &str) -> Result<Figure, MoneyError> {
    let original = text.trim();
    if original.is_empty() {
        return Err(MoneyError::Empty);
    }
    let mut rest = original;
    let approx = strip(&mut rest, "~");
    let mut negative = strip(&mut rest, "-");
    let mut marker = take_marker(&mut rest);
    negative |= strip(&mut rest, "-");
    let body = rest;

    let figure_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (figure, tail) = rest.split_at(figure_len);
    let mut tail = tail.trim_start();
    let multiplier = take_suffix(&mut tail);
    tail = tail.trim_start();
    if marker.is_none() && is_code(tail) {
        marker = Some(Marker::Code(tail.to_string()));
        tail = "";
    }
    let refuse = |e: MoneyError| match e {
        MoneyError::Invalid(_) | MoneyError::Grouping(_) => convention(body, original).unwrap_or(e),
        other => other,
    };
    if !tail.is_empty() || figure.is_empty() {
        return Err(refuse(MoneyError::Invalid(original.to_string())));
    }
    let mut value = read_digits(figure, original)
        .map_err(|e| scale_readings(e, multiplier))
        .map_err(refuse)?;
    if let Some(multiplier) = multiplier {
        value = value
            .checked_mul(Decimal::from(multiplier))
            .ok_or_else(|| MoneyError::TooLarge(original.to_string()))?;
    }
    if negative && !value.is_zero() {
        return Err(MoneyError::Negative(original.to_string()));
    }
    let money = Money::from_decimal(value).map_err(|e| match e {
        MoneyError::SubCent(_) => MoneyError::SubCent(original.to_string()),
        other => other,
    })?;
    Ok(Figure {
        written: Written {
            money,
            approx,
            marker,
        },
        multiplier,
    })
}

/// An ambiguous figure's two readings with the suffix applied
/// (`"€1.500k"`: 1,500,000 or 1,500).
fn scale_readings(err: MoneyError, multiplier: Option<u64>) -> MoneyError {
    let (
        MoneyError::Ambiguous {
            text,
            thousands,
            decimal,
        },
        Some(multiplier),
    ) = (&err, multiplier)
    else {
        return err;
    };
    let scale = |s: &str| {
        s.parse::<Decimal>()
            .ok()
            .and_then(|d| d.checked_mul(Decimal::from(multiplier)))
            .map(|d| d.normalize().to_string())
    };
    match (scale(thousands), scale(decimal)) {
        (Some(thousands), Some(decimal)) => MoneyError::Ambiguous {
            text: text.clone(),
            thousands,
            decimal,
        },
        _ => err,
    }
}

/// An amount or a range of two amounts joined by a hyphen or an en dash.
/// A currency marker on either figure stands for both; so does a suffix,
/// unless the other figure has its own (`"$150-250k"` is $150,000 to
/// $250,000) or sharing it would turn the range around (`"$500-$2k"`).
/// Errors quote the whole text, not the figure that failed.
pub(super) fn parse_range(text: &str) -> Result<WrittenRange, MoneyError> {
    let original = text.trim();
    let Some((first, second)) = split_range(original) else {
        let written = parse_written(original)?;
        return Ok(WrittenRange {
            range: written.money.into(),
            approx: written.approx,
            marker: written.marker,
        });
    };
    let whole = |e: MoneyError| e.quoting(original);
    let mut low = parse_figure(first).map_err(whole)?;
    let mut high = parse_figure(second).map_err(whole)?;
    // `"$500-$2k"` cannot mean $500,000 to $2,000: a suffix is shared
    // only where the range stays low to high.
    let (low_alone, high_alone) = (low.written.money, high.written.money);
    share_suffix(&mut low, &high).map_err(whole)?;
    share_suffix(&mut high, &low).map_err(whole)?;
    if low.written.money > high.written.money && low_alone <= high_alone {
        low.written.money = low_alone;
        high.written.money = high_alone;
    }
    let (low, high) = (low.written, high.written);
    let marker = match (low.marker, high.marker) {
        (Some(a), Some(b)) if a != b => {
            return Err(MoneyError::MixedRange(original.to_string()));
        }
        (a, b) => a.or(b),
    };
    if low.money > high.money {
        return Err(MoneyError::Reversed(original.to_string()));
    }
    Ok(WrittenRange {
        range: Range {
            low: low.money,
            high: high.money,
        },
        approx: low.approx || high.approx,
        marker,
    })
}

/// Applies `other`'s suffix to `figure` when `figure` has none of its own.
fn share_suffix(figure: &mut Figure, other: &Figure) -> Result<(), MoneyError> {
    if let (None, Some(multiplier)) = (figure.multiplier, other.multiplier) {
        let value = figure
            .written
            .money
            .value()
            .checked_mul(Decimal::from(multiplier))
            .ok_or(MoneyError::TooLarge(String::new()))?;
        figure.written.money = Money::from_decimal(value)?;
        figure.multiplier = Some(multiplier);
    }
    Ok(())
}

/// The two figures of a range: split at an en dash, or at a hyphen that
/// follows a figure (a leading `-` is a minus sign, reported as negative).
fn split_range(text: &str) -> Option<(&str, &str)> {
    if let Some(at) = text.find('–') {
        return Some((&text[..at], &text[at + '–'.len_utf8()..]));
    }
    let body = text.trim_start_matches(['~', ' ']);
    let offset = text.len() - body.len();
    let at = body
        .char_indices()
        .skip(1)
        .find(|&(i, c)| {
            c == '-'
                && body[..i]
                    .trim_end()
                    .ends_with(|p: char| p.is_alphanumeric())
        })
        .map(|(i, _)| i + offset)?;
    Some((&text[..at], &text[at + 1..]))
}

fn strip(rest: &mut &str, prefix: &str) -> bool {
    match rest.strip_prefix(prefix) {
        Some(after) => {
            *rest = after.trim_start();
            true
        }
        None => false,
    }
}

fn is_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn take_marker(rest: &mut &str) -> Option<Marker> {
    let first = rest.chars().next()?;
    if SYMBOLS.contains(&first) {
        *rest = rest[first.len_utf8()..].trim_start();
        return Some(Marker::Symbol(first));
    }
    let code = rest.get(..3).filter(|c| is_code(c))?;
    let after = &rest[3..];
    if after.starts_with(|c: char| c.is_ascii_digit() || c == ' ' || c == '-' || c == '.') {
        let code = code.to_string();
        *rest = after.trim_start();
        return Some(Marker::Code(code));
    }
    None
}

/// Suffixes from the contract, longest first so `MM` wins over `M`.
const SUFFIXES: &[(&str, u64)] = &[
    ("MM", 1_000_000),
    ("mn", 1_000_000),
    ("Mn", 1_000_000),
    ("bn", 1_000_000_000),
    ("Bn", 1_000_000_000),
    ("k", 1_000),
    ("K", 1_000),
    ("m", 1_000_000),
    ("M", 1_000_000),
    ("b", 1_000_000_000),
    ("B", 1_000_000_000),
];

fn take_suffix(rest: &mut &str) -> Option<u64> {
    for (suffix, multiplier) in SUFFIXES {
        if let Some(after) = rest.strip_prefix(suffix)
            && !after.starts_with(|c: char| c.is_alphabetic())
        {
            *rest = after;
            return Some(*multiplier);
        }
    }
    None
}
