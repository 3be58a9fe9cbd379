//! `compare`'s data: the contract's columns (§4), in one table, and how
//! rows sort. The renderers are in `output::compare`.

use std::cmp::Ordering;

use super::row::{CompareRow, Value};

/// The contract's columns (§4), in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    File,
    Id,
    Title,
    Applicant,
    Currency,
    Goal,
    Minimum,
    BudgetTotal,
    BudgetOk,
    PremortemScore,
    TrackRecordScore,
    TotalScore,
    Errors,
    Warnings,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::File,
        Column::Id,
        Column::Title,
        Column::Applicant,
        Column::Currency,
        Column::Goal,
        Column::Minimum,
        Column::BudgetTotal,
        Column::BudgetOk,
        Column::PremortemScore,
        Column::TrackRecordScore,
        Column::TotalScore,
        Column::Errors,
        Column::Warnings,
    ];

    /// The CSV header names, which are also the names `--sort` takes.
    pub const NAMES: [&'static str; 14] = [
        "file",
        "id",
        "title",
        "applicant",
        "currency",
        "goal",
        "minimum",
        "budget_total",
        "budget_ok",
        "premortem_score",
        "track_record_score",
        "total_score",
        "errors",
        "warnings",
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Column> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Amounts, scores and counts: right-aligned in tables.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Goal
                | Column::Minimum
                | Column::BudgetTotal
                | Column::PremortemScore
                | Column::TrackRecordScore
                | Column::TotalScore
                | Column::Errors
                | Column::Warnings
        )
    }
}

/// Sorts rows for ranking: numbers (and `budget_ok`) highest first, text
/// A to Z; `reverse` flips that, while missing values stay last either way,
/// so a ranking never starts with proposals that could not be scored. Ties
/// go by `id`, then `file`, so the order never depends on thread timing.
pub fn sort_rows(rows: &mut [CompareRow], column: Column, reverse: bool) {
    rows.sort_by(|a, b| {
        compare_values(&a.value(column), &b.value(column), reverse)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.file.cmp(&b.file))
    });
}

fn compare_values(a: &Value, b: &Value, reverse: bool) -> Ordering {
    let ordered = |o: Ordering| if reverse { o.reverse() } else { o };
    match (a, b) {
        (Value::Missing, Value::Missing) => Ordering::Equal,
        (Value::Missing, _) => Ordering::Greater,
        (_, Value::Missing) => Ordering::Less,
        (Value::Text(x), Value::Text(y)) => ordered(caseless(x).cmp(caseless(y)).then(x.cmp(y))),
        (Value::Money(x), Value::Money(y)) => ordered(y.cmp(x)),
        (Value::Count(x), Value::Count(y)) => ordered(y.cmp(x)),
        (Value::Bool(x), Value::Bool(y)) => ordered(y.cmp(x)),
        // One column always holds one kind of value.
        _ => Ordering::Equal,
    }
}

fn caseless(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;

    fn row(id: &str, goal: Option<i128>, total: Option<u32>) -> CompareRow {
        CompareRow {
            file: format!("{id}.md"),
            id: id.to_string(),
            title: None,
            applicant: Vec::new(),
            currency: None,
            goal: goal.map(|g| Money::from_int(g).unwrap()),
            minimum: None,
            budget_total: None,
            budget_low: None,
            budget_high: None,
            budget_ok: false,
            premortem_score: None,
            track_record_score: None,
            total_score: total,
            errors: 0,
            warnings: 0,
            scores: None,
        }
    }

    fn sorted(column: Column, reverse: bool) -> String {
        let mut rows = vec![
            row("b", Some(10), Some(50)),
            row("c", None, None),
            row("a", Some(10), Some(70)),
            row("d", Some(99), Some(50)),
        ];
        sort_rows(&mut rows, column, reverse);
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn numbers_sort_highest_first_ties_by_id_missing_last() {
        assert_eq!(sorted(Column::TotalScore, false), "abdc");
        assert_eq!(sorted(Column::TotalScore, true), "bdac");
        assert_eq!(sorted(Column::Goal, false), "dabc");
        assert_eq!(sorted(Column::Goal, true), "abdc");
        assert_eq!(sorted(Column::Id, false), "abcd");
        assert_eq!(sorted(Column::Id, true), "dcba");
        // Every row has a title of None: all tie, so the order is by id.
        assert_eq!(sorted(Column::Title, true), "abcd");
    }

    #[test]
    fn column_names_are_the_contract_header_in_order() {
        assert_eq!(
            Column::NAMES.join(","),
            "file,id,title,applicant,currency,goal,minimum,budget_total,budget_ok,\
             premortem_score,track_record_score,total_score,errors,warnings"
        );
        for column in Column::ALL {
            assert_eq!(Column::from_name(column.name()), Some(column));
        }
    }
}
