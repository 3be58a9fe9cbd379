//! Reads the YAML tree into the typed model, one finding per bad field,
//! each at the position of the key it is about.
//!
//! Written by hand over `yaml::Node` rather than with serde derive: serde
//! stops at the first type error, and a reviewer wants every one at once.
//! Budget lines are read in `lines`; what both share is here.

use rust_decimal::Decimal;

use super::{Field, Funding, OtherSource, Proposal, lines};
use crate::currency::Currency;
use crate::diagnostic::unknown_rule;
use crate::diagnostic::{Finding, Findings};
use crate::diagnostic::{Rule, Severity};
use crate::money::{Marker, Money, MoneyError, Range, parse_number};
use crate::suggest::did_you_mean;
use crate::yaml::{Entry, Node, Pos, Value};

pub(super) const TOP_FIELDS: &[&str] = &[
    "title",
    "id",
    "applicant",
    "round",
    "causes",
    "currency",
    "funding",
    "budget",
    "exchange_rates",
    "grantctl",
];
pub(super) const FUNDING_FIELDS: &[&str] =
    &["goal", "minimum", "raised", "other_sources", "tolerance"];
pub(super) const SOURCE_FIELDS: &[&str] = &["source", "amount"];
pub(super) const SETTINGS_FIELDS: &[&str] = &["allow"];

/// Reads the root mapping; `None` (with a `frontmatter` finding) when the
/// front matter is not a mapping at all.
pub(super) fn read_proposal(
    mut root: Node,
    default_id: &str,
    out: &mut Findings,
) -> Option<Proposal> {
    // The budget's lines are taken out and read one by one, each freed as
    // it is read: a budget of 200,000 lines is never held twice.
    let budget_lines = take_budget(&mut root);
    let Value::Map(entries) = &root.value else {
        out.push(Finding::new(
            Rule::FrontMatter,
            None,
            format!(
                "front matter must be a mapping of fields such as `title:`, found {}",
                root.value.described()
            ),
        ));
        return None;
    };
    report_unknown(entries, "", TOP_FIELDS, out);
    let get = |key: &str| lookup(entries, key);
    let currency = read_currency(get("currency"), out);
    let exchange_rates = read_rates(get("exchange_rates"), currency, out);
    let mut reader = Reader {
        currency,
        rates: &exchange_rates,
        out,
    };
    let title = reader.required_string(
        get("title"),
        FieldPath::top("title"),
        key_at(entries, "title"),
    );
    let id = reader
        .optional_string(get("id"), FieldPath::top("id"))
        .unwrap_or_else(|| default_id.to_string());
    let applicant = reader.strings(get("applicant"), "applicant", true);
    let round = reader.optional_string(get("round"), FieldPath::top("round"));
    let causes = reader.strings(get("causes"), "causes", false);
    let funding = reader.funding(get("funding"), key_at(entries, "funding"));
    let budget_at = key_at(entries, "budget");
    let budget = reader.budget(get("budget"), budget_at, budget_lines);
    let allow = reader.settings(get("grantctl"));
    Some(Proposal {
        exchange_rates,
        id,
        title,
        applicant,
        round,
        causes,
        currency,
        funding,
        budget,
        allow,
        budget_at,
    })
}

/// The budget's list of lines, moved out of the tree (an empty list is left
/// in its place, so the key and its kind are still there to read).
fn take_budget(root: &mut Node) -> Option<Vec<Node>> {
    let Value::Map(entries) = &mut root.value else {
        return None;
    };
    let at = entries
        .iter()
        .position(|e| &*e.key == "budget")
        .or_else(|| {
            entries
                .iter()
                .position(|e| e.key.eq_ignore_ascii_case("budget"))
        })?;
    match &mut entries[at].value.value {
        Value::Seq(items) => Some(std::mem::take(items).into_vec()),
        _ => None,
    }
}

/// A value found under a key, and where the key stands.
#[derive(Clone, Copy)]
pub(super) struct Got<'a> {
    pub(super) node: &'a Node,
    pub(super) at: Pos,
}

impl<'a> Got<'a> {
    pub(super) fn value(self) -> &'a Value {
        &self.node.value
    }
}

