//! Why a written amount or number is refused, worded for the person who
//! wrote it: what was written (all of it, never a fragment) and what to
//! write instead.

use std::fmt;

/// Why a value is not a usable amount or number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    Negative(String),
    SubCent(String),
    TooLarge(String),
    NotFinite(String),
    Grouping(String),
    /// One `.` followed by exactly three digits: a European thousands
    /// separator or a decimal point (contract §1, v1.3).
    Ambiguous {
        text: String,
        /// The value with `.` read as a thousands separator.
        thousands: String,
        /// The value with `.` read as the decimal point.
        decimal: String,
    },
    /// A way of writing numbers grantctl refuses rather than guesses at:
    /// the text and why.
    Convention(String, &'static str),
    Invalid(String),
    /// A quantity, percentage or rate that is not a number at all.
    NotANumber(String),
    /// A range whose first figure is above its second (`"$9k - $5k"`).
    Reversed(String),
    /// Two figures of a range in different currencies.
    MixedRange(String),
    /// A range where one amount is due (`funding.goal`).
    RangeNotAllowed(String),
}

impl MoneyError {
    /// The same problem, quoting `text`: an error found in one figure of a
    /// range names the whole range as written.
    pub(super) fn quoting(self, text: &str) -> MoneyError {
        let text = text.to_string();
        match self {
            MoneyError::Empty | MoneyError::Invalid(_) => MoneyError::Invalid(text),
            MoneyError::Negative(_) => MoneyError::Negative(text),
            MoneyError::SubCent(_) => MoneyError::SubCent(text),
            MoneyError::TooLarge(_) => MoneyError::TooLarge(text),
            MoneyError::NotFinite(_) => MoneyError::NotFinite(text),
            MoneyError::Grouping(_) => MoneyError::Grouping(text),
            MoneyError::Ambiguous {
                thousands, decimal, ..
            } => MoneyError::Ambiguous {
                text,
                thousands,
                decimal,
            },
            MoneyError::Convention(_, why) => MoneyError::Convention(text, why),
            MoneyError::NotANumber(_) => MoneyError::NotANumber(text),
            MoneyError::Reversed(_) => MoneyError::Reversed(text),
            MoneyError::MixedRange(_) => MoneyError::MixedRange(text),
            MoneyError::RangeNotAllowed(_) => MoneyError::RangeNotAllowed(text),
        }
    }
}

/// At most this many characters of a written value are quoted.
const QUOTED_CHARS: usize = 64;

/// `text` cut to `QUOTED_CHARS` characters, `…` where it was cut: a
/// 100,000-digit figure is named, not repeated.
fn short(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => text.into(),
        Some((at, _)) => format!("{}…", &text[..at]).into(),
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            MoneyError::Empty => "",
            MoneyError::Negative(s)
            | MoneyError::SubCent(s)
            | MoneyError::TooLarge(s)
            | MoneyError::NotFinite(s)
            | MoneyError::Grouping(s)
            | MoneyError::Ambiguous { text: s, .. }
            | MoneyError::Convention(s, _)
            | MoneyError::Invalid(s)
            | MoneyError::NotANumber(s)
            | MoneyError::Reversed(s)
            | MoneyError::MixedRange(s)
            | MoneyError::RangeNotAllowed(s) => s,
        };
        let s = &short(text);
        match self {
            MoneyError::Empty => write!(f, "the amount is empty"),
            MoneyError::Negative(_) => write!(f, "`{s}` is negative; amounts must be 0 or more"),
            MoneyError::SubCent(_) => {
                write!(f, "`{s}` has more than two decimal places (sub-cent)")
            }
            MoneyError::TooLarge(_) => write!(f, "`{s}` is too large to be an amount"),
            MoneyError::NotFinite(_) => write!(f, "`{s}` is not a finite amount"),
            MoneyError::Grouping(_) => write!(
                f,
                "`{s}` has misplaced thousands separators; write e.g. `1,234,567`"
            ),
            MoneyError::Ambiguous {
                thousands, decimal, ..
            } => write!(
                f,
                "`{s}` is ambiguous: {thousands} if `.` separates thousands, or {decimal} if \
                 `.` is the decimal point; write `{thousands}` or `{}`",
                unambiguous_decimal(decimal)
            ),
            MoneyError::Convention(_, why) => write!(f, "`{s}` {why}"),
            MoneyError::Invalid(_) => write!(
                f,
                "`{s}` is not an amount; write e.g. `50000`, `\"$22k\"`, `\"1,200.50\"` or `\"USD 1.2M\"`"
            ),
            MoneyError::NotANumber(_) => {
                write!(
                    f,
                    "`{s}` is not a number; write e.g. `30`, `0.8` or `1,200`"
                )
            }
            MoneyError::Reversed(_) => {
                write!(
                    f,
                    "`{s}` is a range from high to low; write the lower figure first"
                )
            }
            MoneyError::MixedRange(_) => {
                write!(f, "`{s}` is a range in two currencies; write both in one")
            }
            MoneyError::RangeNotAllowed(_) => {
                write!(f, "`{s}` is a range; this field takes one amount")
            }
        }
    }
}

impl std::error::Error for MoneyError {}

/// The decimal reading written so that it is no longer ambiguous: a
/// fourth decimal digit where three remain (`2.125` → `2.1250`).
fn unambiguous_decimal(decimal: &str) -> String {
    match decimal.split_once('.') {
        Some((_, fraction)) if fraction.len() == 3 => format!("{decimal}0"),
        _ => decimal.to_string(),
    }
}
