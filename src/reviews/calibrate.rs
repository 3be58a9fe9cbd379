//! Calibrated review scores (§5): each reviewer's leniency and each
//! proposal's quality estimated jointly from every review, by weighted
//! least squares, `score = quality[proposal] + offset[reviewer] + noise`,
//! weights from `confidence`, with a small ridge prior that shrinks the
//! offset of a reviewer with few reviews toward 0.
//!
//! The qualities are eliminated (for fixed offsets, a proposal's quality
//! is its weighted mean of `score − offset`), which leaves one equation
//! per reviewer: a symmetric positive (semi-)definite system solved by
//! conjugate gradients, each step one pass over the reviews. That is exact
//! to rounding for rounds of any size, with no linear-algebra dependency.
//! Offsets are then centred within each connected part of the
//! reviewer–proposal graph, so calibrated scores stay on the input scale;
//! offsets in different parts are never compared.

use std::collections::BTreeMap;

use super::read::Review;

/// The ridge prior's weight: as if each reviewer had one more review, of
/// confidence 1, agreeing with the quality exactly.
pub const RIDGE: f64 = 1.0;

/// What calibration found, in name order.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub proposals: Vec<ProposalReviews>,
    pub reviewers: Vec<ReviewerOffset>,
    /// How many connected parts the reviewer–proposal graph has.
    pub components: usize,
}

impl Calibration {
    /// The proposal with this id, by binary search: `proposals` is in
    /// name order, and every row of a round asks.
    pub fn proposal(&self, id: &str) -> Option<&ProposalReviews> {
        self.proposals
            .binary_search_by(|p| p.proposal.as_str().cmp(id))
            .ok()
            .map(|i| &self.proposals[i])
    }
}

/// One proposal's reviews and what calibration made of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalReviews {
    pub proposal: String,
    pub reviews: usize,
    /// The plain mean of its scores.
    pub mean: f64,
    /// Its estimated quality, on the scores' scale.
    pub calibrated: f64,
    /// The largest score minus the smallest.
    pub spread: f64,
    pub min: f64,
    pub max: f64,
    /// Which connected part of the graph it is in (0-based).
    pub component: usize,
}

/// One reviewer's estimated leniency: how far above the proposals'
/// qualities their scores lie, on average.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewerOffset {
    pub reviewer: String,
    pub offset: f64,
    pub reviews: usize,
    pub mean: f64,
    pub component: usize,
}

/// Calibrates `reviews` with a ridge prior of weight `ridge` (`RIDGE`,
/// or 0 for plain least squares).
pub fn calibrate(reviews: &[Review], ridge: f64) -> Calibration {
    let proposals = names(reviews.iter().map(|r| r.proposal.as_str()));
    let reviewers = names(reviews.iter().map(|r| r.reviewer.as_str()));
    let edges: Vec<Edge> = reviews
        .iter()
        .map(|r| Edge {
            p: proposals[r.proposal.as_str()],
            r: reviewers[r.reviewer.as_str()],
            w: r.confidence,
            s: r.score,
        })
        .collect();
    let (np, nr) = (proposals.len(), reviewers.len());
    let component = components(&edges, np, nr);
    let system = System::new(&edges, np, nr, ridge);
    let mut offsets = system.solve();
    let mut quality = system.qualities(&offsets);
    centre(&edges, &component, np, &mut offsets, &mut quality);

    let mut per_proposal = vec![Tally::default(); np];
    let mut per_reviewer = vec![Tally::default(); nr];
    for e in &edges {
        per_proposal[e.p].add(e.s);
        per_reviewer[e.r].add(e.s);
    }
    let count = component.iter().copied().max().map_or(0, |m| m + 1);
    Calibration {
        proposals: proposals
            .iter()
            .map(|(name, &i)| {
                let t = &per_proposal[i];
                ProposalReviews {
                    proposal: (*name).to_string(),
                    reviews: t.n,
                    mean: t.mean(),
                    calibrated: quality[i],
                    spread: t.max - t.min,
                    min: t.min,
                    max: t.max,
                    component: component[i],
                }
            })
            .collect(),
        reviewers: reviewers
            .iter()
            .map(|(name, &i)| ReviewerOffset {
                reviewer: (*name).to_string(),
                offset: offsets[i],
                reviews: per_reviewer[i].n,
                mean: per_reviewer[i].mean(),
                component: component[np + i],
            })
            .collect(),
        components: count,
    }
}

/// One review as an edge of the graph: proposal, reviewer, weight, score.
#[derive(Debug, Clone, Copy)]
struct Edge {
    p: usize,
    r: usize,
    w: f64,
    s: f64,
}

/// Each name's index, in name order (so the result never depends on the
/// order of the rows).
fn names<'a>(all: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut map: BTreeMap<&str, usize> = all.map(|n| (n, 0)).collect();
    for (i, v) in map.values_mut().enumerate() {
        *v = i;
    }
    map
}

