//! How `compare` ranks rows.

use std::cmp::Ordering;

use rayon::prelude::*;

use super::columns::Col;
use super::row::{CompareRow, Value};
use crate::swar::head;

/// Sorts rows for ranking by `keys`, each in turn: numbers (and
/// `budget_ok`) highest first, text A to Z; `reverse` flips that, while
/// missing values stay last either way, so a ranking never starts with
/// proposals that could not be scored. Ties go by `id`, then `file`, so
/// the order never depends on thread timing.
pub fn sort_rows(rows: &mut [CompareRow], keys: &[Col], reverse: bool) {
    // Each row's cells are read once rather than twice per comparison, and
    // the id's first eight bytes stand beside its index, so most ties are
    // decided without reading the row, which is large and elsewhere in
    // memory. The rows are then moved once, to their place. Reading and
    // sorting run on the run's worker threads; the index breaks the last
    // tie, so the order is the one a stable sort gives.
    let order: Vec<usize> = {
        let width = keys.len();
        let cells: Vec<Value<'_>> = (0..rows.len() * width)
            .into_par_iter()
            .map(|i| rows[i / width].cell(keys[i % width]))
            .collect();
        let cells_of = |i: usize| &cells[i * width..(i + 1) * width];
        let mut order: Vec<(u64, usize)> = rows
            .par_iter()
            .enumerate()
            .map(|(i, row)| (head(row.id.as_bytes()), i))
            .collect();
        order.par_sort_unstable_by(|&(head_a, a), &(head_b, b)| {
            cells_of(a)
                .iter()
                .zip(cells_of(b))
                .fold(Ordering::Equal, |order, (x, y)| {
                    order.then_with(|| compare_values(x, y, reverse))
                })
                .then(head_a.cmp(&head_b))
                .then_with(|| rows[a].id.cmp(&rows[b].id))
                .then_with(|| rows[a].file.cmp(&rows[b].file))
                .then(a.cmp(&b))
        });
        order.into_iter().map(|(_, i)| i).collect()
    };
    permute(rows, &order);
}

/// Rearranges `items` so that the item at `i` is the one that was at
/// `order[i]` (a permutation), one cycle of swaps at a time: large items
/// are moved once, to their place, rather than again and again by a sort.
pub fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Which rows `compare` keeps: `--only` and `--min-score`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only rows whose budget is sound (`budget_ok`).
    pub budget_ok: bool,
    /// Only rows with no error findings.
    pub no_errors: bool,
    /// Only rows whose `total_score` is at least this.
    pub min_score: Option<u32>,
}

impl Filter {
    pub fn keeps(&self, row: &CompareRow) -> bool {
        (!self.budget_ok || row.budget_ok)
            && (!self.no_errors || row.errors == 0)
            && self
                .min_score
                .is_none_or(|min| row.total_score.is_some_and(|s| s >= min))
    }
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
        (Value::Real(x), Value::Real(y)) => ordered(y.total_cmp(x)),
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
    use crate::analysis::Column;
    use proptest::prelude::{Just, Strategy};

    fn sorted(column: Column, reverse: bool) -> String {
        let mut rows = vec![
            CompareRow::sample("b", Some(10), Some(50)),
            CompareRow::sample("c", None, None),
            CompareRow::sample("a", Some(10), Some(70)),
            CompareRow::sample("d", Some(99), Some(50)),
        ];
        sort_rows(&mut rows, &[Col::Fixed(column)], reverse);
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    proptest::proptest! {
        #[test]
        fn permute_puts_each_item_where_the_order_says(
            order in (0usize..40).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle()),
        ) {
            let mut items: Vec<usize> = (100..100 + order.len()).collect();
            let expected: Vec<usize> = order.iter().map(|&i| items[i]).collect();
            permute(&mut items, &order);
            proptest::prop_assert_eq!(items, expected);
        }

        /// The same order as sorting the rows themselves, comparing their
        /// cells afresh each time: ties, missing values, reversal, ids
        /// that share their first eight bytes or differ only in length.
        #[test]
        fn sorting_by_cells_read_once_is_sorting_the_rows(
            rows in proptest::collection::vec(("(abcdefg)?[a\\x00b]{0,3}", proptest::option::of(0i128..4), proptest::option::of(0u32..3)), 0..30),
            reverse in proptest::bool::ANY,
            by_goal in proptest::bool::ANY,
        ) {
            sorts_as_the_rows_do(&rows, reverse, by_goal)?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]

        /// Enough rows that the sort splits across threads.
        #[test]
        fn a_long_sort_is_sorting_the_rows(
            rows in proptest::collection::vec(("(abcdefg)?[a-c]{0,3}", proptest::option::of(0i128..4), proptest::option::of(0u32..3)), 2000..6000),
            reverse in proptest::bool::ANY,
        ) {
            sorts_as_the_rows_do(&rows, reverse, true)?;
        }
    }

    fn sorts_as_the_rows_do(
        rows: &[(String, Option<i128>, Option<u32>)],
        reverse: bool,
        by_goal: bool,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut rows: Vec<CompareRow> = rows
            .iter()
            .map(|(id, goal, total)| CompareRow::sample(id, *goal, *total))
            .collect();
        for (i, r) in rows.iter_mut().enumerate() {
            r.file = format!("{}.md", i % 3);
            // Which of two equal rows comes first shows in the output.
            r.warnings = i;
        }
        let keys = if by_goal {
            vec![Col::Fixed(Column::Goal), Col::Fixed(Column::TotalScore)]
        } else {
            vec![Col::Fixed(Column::TotalScore)]
        };
        let mut expected = rows.clone();
        expected.sort_by(|a, b| {
            keys.iter()
                .fold(Ordering::Equal, |order, &key| {
                    order.then_with(|| compare_values(&a.cell(key), &b.cell(key), reverse))
                })
                .then_with(|| a.id.cmp(&b.id))
                .then_with(|| a.file.cmp(&b.file))
        });
        sort_rows(&mut rows, &keys, reverse);
        let names = |rows: &[CompareRow]| {
            rows.iter()
                .map(|r| format!("{:?}/{}/{}", r.id, r.file, r.warnings))
                .collect::<Vec<_>>()
        };
        proptest::prop_assert_eq!(names(&rows), names(&expected));
        Ok(())
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
}
