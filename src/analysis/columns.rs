//! `compare`'s columns (§4): one table, in contract order, of each
//! column's name (the CSV header and what `--sort` takes), whether it is a
//! number, and how its cell is read off a row. Sorting and every format
//! read cells through it.

use super::row::{CompareRow, Value};
use crate::money::Money;
use crate::rubric::Rubric;

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
    // (v1.3) After the other sections' scores.
    BudgetLow,
    BudgetHigh,
    Raised,
    OtherSources,
    Levels,
    Round,
    Causes,
    // (v1.3, §5) Only with `--reviews`.
    Reviews,
    ReviewMean,
    ReviewScore,
    ReviewSpread,
}

/// One column: its name, whether it is numeric (right-aligned in
/// tables), and its cell.
pub struct ColumnRow {
    pub column: Column,
    pub name: &'static str,
    pub numeric: bool,
    pub cell: for<'a> fn(&'a CompareRow) -> Value<'a>,
}

const COUNT: usize = 25;

/// The columns before the review ones (§5), which a run without
/// `--reviews` does not have.
const BEFORE_REVIEWS: usize = 21;

/// The contract's first columns, before the other sections' scores (§4).
const FIRST: usize = 14;

/// Every column, in contract order: the table the rest reads.
pub const COLUMNS: [ColumnRow; COUNT] = [
    text(Column::File, "file", |r| {
        Value::Text(r.file.as_str().into())
    }),
    text(Column::Id, "id", |r| Value::Text(r.id.as_str().into())),
    text(Column::Title, "title", |r| {
        r.title
            .as_deref()
            .map_or(Value::Missing, |t| Value::Text(t.into()))
    }),
    text(Column::Applicant, "applicant", |r| {
        if r.applicant.is_empty() {
            Value::Missing
        } else {
            Value::Text(r.applicant.join("; ").into())
        }
    }),
    text(Column::Currency, "currency", |r| {
        r.currency
            .as_ref()
            .map_or(Value::Missing, |c| Value::Text(c.code().into()))
    }),
    number(Column::Goal, "goal", |r| money(r.goal)),
    number(Column::Minimum, "minimum", |r| money(r.minimum)),
    number(Column::BudgetTotal, "budget_total", |r| {
        money(r.budget_total)
    }),
    text(Column::BudgetOk, "budget_ok", |r| Value::Bool(r.budget_ok)),
    number(Column::PremortemScore, "premortem_score", |r| {
        score(r.premortem_score)
    }),
    number(Column::TrackRecordScore, "track_record_score", |r| {
        score(r.track_record_score)
    }),
    number(Column::TotalScore, "total_score", |r| score(r.total_score)),
    number(Column::Errors, "errors", |r| Value::Count(r.errors as u64)),
    number(Column::Warnings, "warnings", |r| {
        Value::Count(r.warnings as u64)
    }),
    number(Column::BudgetLow, "budget_low", |r| money(r.budget_low)),
    number(Column::BudgetHigh, "budget_high", |r| money(r.budget_high)),
    number(Column::Raised, "raised", |r| money(r.raised)),
    number(Column::OtherSources, "other_sources", |r| {
        money(r.other_sources)
    }),
    text(Column::Levels, "levels", |r| joined(&r.levels)),
    text(Column::Round, "round", |r| {
        r.round
            .as_deref()
            .map_or(Value::Missing, |t| Value::Text(t.into()))
    }),
    text(Column::Causes, "causes", |r| joined(&r.causes)),
    number(Column::Reviews, "reviews", |r| {
        r.review
            .as_deref()
            .map_or(Value::Missing, |v| Value::Count(v.count as u64))
    }),
    number(Column::ReviewMean, "review_mean", |r| {
        real(r.review.as_deref().and_then(|v| v.mean))
    }),
    number(Column::ReviewScore, "review_score", |r| {
        real(r.review.as_deref().and_then(|v| v.score))
    }),
    number(Column::ReviewSpread, "review_spread", |r| {
        real(r.review.as_deref().and_then(|v| v.spread))
    }),
];

fn real(x: Option<f64>) -> Value<'static> {
    x.map_or(Value::Missing, Value::Real)
}

/// A list cell: its items `;`-separated, missing when there are none.
fn joined(items: &[String]) -> Value<'_> {
    if items.is_empty() {
        Value::Missing
    } else {
        Value::Text(items.join(";").into())
    }
}

const fn text(
    column: Column,
    name: &'static str,
    cell: for<'a> fn(&'a CompareRow) -> Value<'a>,
) -> ColumnRow {
    row(column, name, false, cell)
}

const fn number(
    column: Column,
    name: &'static str,
    cell: for<'a> fn(&'a CompareRow) -> Value<'a>,
) -> ColumnRow {
    row(column, name, true, cell)
}

const fn row(
    column: Column,
    name: &'static str,
    numeric: bool,
    cell: for<'a> fn(&'a CompareRow) -> Value<'a>,
) -> ColumnRow {
    ColumnRow {
        column,
        name,
        numeric,
        cell,
    }
}

fn money(m: Option<Money>) -> Value<'static> {
    m.map_or(Value::Missing, Value::Money)
}

fn score(s: Option<u32>) -> Value<'static> {
    s.map_or(Value::Missing, |s| Value::Count(s.into()))
}

impl Column {
    /// Every column, in order.
    pub const ALL: [Column; COUNT] = {
        let mut all = [Column::File; COUNT];
        let mut i = 0;
        while i < COUNT {
            all[i] = COLUMNS[i].column;
            i += 1;
        }
        all
    };

