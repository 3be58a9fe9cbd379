//! `--reviews FILE` and `grantctl reviews`: review files read and checked
//! against the proposals of the run, calibrated, and shown.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};

use super::pipeline::{analyse_all, prepare};
use super::settings::InputOptions;
use super::source::read_text;
use super::status::ExitStatus;
use super::write::{Pending, Protected};
use crate::analysis::{CompareRow, ReviewCells};
use crate::cli::ReviewsArgs;
use crate::output::Manners;
use crate::output::compare::CompareFormat;
use crate::output::reviews::{ReviewsReport, render_reviews};
use crate::reviews::{
    Calibration, RIDGE, Review, calibrate, duplicate_across, krippendorff_alpha, parse_reviews,
};

/// Every review in `paths` (files, or folders meaning every `*.csv` in
/// them, in name order). Any problem stops the run naming file and line:
/// a review silently dropped would change every calibrated score.
pub fn load(paths: &[PathBuf], max_bytes: u64) -> anyhow::Result<Vec<Review>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read the review folder `{}`", path.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
                .collect();
            found.sort();
            if found.is_empty() {
                bail!(
                    "the review folder `{}` has no `*.csv` files",
                    path.display()
                );
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut reviews = Vec::new();
    for file in &files {
        let shown = file.display().to_string();
        let text = read_text(file, max_bytes)
            .map_err(|problem| anyhow!("failed to read reviews `{shown}`: {}", problem.message))?;
        reviews.extend(parse_reviews(&text, &shown)?);
    }
    if let Some(duplicate) = duplicate_across(&reviews) {
        return Err(duplicate.into());
    }
    Ok(reviews)
}

/// The reviews `--reviews` names, or `None` without the flag.
pub fn given(input: &InputOptions) -> anyhow::Result<Option<Vec<Review>>> {
    match input.reviews.is_empty() {
        true => Ok(None),
        false => load(&input.reviews, input.max_bytes).map(Some),
    }
}

/// Every review names a proposal of this run; the first that does not
/// stops the run, with the closest id.
pub fn check_ids<'a>(reviews: &[Review], ids: impl Iterator<Item = &'a str>) -> anyhow::Result<()> {
    let mut known: Vec<&str> = ids.collect();
    known.sort_unstable();
    known.dedup();
    for review in reviews {
        if known.binary_search(&review.proposal.as_str()).is_err() {
            let hint = crate::suggest::did_you_mean(&review.proposal, &known)
                .map_or_else(String::new, |id| format!("; did you mean `{id}`?"));
            bail!(
                "{}:{}: no proposal in this run has the id `{}`{hint}",
                review.file,
                review.line,
                review.proposal
            );
        }
    }
    Ok(())
}

/// Fills each row's review columns from the calibration.
pub fn fill(rows: &mut [CompareRow], calibration: &Calibration) {
    for row in rows {
        let found = calibration.proposal(&row.id);
        row.review = Some(Box::new(found.map_or(ReviewCells::default(), |p| {
            ReviewCells {
                count: p.reviews,
                mean: Some(p.mean),
                score: Some(p.calibrated),
                spread: Some(p.spread),
            }
        })));
    }
}

/// `grantctl reviews`: reviewers' offsets, agreement, connectivity and
/// the most disputed proposals.
pub fn run(
    args: ReviewsArgs,
    manners: Manners,
    stdout: &mut dyn Write,
    _stderr: &mut dyn Write,
) -> anyhow::Result<ExitStatus> {
    let format =
        CompareFormat::resolve(args.format, args.output.as_deref()).map_err(anyhow::Error::msg)?;
    let input: InputOptions = args.common.try_into()?;
    if input.reviews.is_empty() {
        bail!("grantctl reviews needs --reviews FILE (a review CSV, or a folder of them)");
    }
    let reviews = load(&input.reviews, input.max_bytes)?;
    let (rubric, found) = prepare(&input)?;
    let analysed = analyse_all(
        &input,
        &rubric,
        &found.inputs,
        &|| {},
        |report, proposal| {
            let id = proposal.as_ref().map(|p| p.id.clone());
            (report, id)
        },
    )?;
    check_ids(
        &reviews,
        analysed.items.iter().filter_map(|(_, id)| id.as_deref()),
    )?;
    let calibration = calibrate(&reviews, RIDGE);
    let report = ReviewsReport {
        alpha: krippendorff_alpha(&reviews),
        calibration: &calibration,
        bar: args.bar,
    };
    let _ = manners;
    match &args.output {
        Some(path) => {
            let protected: Vec<Protected<'_>> = input
                .reviews
                .iter()
                .map(|p| Protected {
                    path: p.as_path(),
                    what: "a review file being read",
                })
                .collect();
            Pending::open(path, &protected)?.finish(|out| render_reviews(format, &report, out))?;
        }
        None => {
            render_reviews(format, &report, stdout)?;
            stdout.flush()?;
        }
    }
    Ok(ExitStatus::Success)
}
