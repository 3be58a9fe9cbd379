//! The whole `check` and `compare` pipeline on one file's bytes: front
//! matter, YAML, money, budget, sections and scoring, then every renderer.
//! Bytes that are not UTF-8 stop where grantctl stops them (an `io` finding).
#![no_main]

use std::sync::LazyLock;

use grantctl::analysis::{Columns, CompareRow, analyse};
use grantctl::output::compare::{COMPARE_FORMATS, Presentation, render_compare};
use grantctl::output::{CHECK_FORMATS, Manners, Summary, render_check};
use grantctl::rubric::Rubric;
use libfuzzer_sys::fuzz_target;

static STRICT: LazyLock<Rubric> =
    LazyLock::new(|| Rubric::parse(include_str!("../../rubrics/strict.yaml")).unwrap());
static DEFAULT: LazyLock<Rubric> = LazyLock::new(Rubric::default_rubric);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The strict rubric (minimums) for odd lengths, so both paths are fuzzed.
    let rubric = if data.len() % 2 == 1 {
        &*STRICT
    } else {
        &*DEFAULT
    };
    let analysis = analyse("fuzz.md", "fuzz", text, rubric);
    let summary = Summary {
        files: 1,
        ..Summary::default()
    };
    let mut out = Vec::new();
    let reports = [analysis.report];
    for row in &CHECK_FORMATS {
        let format = row.format;
        let manners = Manners {
            color: true,
            quiet: false,
        };
        render_check(format, &reports, summary.clone(), manners, &mut out).unwrap();
        out.clear();
    }
    let [report] = reports;
    let columns = Columns::for_rubric(rubric);
    let rows = [CompareRow::new(
        report,
        analysis.proposal.as_ref(),
        true,
        columns.keys(),
    )];
    // Fitted to the narrowest terminal and not, with CSV defused and not.
    let all = columns.all();
    let presentations = [
        Presentation::default(),
        Presentation {
            fit_width: Some(80),
            csv_safe: true,
        },
    ];
    for row in &COMPARE_FORMATS {
        for presentation in presentations {
            render_compare(row.format, &rows, &columns, &all, presentation, &mut out).unwrap();
            out.clear();
        }
    }
});
