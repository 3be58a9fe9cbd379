//! Amounts, numbers and currencies: an amount or a range read exactly or
//! refused, its currency marker held to the currency it is in, ISO codes,
//! exchange rates, and the numbers amounts are computed from.

use rust_decimal::Decimal;

use super::model::Field;
use super::reader::{FieldPath, Got, Reader, type_error};
use crate::currency::Currency;
use crate::diagnostic::{Finding, Findings, Rule};
use crate::money::{Marker, Money, MoneyError, Range, parse_number};
use crate::yaml::{Pos, Value};

/// An amount as read, before its currency marker is held to a currency.
pub(super) enum Read<'n> {
    Absent,
    Invalid,
    Value {
        range: Range,
        marker: Option<Marker>,
        /// As written, for messages.
        text: &'n str,
        at: Pos,
    },
}

pub(super) fn read_currency(got: Option<Got<'_>>, out: &mut Findings) -> Currency {
    match got {
        None => Currency::USD,
        Some(got) => currency_code(got.value(), got.at, FieldPath::top("currency"), out)
            .unwrap_or(Currency::USD),
    }
}

/// An ISO 4217 code; `None` (reported) when it is not one.
pub(super) fn currency_code(
    value: &Value,
    at: Pos,
    path: FieldPath<'_>,
    out: &mut Findings,
) -> Option<Currency> {
    match value {
        Value::Str(code) => {
            let found = Currency::from_code(code.trim());
            if found.is_none() {
                out.push(Finding::new(
                    Rule::Currency,
                    at,
                    match crate::suggest::currency_meant(code, Currency::codes()) {
                        Some(meant) if meant == code.trim().to_uppercase() => format!(
                            "unknown currency `{}`; did you mean `{meant}`? (ISO 4217 codes are written in capitals)",
                            crate::yaml::shorten(code)
                        ),
                        Some(meant) => format!(
                            "unknown currency `{}`; did you mean `{meant}`?",
                            crate::yaml::shorten(code)
                        ),
                        None => format!(
                            "unknown currency `{}`; use an ISO 4217 code such as `USD`, `EUR` or `GBP`",
                            crate::yaml::shorten(code)
                        ),
                    },
                ));
            }
            found
        }
        other => {
            out.push(type_error(
                path,
                at,
                "an ISO 4217 code such as `USD`",
                other,
            ));
            None
        }
    }
}

/// `exchange_rates: {GBP: 1.3482}`: units of the proposal's currency per
/// one unit of each other currency.
pub(super) fn read_rates(
    got: Option<Got<'_>>,
    currency: Currency,
    out: &mut Findings,
) -> Vec<(Currency, Decimal)> {
    let entries = match got.map(|g| (g, g.value())) {
        None => return Vec::new(),
        Some((_, Value::Map(entries))) => entries,
        Some((got, other)) => {
            let expected = "a mapping of currency codes to rates such as `{GBP: 1.35}`";
            out.push(type_error(
                FieldPath::top("exchange_rates"),
                got.at,
                expected,
                other,
            ));
            return Vec::new();
        }
    };
    let mut rates = Vec::with_capacity(entries.len());
    for entry in entries {
        let path = FieldPath::new("exchange_rates", &entry.key);
        let code = Value::Str(entry.key.clone());
        let Some(from) = currency_code(&code, entry.key_pos, path, out) else {
            continue;
        };
        let expected = format!("a number above 0: how many {currency} one {from} is worth");
        let Some(rate) = number(&entry.value.value, entry.key_pos, path, &expected, out) else {
            continue;
        };
        if rate <= Decimal::ZERO {
            out.push(type_error(
                path,
                entry.key_pos,
                &expected,
                &entry.value.value,
            ));
        } else if from == currency && rate != Decimal::ONE {
            out.push(Finding::new(
                Rule::Currency,
                entry.key_pos,
                format!("the rate of {from}, the proposal's own currency, can only be 1"),
            ));
        } else {
            rates.push((from, rate));
        }
    }
    rates
}

