//! Calibration of review scores (§5, issue 18): a simulation with known
//! truth, where calibrated scores must order proposals better than raw
//! means and estimated offsets must track the true ones; and properties
//! every calibration must keep.

use grantctl::reviews::{Calibration, RIDGE, Review, calibrate};
use proptest::prelude::*;

/// SplitMix64: a seeded generator, so every round is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A standard normal draw (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-300);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

fn review(reviewer: usize, proposal: usize, score: f64) -> Review {
    Review {
        reviewer: format!("r{reviewer:02}"),
        proposal: format!("p{proposal:03}"),
        score,
        confidence: 1.0,
        comment: None,
        file: "sim.csv".into(),
        line: 0,
    }
}

/// Kendall's tau-a between two orderings of the same items.
fn kendall(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len();
    let mut sum = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            sum += ((a[i] - a[j]) * (b[i] - b[j])).signum();
        }
    }
    sum / (n * (n - 1) / 2) as f64
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (ma, mb) = (mean(a), mean(b));
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let var = |v: &[f64], m: f64| v.iter().map(|x| (x - m).powi(2)).sum::<f64>();
    cov / (var(a, ma) * var(b, mb)).sqrt()
}

/// One seeded round: 40 proposals, 8 reviewers whose leniency differs,
/// 3 reviews per proposal from a connected rota. Returns (tau of raw
/// means, tau of calibrated scores, correlation of offsets with truth).
fn round(seed: u64) -> (f64, f64, f64) {
    let mut rng = Rng(seed);
    let (proposals, reviewers) = (40, 8);
    let quality: Vec<f64> = (0..proposals).map(|_| 5.0 + 1.5 * rng.normal()).collect();
    let offset: Vec<f64> = (0..reviewers).map(|_| 1.5 * rng.normal()).collect();
    let mut reviews = Vec::new();
    for (p, q) in quality.iter().enumerate() {
        for step in [0, 1, 3] {
            let r = (p + step) % reviewers;
            reviews.push(review(r, p, q + offset[r] + 0.7 * rng.normal()));
        }
    }
    let c = calibrate(&reviews, RIDGE);
    assert_eq!(c.components, 1);
    let raw: Vec<f64> = c.proposals.iter().map(|p| p.mean).collect();
    let calibrated: Vec<f64> = c.proposals.iter().map(|p| p.calibrated).collect();
    let offsets: Vec<f64> = c.reviewers.iter().map(|r| r.offset).collect();
    (
        kendall(&raw, &quality),
        kendall(&calibrated, &quality),
        correlation(&offsets, &offset),
    )
}

/// Over 30 seeds, calibrated scores order the true qualities better than
/// raw means by at least 0.05 in Kendall's tau on average (measured: about
/// 0.14: 0.70 raw, 0.84 calibrated), better in most rounds, and the estimated offsets correlate with
/// the true ones above 0.9 on average.
#[test]
fn calibration_beats_the_raw_mean_on_simulated_rounds() {
    let seeds = 30;
    let results: Vec<(f64, f64, f64)> = (1..=seeds).map(round).collect();
    let average =
        |f: fn(&(f64, f64, f64)) -> f64| results.iter().map(f).sum::<f64>() / seeds as f64;
    let (raw, calibrated, offsets) = (average(|r| r.0), average(|r| r.1), average(|r| r.2));
    let better = results.iter().filter(|r| r.1 > r.0).count();
    eprintln!(
        "tau raw {raw:.3}, calibrated {calibrated:.3}; offsets r = {offsets:.3}; better in {better}/{seeds}"
    );
    assert!(
        calibrated - raw >= 0.05,
        "raw {raw}, calibrated {calibrated}"
    );
    assert!(
        better * 3 >= seeds as usize * 2,
        "better in only {better} of {seeds}"
    );
    assert!(offsets > 0.9, "{offsets}");
}

