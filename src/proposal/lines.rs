//! Reads budget lines: each line's item, amount or `quantity × unit_cost`
//! or `percent`, its currency, tier and sub-lines, and where each stands.

use std::borrow::Borrow;

use rust_decimal::Decimal;

use super::amount::{Read, currency_code, number};
use super::keys::LINE_FIELDS;
use super::model::{BudgetLine, Field, LineSpots, MAX_BUDGET_DEPTH};
use super::reader::{
    FieldPath, Got, Reader, index, indexed, missing, present, report_unknown, type_error,
};
use crate::currency::Currency;
use crate::diagnostic::Finding;
use crate::diagnostic::Rule;
use crate::yaml::{Entry, Node, Pos, Value};

impl Reader<'_> {
    /// `budget`: the list of lines, taken out of the tree beforehand so
    /// each is freed as it is read.
    pub(super) fn budget(
        &mut self,
        got: Option<Got<'_>>,
        key: Option<Pos>,
        lines: Option<Vec<Node>>,
    ) -> Option<Vec<BudgetLine>> {
        let Some(got) = got else {
            self.out.push(missing(
                "budget",
                key,
                "a list of budget lines saying how the goal will be spent",
            ));
            return None;
        };
        match got.value() {
            Value::Seq(_) => {
                let items = lines.unwrap_or_default();
                Some(read_lines(self, items, "budget", 1, self.currency))
            }
            other => {
                let expected = "a list of budget lines (`- item: …`)";
                self.out.push(type_error("budget", got.at, expected, other));
                None
            }
        }
    }
}

/// Reads a list of budget lines under `parent` (`budget`, `budget[2].lines`),
/// owned (each node freed once read) or borrowed.
fn read_lines<N: Borrow<Node>>(
    reader: &mut Reader<'_>,
    items: impl IntoIterator<Item = N, IntoIter: ExactSizeIterator>,
    parent: &str,
    depth: usize,
    currency: Currency,
) -> Vec<BudgetLine> {
    let items = items.into_iter();
    // Sized up front: a budget can have hundreds of thousands of lines,
    // and a vector grown by doubling would hold up to twice as many.
    let mut lines = Vec::with_capacity(items.len());
    for (i, node) in items.enumerate() {
        let path = indexed(parent, i);
        lines.extend(read_line(reader, node.borrow(), path, depth, currency));
    }
    lines
}

fn read_line(
    reader: &mut Reader<'_>,
    node: &Node,
    path: String,
    depth: usize,
    inherited: Currency,
) -> Option<BudgetLine> {
    if depth > MAX_BUDGET_DEPTH {
        reader.out.push(Finding::new(
            Rule::FrontMatter,
            node.pos,
            format!("budget lines are nested deeper than {MAX_BUDGET_DEPTH} levels"),
        ));
        return None;
    }
    let Value::Map(entries) = &node.value else {
        let expected = "a budget line with `item:` and `amount:`";
        reader
            .out
            .push(type_error(&path, node.pos, expected, &node.value));
        return None;
    };
    report_unknown(entries, &path, &LINE_FIELDS, reader.out);
    let line = Line {
        found: index(entries, &LINE_FIELDS),
        path: &path,
        pos: node.pos,
    };
    let item = match line.get(ITEM) {
        Some(got) if matches!(got.value(), Value::Str(s) if !s.trim().is_empty()) => {
            reader.optional_string(Some(got), line.at(ITEM))
        }
        got => reader.required_string(got, line.at(ITEM), Some(line.spot(ITEM))),
    };
    let amount = reader.read_amount(line.get(AMOUNT), line.at(AMOUNT), true);
    let unit_cost = reader.read_amount(line.get(UNIT_COST), line.at(UNIT_COST), true);
    let currency = line_currency(reader, &line, [&amount, &unit_cost], inherited);
    let whose = if currency == reader.currency {
        "the proposal's currency"
    } else {
        "the line's currency"
    };
    let amount = reader.settle(amount, currency, line.at(AMOUNT), whose);
    let unit_cost = reader.settle(unit_cost, currency, line.at(UNIT_COST), whose);
    let quantity = count(reader, line.get(QUANTITY), line.at(QUANTITY));
    let percent = count(reader, line.get(PERCENT), line.at(PERCENT));
    let priced = !(quantity.is_absent() || unit_cost.is_absent());
    if amount.is_absent() && !priced && percent.is_absent() {
        reader.out.push(Finding::new(
            Rule::MissingField,
            line.spot(AMOUNT),
            format!(
                "missing required field `{path}.amount` (or give both `quantity` and `unit_cost`, or `percent`)"
            ),
        ));
    }
    let lines = sub_lines(reader, &line, depth, currency);
    Some(BudgetLine {
        spots: LineSpots {
            line: node.pos,
            amount: line.spot(AMOUNT),
            unit_cost: line.spot(UNIT_COST),
            percent: line.spot(PERCENT),
            lines: line.spot(LINES),
        },
        item,
        amount,
        quantity,
        unit: text(reader, line.get(UNIT), line.at(UNIT)),
        unit_cost,
        percent,
        tier: tier(reader, line.get(TIER), line.at(TIER), depth),
        currency,
        lines,
        note: text(reader, line.get(NOTE), line.at(NOTE)),
        path,
    })
}

/// One of `LINE_FIELDS`, by its place there.
#[derive(Debug, Clone, Copy)]
struct Key(usize);

impl Key {
    /// The field `name`, found where grantctl is compiled: a name that is
    /// not in `LINE_FIELDS` does not compile.
    const fn named(name: &str) -> Key {
        let mut i = 0;
        while i < LINE_FIELDS.len() {
            if same(LINE_FIELDS[i].as_bytes(), name.as_bytes()) {
                return Key(i);
            }
            i += 1;
        }
        panic!("not a budget-line field")
    }

