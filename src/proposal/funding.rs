//! `funding`: the goal, minimum, raised, tolerance and other sources.

use super::keys::{FUNDING_FIELDS, SOURCE_FIELDS};
use super::model::{Field, Funding, OtherSource};
use super::reader::{FieldPath, Got, Reader, key_at, lookup, missing, report_unknown, type_error};
use crate::yaml::{Pos, Value};

const GOAL: FieldPath<'static> = FieldPath::new("funding", "goal");

impl Reader<'_> {
    pub(super) fn funding(&mut self, got: Option<Got<'_>>, key: Option<Pos>) -> Funding {
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
}
