//! The one list of the front matter's field names, per object: what the
//! reader accepts and reports as unknown, and what the schema's test holds
//! `grantctl schema` to.

pub const TOP_FIELDS: &[&str] = &[
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
pub const FUNDING_FIELDS: &[&str] = &["goal", "minimum", "raised", "other_sources", "tolerance"];
pub const SOURCE_FIELDS: &[&str] = &["source", "amount"];
pub const SETTINGS_FIELDS: &[&str] = &["allow"];
pub const LINE_FIELDS: [&str; 10] = [
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