    fn name(self) -> &'static str {
        LINE_FIELDS[self.0]
    }
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const ITEM: Key = Key::named("item");
const AMOUNT: Key = Key::named("amount");
const QUANTITY: Key = Key::named("quantity");
const UNIT: Key = Key::named("unit");
const UNIT_COST: Key = Key::named("unit_cost");
const PERCENT: Key = Key::named("percent");
const TIER: Key = Key::named("tier");
const CURRENCY: Key = Key::named("currency");
const LINES: Key = Key::named("lines");
const NOTE: Key = Key::named("note");

/// One budget line's keys, and where it stands.
struct Line<'a> {
    /// The entry of each of `LINE_FIELDS`, found once: a line's fields are
    /// looked up fifteen times, and a scan per look-up compared keys
    /// about ninety times a line.
    found: [Option<&'a Entry>; LINE_FIELDS.len()],
    path: &'a str,
    pos: Pos,
}

impl<'a> Line<'a> {
    fn get(&self, key: Key) -> Option<Got<'a>> {
        present(self.found[key.0]?)
    }

    /// The path of one of its keys, for messages: `budget[2].amount`.
    fn at(&self, key: Key) -> FieldPath<'a> {
        FieldPath::new(self.path, key.name())
    }

    /// Where `key` stands, or the line itself when it is absent.
    fn spot(&self, key: Key) -> Pos {
        self.found[key.0].map_or(self.pos, |e| e.key_pos)
    }
}

/// The line's own `currency`, or the one its amount's symbol implies
/// (`"£33,370"` where `exchange_rates` has GBP), or its parent's. A
/// currency with no rate is a `currency` finding.
fn line_currency(
    reader: &mut Reader<'_>,
    line: &Line<'_>,
    reads: [&Read<'_>; 2],
    inherited: Currency,
) -> Currency {
    let explicit = line
        .get(CURRENCY)
        .and_then(|g| currency_code(g.value(), g.at, line.at(CURRENCY), reader.out));
    let currency = explicit
        .or_else(|| {
            reads
                .iter()
                .find_map(|read| implied(reader, read, inherited))
        })
        .unwrap_or(inherited);
    if currency != reader.currency && !reader.rates.iter().any(|(c, _)| *c == currency) {
        let place = if explicit.is_some() {
            line.spot(CURRENCY)
        } else {
            line.spot(AMOUNT)
        };
        reader.out.push(Finding::new(
            Rule::Currency,
            place,
            format!(
                "no exchange rate for {currency}: add `exchange_rates: {{{currency}: …}}`, in {} per {currency}",
                reader.currency
            ),
        ));
    }
    currency
}

/// The currency a marker names when it is not `inherited` but one of
/// the exchange rates.
fn implied(reader: &Reader<'_>, read: &Read<'_>, inherited: Currency) -> Option<Currency> {
    let Read::Value {
        marker: Some(marker),
        ..
    } = read
    else {
        return None;
    };
    let names = |c: Currency| match marker {
        crate::money::Marker::Symbol(symbol) => c.accepts_symbol(*symbol),
        crate::money::Marker::Code(code) => c.code() == code,
    };
    if names(inherited) {
        return None;
    }
    reader.rates.iter().map(|(c, _)| *c).find(|&c| names(c))
}

/// `quantity` or `percent`: a number 0 or more.
fn count(reader: &mut Reader<'_>, got: Option<Got<'_>>, path: FieldPath<'_>) -> Field<Decimal> {
    let Some(got) = got else {
        return Field::Absent;
    };
    let expected = "a number 0 or more (e.g. 30 or 0.8)";
    match number(got.value(), got.at, path, expected, reader.out) {
        Some(q) if !q.is_sign_negative() || q.is_zero() => Field::Given(q),
        Some(_) => {
            reader
                .out
                .push(type_error(path, got.at, expected, got.value()));
            Field::Invalid
        }
        None => Field::Invalid,
    }
}

/// `unit` and `note`: free text.
fn text(reader: &mut Reader<'_>, got: Option<Got<'_>>, path: FieldPath<'_>) -> Option<String> {
    reader.optional_string(got, path)
}

/// `tier`: a whole number from 1, on top-level lines only.
fn tier(
    reader: &mut Reader<'_>,
    got: Option<Got<'_>>,
    path: FieldPath<'_>,
    depth: usize,
) -> Field<u32> {
    let Some(got) = got else {
        return Field::Absent;
    };
    if depth > 1 {
        reader.out.push(Finding::new(
            Rule::FieldType,
            got.at,
            format!("`{path}`: only top-level budget lines have a tier"),
        ));
        return Field::Invalid;
    }
    let whole = match got.value() {
        Value::Number(text) => text.parse::<u32>().ok().filter(|&t| t >= 1),
        _ => None,
    };
    match whole {
        Some(t) => Field::Given(t),
        None => {
            let expected = "a whole number from 1 (1 = core)";
            reader
                .out
                .push(type_error(path, got.at, expected, got.value()));
            Field::Invalid
        }
    }
}

fn sub_lines(
    reader: &mut Reader<'_>,
    line: &Line<'_>,
    depth: usize,
    currency: Currency,
) -> Vec<BudgetLine> {
    let Some(got) = line.get(LINES) else {
        return Vec::new();
    };
    match got.value() {
        Value::Seq(items) => {
            let path = [line.path, ".lines"].concat();
            read_lines(reader, items.iter(), &path, depth + 1, currency)
        }
        other => {
            let expected = "a list of budget lines";
            reader
                .out
                .push(type_error(line.at(LINES), got.at, expected, other));
            Vec::new()
        }
    }
}
