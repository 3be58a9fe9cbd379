//! The exact optimum of §6: a multiple-choice knapsack — each proposal
//! funded at one of its levels or not at all, the pool never exceeded,
//! the total value as large as possible — by dynamic programming over
//! money in whole units of the greatest common divisor of every cost (in
//! cents), so no amount is rounded and no float decides what fits.
//!
//! Items are visited from the last id to the first and each cell keeps
//! its choice, so the answer is rebuilt from the first id forward: among
//! sets of equal value and equal total, funding the earlier id wins, which
//! is the set whose sorted ids come first (§6).

/// The most cells (items × pool units) the table may have: past it, the
/// answer is not computed by this table. 2.5 × 10⁷ cells is 25 MB of
/// choices: 1,000 proposals on a $10M pool in whole thousands of dollars.
pub const MAX_CELLS: u64 = 25_000_000;

/// One item's options: (cost in cents, value) per level, cheapest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub options: Vec<(i128, f64)>,
}

/// The level chosen for each item (`None`: not funded).
pub type Choice = Vec<Option<usize>>;

/// Equal values: within a relative 1e-12, so sums in another order agree.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// The best choice within `pool` cents, or `None` when the table would
/// exceed `MAX_CELLS`.
pub fn solve(items: &[Item], pool: i128) -> Option<Choice> {
    if pool <= 0 || items.iter().all(|i| i.options.is_empty()) {
        return Some(vec![None; items.len()]);
    }
    // Every total is a sum of costs, so a multiple of their gcd; and no
    // total exceeds every proposal at its dearest level, so a pool larger
    // than that is no larger a table.
    let unit = items
        .iter()
        .flat_map(|i| i.options.iter().map(|o| o.0))
        .fold(0, gcd)
        .max(1);
    let dearest: i128 = items
        .iter()
        .map(|i| i.options.iter().map(|o| o.0).max().unwrap_or(0))
        .sum();
    let capacity = usize::try_from(pool.min(dearest) / unit).ok()?;
    let cells = (items.len() as u64).checked_mul(capacity as u64 + 1)?;
    if cells > MAX_CELLS {
        return None;
    }
    let width = capacity + 1;
    // value[c]: the best value of the items from i on, costing exactly c units.
    let mut value = vec![f64::NEG_INFINITY; width];
    value[0] = 0.0;
    // choice[i * width + c]: 0 = not funded, k = option k − 1.
    let mut choice = vec![0u8; items.len() * width];
    for (i, item) in items.iter().enumerate().rev() {
        let mut next = value.clone();
        for (k, &(cost, worth)) in item.options.iter().enumerate() {
            let Ok(cost) = usize::try_from(cost / unit) else {
                continue;
            };
            for c in cost..width {
                let before = value[c - cost];
                if before == f64::NEG_INFINITY {
                    continue;
                }
                let with = before + worth;
                // Funding this item beats not funding it on a tie.
                let better = with > next[c] && !same(with, next[c]);
                let tie_unfunded = same(with, next[c]) && choice[i * width + c] == 0;
                if better || tie_unfunded {
                    next[c] = with;
                    choice[i * width + c] = u8::try_from(k + 1).ok()?;
                }
            }
        }
        value = next;
    }
    // The best value; among equal ones, the smaller total.
    let mut best = 0;
    for c in 1..width {
        if value[c] > value[best] && !same(value[c], value[best]) {
            best = c;
        }
    }
    let mut chosen = vec![None; items.len()];
    let mut c = best;
    for (i, item) in items.iter().enumerate() {
        let k = choice[i * width + c];
        if k > 0 {
            let option = usize::from(k - 1);
            chosen[i] = Some(option);
            c -= usize::try_from(item.options[option].0 / unit).ok()?;
        }
    }
    Some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(options: &[(i128, f64)]) -> Item {
        Item {
            options: options.to_vec(),
        }
    }

    /// §6's trap: with 100, A needs all of 60 (score 10), B and C need 50
    /// each (score 9): funding down the list gives A alone; B + C is better.
    #[test]
    fn two_smaller_grants_beat_one_large_one() {
        let items = [
            item(&[(60, 600.0)]),
            item(&[(50, 450.0)]),
            item(&[(50, 450.0)]),
        ];
        assert_eq!(solve(&items, 100), Some(vec![None, Some(0), Some(0)]));
    }

    #[test]
    fn ties_go_to_the_smaller_total_then_the_earlier_ids() {
        // Equal value either way: the cheaper set wins.
        let items = [item(&[(60, 600.0)]), item(&[(50, 600.0)])];
        assert_eq!(solve(&items, 100), Some(vec![None, Some(0)]));
        // Equal value and total: the earlier id wins.
        let items = [item(&[(50, 500.0)]), item(&[(50, 500.0)])];
        assert_eq!(solve(&items, 50), Some(vec![Some(0), None]));
    }
}