/// The value of `key`, `null` counting as absent. A key that differs from
/// `key` only in case (`Lines:`) is read when `key` itself is absent:
/// `report_unknown` has made it an error, and the money under it is
/// checked rather than dropped.
pub(super) fn lookup<'a>(entries: &'a [Entry], key: &str) -> Option<Got<'a>> {
    let found = entry(entries, key)?;
    (!matches!(found.value.value, Value::Null)).then_some(Got {
        node: &found.value,
        at: found.key_pos,
    })
}

/// Where `key` stands, even when its value is `null`: a field present as
/// `null` is missing, and reported on its own key.
pub(super) fn key_at(entries: &[Entry], key: &str) -> Option<Pos> {
    entry(entries, key).map(|e| e.key_pos)
}

fn entry<'a>(entries: &'a [Entry], key: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .find(|e| &*e.key == key)
        .or_else(|| entries.iter().find(|e| e.key.eq_ignore_ascii_case(key)))
}

/// A field's path for messages (`budget[2].amount`), joined only when a
/// message is written: most fields have no problem, and paths would
/// otherwise be built for every line of every proposal.
#[derive(Debug, Clone, Copy)]
pub(super) struct FieldPath<'a> {
    parent: &'a str,
    key: &'a str,
}

impl<'a> FieldPath<'a> {
    pub(super) fn new(parent: &'a str, key: &'a str) -> Self {
        FieldPath { parent, key }
    }

    pub(super) fn top(key: &'a str) -> Self {
        FieldPath { parent: "", key }
    }
}

impl std::fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.parent.is_empty() {
            write!(f, "{}.", self.parent)?;
        }
        f.write_str(&crate::yaml::shorten(self.key))
    }
}

/// Reports each key of `entries` that is not in `known`: a warning with a
/// "did you mean", or an error when it is a known key in other case.
pub(super) fn report_unknown(entries: &[Entry], parent: &str, known: &[&str], out: &mut Findings) {
    for entry in entries {
        let key = &*entry.key;
        if known.contains(&key) {
            continue;
        }
        if let Some(&field) = known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
            out.push(miscased(entries, entry, parent, field));
            continue;
        }
        if out.is_full() {
            out.count(Rule::UnknownField);
            continue;
        }
        let place = if parent.is_empty() {
            String::new()
        } else {
            format!(" in `{parent}`")
        };
        let hint = match did_you_mean(key, known) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => format!(
                "; expected one of {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push(Finding::new(
            Rule::UnknownField,
            entry.key_pos,
            format!("unknown field `{}`{place}{hint}", crate::yaml::shorten(key)),
        ));
    }
}

/// `Lines:` for `lines`: an error, since an unknown-field warning can be
/// allowed and the money under the key would then go unchecked.
fn miscased(entries: &[Entry], entry: &Entry, parent: &str, field: &str) -> Finding {
    let path = FieldPath::new(parent, field);
    let exact = entries.iter().any(|e| &*e.key == field);
    let first = entries.iter().find(|e| e.key.eq_ignore_ascii_case(field));
    let read = !exact && first.is_some_and(|f| std::ptr::eq(f, entry));
    let what = if read {
        format!("meanwhile it is read as `{path}`")
    } else {
        format!("it is not read, since `{path}` is given")
    };
    Finding::new(
        Rule::FieldType,
        entry.key_pos,
        format!(
            "`{}` differs from `{field}` only in case; field names are lower case, so write `{field}` ({what})",
            entry.key
        ),
    )
}

fn read_currency(got: Option<Got<'_>>, out: &mut Findings) -> Currency {
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
                    format!(
                        "unknown currency `{}`; use an ISO 4217 code such as `USD`, `EUR` or `GBP`",
                        crate::yaml::shorten(code)
                    ),
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
fn read_rates(
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

pub(super) fn type_error(
    path: impl std::fmt::Display,
    at: Pos,
    expected: &str,
    found: &Value,
) -> Finding {
    Finding::new(
        Rule::FieldType,
        at,
        format!("`{path}` must be {expected}, found {}", found.described()),
    )
}

pub(super) fn missing(path: impl std::fmt::Display, at: Option<Pos>, meaning: &str) -> Finding {
    Finding::new(
        Rule::MissingField,
        at,
        format!("missing required field `{path}` ({meaning})"),
    )
}

const GOAL: FieldPath<'static> = FieldPath {
    parent: "funding",
    key: "goal",
};

pub(super) struct Reader<'a> {
    pub(super) currency: Currency,
    pub(super) rates: &'a [(Currency, Decimal)],
    pub(super) out: &'a mut Findings,
}

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

