//! Reads the YAML tree into the typed model, one finding per bad field.
//!
//! Written by hand over `yaml::Node` rather than with serde derive: serde
//! stops at the first type error, and a reviewer wants every one at once.

use rust_decimal::Decimal;

use super::{BudgetLine, Field, Finding, Funding, MAX_BUDGET_DEPTH, OtherSource, Proposal};
use crate::currency::Currency;
use crate::diagnostic::{Rule, Severity};
use crate::money::{self, Marker, Money, MoneyError, Range};
use crate::suggest::{did_you_mean, unknown_rule};
use crate::yaml::Node;

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
pub(super) const LINE_FIELDS: &[&str] = &[
    "item",
    "amount",
    "quantity",
    "unit",
    "unit_cost",
    "percent",
    "tier",
    "currency",
    "lines",
    "note",
];
pub(super) const SOURCE_FIELDS: &[&str] = &["source", "amount"];
pub(super) const SETTINGS_FIELDS: &[&str] = &["allow"];

/// Reads the root mapping; `None` (with a `frontmatter` finding) when the
/// front matter is not a mapping at all.
pub(super) fn read_proposal(
    root: &Node,
    default_id: &str,
    out: &mut Vec<Finding>,
) -> Option<Proposal> {
    let Node::Map(entries) = root else {
        out.push(Finding::new(
            Rule::FrontMatter,
            "",
            format!(
                "front matter must be a mapping of fields such as `title:`, found {}",
                root.kind()
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
    let title = reader.required_string(get("title"), "title");
    let id = reader
        .optional_string(get("id"), "id")
        .unwrap_or_else(|| default_id.to_string());
    let applicant = reader.strings(get("applicant"), "applicant", true);
    let round = reader.optional_string(get("round"), "round");
    let causes = reader.strings(get("causes"), "causes", false);
    let funding = reader.funding(get("funding"));
    let budget = reader.budget(get("budget"));
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
    })
}

fn lookup<'a>(entries: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    entries
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v, Node::Null))
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn report_unknown(
    entries: &[(String, Node)],
    parent: &str,
    known: &[&str],
    out: &mut Vec<Finding>,
) {
    for (key, _) in entries {
        if known.contains(&key.as_str()) {
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
            join(parent, key),
            format!("unknown field `{key}`{place}{hint}"),
        ));
    }
}

fn read_currency(node: Option<&Node>, out: &mut Vec<Finding>) -> Currency {
    match node {
        None => Currency::USD,
        Some(node) => currency_code(node, "currency", out).unwrap_or(Currency::USD),
    }
}

/// An ISO 4217 code; `None` (reported) when it is not one.
fn currency_code(node: &Node, path: &str, out: &mut Vec<Finding>) -> Option<Currency> {
    match node {
        Node::Str(code) => {
            let found = Currency::from_code(code.trim());
            if found.is_none() {
                out.push(Finding::new(
                    Rule::Currency,
                    path,
                    format!(
                        "unknown currency `{code}`; use an ISO 4217 code such as `USD`, `EUR` or `GBP`"
                    ),
                ));
            }
            found
        }
        other => {
            out.push(type_error(path, "an ISO 4217 code such as `USD`", other));
            None
        }
    }
}

/// `exchange_rates: {GBP: 1.3482}`: units of the proposal's currency per
/// one unit of each other currency.
fn read_rates(
    node: Option<&Node>,
    currency: Currency,
    out: &mut Vec<Finding>,
) -> Vec<(Currency, Decimal)> {
    let entries = match node {
        None => return Vec::new(),
        Some(Node::Map(entries)) => entries,
        Some(other) => {
            let expected = "a mapping of currency codes to rates such as `{GBP: 1.35}`";
            out.push(type_error("exchange_rates", expected, other));
            return Vec::new();
        }
    };
    let mut rates = Vec::with_capacity(entries.len());
    for (code, value) in entries {
        let path = format!("exchange_rates.{code}");
        let Some(from) = currency_code(&Node::Str(code.clone()), &path, out) else {
            continue;
        };
        let rate = number(value);
        match rate {
            Some(rate) if rate > Decimal::ZERO => {
                if from == currency && rate != Decimal::ONE {
                    out.push(Finding::new(
                        Rule::Currency,
                        path,
                        format!("the rate of {from}, the proposal's own currency, can only be 1"),
                    ));
                } else {
                    rates.push((from, rate));
                }
            }
            _ => {
                let message = format!(
                    "`{path}` must be a number above 0: how many {currency} one {from} is worth"
                );
                out.push(Finding::new(Rule::FieldType, path, message));
            }
        }
    }
    rates
}

