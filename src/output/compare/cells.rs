//! A row's cells as each format writes them: for people (amounts with
//! their currency, marks, a dash for nothing, control characters made
//! visible) or for data (plain decimals, empty for nothing).

use std::borrow::Cow;

use crate::analysis::{Col, CompareRow, Value};
use crate::currency::Currency;
use crate::output::printable::printable;

/// The cell as people read it: amounts with currency and thousands
/// separators, `budget_ok` as a mark, missing values as a dash, and
/// control characters made visible.
pub(super) fn display(row: &CompareRow, column: Col) -> String {
    match row.cell(column) {
        Value::Text(text) => printable(&text).into_owned(),
        Value::Money(money) => money
            .display(row.currency.unwrap_or(Currency::USD))
            .to_string(),
        Value::Bool(true) => "✓".to_string(),
        Value::Bool(false) => "✗".to_string(),
        Value::Count(n) => n.to_string(),
        // Review means and scores: two decimals are enough to read.
        Value::Real(x) => format!("{x:.2}"),
        Value::Missing => "—".to_string(),
    }
}

/// The cell for CSV: amounts as plain decimals, missing values empty.
/// Text is borrowed from the row: most of a row's cells are text or empty.
pub(super) fn plain(row: &CompareRow, column: Col) -> Cow<'_, str> {
    match row.cell(column) {
        Value::Text(text) => text,
        Value::Money(money) => Cow::Owned(money.plain()),
        Value::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
        Value::Count(n) => Cow::Owned(n.to_string()),
        // Not rounded for display (§5): the shortest text that reads back
        // as the same number, so a mean of 7, 8 and 8 is 7.666666666666667.
        Value::Real(x) => Cow::Owned(x.to_string()),
        Value::Missing => Cow::Borrowed(""),
    }
}