#[test]
fn a_disconnected_design_is_reported_and_centred_per_part() {
    let reviews = [
        review(0, 0, 7.0),
        review(1, 0, 5.0),
        review(0, 1, 6.0),
        review(1, 1, 4.0),
        // A second part: reviewer 2 alone on proposal 2.
        review(2, 2, 9.0),
    ];
    let c = calibrate(&reviews, RIDGE);
    assert_eq!(c.components, 2);
    let part = |name: &str| c.reviewers.iter().find(|r| r.reviewer == name).unwrap();
    assert_eq!(part("r00").component, part("r01").component);
    assert_ne!(part("r00").component, part("r02").component);
    // Alone in its part, reviewer 2's offset is 0 and its score stands.
    assert!(part("r02").offset.abs() < 1e-12);
    assert!((c.proposals[2].calibrated - 9.0).abs() < 1e-12);
    // Reviewer 0 is 2 points more lenient than reviewer 1 on the same work.
    assert!(part("r00").offset > part("r01").offset);
}

/// A random connected design: proposal p is reviewed by reviewers p mod R
/// and (p + 1) mod R (a chain through every reviewer), plus random extras.
fn design() -> impl Strategy<Value = Vec<Review>> {
    (3usize..6, 6usize..12).prop_flat_map(|(reviewers, proposals)| {
        let scores = proptest::collection::vec(0.0f64..10.0, proposals * reviewers);
        let extra = proptest::collection::vec(any::<bool>(), proposals * reviewers);
        (Just((reviewers, proposals)), scores, extra).prop_map(|((nr, np), scores, extra)| {
            let mut reviews = Vec::new();
            for p in 0..np {
                for r in 0..nr {
                    let chained = r == p % nr || r == (p + 1) % nr;
                    if chained || extra[p * nr + r] {
                        reviews.push(review(r, p, (scores[p * nr + r] * 4.0).round() / 4.0));
                    }
                }
            }
            reviews
        })
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-7 * (1.0 + a.abs().max(b.abs()))
}

fn offsets_of(c: &Calibration) -> Vec<f64> {
    c.reviewers.iter().map(|r| r.offset).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn permuting_rows_changes_nothing(reviews in design(), seed in any::<u64>()) {
        let c = calibrate(&reviews, RIDGE);
        let mut shuffled = reviews.clone();
        let mut rng = Rng(seed);
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        let d = calibrate(&shuffled, RIDGE);
        prop_assert_eq!(c.components, d.components);
        for (x, y) in c.proposals.iter().zip(&d.proposals) {
            prop_assert_eq!(&x.proposal, &y.proposal);
            prop_assert!(close(x.calibrated, y.calibrated), "{} vs {}", x.calibrated, y.calibrated);
        }
        for (x, y) in offsets_of(&c).iter().zip(&offsets_of(&d)) {
            prop_assert!(close(*x, *y));
        }
    }

    /// Without the ridge prior, a reviewer who adds `shift` to every score
    /// moves only their own offset relative to the others, by `shift`;
    /// every other reviewer's offset relative to the rest, and every
    /// difference between two proposals' calibrated scores, stay put.
    #[test]
    fn a_constant_added_to_one_reviewer_moves_only_their_offset(
        reviews in design(),
        shift in -3.0f64..3.0,
    ) {
        let moved: Vec<Review> = reviews
            .iter()
            .map(|r| Review { score: if r.reviewer == "r00" { r.score + shift } else { r.score }, ..r.clone() })
            .collect();
        let (before, after) = (calibrate(&reviews, 0.0), calibrate(&moved, 0.0));
        let (b, a) = (offsets_of(&before), offsets_of(&after));
        for k in 1..b.len() {
            prop_assert!(close(a[0] - a[k], b[0] - b[k] + shift), "r00 vs r{k}");
            prop_assert!(close(a[k] - a[1], b[k] - b[1]), "r{k} vs r01");
        }
        let (qb, qa): (Vec<f64>, Vec<f64>) = (
            before.proposals.iter().map(|p| p.calibrated).collect(),
            after.proposals.iter().map(|p| p.calibrated).collect(),
        );
        for i in 1..qb.len() {
            prop_assert!(close(qa[i] - qa[0], qb[i] - qb[0]));
        }
    }

    #[test]
    fn a_single_reviewer_gives_calibrated_equal_to_raw(scores in proptest::collection::vec(0.0f64..10.0, 1..20)) {
        let reviews: Vec<Review> = scores.iter().enumerate().map(|(p, s)| review(0, p, *s)).collect();
        let c = calibrate(&reviews, RIDGE);
        for p in &c.proposals {
            prop_assert!(close(p.calibrated, p.mean), "{} vs {}", p.calibrated, p.mean);
        }
        prop_assert!(c.reviewers[0].offset.abs() < 1e-9);
    }
}