/// A YAML number, or a string of digits (`"1,200.5"`), as an exact decimal;
/// `None` for anything else, or digits a decimal cannot hold exactly.
fn number(node: &Node) -> Option<Decimal> {
    match node {
        Node::Int(i) => Decimal::try_from_i128_with_scale(*i, 0).ok(),
        Node::Float(f) => money::exact_decimal(f.abs())
            .ok()
            .map(|d| if *f < 0.0 { -d } else { d }),
        Node::Number(s) => money::exact_number(s),
        Node::Str(s) => money::exact_number(&s.trim().replace(',', "")),
        _ => None,
    }
}

fn type_error(path: &str, expected: &str, found: &Node) -> Finding {
    Finding::new(
        Rule::FieldType,
        path,
        format!("`{path}` must be {expected}, found {}", found.kind()),
    )
}

fn missing(path: &str, meaning: &str) -> Finding {
    Finding::new(
        Rule::MissingField,
        path,
        format!("missing required field `{path}` ({meaning})"),
    )
}

struct Reader<'a> {
    currency: Currency,
    rates: &'a [(Currency, Decimal)],
    out: &'a mut Vec<Finding>,
}

/// An amount as read, before its currency marker is held to a currency.
enum Read<'n> {
    Absent,
    Invalid,
    Value {
        range: Range,
        marker: Option<Marker>,
        /// As written, for messages; empty for a YAML number.
        text: &'n str,
    },
}

