//! How far reviewers agree: Krippendorff's alpha with the interval metric
//! (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), over
//! every proposal scored at least twice, and which proposals are split by
//! a funding bar.

use std::collections::BTreeMap;

use super::calibrate::ProposalReviews;
use super::read::Review;

/// Krippendorff's alpha, interval metric: 1 minus the observed
/// disagreement within proposals over the disagreement expected between
/// any two scores. `None` when fewer than two proposals' scores can be
/// paired, or every pairable score is the same (nothing to agree on).
pub fn krippendorff_alpha(reviews: &[Review]) -> Option<f64> {
    let mut units: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for r in reviews {
        units.entry(r.proposal.as_str()).or_default().push(r.score);
    }
    let pairable: Vec<&Vec<f64>> = units.values().filter(|v| v.len() >= 2).collect();
    let values: Vec<f64> = pairable.iter().flat_map(|v| v.iter().copied()).collect();
    let n = values.len() as f64;
    if n < 2.0 {
        return None;
    }
    let squared = |v: &[f64]| -> f64 {
        // Σ over ordered pairs i ≠ j of (v_i − v_j)², in O(m):
        // 2·(m·Σv² − (Σv)²).
        let m = v.len() as f64;
        let sum: f64 = v.iter().sum();
        let sum_sq: f64 = v.iter().map(|x| x * x).sum();
        2.0 * (m * sum_sq - sum * sum)
    };
    let observed: f64 = pairable
        .iter()
        .map(|v| squared(v) / (v.len() as f64 - 1.0))
        .sum::<f64>()
        / n;
    let expected = squared(&values) / (n * (n - 1.0));
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// Whether reviewers fall on both sides of `bar`: one scored below it and
/// another at or above it.
pub fn is_split(proposal: &ProposalReviews, bar: f64) -> bool {
    proposal.min < bar && proposal.max >= bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(reviewer: &str, proposal: &str, score: f64) -> Review {
        Review {
            reviewer: reviewer.into(),
            proposal: proposal.into(),
            score,
            confidence: 1.0,
            comment: None,
            file: "t.csv".into(),
            line: 0,
        }
    }

    /// Krippendorff (2011), section C: four observers, twelve units, some
    /// values missing. Interval alpha is 0.849 there.
    #[test]
    fn the_worked_example_from_the_literature_gives_0_849() {
        let table: [[Option<u8>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        let mut reviews = Vec::new();
        for (o, row) in table.iter().enumerate() {
            for (u, value) in row.iter().enumerate() {
                if let Some(v) = value {
                    reviews.push(review(&format!("o{o}"), &format!("u{u:02}"), f64::from(*v)));
                }
            }
        }
        let alpha = krippendorff_alpha(&reviews).unwrap();
        assert!((alpha - 0.849).abs() < 0.0005, "{alpha}");
    }

    #[test]
    fn perfect_agreement_is_1_and_nothing_pairable_is_none() {
        let same = [
            review("a", "p", 3.0),
            review("b", "p", 3.0),
            review("a", "q", 5.0),
            review("b", "q", 5.0),
        ];
        assert_eq!(krippendorff_alpha(&same), Some(1.0));
        assert_eq!(
            krippendorff_alpha(&[review("a", "p", 3.0), review("a", "q", 4.0)]),
            None
        );
    }

    /// Two observers, two units, exactly opposed: (1, 2) and (2, 1). Within
    /// each unit the squared difference is 1 both ways, so the observed
    /// disagreement is (2·1/1 + 2·1/1)/4 = 1; over the four values {1, 2,
    /// 2, 1} the expected is 8/(4·3) = 2/3; alpha = 1 − 1/(2/3) = −0.5.
    #[test]
    fn systematic_disagreement_is_negative() {
        let opposed = [
            review("a", "p", 1.0),
            review("b", "p", 2.0),
            review("a", "q", 2.0),
            review("b", "q", 1.0),
        ];
        let alpha = krippendorff_alpha(&opposed).unwrap();
        assert!((alpha + 0.5).abs() < 1e-12, "{alpha}");
    }
}