/// The connected part of each node (proposals `0..np`, then reviewers),
/// numbered in order of their first proposal.
fn components(edges: &[Edge], np: usize, nr: usize) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..np + nr).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for e in edges {
        let (a, b) = (root(&mut parent, e.p), root(&mut parent, np + e.r));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    (0..np + nr)
        .map(|x| {
            let r = root(&mut parent, x);
            let next = number.len();
            *number.entry(r).or_insert(next)
        })
        .collect()
}

/// The offsets' normal equations with the qualities eliminated.
struct System<'a> {
    edges: &'a [Edge],
    /// Per proposal: total weight, weighted mean score.
    weight_p: Vec<f64>,
    mean_p: Vec<f64>,
    /// Per reviewer: total weight plus the ridge.
    diagonal: Vec<f64>,
    rhs: Vec<f64>,
}

impl<'a> System<'a> {
    fn new(edges: &'a [Edge], np: usize, nr: usize, ridge: f64) -> Self {
        let mut weight_p = vec![0.0; np];
        let mut mean_p = vec![0.0; np];
        let mut diagonal = vec![ridge; nr];
        for e in edges {
            weight_p[e.p] += e.w;
            mean_p[e.p] += e.w * e.s;
            diagonal[e.r] += e.w;
        }
        for (m, w) in mean_p.iter_mut().zip(&weight_p) {
            *m /= w;
        }
        let mut rhs = vec![0.0; nr];
        for e in edges {
            rhs[e.r] += e.w * (e.s - mean_p[e.p]);
        }
        System {
            edges,
            weight_p,
            mean_p,
            diagonal,
            rhs,
        }
    }

    /// `A · offsets`.
    fn apply(&self, offsets: &[f64]) -> Vec<f64> {
        let mut mean_offset = vec![0.0; self.weight_p.len()];
        for e in self.edges {
            mean_offset[e.p] += e.w * offsets[e.r];
        }
        for (m, w) in mean_offset.iter_mut().zip(&self.weight_p) {
            *m /= w;
        }
        let mut out: Vec<f64> = self
            .diagonal
            .iter()
            .zip(offsets)
            .map(|(d, o)| d * o)
            .collect();
        for e in self.edges {
            out[e.r] -= e.w * mean_offset[e.p];
        }
        out
    }

    /// Conjugate gradients from 0, which stays in the range of a singular
    /// system (no ridge) whose right-hand side is consistent, as this one is.
    fn solve(&self) -> Vec<f64> {
        let n = self.rhs.len();
        let mut x = vec![0.0; n];
        let mut r = self.rhs.clone();
        let mut p = r.clone();
        let mut rr = dot(&r, &r);
        let tolerance = 1e-26 * dot(&self.rhs, &self.rhs).max(f64::MIN_POSITIVE);
        for _ in 0..(2 * n + 50) {
            if rr <= tolerance {
                break;
            }
            let ap = self.apply(&p);
            let pap = dot(&p, &ap);
            if pap <= 0.0 {
                break;
            }
            let alpha = rr / pap;
            for i in 0..n {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            let next = dot(&r, &r);
            let beta = next / rr;
            rr = next;
            for i in 0..n {
                p[i] = r[i] + beta * p[i];
            }
        }
        x
    }

    /// Each proposal's quality for these offsets: its weighted mean of
    /// `score − offset`.
    fn qualities(&self, offsets: &[f64]) -> Vec<f64> {
        let mut mean_offset = vec![0.0; self.weight_p.len()];
        for e in self.edges {
            mean_offset[e.p] += e.w * offsets[e.r];
        }
        mean_offset
            .iter()
            .zip(&self.weight_p)
            .zip(&self.mean_p)
            .map(|((m, w), s)| s - m / w)
            .collect()
    }
}

/// Shifts each connected part's offsets to a weighted mean of 0 over its
/// reviews, and its qualities the other way, which leaves every fitted
/// score as it was.
fn centre(
    edges: &[Edge],
    component: &[usize],
    np: usize,
    offsets: &mut [f64],
    quality: &mut [f64],
) {
    let parts = component.iter().copied().max().map_or(0, |m| m + 1);
    let mut sum = vec![0.0; parts];
    let mut weight = vec![0.0; parts];
    for e in edges {
        let c = component[e.p];
        sum[c] += e.w * offsets[e.r];
        weight[c] += e.w;
    }
    for (r, o) in offsets.iter_mut().enumerate() {
        let c = component[np + r];
        *o -= sum[c] / weight[c];
    }
    for (p, q) in quality.iter_mut().enumerate() {
        let c = component[p];
        *q += sum[c] / weight[c];
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Count, sum, least and greatest of some scores.
#[derive(Debug, Clone, Copy)]
struct Tally {
    n: usize,
    sum: f64,
    min: f64,
    max: f64,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            n: 0,
            sum: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Tally {
    fn add(&mut self, s: f64) {
        self.n += 1;
        self.sum += s;
        self.min = self.min.min(s);
        self.max = self.max.max(s);
    }

    fn mean(&self) -> f64 {
        self.sum / self.n as f64
    }
}
