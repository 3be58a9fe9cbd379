//! How long the exact shortlist takes on a large round (issue 19): 1,000
//! proposals with 3 levels each in whole thousands of dollars, a $10M
//! pool, seeded.
//!
//! Usage: cargo bench --bench shortlist

use std::time::Instant;

use grantctl::currency::Currency;
use grantctl::money::Money;
use grantctl::shortlist::{Candidate, Level, shortlist};

fn main() {
    let mut state: u64 = 7;
    let mut next = move |n: u64| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    };
    let thousand = |k: u64| Money::from_int(i128::from(k) * 1000).unwrap();
    let candidates: Vec<Candidate> = (0..1000)
        .map(|i| {
            let minimum = 5 + next(60);
            let tier = minimum + 1 + next(40);
            let goal = tier + 1 + next(60);
            Candidate {
                id: format!("proposal-{i:04}"),
                title: None,
                score: Some(next(100) as f64),
                levels: vec![
                    Level {
                        name: "minimum".into(),
                        cost: thousand(minimum),
                    },
                    Level {
                        name: "tiers 1–2".into(),
                        cost: thousand(tier),
                    },
                    Level {
                        name: "goal".into(),
                        cost: thousand(goal),
                    },
                ],
                excluded: None,
            }
        })
        .collect();
    let start = Instant::now();
    let list = shortlist(&candidates, thousand(10_000), Currency::USD, 0.0);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "shortlist: 1000 proposals x 3 levels, pool {}: granted {}, {} funded, proven optimal: {}, in {seconds:.3} s",
        list.pool.plain(),
        list.granted.plain(),
        list.decisions.iter().filter(|d| d.level.is_some()).count(),
        list.proven_optimal
    );
}
