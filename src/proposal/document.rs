//! The front matter as a whole: the root mapping read field by field
//! into a `Proposal`, and the file's own settings (`grantctl: {allow}`).

use super::amount::{read_currency, read_rates};
use super::keys::{SETTINGS_FIELDS, TOP_FIELDS};
use super::model::Proposal;
use super::reader::{FieldPath, Got, Reader, key_at, lookup, report_unknown, type_error};
use crate::diagnostic::{Finding, Findings, Rule, Severity, unknown_rule};
use crate::yaml::{Node, Value};

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
    // An empty block (`---` then `---`, or only comments) is an empty
    // mapping, as gray-matter and python-frontmatter read it: what it
    // lacks is the required fields, each reported.
    if matches!(root.value, Value::Null) {
        root.value = Value::Map(Box::default());
    }
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
        id_at: key_at(entries, "id"),
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

impl Reader<'_> {
    /// `grantctl: {allow: [...]}`: the warning rules this file accepts.
    pub(super) fn settings(&mut self, got: Option<Got<'_>>) -> Vec<Rule> {
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
}