/// A number that amounts are computed from (a quantity, a percentage, a
/// rate), read exactly by the same reader as amounts. Something that is
/// no number at all is a `field-type` finding; a number written in a way
/// that cannot be read exactly (`"1,5"`, `"1.500"`) is an `amount`
/// finding, as it would be in an amount. `None` when reported.
pub(super) fn number(
    value: &Value,
    at: Pos,
    path: FieldPath<'_>,
    expected: &str,
    out: &mut Findings,
) -> Option<Decimal> {
    let text = match value {
        Value::Number(text) if !crate::yaml::is_radix(text) => text,
        Value::Str(text) => text,
        other => {
            out.push(type_error(path, at, expected, other));
            return None;
        }
    };
    match parse_number(text) {
        Ok(number) => Some(number),
        Err(MoneyError::NotANumber(_)) => {
            out.push(type_error(path, at, expected, value));
            None
        }
        Err(err) => {
            out.push(Finding::new(
                Rule::Amount,
                at,
                format!("invalid number in `{path}`: {err}"),
            ));
            None
        }
    }
}

impl Reader<'_> {
    /// A single amount in the proposal's currency (`funding.*`).
    pub(super) fn money(&mut self, got: Option<Got<'_>>, path: FieldPath<'_>) -> Field<Money> {
        let read = self.read_amount(got, path, false);
        match self.settle(read, self.currency, path, "the proposal's currency") {
            Field::Given(range) => Field::Given(range.low),
            Field::Invalid => Field::Invalid,
            Field::Absent => Field::Absent,
        }
    }

    /// Reads a number or an amount string; a range only if `range_ok`.
    pub(super) fn read_amount<'n>(
        &mut self,
        got: Option<Got<'n>>,
        path: FieldPath<'_>,
        range_ok: bool,
    ) -> Read<'n> {
        let Some(got) = got else {
            return Read::Absent;
        };
        let (parsed, text) = match got.value() {
            Value::Number(text) => (
                Money::from_yaml_number(text).map(|m| (m.into(), None)),
                text,
            ),
            Value::Str(text) => {
                let parsed = Range::parse(text).and_then(|w| {
                    if range_ok || w.range.is_exact() {
                        Ok((w.range, w.marker))
                    } else {
                        Err(MoneyError::RangeNotAllowed(text.trim().to_string()))
                    }
                });
                (parsed, text)
            }
            other => {
                let expected = "an amount (a number, or a string such as \"$5k\")";
                self.out.push(type_error(path, got.at, expected, other));
                return Read::Invalid;
            }
        };
        match parsed {
            Ok((range, marker)) => Read::Value {
                range,
                marker,
                text: text.trim(),
                at: got.at,
            },
            Err(e) => {
                self.out.push(Finding::new(
                    Rule::Amount,
                    got.at,
                    format!("invalid amount in `{path}`: {e}"),
                ));
                Read::Invalid
            }
        }
    }

    /// Holds an amount's marker to `currency`: a symbol or code that
    /// disagrees is a `currency` finding. `whose` names the currency.
    pub(super) fn settle(
        &mut self,
        read: Read<'_>,
        currency: Currency,
        path: FieldPath<'_>,
        whose: &str,
    ) -> Field<Range> {
        let (range, marker, text, at) = match read {
            Read::Absent => return Field::Absent,
            Read::Invalid => return Field::Invalid,
            Read::Value {
                range,
                marker,
                text,
                at,
            } => (range, marker, text, at),
        };
        // Quoted only in a message: most amounts have none.
        let text = || crate::yaml::shorten(text);
        let problem = match &marker {
            None => None,
            Some(Marker::Symbol(symbol)) if !currency.accepts_symbol(*symbol) => Some(format!(
                "`{}` in `{path}` is written in {symbol} but {whose} is {currency}",
                text()
            )),
            Some(Marker::Code(code)) => match Currency::from_code(code) {
                None => Some(format!(
                    "`{}` in `{path}` names unknown currency `{code}`",
                    text()
                )),
                Some(c) if c != currency => Some(format!(
                    "`{}` in `{path}` is in {c} but {whose} is {currency}",
                    text()
                )),
                Some(_) => None,
            },
            Some(Marker::Symbol(_)) => None,
        };
        match problem {
            Some(message) => {
                self.out.push(Finding::new(Rule::Currency, at, message));
                Field::Invalid
            }
            None => Field::Given(range),
        }
    }
}