    /// The CSV header names, which are also the names `--sort` takes.
    pub const NAMES: [&'static str; COUNT] = {
        let mut names = [""; COUNT];
        let mut i = 0;
        while i < COUNT {
            names[i] = COLUMNS[i].name;
            i += 1;
        }
        names
    };

    fn row(self) -> &'static ColumnRow {
        // The table is in declaration order (tested).
        &COLUMNS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.row().name
    }

    pub fn from_name(name: &str) -> Option<Column> {
        COLUMNS.iter().find(|c| c.name == name).map(|c| c.column)
    }

    /// Amounts, scores and counts: right-aligned in tables.
    pub fn is_numeric(self) -> bool {
        self.row().numeric
    }
}

impl CompareRow {
    /// The cell in `column`.
    pub fn value(&self, column: Column) -> Value<'_> {
        (column.row().cell)(self)
    }

    /// The cell in a column of this run.
    pub fn cell(&self, col: Col) -> Value<'_> {
        match col {
            Col::Fixed(column) => self.value(column),
            Col::Section(i) => score(self.section_scores.get(i).copied().flatten()),
        }
    }
}

/// A column of one run: one of the contract's, or the score of the `n`th
/// other section the rubric scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Fixed(Column),
    Section(usize),
}

impl Col {
    pub fn is_numeric(self) -> bool {
        match self {
            Col::Fixed(column) => column.is_numeric(),
            Col::Section(_) => true,
        }
    }
}

/// The columns of one run (§4 v1.3): the contract's fourteen, then one
/// `<key>_score` for every section the rubric scores besides the premortem
/// and the track record, in rubric order, then `budget_low` to `causes`.
/// Only ever added after `warnings`, so a script that reads by position
/// keeps working.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The other scored sections' keys.
    keys: Vec<String>,
    names: Vec<String>,
    /// The run was given `--reviews`: the review columns follow (§5).
    reviews: bool,
}

impl Columns {
    pub fn for_rubric(rubric: &Rubric) -> Self {
        // premortem and track_record have fixed columns already, as would
        // any key whose `<key>_score` a fixed column names.
        let (keys, names) = rubric
            .scored()
            .map(|s| (s.key.clone(), format!("{}_score", s.key)))
            .filter(|(_, name)| Column::from_name(name).is_none())
            .unzip();
        Columns {
            keys,
            names,
            reviews: false,
        }
    }

    /// The columns of a run over `rubric`, with the review columns when it
    /// was given reviews.
    pub fn for_run(rubric: &Rubric, reviews: bool) -> Self {
        let columns = Columns::for_rubric(rubric);
        if reviews {
            columns.with_reviews()
        } else {
            columns
        }
    }

    /// These columns with the review columns (§5) after the rest.
    pub fn with_reviews(mut self) -> Self {
        self.reviews = true;
        self
    }

    pub fn has_reviews(&self) -> bool {
        self.reviews
    }

    /// The other scored sections' keys, in column order.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Every column, in order: the first fourteen, the other sections'
    /// scores, then the rest of the contract's.
    pub fn all(&self) -> Vec<Col> {
        let (first, rest) = Column::ALL.split_at(FIRST);
        let rest = if self.reviews {
            rest
        } else {
            &rest[..BEFORE_REVIEWS - FIRST]
        };
        first
            .iter()
            .map(|&c| Col::Fixed(c))
            .chain((0..self.keys.len()).map(Col::Section))
            .chain(rest.iter().map(|&c| Col::Fixed(c)))
            .collect()
    }

    /// The columns a table shows unless told: every column but the data
    /// ones after the section scores (`budget_low` to `causes`), which the
    /// table's cells already show or a person does not rank by; with
    /// `--reviews`, the review columns after the scores.
    pub fn for_table(&self) -> Vec<Col> {
        let data = FIRST..BEFORE_REVIEWS;
        let mut all = self.all();
        all.retain(|c| !matches!(c, Col::Fixed(column) if data.contains(&(*column as usize))));
        all
    }

    /// The columns `names` name, in order; `Err` names the first unknown.
    pub fn find_all(&self, names: &[String]) -> Result<Vec<Col>, String> {
        names
            .iter()
            .map(|name| self.find(name.trim()).ok_or_else(|| name.clone()))
            .collect()
    }

    /// Every column's name, for a message about an unknown one.
    pub fn names(&self) -> String {
        self.all()
            .into_iter()
            .map(|c| self.name(c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn name(&self, col: Col) -> &str {
        match col {
            Col::Fixed(column) => column.name(),
            Col::Section(i) => &self.names[i],
        }
    }

    /// The column `--sort` names.
    pub fn find(&self, name: &str) -> Option<Col> {
        Column::from_name(name)
            .map(Col::Fixed)
            .filter(|c| self.all().contains(c))
            .or_else(|| self.names.iter().position(|n| n == name).map(Col::Section))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_the_contract_header_in_order() {
        assert_eq!(
            Column::NAMES.join(","),
            "file,id,title,applicant,currency,goal,minimum,budget_total,budget_ok,\
             premortem_score,track_record_score,total_score,errors,warnings,\
             budget_low,budget_high,raised,other_sources,levels,round,causes,\
             reviews,review_mean,review_score,review_spread"
        );
        for (i, column) in Column::ALL.into_iter().enumerate() {
            assert_eq!(column as usize, i);
            assert_eq!(Column::from_name(column.name()), Some(column));
        }
    }
}
