//! `grantctl report`: every proposal read, checked and scored with its
//! evidence kept, reviews and the shortlist added when asked for, and
//! one HTML page written atomically (§7).

use std::io::Write;

use anyhow::bail;

use super::pipeline::{analyse_all, prepare};
use super::reviews::{check_ids, fill, given as given_reviews};
use super::settings::InputOptions;
use super::shortlist::{Levels, candidates, levels_of, pool, score_column};
use super::status::ExitStatus;
use super::write::{Pending, Protected};
use crate::analysis::{Columns, CompareRow};
use crate::cli::ReportArgs;
use crate::diagnostic::Diagnostic;
use crate::output::report::{Report, ReportProposal, render_report};
use crate::reviews::{RIDGE, calibrate};
use crate::shortlist::shortlist;

pub fn run(args: ReportArgs, stderr: &mut dyn Write) -> anyhow::Result<ExitStatus> {
    if !args.score.bar.is_finite() {
        bail!("--bar must be a finite number");
    }
    let pool = args.pool.as_deref().map(pool).transpose()?;
    let input: InputOptions = args.common.try_into()?;
    let reviews = given_reviews(&input)?;
    let (rubric, found) = prepare(&input)?;
    let columns = Columns::for_run(&rubric, reviews.is_some());
    let mut protected = input.read_files();
    protected.extend(found.inputs.iter().map(|i| Protected {
        path: i.path(),
        what: "one of the proposals in the report",
    }));
    let pending = Pending::open(&args.output, &protected)?;
    let analysed = analyse_all(
        &input,
        &rubric,
        &found.inputs,
        &|| {},
        |report, proposal| {
            let findings = report.diagnostics.clone();
            let levels = levels_of(&report, proposal.as_ref());
            (
                CompareRow::new(report, proposal.as_ref(), true, columns.keys()),
                (levels, findings),
            )
        },
    )?;
    type Extra = (Levels, Vec<Diagnostic>);
    let (mut rows, extra): (Vec<CompareRow>, Vec<Extra>) = analysed.items.into_iter().unzip();
    if let Some(reviews) = &reviews {
        check_ids(reviews, rows.iter().map(|r| r.id.as_str()))?;
        fill(&mut rows, &calibrate(reviews, RIDGE));
    }
    let (levels, findings): (Vec<Levels>, Vec<Vec<Diagnostic>>) = extra.into_iter().unzip();
    let list = match pool {
        Some((amount, currency)) => {
            let by = score_column(&columns, args.score.by.as_deref(), reviews.is_some())?;
            let candidates = candidates(&rows, levels, by, currency, &input.exchange_rates);
            Some((
                shortlist(&candidates, amount, currency, args.score.bar),
                currency,
            ))
        }
        None => None,
    };
    let report = Report {
        proposals: rows
            .iter()
            .zip(&findings)
            .map(|(row, findings)| ReportProposal {
                row,
                findings,
                decision: list.as_ref().and_then(|(l, _)| l.decision(&row.id)),
            })
            .collect(),
        sections: rubric.scored().map(|s| s.key.clone()).collect(),
        reviews: reviews.is_some(),
        shortlist: list.as_ref().map(|(l, c)| (l, *c)),
    };
    pending.finish(|out| render_report(&report, out))?;
    writeln!(
        stderr,
        "wrote `{}`: {} proposals",
        args.output.display(),
        rows.len()
    )?;
    let errors: usize = rows.iter().map(|r| r.errors).sum();
    let warnings: usize = rows.iter().map(|r| r.warnings).sum();
    Ok(ExitStatus::from_counts(
        errors,
        warnings,
        input.deny_warnings,
    ))
}
