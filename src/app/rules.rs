//! `grantctl rules` and `grantctl explain RULE`: the rule book, from the same
//! `Rule` enum the checks use, so it cannot list a rule that does not exist.

use std::io::Write;

use anyhow::bail;

use crate::diagnostic::docs::Example;
use crate::diagnostic::{Rule, unknown_rule};

/// One line per rule: id, severity, what it checks.
pub fn list(out: &mut dyn Write) -> anyhow::Result<()> {
    let width = Rule::ALL.iter().map(|r| r.id().len()).max().unwrap_or(0);
    for rule in Rule::ALL {
        writeln!(
            out,
            "{:width$}  {:7}  {}",
            rule.id(),
            rule.severity().to_string(),
            rule.description()
        )?;
    }
    writeln!(out, "\n`grantctl explain RULE` says more about one.")?;
    Ok(())
}

/// The rule's full explanation; an unknown id is a usage error (exit 2).
pub fn explain(id: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let Some(rule) = Rule::from_id(id.trim()) else {
        bail!("{}", unknown_rule(id, None));
    };
    let d = rule.doc();
    writeln!(out, "{} ({})\n", rule.id(), rule.severity())?;
    writeln!(out, "What it checks\n{}\n", wrap(d.checks))?;
    writeln!(out, "Why it matters\n{}\n", wrap(d.why))?;
    match &d.example {
        Example::File {
            path,
            text,
            rubric,
            fix,
        } => {
            let with = match rubric {
                Some(rubric) => format!(", with `--rubric {rubric}`"),
                None => String::new(),
            };
            writeln!(out, "Failing example ({path}{with})\n{}\n", indent(text))?;
            writeln!(out, "The fix")?;
            for edit in *fix {
                let line = edit.line_in(text).unwrap_or(1);
                writeln!(out, "    line {line}:")?;
                for (sign, lines) in [('-', edit.old), ('+', edit.new)] {
                    for text in lines.lines() {
                        writeln!(out, "    {sign} {text}")?;
                    }
                }
            }
        }
        Example::Prose { failing, fixed } => {
            writeln!(out, "Failing example\n{}\n", wrap(failing))?;
            writeln!(out, "The fix\n{}", wrap(fixed))?;
        }
    }
    Ok(())
}

/// Prose indented by four spaces and wrapped to fit 80 columns.
fn wrap(text: &str) -> String {
    const WIDTH: usize = 76;
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    indent(&lines.join("\n"))
}

/// Indents every non-empty line by four spaces, like a Markdown code block.
fn indent(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("    {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
