//! `grantctl reviews`: each reviewer's offset, the round's agreement, the
//! graph's connectivity and the most disputed proposals, in each format.
//! Renderers only print; calibration decided everything before.

use std::io::{self, Write};

use serde_json::json;

use super::compare::CompareFormat;
use super::csv_record::write_records;
use super::printable::printable;
use super::table::write_table;
use crate::reviews::{Calibration, ProposalReviews, is_split};

/// How many disputed proposals the table, Markdown and notes list.
const DISPUTED: usize = 10;

/// What `grantctl reviews` shows.
pub struct ReviewsReport<'a> {
    /// Krippendorff's alpha (interval); `None` with nothing to pair.
    pub alpha: Option<f64>,
    pub calibration: &'a Calibration,
    /// `--bar`: proposals whose reviewers fall on both sides are split.
    pub bar: Option<f64>,
}

impl ReviewsReport<'_> {
    /// Proposals by spread, widest first, then by id; only those scored
    /// at least twice can be disputed.
    fn disputed(&self) -> Vec<&ProposalReviews> {
        let mut all: Vec<&ProposalReviews> = self
            .calibration
            .proposals
            .iter()
            .filter(|p| p.reviews >= 2)
            .collect();
        all.sort_by(|a, b| {
            b.spread
                .total_cmp(&a.spread)
                .then_with(|| a.proposal.cmp(&b.proposal))
        });
        all
    }

    fn split(&self) -> Vec<&str> {
        match self.bar {
            Some(bar) => self
                .calibration
                .proposals
                .iter()
                .filter(|p| is_split(p, bar))
                .map(|p| p.proposal.as_str())
                .collect(),
            None => Vec::new(),
        }
    }

    fn connectivity(&self) -> String {
        match self.calibration.components {
            0 | 1 => {
                "connected: every reviewer's offset is estimated against every other's".to_string()
            }
            n => format!(
                "not connected: {n} separate groups of reviewers and proposals; offsets compare only within a group (column `group`)"
            ),
        }
    }

    fn agreement(&self) -> String {
        match self.alpha {
            Some(alpha) => format!("Krippendorff's alpha (interval): {alpha:.3}"),
            None => "Krippendorff's alpha (interval): none (no proposal has two differing reviews to compare)".to_string(),
        }
    }
}

pub fn render_reviews(
    format: CompareFormat,
    report: &ReviewsReport<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Table => text(report, out, false),
        CompareFormat::Markdown => text(report, out, true),
        CompareFormat::Csv => csv(report, out),
        CompareFormat::Json => json(report, out),
    }
}

/// The table and Markdown: reviewers, then the round, then the disputed.
fn text(report: &ReviewsReport<'_>, out: &mut dyn Write, markdown: bool) -> io::Result<()> {
    let reviewers: Vec<Vec<String>> = report
        .calibration
        .reviewers
        .iter()
        .map(|r| {
            vec![
                printable(&r.reviewer).into_owned(),
                format!("{:+.2}", r.offset),
                r.reviews.to_string(),
                format!("{:.2}", r.mean),
                (r.component + 1).to_string(),
            ]
        })
        .collect();
    let numbers = |n: usize| -> Vec<bool> { (0..=n).map(|i| i > 0).collect() };
    write_table(
        out,
        markdown,
        &["reviewer", "offset", "reviews", "mean", "group"],
        &numbers(4),
        &reviewers,
    )?;
    writeln!(out)?;
    writeln!(out, "{}", report.agreement())?;
    writeln!(out, "{}", report.connectivity())?;
    let disputed: Vec<Vec<String>> = report
        .disputed()
        .into_iter()
        .take(DISPUTED)
        .map(|p| {
            vec![
                printable(&p.proposal).into_owned(),
                p.reviews.to_string(),
                format!("{:.2}", p.min),
                format!("{:.2}", p.max),
                format!("{:.2}", p.spread),
                format!("{:.2}", p.mean),
                format!("{:.2}", p.calibrated),
            ]
        })
        .collect();
    if !disputed.is_empty() {
        writeln!(out)?;
        writeln!(out, "most disputed:")?;
        write_table(
            out,
            markdown,
            &[
                "proposal",
                "reviews",
                "lowest",
                "highest",
                "spread",
                "mean",
                "calibrated",
            ],
            &numbers(6),
            &disputed,
        )?;
    }
    if let Some(bar) = report.bar {
        let split = report.split();
        writeln!(out)?;
        match split.is_empty() {
            true => writeln!(out, "split at {bar}: none")?,
            false => writeln!(
                out,
                "split at {bar} (reviewers on both sides): {}",
                split.join(", ")
            )?,
        }
    }
    Ok(())
}

/// CSV: the reviewers' table, numbers unrounded.
fn csv(report: &ReviewsReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let header = ["reviewer", "offset", "reviews", "mean", "group"].map(String::from);
    let rows = report.calibration.reviewers.iter().map(|r| {
        [
            r.reviewer.clone(),
            r.offset.to_string(),
            r.reviews.to_string(),
            r.mean.to_string(),
            (r.component + 1).to_string(),
        ]
    });
    write_records(std::iter::once(header).chain(rows), out)
}

/// JSON: one object with `alpha`, the connectivity, every reviewer and
/// every proposal, numbers unrounded.
fn json(report: &ReviewsReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    let c = report.calibration;
    let value = json!({
        "alpha": report.alpha,
        "connected": c.components <= 1,
        "groups": c.components,
        "reviewers": c.reviewers.iter().map(|r| json!({
            "reviewer": r.reviewer,
            "offset": r.offset,
            "reviews": r.reviews,
            "mean": r.mean,
            "group": r.component + 1,
        })).collect::<Vec<_>>(),
        "proposals": report.disputed().iter().map(|p| json!({
            "proposal": p.proposal,
            "reviews": p.reviews,
            "mean": p.mean,
            "calibrated": p.calibrated,
            "lowest": p.min,
            "highest": p.max,
            "spread": p.spread,
            "group": p.component + 1,
            "split": report.bar.map(|bar| is_split(p, bar)),
        })).collect::<Vec<_>>(),
    });
    let mut writer = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut writer, &value)?;
    writeln!(writer)?;
    writer.flush()
}
