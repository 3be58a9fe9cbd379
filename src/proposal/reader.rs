//! What every part of the reader shares: looking keys up (a key in other
//! case is read and reported), field paths for messages, unknown keys,
//! the wording of type and missing-field findings, and strings.
//!
//! Written by hand over `yaml::Node` rather than with serde derive: serde
//! stops at the first type error, and a reviewer wants every one at once.

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::diagnostic::{Finding, Findings, Rule};
use crate::suggest::did_you_mean;
use crate::yaml::{Entry, Node, Pos, Value};

/// The reading of one proposal: its currency and exchange rates, which
/// amounts are held to, and the findings so far.
pub(super) struct Reader<'a> {
    pub(super) currency: Currency,
    pub(super) rates: &'a [(Currency, Decimal)],
    pub(super) out: &'a mut Findings,
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
    present(entry(entries, key)?)
}

/// An entry's value as `lookup` gives it: `null` is absent.
pub(super) fn present(found: &Entry) -> Option<Got<'_>> {
    (!matches!(found.value.value, Value::Null)).then_some(Got {
        node: &found.value,
        at: found.key_pos,
    })
}

/// The entry of each of `known` in one pass, as `entry` finds it: the first
/// with exactly that key, else the first that differs only in case. For a
/// mapping whose fields are each looked up, some several times: a budget
/// line.
pub(super) fn index<'a, const N: usize>(
    entries: &'a [Entry],
    known: &[&str; N],
) -> [Option<&'a Entry>; N] {
    let mut exact = [None; N];
    let mut caseless: [Option<&Entry>; N] = [None; N];
    for entry in entries {
        let key = &*entry.key;
        if let Some(i) = known.iter().position(|k| *k == key) {
            exact[i] = exact[i].or(Some(entry));
        } else if let Some(i) = known.iter().position(|k| k.eq_ignore_ascii_case(key)) {
            caseless[i] = caseless[i].or(Some(entry));
        }
    }
    std::array::from_fn(|i| exact[i].or(caseless[i]))
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
    pub(super) key: &'a str,
}

impl<'a> FieldPath<'a> {
    pub(super) const fn new(parent: &'a str, key: &'a str) -> Self {
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

/// `budget[2]`: the path of item `i` under `parent`. Joined by hand: every
/// budget line has one, and `format!` costs several times as much.
pub(super) fn indexed(parent: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let digits = std::str::from_utf8(&digits[at..]).expect("ASCII digits");
    let mut path = String::with_capacity(parent.len() + digits.len() + 2);
    path.push_str(parent);
    path.push('[');
    path.push_str(digits);
    path.push(']');
    path
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
    pub(super) fn strings(
        &mut self,
        got: Option<Got<'_>>,
        path: &str,
        one_allowed: bool,
    ) -> Vec<String> {
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
}

#[cfg(test)]
mod tests {
    use super::{entry, index, indexed};
    use crate::proposal::keys::LINE_FIELDS;
    use crate::yaml::{Value, parse};

    proptest::proptest! {
        /// One pass finds, for every field, the entry a scan per field finds:
        /// the exact key first, else the first in another case.
        #[test]
        fn index_finds_what_entry_finds(
            keys in proptest::collection::hash_set(
                "amount|Amount|AMOUNT|item|ITEM|Item|unit|unit_cost|Unit_Cost|note|x", 0..8),
            order in proptest::collection::vec(0usize..100, 8),
        ) {
            let mut keys: Vec<String> = keys.into_iter().collect();
            keys.sort_by_key(|k| order[k.len() % order.len()] + k.bytes().map(usize::from).sum::<usize>());
            let text: String = keys.iter().map(|k| format!("{k}: 1\n")).collect();
            let node = parse(&text, 1).unwrap();
            let entries = match &node.value {
                Value::Map(entries) => &entries[..],
                _ => &[],
            };
            let found = index(entries, &LINE_FIELDS);
            for (field, found) in LINE_FIELDS.iter().zip(found) {
                let scanned = entry(entries, field);
                proptest::prop_assert_eq!(found.map(|e| &e.key), scanned.map(|e| &e.key));
            }
        }
    }

    #[test]
    fn indexed_paths_read_as_format_writes_them() {
        for i in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(
                indexed("budget[2].lines", i),
                format!("budget[2].lines[{i}]")
            );
        }
        assert_eq!(indexed("", 7), "[7]");
    }
}
