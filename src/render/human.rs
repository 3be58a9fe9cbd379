//! rustc-style findings: the rule, the message, `--> file:line:col`, and the
//! source line with the offending key underlined.

use std::io::{self, Write};

use super::{FileReport, Summary};
use crate::diagnostic::{Diagnostic, plural};
use crate::rubric::{CriterionScore, Scores};

/// Evidence quotes shown per criterion; `compare --format json` has them all.
const EVIDENCE_SHOWN: usize = 3;

pub(super) fn render(
    reports: &[FileReport],
    summary: Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            write_one(d, out)?;
        }
        if let Some(scores) = &report.scores {
            write_scores(&report.file, scores, out)?;
        }
    }
    let files = plural(summary.files, "file");
    if summary.errors == 0 && summary.warnings == 0 {
        writeln!(out, "checked {files}: no problems found")
    } else {
        writeln!(
            out,
            "checked {files}: {}, {}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning")
        )
    }
}

fn write_one(d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}[{}]: {}", d.severity, d.rule, d.message)?;
    let gutter = " ".repeat(d.line.to_string().len());
    match d.column {
        Some(col) => writeln!(out, "{gutter}--> {}:{}:{col}", d.file, d.line)?,
        None => writeln!(out, "{gutter}--> {}:{}", d.file, d.line)?,
    }
    if let Some(excerpt) = &d.excerpt {
        // Tabs become single spaces so the caret stays under its column.
        let text = excerpt.text.replace('\t', " ");
        let col = d.column.unwrap_or(1).max(1) as usize;
        let available = text.chars().count().saturating_sub(col - 1);
        let width = excerpt.underline.min(available).max(1);
        writeln!(out, "{gutter} |")?;
        writeln!(out, "{} | {text}", d.line)?;
        writeln!(
            out,
            "{gutter} | {}{}",
            " ".repeat(col - 1),
            "^".repeat(width)
        )?;
    }
    writeln!(out)
}

/// Each scored section's score, then per criterion the points and the text
/// that earned them.
fn write_scores(file: &str, scores: &Scores, out: &mut dyn Write) -> io::Result<()> {
    if scores.sections.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{file}: total {}/100 (rubric: {})",
        scores.total_score, scores.rubric
    )?;
    for section in &scores.sections {
        match section.line {
            Some(line) => writeln!(
                out,
                "  {} {}/100 (line {line})",
                section.section, section.score
            )?,
            None => writeln!(out, "  {} {}/100 (missing)", section.section, section.score)?,
        }
        for criterion in &section.criteria {
            writeln!(out, "    {}", criterion_line(criterion))?;
        }
    }
    writeln!(out)
}

fn criterion_line(c: &CriterionScore) -> String {
    let mut line = format!(
        "{} {}/{} · {}",
        c.name,
        points(c.earned),
        c.possible,
        c.detail
    );
    for e in c.evidence.iter().take(EVIDENCE_SHOWN) {
        line.push_str(&format!(" · \"{}\" (line {})", e.text, e.line));
    }
    if c.evidence.len() > EVIDENCE_SHOWN {
        line.push_str(&format!(" · {} more", c.evidence.len() - EVIDENCE_SHOWN));
    }
    line
}

/// `70` or `52.5`.
fn points(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}
