//! The shortlist's optimum (§6, issue 19) against brute force over every
//! combination, on random instances with cent-exact costs.

use grantctl::currency::Currency;
use grantctl::money::Money;
use grantctl::shortlist::{Candidate, Level, Shortlist, shortlist};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

fn money(cents: i64) -> Money {
    Money::from_decimal(Decimal::new(cents, 2)).unwrap()
}

fn cents(m: Money) -> i64 {
    (m.value() * Decimal::from(100)).trunc().to_i64().unwrap()
}

/// Up to 7 proposals, each with up to 3 increasing levels in cents and an
/// integer score; the bar is 0.
fn instance() -> impl Strategy<Value = Vec<Candidate>> {
    proptest::collection::vec(
        (0u32..10, proptest::collection::vec(1i64..5_000, 1..=3)),
        1..=7,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (score, steps))| {
                let mut total = 0;
                let levels = steps
                    .iter()
                    .enumerate()
                    .map(|(k, step)| {
                        total += step;
                        Level {
                            name: format!("level {k}"),
                            cost: money(total),
                        }
                    })
                    .collect();
                Candidate {
                    id: format!("p{i}"),
                    title: None,
                    score: Some(f64::from(score)),
                    levels,
                    excluded: None,
                }
            })
            .collect()
    })
}

/// Every combination; the best by §6: most value, then the smaller total,
/// then the set whose sorted ids come first. Returns (value, total, funded levels).
fn brute_force(candidates: &[Candidate], pool: i64) -> (f64, i64, Vec<Option<usize>>) {
    let mut best: Option<(f64, i64, Vec<Option<usize>>)> = None;
    let mut choice: Vec<Option<usize>> = vec![None; candidates.len()];
    loop {
        let total: i64 = candidates
            .iter()
            .zip(&choice)
            .filter_map(|(c, k)| k.map(|k| cents(c.levels[k].cost)))
            .sum();
        if total <= pool {
            let value: f64 = candidates
                .iter()
                .zip(&choice)
                .filter_map(|(c, k)| k.map(|k| c.score.unwrap() * cents(c.levels[k].cost) as f64))
                .sum();
            let ids = |ch: &[Option<usize>]| -> Vec<usize> {
                (0..ch.len()).filter(|&i| ch[i].is_some()).collect()
            };
            let better = match &best {
                None => true,
                Some((v, t, ch)) => {
                    value > *v + 1e-9
                        || ((value - *v).abs() <= 1e-9
                            && (total < *t || (total == *t && ids(&choice) < ids(ch))))
                }
            };
            if better {
                best = Some((value, total, choice.clone()));
            }
        }
        // The next combination, like counting in mixed radix.
        let mut i = 0;
        loop {
            if i == candidates.len() {
                return best.unwrap();
            }
            choice[i] = match choice[i] {
                None => Some(0),
                Some(k) if k + 1 < candidates[i].levels.len() => Some(k + 1),
                Some(_) => None,
            };
            if choice[i].is_some() {
                break;
            }
            i += 1;
        }
    }
}

fn chosen(list: &Shortlist, candidates: &[Candidate]) -> Vec<Option<usize>> {
    list.decisions
        .iter()
        .zip(candidates)
        .map(|(d, c)| {
            d.level
                .as_ref()
                .map(|l| c.levels.iter().position(|x| &x.name == l).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_optimum_is_brute_forces_and_ties_resolve_as_the_contract_says(
        candidates in instance(),
        pool in 0i64..15_000,
    ) {
        let list = shortlist(&candidates, money(pool), Currency::USD, 0.0);
        let (value, total, choice) = brute_force(&candidates, pool);
        prop_assert!(cents(list.granted) <= pool);
        prop_assert!((list.value * 100.0 - value).abs() <= 1e-6 * value.max(1.0), "{} vs {}", list.value * 100.0, value);
        prop_assert_eq!(cents(list.granted), total);
        prop_assert_eq!(chosen(&list, &candidates), choice);
        prop_assert_eq!(cents(list.remaining), pool - total);
        prop_assert!(list.proven_optimal);
    }

    #[test]
    fn the_value_never_falls_as_the_pool_grows(candidates in instance(), pool in 0i64..14_000, more in 0i64..2_000) {
        let small = shortlist(&candidates, money(pool), Currency::USD, 0.0);
        let large = shortlist(&candidates, money(pool + more), Currency::USD, 0.0);
        prop_assert!(large.value >= small.value - 1e-9);
    }
}
