//! How long calibrating a large round takes (issue 18: 100,000 reviews
//! well under a second). A seeded round: 20,000 proposals, 500 reviewers
//! with offsets, 5 reviews each from a connected rota, scores with noise.
//!
//! Usage: cargo bench --bench reviews [-- REVIEWS]

use std::time::Instant;

use grantctl::reviews::{RIDGE, Review, calibrate, krippendorff_alpha};

fn main() {
    let total: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let per_proposal = 5;
    let proposals = total / per_proposal;
    let reviewers = 500;
    let mut state: u64 = 1;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let offsets: Vec<f64> = (0..reviewers).map(|_| 3.0 * next() - 1.5).collect();
    let mut reviews = Vec::with_capacity(total);
    for p in 0..proposals {
        let quality = 10.0 * next();
        for k in 0..per_proposal {
            let r = (p * 7 + k * 131) % reviewers;
            reviews.push(Review {
                reviewer: format!("reviewer-{r:03}"),
                proposal: format!("proposal-{p:05}"),
                score: quality + offsets[r] + next() - 0.5,
                confidence: 0.5 + next(),
                comment: None,
                file: "bench.csv".into(),
                line: 0,
            });
        }
    }
    let start = Instant::now();
    let calibration = calibrate(&reviews, RIDGE);
    let calibrated = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let alpha = krippendorff_alpha(&reviews).unwrap_or(f64::NAN);
    let agreement = start.elapsed().as_secs_f64();
    println!(
        "reviews: {} reviews, {} proposals, {} reviewers, {} group(s): calibrated in {calibrated:.3} s, alpha {alpha:.3} in {agreement:.3} s",
        reviews.len(),
        calibration.proposals.len(),
        calibration.reviewers.len(),
        calibration.components,
    );
}