impl Reader<'_> {
    pub(super) fn optional_string(
        &mut self,
        got: Option<Got<'_>>,
        path: FieldPath<'_>,
    ) -> Option<String> {
        let got = got?;
        match got.value() {
            Value::Str(s) => Some(s.to_string()),
            other => {
                self.out.push(type_error(path, got.at, "a string", other));
                None
            }
        }
    }

    /// A string that must be there and not blank; a missing one is
    /// reported at `parent` (the opening `---` when `None`).
    pub(super) fn required_string(
        &mut self,
        got: Option<Got<'_>>,
        path: FieldPath<'_>,
        parent: Option<Pos>,
    ) -> Option<String> {
        let value = self.optional_string(got, path);
        let blank = matches!(got.map(Got::value), Some(Value::Str(s)) if s.trim().is_empty());
        if got.is_none() || blank {
            let meaning = if path.key == "title" {
                "the project's name"
            } else {
                "what the money is for"
            };
            let at = got.map(|g| g.at).or(parent);
            self.out.push(missing(path, at, meaning));
            return None;
        }
        value
    }

    /// A string or list of strings (`applicant`), or a list only (`causes`).
    fn strings(&mut self, got: Option<Got<'_>>, path: &str, one_allowed: bool) -> Vec<String> {
        let expected = if one_allowed {
            "a string or a list of strings"
        } else {
            "a list of strings"
        };
        let Some(got) = got else {
            return Vec::new();
        };
        match got.value() {
            Value::Str(s) if one_allowed => vec![s.to_string()],
            Value::Seq(items) => {
                let mut strings = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match &item.value {
                        Value::Str(s) => strings.push(s.to_string()),
                        other => self.out.push(type_error(
                            format!("{path}[{i}]"),
                            item.pos,
                            "a string",
                            other,
                        )),
                    }
                }
                strings
            }
            other => {
                self.out.push(type_error(path, got.at, expected, other));
                Vec::new()
            }
        }
    }

    /// `grantctl: {allow: [...]}`: the warning rules this file accepts.
    fn settings(&mut self, got: Option<Got<'_>>) -> Vec<Rule> {
        let entries = match got.map(|g| (g, g.value())) {
            None => return Vec::new(),
            Some((_, Value::Map(entries))) => entries,
            Some((got, other)) => {
                let expected = "a mapping such as `{allow: [unknown-field]}`";
                self.out
                    .push(type_error("grantctl", got.at, expected, other));
                return Vec::new();
            }
        };
        report_unknown(entries, "grantctl", SETTINGS_FIELDS, self.out);
        let items = match lookup(entries, "allow").map(|g| (g, g.value())) {
            None => return Vec::new(),
            Some((_, Value::Seq(items))) => items,
            Some((got, other)) => {
                let expected = "a list of rule ids such as `[unknown-field]`";
                self.out
                    .push(type_error("grantctl.allow", got.at, expected, other));
                return Vec::new();
            }
        };
        let mut allow = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("grantctl.allow[{i}]");
            let Value::Str(id) = &item.value else {
                self.out
                    .push(type_error(&path, item.pos, "a rule id", &item.value));
                continue;
            };
            match Rule::from_id(id.trim()) {
                Some(rule) if rule.severity() == Severity::Warning => allow.push(rule),
                Some(rule) => self.out.push(Finding::new(
                    Rule::FieldType,
                    item.pos,
                    format!(
                        "`{rule}` is an error and cannot be allowed in a proposal; fix what it reports"
                    ),
                )),
                None => self.out.push(Finding::new(
                    Rule::FieldType,
                    item.pos,
                    unknown_rule(&crate::yaml::shorten(id), Some("grantctl.allow")),
                )),
            }
        }
        allow
    }

    fn funding(&mut self, got: Option<Got<'_>>, key: Option<Pos>) -> Funding {
        let entries = match got.map(|g| (g, g.value())) {
            None => {
                self.out.push(missing(GOAL, key, "the amount asked for"));
                return Funding::default();
            }
            Some((_, Value::Map(entries))) => entries,
            Some((got, other)) => {
                self.out.push(type_error(
                    "funding",
                    got.at,
                    "a mapping with `goal:`",
                    other,
                ));
                return Funding {
                    goal: Field::Invalid,
                    ..Funding::default()
                };
            }
        };
        let funding_at = got.map(|g| g.at);
        report_unknown(entries, "funding", FUNDING_FIELDS, self.out);
        let get = |key: &str| lookup(entries, key);
        let goal = self.money(get("goal"), GOAL);
        if goal.is_absent() {
            let at = key_at(entries, "goal").or(funding_at);
            self.out.push(missing(GOAL, at, "the amount asked for"));
        }
        Funding {
            goal,
            minimum: self.money(get("minimum"), FieldPath::new("funding", "minimum")),
            raised: self.money(get("raised"), FieldPath::new("funding", "raised")),
            other_sources: self.other_sources(get("other_sources")),
            tolerance: self.money(get("tolerance"), FieldPath::new("funding", "tolerance")),
            goal_at: get("goal").map(|g| g.at).or(funding_at),
            minimum_at: get("minimum").map(|g| g.at),
            sources_at: get("other_sources").map(|g| g.at),
        }
    }

    /// `funding.other_sources`: `- {source: …, amount: …}`.
    fn other_sources(&mut self, got: Option<Got<'_>>) -> Vec<OtherSource> {
        let items = match got.map(|g| (g, g.value())) {
            None => return Vec::new(),
            Some((_, Value::Seq(items))) => items,
            Some((got, other)) => {
                let expected = "a list of `- source: …` / `amount: …` entries";
                self.out
                    .push(type_error("funding.other_sources", got.at, expected, other));
                return Vec::new();
            }
        };
        let mut sources = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("funding.other_sources[{i}]");
            let Value::Map(entries) = &item.value else {
                let expected = "a mapping with `source:` and `amount:`";
                self.out
                    .push(type_error(&path, item.pos, expected, &item.value));
                continue;
            };
            report_unknown(entries, &path, SOURCE_FIELDS, self.out);
            let source =
                self.optional_string(lookup(entries, "source"), FieldPath::new(&path, "source"));
            let amount_path = FieldPath::new(&path, "amount");
            let amount_got = lookup(entries, "amount");
            let amount = self.money(amount_got, amount_path);
            if amount.is_absent() {
                self.out.push(missing(
                    amount_path,
                    key_at(entries, "amount").or(Some(item.pos)),
                    "what this source covers",
                ));
            }
            sources.push(OtherSource {
                path,
                at: amount_got.map_or(item.pos, |g| g.at),
                source,
                amount,
            });
        }
        sources
    }

    /// A single amount in the proposal's currency (`funding.*`).
    fn money(&mut self, got: Option<Got<'_>>, path: FieldPath<'_>) -> Field<Money> {
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
            } => (range, marker, crate::yaml::shorten(text), at),
        };
        let problem = match &marker {
            None => None,
            Some(Marker::Symbol(symbol)) if !currency.accepts_symbol(*symbol) => Some(format!(
                "`{text}` in `{path}` is written in {symbol} but {whose} is {currency}"
            )),
            Some(Marker::Code(code)) => match Currency::from_code(code) {
                None => Some(format!(
                    "`{text}` in `{path}` names unknown currency `{code}`"
                )),
                Some(c) if c != currency => Some(format!(
                    "`{text}` in `{path}` is in {c} but {whose} is {currency}"
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

    fn budget(
        &mut self,
        got: Option<Got<'_>>,
        key: Option<Pos>,
        lines: Option<Vec<Node>>,
    ) -> Option<Vec<super::BudgetLine>> {
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
                Some(lines::read_lines(self, items, "budget", 1, self.currency))
            }
            other => {
                let expected = "a list of budget lines (`- item: …`)";
                self.out.push(type_error("budget", got.at, expected, other));
                None
            }
        }
    }
}
