//! Reads the YAML tree into the typed model, one finding per bad field.
//!
//! Written by hand over `yaml::Node` rather than with serde derive: serde
//! stops at the first type error, and a reviewer wants every one at once.

use rust_decimal::Decimal;

use super::{BudgetLine, Field, Finding, Funding, MAX_BUDGET_DEPTH, Proposal};
use crate::currency::Currency;
use crate::diagnostic::{Rule, Severity};
use crate::money::{self, Marker, Money};
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
    "grantctl",
];
pub(super) const FUNDING_FIELDS: &[&str] = &["goal", "minimum", "raised"];
pub(super) const LINE_FIELDS: &[&str] =
    &["item", "amount", "quantity", "unit_cost", "lines", "note"];
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
    let mut reader = Reader { currency, out };
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
        Some(Node::Str(code)) => Currency::from_code(code.trim()).unwrap_or_else(|| {
            out.push(Finding::new(
                Rule::Currency,
                "currency",
                format!(
                    "unknown currency `{code}`; use an ISO 4217 code such as `USD`, `EUR` or `GBP`"
                ),
            ));
            Currency::USD
        }),
        Some(other) => {
            out.push(type_error(
                "currency",
                "an ISO 4217 code such as `USD`",
                other,
            ));
            Currency::USD
        }
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
    out: &'a mut Vec<Finding>,
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
        }
    }

    /// A money field: a YAML number or an amount string in the proposal's currency.
    fn money(&mut self, node: Option<&Node>, path: &str) -> Field<Money> {
        let parsed = match node {
            None => return Field::Absent,
            Some(Node::Int(i)) => Money::from_int(*i),
            Some(Node::Float(f)) => Money::from_float(*f),
            Some(Node::Str(s)) => match Money::parse(s) {
                Ok(written) => return self.in_currency(written, s, path),
                Err(e) => Err(e),
            },
            Some(other) => {
                let expected = "an amount (a number, or a string such as \"$5k\")";
                self.out.push(type_error(path, expected, other));
                return Field::Invalid;
            }
        };
        match parsed {
            Ok(money) => Field::Given(money),
            Err(e) => {
                self.out.push(Finding::new(
                    Rule::Amount,
                    path,
                    format!("invalid amount in `{path}`: {e}"),
                ));
                Field::Invalid
            }
        }
    }

    fn in_currency(&mut self, written: money::Written, text: &str, path: &str) -> Field<Money> {
        let currency = self.currency;
        let problem = match &written.marker {
            None => None,
            Some(Marker::Symbol(symbol)) if !currency.accepts_symbol(*symbol) => Some(format!(
                "`{text}` in `{path}` is written in {symbol} but the proposal's currency is {currency}"
            )),
            Some(Marker::Code(code)) => match Currency::from_code(code) {
                None => Some(format!(
                    "`{text}` in `{path}` names unknown currency `{code}`"
                )),
                Some(c) if c != currency => Some(format!(
                    "`{text}` in `{path}` is in {c} but the proposal's currency is {currency}"
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
            None => Field::Given(written.money),
        }
    }

    fn quantity(&mut self, node: Option<&Node>, path: &str) -> Field<Decimal> {
        let parsed = match node {
            None => return Field::Absent,
            Some(Node::Int(i)) => Decimal::try_from_i128_with_scale(*i, 0).ok(),
            Some(Node::Float(f)) => money::exact_decimal(f.abs())
                .ok()
                .map(|d| if *f < 0.0 { -d } else { d }),
            Some(Node::Str(s)) => s.trim().replace(',', "").parse::<Decimal>().ok(),
            Some(_) => None,
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
            Some(Node::Seq(items)) => Some(self.lines(items, "budget", 1)),
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

    fn lines(&mut self, items: &[Node], parent: &str, depth: usize) -> Vec<BudgetLine> {
        items
            .iter()
            .enumerate()
            .filter_map(|(i, node)| self.line(node, format!("{parent}[{i}]"), depth))
            .collect()
    }

    fn line(&mut self, node: &Node, path: String, depth: usize) -> Option<BudgetLine> {
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
        let item = self.required_string(get("item"), &format!("{path}.item"));
        let amount = self.money(get("amount"), &format!("{path}.amount"));
        let quantity = self.quantity(get("quantity"), &format!("{path}.quantity"));
        let unit_cost = self.money(get("unit_cost"), &format!("{path}.unit_cost"));
        if amount.is_absent() && (quantity.is_absent() || unit_cost.is_absent()) {
            self.out.push(Finding::new(
                Rule::MissingField,
                format!("{path}.amount"),
                format!("missing required field `{path}.amount` (or give both `quantity` and `unit_cost`)"),
            ));
        }
        let lines = match get("lines") {
            None => Vec::new(),
            Some(Node::Seq(items)) => self.lines(items, &format!("{path}.lines"), depth + 1),
            Some(other) => {
                self.out.push(type_error(
                    &format!("{path}.lines"),
                    "a list of budget lines",
                    other,
                ));
                Vec::new()
            }
        };
        let note = self.optional_string(get("note"), &format!("{path}.note"));
        Some(BudgetLine {
            path,
            item,
            amount,
            quantity,
            unit_cost,
            lines,
            note,
        })
    }
}