impl Reader<'_> {
    fn optional_string(&mut self, node: Option<&Node>, path: &str) -> Option<String> {
        match node? {
            Node::Str(s) => Some(s.clone()),
            other => {
                self.out.push(type_error(path, "a string", other));
                None
            }
        }
    }

    fn required_string(&mut self, node: Option<&Node>, path: &str) -> Option<String> {
        let value = self.optional_string(node, path);
        let blank = matches!(node, Some(Node::Str(s)) if s.trim().is_empty());
        if node.is_none() || blank {
            let meaning = if path == "title" {
                "the project's name"
            } else {
                "what the money is for"
            };
            self.out.push(missing(path, meaning));
            return None;
        }
        value
    }

    /// A string or list of strings (`applicant`), or a list only (`causes`).
    fn strings(&mut self, node: Option<&Node>, path: &str, one_allowed: bool) -> Vec<String> {
        let expected = if one_allowed {
            "a string or a list of strings"
        } else {
            "a list of strings"
        };
        match node {
            None => Vec::new(),
            Some(Node::Str(s)) if one_allowed => vec![s.clone()],
            Some(Node::Seq(items)) => {
                let mut strings = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Node::Str(s) => strings.push(s.clone()),
                        other => {
                            self.out
                                .push(type_error(&format!("{path}[{i}]"), "a string", other))
                        }
                    }
                }
                strings
            }
            Some(other) => {
                self.out.push(type_error(path, expected, other));
                Vec::new()
            }
        }
    }

    /// `grantctl: {allow: [...]}`: the warning rules this file accepts.
    fn settings(&mut self, node: Option<&Node>) -> Vec<Rule> {
        let entries = match node {
            None => return Vec::new(),
            Some(Node::Map(entries)) => entries,
            Some(other) => {
                let expected = "a mapping such as `{allow: [unknown-field]}`";
                self.out.push(type_error("grantctl", expected, other));
                return Vec::new();
            }
        };
        report_unknown(entries, "grantctl", SETTINGS_FIELDS, self.out);
        let items = match lookup(entries, "allow") {
            None => return Vec::new(),
            Some(Node::Seq(items)) => items,
            Some(other) => {
                let expected = "a list of rule ids such as `[unknown-field]`";
                self.out.push(type_error("grantctl.allow", expected, other));
                return Vec::new();
            }
        };
        let mut allow = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("grantctl.allow[{i}]");
            let Node::Str(id) = item else {
                self.out.push(type_error(&path, "a rule id", item));
                continue;
            };
            match Rule::from_id(id.trim()) {
                Some(rule) if rule.severity() == Severity::Warning => allow.push(rule),
                Some(rule) => self.out.push(Finding::new(
                    Rule::FieldType,
                    path,
                    format!(
                        "`{rule}` is an error and cannot be allowed in a proposal; fix what it reports"
                    ),
                )),
                None => self.out.push(Finding::new(
                    Rule::FieldType,
                    path,
                    unknown_rule(id, Some("grantctl.allow")),
                )),
            }
        }
        allow
    }

    fn funding(&mut self, node: Option<&Node>) -> Funding {
        let entries = match node {
            None => {
                self.out
                    .push(missing("funding.goal", "the amount asked for"));
                return Funding::default();
            }
            Some(Node::Map(entries)) => entries,
            Some(other) => {
                self.out
                    .push(type_error("funding", "a mapping with `goal:`", other));
                return Funding {
                    goal: Field::Invalid,
                    ..Funding::default()
                };
            }
        };
        report_unknown(entries, "funding", FUNDING_FIELDS, self.out);
        let goal = self.money(lookup(entries, "goal"), "funding.goal");
        if goal.is_absent() {
            self.out
                .push(missing("funding.goal", "the amount asked for"));
        }
        Funding {
            goal,
            minimum: self.money(lookup(entries, "minimum"), "funding.minimum"),
            raised: self.money(lookup(entries, "raised"), "funding.raised"),
            other_sources: self.other_sources(lookup(entries, "other_sources")),
            tolerance: self.money(lookup(entries, "tolerance"), "funding.tolerance"),
        }
    }

    /// `funding.other_sources`: `- {source: …, amount: …}`.
    fn other_sources(&mut self, node: Option<&Node>) -> Vec<OtherSource> {
        let items = match node {
            None => return Vec::new(),
            Some(Node::Seq(items)) => items,
            Some(other) => {
                let expected = "a list of `- source: …` / `amount: …` entries";
                self.out
                    .push(type_error("funding.other_sources", expected, other));
                return Vec::new();
            }
        };
        let mut sources = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("funding.other_sources[{i}]");
            let Node::Map(entries) = item else {
                self.out.push(type_error(
                    &path,
                    "a mapping with `source:` and `amount:`",
                    item,
                ));
                continue;
            };
            report_unknown(entries, &path, SOURCE_FIELDS, self.out);
            let source = self.optional_string(lookup(entries, "source"), &format!("{path}.source"));
            let amount_path = format!("{path}.amount");
            let amount = self.money(lookup(entries, "amount"), &amount_path);
            if amount.is_absent() {
                self.out
                    .push(missing(&amount_path, "what this source covers"));
            }
            sources.push(OtherSource {
                path,
                source,
                amount,
            });
        }
        sources
    }

    /// A single amount in the proposal's currency (`funding.*`).
    fn money(&mut self, node: Option<&Node>, path: &str) -> Field<Money> {
        let read = self.read_amount(node, path, false);
        match self.settle(read, self.currency, path, "the proposal's currency") {
            Field::Given(range) => Field::Given(range.low),
            Field::Invalid => Field::Invalid,
            Field::Absent => Field::Absent,
        }
    }

    /// Reads a number or an amount string; a range only if `range_ok`.
    fn read_amount<'n>(&mut self, node: Option<&'n Node>, path: &str, range_ok: bool) -> Read<'n> {
        let parsed = match node {
            None => return Read::Absent,
            Some(Node::Int(i)) => Money::from_int(*i).map(|m| (m.into(), None)),
            Some(Node::Float(f)) => Money::from_float(*f).map(|m| (m.into(), None)),
            // A number kept as written is read as the text it is.
            Some(Node::Str(s) | Node::Number(s)) => Range::parse(s).and_then(|w| {
                if range_ok || w.range.is_exact() {
                    Ok((w.range, w.marker))
                } else {
                    Err(MoneyError::RangeNotAllowed(s.trim().to_string()))
                }
            }),
            Some(other) => {
                let expected = "an amount (a number, or a string such as \"$5k\")";
                self.out.push(type_error(path, expected, other));
                return Read::Invalid;
            }
        };
        match parsed {
            Ok((range, marker)) => Read::Value {
                range,
                marker,
                text: match node {
                    Some(Node::Str(s) | Node::Number(s)) => s.trim(),
                    _ => "",
                },
            },
            Err(e) => {
                self.out.push(Finding::new(
                    Rule::Amount,
                    path,
                    format!("invalid amount in `{path}`: {e}"),
                ));
                Read::Invalid
            }
        }
    }

    /// Holds an amount's marker to `currency`: a symbol or code that
    /// disagrees is a `currency` finding. `whose` names the currency.
    fn settle(
        &mut self,
        read: Read<'_>,
        currency: Currency,
        path: &str,
        whose: &str,
    ) -> Field<Range> {
        let (range, marker, text) = match read {
            Read::Absent => return Field::Absent,
            Read::Invalid => return Field::Invalid,
            Read::Value {
                range,
                marker,
                text,
            } => (range, marker, text),
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
                self.out.push(Finding::new(Rule::Currency, path, message));
                Field::Invalid
            }
            None => Field::Given(range),
        }
    }

    /// The currency a marker names when it is not `inherited` but one of
    /// the exchange rates: `"£33,370"` in a USD proposal with a GBP rate.
    fn implied(&self, read: &Read<'_>, inherited: Currency) -> Option<Currency> {
        let Read::Value {
            marker: Some(marker),
            ..
        } = read
        else {
            return None;
        };
        let names = |c: Currency| match marker {
            Marker::Symbol(symbol) => c.accepts_symbol(*symbol),
            Marker::Code(code) => c.code() == code,
        };
        if names(inherited) {
            return None;
        }
        self.rates.iter().map(|(c, _)| *c).find(|&c| names(c))
    }

    fn quantity(&mut self, node: Option<&Node>, path: &str) -> Field<Decimal> {
        let Some(parsed) = node.map(number) else {
            return Field::Absent;
        };
        match parsed {
            Some(q) if !q.is_sign_negative() || q.is_zero() => Field::Given(q),
            _ => {
                let found = node.map_or("nothing", Node::kind);
                self.out.push(Finding::new(
                    Rule::FieldType,
                    path,
                    format!("`{path}` must be a number 0 or more (e.g. 30 or 0.8), found {found}"),
                ));
                Field::Invalid
            }
        }
    }

    fn budget(&mut self, node: Option<&Node>) -> Option<Vec<BudgetLine>> {
        match node {
            None => {
                self.out.push(missing(
                    "budget",
                    "a list of budget lines saying how the goal will be spent",
                ));
                None
            }
            Some(Node::Seq(items)) => Some(self.lines(items, "budget", 1, self.currency)),
            Some(other) => {
                self.out.push(type_error(
                    "budget",
                    "a list of budget lines (`- item: …`)",
                    other,
                ));
                None
            }
        }
    }

    fn lines(
        &mut self,
        items: &[Node],
        parent: &str,
        depth: usize,
        currency: Currency,
    ) -> Vec<BudgetLine> {
        items
            .iter()
            .enumerate()
            .filter_map(|(i, node)| self.line(node, format!("{parent}[{i}]"), depth, currency))
            .collect()
    }

    fn line(
        &mut self,
        node: &Node,
        path: String,
        depth: usize,
        inherited: Currency,
    ) -> Option<BudgetLine> {
        if depth > MAX_BUDGET_DEPTH {
            self.out.push(Finding::new(
                Rule::FrontMatter,
                path,
                format!("budget lines are nested deeper than {MAX_BUDGET_DEPTH} levels"),
            ));
            return None;
        }
        let Node::Map(entries) = node else {
            self.out.push(type_error(
                &path,
                "a budget line with `item:` and `amount:`",
                node,
            ));
            return None;
        };
        report_unknown(entries, &path, LINE_FIELDS, self.out);
        let get = |key: &str| lookup(entries, key);
        // Paths are built only where a finding may need them: most lines
        // have no problem, and this runs once per line of every proposal.
        let at = |key: &str| format!("{path}.{key}");
        let item = match get("item") {
            Some(Node::Str(s)) if !s.trim().is_empty() => Some(s.clone()),
            node => self.required_string(node, &at("item")),
        };
        let amount_path = at("amount");
        let amount = self.read_amount(get("amount"), &amount_path, true);
        let unit_node = get("unit_cost");
        let unit_path = if unit_node.is_some() {
            at("unit_cost")
        } else {
            String::new()
        };
        let unit_cost = self.read_amount(unit_node, &unit_path, true);
        let explicit = get("currency").and_then(|n| currency_code(n, &at("currency"), self.out));
        let currency = explicit
            .or_else(|| self.implied(&amount, inherited))
            .or_else(|| self.implied(&unit_cost, inherited))
            .unwrap_or(inherited);
        if currency != self.currency && !self.rates.iter().any(|(c, _)| *c == currency) {
            let place = if explicit.is_some() {
                at("currency")
            } else {
                amount_path.clone()
            };
            self.out.push(Finding::new(
                Rule::Currency,
                place,
                format!(
                    "no exchange rate for {currency}: add `exchange_rates: {{{currency}: …}}`, in {} per {currency}",
                    self.currency
                ),
            ));
        }
        let whose = if currency == self.currency {
            "the proposal's currency"
        } else {
            "the line's currency"
        };
        let amount = self.settle(amount, currency, &amount_path, whose);
        let unit_cost = self.settle(unit_cost, currency, &unit_path, whose);
        let quantity = match get("quantity") {
            None => Field::Absent,
            node => self.quantity(node, &at("quantity")),
        };
        let percent = match get("percent") {
            None => Field::Absent,
            node => self.quantity(node, &at("percent")),
        };
        let unit = match get("unit") {
            Some(Node::Str(s)) => Some(s.clone()),
            None => None,
            node => self.optional_string(node, &at("unit")),
        };
        let tier = match get("tier") {
            None => Field::Absent,
            node => self.tier(node, &at("tier"), depth),
        };
        let priced = !(quantity.is_absent() || unit_cost.is_absent());
        if amount.is_absent() && !priced && percent.is_absent() {
            self.out.push(Finding::new(
                Rule::MissingField,
                amount_path,
                format!("missing required field `{path}.amount` (or give both `quantity` and `unit_cost`, or `percent`)"),
            ));
        }
        let lines = match get("lines") {
            None => Vec::new(),
            Some(Node::Seq(items)) => {
                self.lines(items, &format!("{path}.lines"), depth + 1, currency)
            }
            Some(other) => {
                self.out.push(type_error(
                    &format!("{path}.lines"),
                    "a list of budget lines",
                    other,
                ));
                Vec::new()
            }
        };
        let note = match get("note") {
            Some(Node::Str(s)) => Some(s.clone()),
            None => None,
            node => self.optional_string(node, &at("note")),
        };
        Some(BudgetLine {
            path,
            item,
            amount,
            quantity,
            unit,
            unit_cost,
            percent,
            tier,
            currency,
            lines,
            note,
        })
    }

    /// `tier`: a whole number from 1, on top-level lines only.
    fn tier(&mut self, node: Option<&Node>, path: &str, depth: usize) -> Field<u32> {
        let Some(node) = node else {
            return Field::Absent;
        };
        if depth > 1 {
            self.out.push(Finding::new(
                Rule::FieldType,
                path,
                format!("`{path}`: only top-level budget lines have a tier"),
            ));
            return Field::Invalid;
        }
        match node {
            Node::Int(i) if *i >= 1 && *i <= i128::from(u32::MAX) => Field::Given(*i as u32),
            other => {
                self.out
                    .push(type_error(path, "a whole number from 1 (1 = core)", other));
                Field::Invalid
            }
        }
    }
}
