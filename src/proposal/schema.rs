//! The front matter as a JSON Schema (`grantctl schema`), so an editor's
//! YAML language server can validate and complete a proposal as it is typed.
//!
//! These types describe the format and are never built: the parser reads
//! the YAML tree by hand (`document`, `lines`, …) to report every problem at once. A test
//! keeps the two in step: each object here has exactly the fields the
//! parser knows. Money is "a number or a string as applications write it";
//! the schema does not try to parse amounts, `check` does.

#![allow(dead_code)]

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::currency::Currency;
use crate::diagnostic::Rule;

/// The schema as draft-07 JSON, which every YAML language server reads.
pub fn front_matter_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<FrontMatter>();
    schema.insert("title".into(), "grantctl proposal front matter".into());
    schema.to_value()
}

/// A grant proposal's front matter (grantctl proposal format). Fields not
/// listed here are reported by `grantctl check` as `unknown-field`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct FrontMatter {
    /// The project's name.
    #[schemars(regex(pattern = r"\S"))]
    title: String,
    /// A stable key for the proposal; defaults to the file name without `.md`.
    id: Option<String>,
    /// The organisation and/or people applying.
    applicant: Option<Applicant>,
    /// The funding round or program.
    round: Option<String>,
    /// Cause areas or tags.
    causes: Option<Vec<String>>,
    /// ISO 4217 code of every amount in the file; default `USD`.
    currency: Option<CurrencyCode>,
    funding: Funding,
    /// How the goal will be spent: the top-level lines add up to `funding.goal`.
    #[schemars(length(min = 1))]
    budget: Vec<BudgetLine>,
    /// Units of `currency` per one unit of each other currency used in the
    /// budget, e.g. `{GBP: 1.3482}`.
    exchange_rates: Option<ExchangeRates>,
    grantctl: Option<Settings>,
}

/// One organisation or person, or a list of them.
#[derive(JsonSchema)]
#[schemars(untagged)]
enum Applicant {
    One(String),
    Many(Vec<String>),
}

/// What is asked for.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Funding {
    /// The amount asked for.
    goal: Money,
    /// The least the project can run on; not more than `goal`.
    minimum: Option<Money>,
    /// Already committed elsewhere; informational.
    raised: Option<Money>,
    /// Money from elsewhere that covers part of the budget: the budget adds
    /// up to `goal` plus these.
    other_sources: Option<Vec<OtherSource>>,
    /// The largest difference allowed between computed and stated totals,
    /// for figures rounded by hand; default 0.
    tolerance: Option<Money>,
}

/// Another funder's share of the budget.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct OtherSource {
    /// Who provides it.
    source: Option<String>,
    amount: Money,
}

/// One line of the budget: an `amount`, or a `quantity` and `unit_cost`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("anyOf" = [
    { "required": ["amount"], "properties": { "amount": { "not": { "type": "null" } } } },
    { "required": ["quantity", "unit_cost"] },
    { "required": ["percent"] },
]))]
struct BudgetLine {
    /// What the money is for.
    #[schemars(regex(pattern = r"\S"))]
    item: String,
    /// The line's total; `quantity × unit_cost` when both are given.
    amount: Option<Money>,
    /// How many units: 30 fellows, 200 hours, 0.8 FTE-years.
    quantity: Option<Quantity>,
    /// What `quantity` counts: `months`, `hours`, `FTE`.
    unit: Option<String>,
    /// The cost of one unit.
    unit_cost: Option<Money>,
    /// This line is that percentage of its sibling lines without `percent`
    /// (contingency 20, fiscal sponsorship 7).
    percent: Option<Quantity>,
    /// Funding level of a top-level line: 1 = core (the default), 2, 3…
    #[schemars(range(min = 1))]
    tier: Option<u32>,
    /// The line's own currency, converted with `exchange_rates`.
    currency: Option<CurrencyCode>,
    /// Sub-lines, which add up to this line's `amount`; nested up to 32 levels.
    lines: Option<Vec<BudgetLine>>,
    /// Free text.
    note: Option<String>,
}

/// Settings for this file alone.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Settings {
    /// Warning rules this file accepts, e.g. `[unknown-field]`; errors cannot be allowed.
    allow: Option<Vec<RuleId>>,
}

struct Money;

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An amount: a number, or a string as applications write it, with an optional `~`, currency symbol or code, `,` separators and a `k`/`m`/`bn` suffix; on budget lines also a range such as \"$150k - $250k\".",
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "minLength": 1 },
            ],
            "examples": [50000, "$22k", "~$1.6m", "USD 1,234.50", "$150k - $250k"],
        })
    }
}

struct Quantity;

impl JsonSchema for Quantity {
    fn schema_name() -> Cow<'static, str> {
        "Quantity".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9][0-9,]*(\\.[0-9]+)?\\s*$" },
            ],
        })
    }
}

struct ExchangeRates;

impl JsonSchema for ExchangeRates {
    fn schema_name() -> Cow<'static, str> {
        "ExchangeRates".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "enum": Currency::codes() },
            "additionalProperties": {
                "anyOf": [
                    { "type": "number", "exclusiveMinimum": 0 },
                    { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*$" },
                ]
            },
        })
    }
}

struct CurrencyCode;

impl JsonSchema for CurrencyCode {
    fn schema_name() -> Cow<'static, str> {
        "CurrencyCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": Currency::codes() })
    }
}

struct RuleId;

impl JsonSchema for RuleId {
    fn schema_name() -> Cow<'static, str> {
        "RuleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": Rule::ids() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposal::keys::{FUNDING_FIELDS, LINE_FIELDS, SETTINGS_FIELDS, TOP_FIELDS};

    fn properties(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(|p| p.as_object())
            .unwrap_or_else(|| panic!("no {pointer}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(fields: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn describes_exactly_the_fields_the_parser_knows() {
        let schema = front_matter_schema();
        assert_eq!(properties(&schema, "/properties"), sorted(TOP_FIELDS));
        assert_eq!(
            properties(&schema, "/definitions/Funding/properties"),
            sorted(FUNDING_FIELDS)
        );
        assert_eq!(
            properties(&schema, "/definitions/BudgetLine/properties"),
            sorted(&LINE_FIELDS)
        );
        assert_eq!(
            properties(&schema, "/definitions/Settings/properties"),
            sorted(SETTINGS_FIELDS)
        );
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let mut required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        required.sort();
        assert_eq!(required, ["budget", "funding", "title"]);
    }
}
