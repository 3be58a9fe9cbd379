//! A rubric is data from a funder: loading any bytes must give a rubric or
//! an error, never a panic, and scoring with it must finish.
#![no_main]

use grantctl::analysis::analyse;
use grantctl::rubric::Rubric;
use libfuzzer_sys::fuzz_target;

const BODY: &str = include_str!("../../proposals/apart-research.md");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rubric) = Rubric::parse(text) {
        let _ = analyse("p.md", "p", BODY, &rubric);
    }
});
