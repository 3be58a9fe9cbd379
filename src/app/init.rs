//! `grantctl init [FILE]`: a new proposal with every front-matter field and
//! the standard application questions as headings, ready to fill in.
//!
//! The file is created whole or not at all, and never over an existing
//! one: it is written to a temporary file beside it, then linked into place
//! only if the name is still free.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::write::create_new;

/// Every field of the format, each with what it is for. Checked as it is,
/// its only findings are the `missing-field`s of what must be filled in.
pub const SKELETON: &str = r#"---
# A grant proposal. Run `grantctl check` on this file as you fill it in;
# `grantctl explain RULE` says what a finding means.
title: ""          # the project's name
id:                # optional: a stable key; defaults to the file name
applicant: []      # the organisation and/or the people applying
round:             # optional: the funding round or program
causes: []         # optional: cause areas or tags
currency: USD      # the ISO 4217 code of every amount in this file
funding:
  goal:            # the amount asked for: 50000, or "$50k"
  minimum:         # optional: the least the project can run on
  raised:          # optional: already committed elsewhere
  other_sources: []  # optional: - {source: …, amount: …} covering part of the budget
  tolerance:       # optional: rounding allowed between computed and stated totals
budget:            # how the goal (plus other sources) will be spent
  - item: ""       # what the money is for
    amount:        # the line's total, or a range "$150k - $250k"
    quantity:      # optional: how many units (30 fellows, 0.8 FTE-years)
    unit:          # optional: what quantity counts (months, hours, FTE)
    unit_cost:     # optional: the cost of one unit
    percent:       # optional: a percentage of the other lines (contingency)
    tier:          # optional: 1 = core (default), 2, 3… extra funding levels
    currency:      # optional: this line's currency, if not the proposal's
    note:          # optional: anything a reviewer should know
    lines: []      # optional: sub-lines that add up to this line's amount
exchange_rates: {} # optional: e.g. {GBP: 1.35}, units of currency per one GBP
grantctl:
  allow: []        # optional: warnings this file accepts, e.g. [unknown-field]
---

## Project summary

## What are this project's goals and how will you achieve them?

## How will this funding be used?

## Who is on your team and what's your track record on similar projects?

## What are the most likely causes and outcomes if this project fails? (premortem)

## What other funding are you or your project getting?
"#;

/// Whether a folder walk would read `path` as a proposal.
fn is_markdown(path: &Path) -> bool {
    super::discover::is_md(path)
}

/// Writes the skeleton to `path`, or to stdout when `path` is `-`.
pub fn run(path: &Path, stdout: &mut dyn Write, stderr: &mut dyn Write) -> anyhow::Result<()> {
    if path == Path::new("-") {
        stdout.write_all(SKELETON.as_bytes())?;
        return Ok(());
    }
    if path.exists() || path.is_symlink() {
        bail!(
            "`{}` already exists; grantctl init never overwrites a file",
            path.display()
        );
    }
    create_new(path, SKELETON.as_bytes())?;
    writeln!(
        stderr,
        "created `{}`: fill it in, then run `grantctl check {}`",
        path.display(),
        path.display()
    )?;
    if !is_markdown(path) {
        writeln!(
            stderr,
            "warning: `{}` does not end in `.md`: checking a folder will not find it; rename it to end in `.md`",
            path.display()
        )?;
    }
    Ok(())
}
