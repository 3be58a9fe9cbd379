//! rustc-style findings: the rule, the message, `--> file:line:col`, and the
//! source line with the offending key underlined.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::summary::{Manners, Summary};
use crate::analysis::FileReport;
use crate::budget::BudgetSummary;
use crate::diagnostic::{Diagnostic, Severity, plural};
use crate::output::printable::printable;
use crate::rubric::{CriterionScore, Scores};

/// Evidence quotes shown per criterion; `compare --format json` has them all.
const EVIDENCE_SHOWN: usize = 3;

/// rustc's colours; with colour off every style is empty and prints nothing.
struct Palette {
    error: Style,
    warning: Style,
    emphasis: Style,
    gutter: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if !color {
            let plain = Style::new();
            return Palette {
                error: plain,
                warning: plain,
                emphasis: plain,
                gutter: plain,
            };
        }
        Palette {
            error: AnsiColor::BrightRed.on_default().bold(),
            warning: AnsiColor::BrightYellow.on_default().bold(),
            emphasis: Style::new().bold(),
            gutter: AnsiColor::BrightBlue.on_default().bold(),
        }
    }

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }
}

pub(crate) fn render(
    reports: &[FileReport],
    summary: Summary,
    manners: Manners,
    out: &mut dyn Write,
) -> io::Result<()> {
    let palette = Palette::new(manners.color);
    for report in reports {
        for d in &report.diagnostics {
            write_one(d, &palette, out)?;
        }
        if let Some(budget) = report.budget.as_ref().filter(|_| !manners.quiet) {
            write_budget(&report.file, budget, &palette, out)?;
        }
        if let Some(scores) = report.scores.as_ref().filter(|_| !manners.quiet) {
            write_scores(&report.file, scores, &palette, out)?;
        }
    }
    if manners.quiet {
        return Ok(());
    }
    let files = plural(summary.files, "file");
    let bold = palette.emphasis;
    if summary.errors == 0 && summary.warnings == 0 {
        writeln!(out, "{bold}checked {files}: no problems found{bold:#}")?;
    } else {
        writeln!(
            out,
            "{bold}checked {files}: {}, {}{bold:#}",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning")
        )?;
    }
    if let Some(skipped) = summary.skipped.describe() {
        writeln!(out, "{skipped}")?;
    }
    if let Some(settings) = &summary.settings {
        writeln!(out, "settings from {}", printable(settings))?;
    }
    Ok(())
}

fn write_one(d: &Diagnostic, palette: &Palette, out: &mut dyn Write) -> io::Result<()> {
    let (level, bold, blue) = (
        palette.severity(d.severity),
        palette.emphasis,
        palette.gutter,
    );
    writeln!(
        out,
        "{level}{}[{}]{level:#}{bold}: {}{bold:#}",
        d.severity,
        d.rule,
        printable(&d.message)
    )?;
    let gutter = " ".repeat(d.line.to_string().len());
    let file = printable(&d.file);
    match d.column {
        Some(col) => writeln!(out, "{gutter}{blue}-->{blue:#} {file}:{}:{col}", d.line)?,
        None => writeln!(out, "{gutter}{blue}-->{blue:#} {file}:{}", d.line)?,
    }
    if let Some(excerpt) = &d.excerpt {
        // One character per column, so the caret stays under its column.
        let text = printable(&excerpt.text);
        let col = excerpt.caret.max(1);
        let available = text.chars().count().saturating_sub(col - 1);
        let width = excerpt.underline.min(available).max(1);
        writeln!(out, "{gutter} {blue}|{blue:#}")?;
        writeln!(out, "{blue}{} |{blue:#} {text}", d.line)?;
        writeln!(
            out,
            "{gutter} {blue}|{blue:#} {}{level}{}{level:#}",
            " ".repeat(col - 1),
            "^".repeat(width)
        )?;
    }
    writeln!(out)
}

/// What each funding level costs, what other sources cover, and each
/// difference the tolerance let pass, with its exact size.
fn write_budget(
    file: &str,
    budget: &BudgetSummary,
    palette: &Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    let c = budget.currency;
    let bold = palette.emphasis;
    let file = printable(file);
    // `= ` first: no output line may begin with a file name, which a
    // CI runner could read as a workflow command (`::error::…`).
    writeln!(
        out,
        "{bold}= {file}: budget {}{bold:#}",
        budget.total.display(c)
    )?;
    if !budget.levels.is_empty() {
        let levels: Vec<String> = budget
            .levels
            .iter()
            .map(|(tier, cost)| match tier {
                1 => format!("tier 1 {}", cost.display(c)),
                k => format!("tiers 1–{k} {}", cost.display(c)),
            })
            .collect();
        writeln!(out, "  levels: {}", levels.join(" · "))?;
    }
    if let Some((goal, others)) = budget.goal_and_others {
        writeln!(
            out,
            "  {} = goal {} + other sources {}",
            budget.total.display(c),
            goal.display(c),
            others.display(c)
        )?;
    }
    for t in &budget.tolerated {
        writeln!(
            out,
            "  {}: computed {}, stated {}: within the tolerance (difference {})",
            printable(&t.path),
            t.computed.display(t.currency),
            t.stated.display(t.currency),
            t.difference.display(t.currency)
        )?;
    }
    writeln!(out)
}

/// Each scored section's score, then per criterion the points and the text
/// that earned them.
fn write_scores(
    file: &str,
    scores: &Scores,
    palette: &Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    if scores.sections.is_empty() {
        return Ok(());
    }
    let bold = palette.emphasis;
    writeln!(
        out,
        "{bold}= {}: total {}/100{bold:#} (rubric: {})",
        printable(file),
        scores.total_score,
        printable(&scores.rubric)
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
            if let Some(next) = criterion.next() {
                writeln!(out, "      next: {}", printable(&next))?;
            }
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
        line.push_str(&format!(" · \"{}\" (line {}", printable(&e.text), e.line));
        // A risk says where its outcome and mitigation stand, or that it
        // states none: that is what its points depend on.
        let at = |slot: Option<u32>| slot.map_or("none".to_string(), |l| format!("line {l}"));
        if let (Some(outcome), Some(mitigation)) = (e.outcome, e.mitigation) {
            line.push_str(&format!(
                "; outcome {}, mitigation {}",
                at(outcome),
                at(mitigation)
            ));
        }
        line.push(')');
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
