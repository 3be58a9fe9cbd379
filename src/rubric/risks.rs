//! Reads a premortem into risks: each failure cause, and whether the text
//! gives it an outcome and a mitigation.
//!
//! Applications write premortems in a few shapes, all recognised here:
//! - a bullet per cause with `Outcome:` / `Mitigation…` sub-bullets;
//! - paragraphs `Cause: … Outcome: … Mitigation: …`;
//! - a risk paragraph ending `How we address this:` followed by a list;
//! - a numbered list of causes with nested `Mitigation:` items.
//!
//! A cause with no labelled outcome still has one when its own sentence
//! states a consequence ("…would waste mentor time"). An unlabelled item
//! nested under a cause is read as the response to it.

use std::sync::LazyLock;

use regex::Regex;

use crate::sections::{Block, BlockKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Risk {
    pub cause: String,
    pub line: u32,
    pub outcome: bool,
    pub mitigation: bool,
}

static CONSEQUENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:would|might|could|will|leads? to|leading to|results? in|resulting in|caus(?:e|es|ing)|decreas\w*|increas\w*|wast\w*|los(?:e|es|ing)|outcome)(?-u:\b)",
    )
    .expect("valid pattern")
});

static PARAGRAPH_CAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)cause\s*:\s*(?P<cause>.*?)(?:(?-u:\b)outcome\s*:|(?-u:\b)mitigation\w*\s*:|$)")
        .expect("valid pattern")
});

fn label(text: &str) -> Option<&'static str> {
    let lower = text.trim_start().to_lowercase();
    if lower.starts_with("outcome")
        || lower.starts_with("consequence")
        || lower.starts_with("impact:")
    {
        Some("outcome")
    } else if lower.starts_with("mitigation")
        || lower.starts_with("how we address")
        || lower.starts_with("response:")
        || lower.starts_with("plan:")
    {
        Some("mitigation")
    } else {
        None
    }
}

fn has_label(text: &str, name: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(name).any(|(i, _)| {
        lower[i + name.len()..]
            .trim_start_matches(|c: char| c.is_alphabetic())
            .trim_start()
            .starts_with(':')
    })
}

/// Finds the risks in a premortem's blocks, in order.
pub(super) fn find_risks(blocks: &[Block]) -> Vec<Risk> {
    let mut risks: Vec<Risk> = Vec::new();
    // Set by "How we address this:": the list that follows is its mitigation.
    let mut list_answers_paragraph = false;
    for block in blocks {
        let text = block.text.trim();
        if text.is_empty() {
            continue;
        }
        match block.kind {
            BlockKind::Paragraph => {
                list_answers_paragraph = false;
                if let Some(caps) = PARAGRAPH_CAUSE.captures(text) {
                    let cause = caps.name("cause").map_or(text, |m| m.as_str());
                    risks.push(Risk {
                        cause: cause.trim().to_string(),
                        line: block.line,
                        outcome: has_label(text, "outcome") || CONSEQUENCE.is_match(cause),
                        mitigation: has_label(text, "mitigation"),
                    });
                } else if let Some(at) = text.to_lowercase().find("how we address") {
                    let cause = text[..at].trim();
                    risks.push(Risk {
                        cause: cause.to_string(),
                        line: block.line,
                        outcome: CONSEQUENCE.is_match(cause),
                        mitigation: false,
                    });
                    list_answers_paragraph = true;
                }
            }
            BlockKind::Item { depth } => {
                let answers = depth > 0 || list_answers_paragraph;
                match (label(text), risks.last_mut()) {
                    (Some("outcome"), Some(risk)) => risk.outcome = true,
                    (Some(_), Some(risk)) => risk.mitigation = true,
                    (None, Some(risk)) if answers => risk.mitigation = true,
                    (None, _) if depth == 0 => risks.push(Risk {
                        cause: text.to_string(),
                        line: block.line,
                        outcome: CONSEQUENCE.is_match(text),
                        mitigation: false,
                    }),
                    _ => {}
                }
            }
        }
    }
    risks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::split_sections;

    /// (causes, with outcome, with mitigation) for a premortem body.
    fn counts(body: &str) -> (usize, usize, usize) {
        let body = format!("# Premortem\n\n{body}");
        let premortem = |_: &str| Some("premortem".to_string());
        let sections = split_sections(&body, 1, &premortem, &|_| true);
        let blocks: Vec<Block> = sections.into_iter().flat_map(|s| s.blocks).collect();
        let risks = find_risks(&blocks);
        (
            risks.len(),
            risks.iter().filter(|r| r.outcome).count(),
            risks.iter().filter(|r| r.mitigation).count(),
        )
    }

    #[test]
    fn bullets_with_outcome_and_mitigation_sub_bullets() {
        let body = "\
Intro paragraph that names no cause.

- Info-hazards
    - Outcome: Publishing work that helps capabilities
    - Mitigation strategies: Review for info hazards
- Lack of research taste
    - Outcome: Less impactful topics
    - Mitigation strategies: External feedback
- Poor selection of fellows
    - Outcome: Wrong skills
";
        assert_eq!(counts(body), (3, 3, 2));
    }

    #[test]
    fn cause_outcome_mitigation_paragraphs() {
        let body = "\
Cause: We hire a program manager that cannot take over. Outcome: The hackathons underperform. Mitigation: Test tasks.

Cause: Info hazardous research emerges. Outcome: Misuse. Mitigation: We retract unsafe projects.

Otherwise, the main causes for failure arise from lack of team capacity.
";
        assert_eq!(counts(body), (2, 2, 2));
    }

    #[test]
    fn risk_paragraphs_answered_by_a_list() {
        let body = "\
Poor selection of scholars would waste mentor time + grant money. How we address this:

- We defer to mentors.
- We use difficult questions.

Some mentors are less engaged, and the mentorship might be less helpful. How we address this:

- We soft cap streams.

Scholars overly defer to mentors. How we address this:

- We encourage ownership.
";
        assert_eq!(counts(body), (3, 2, 3));
    }

    #[test]
    fn numbered_causes_with_nested_mitigation() {
        let body = "\
1. We don't get at least 10 people to join.
    1. Mitigation: Outreach.
2. Our training is not good enough.
    1. Mitigation: Upskilling.
3. The research contributes to capabilities. We think this risk is small because:
    1. We believe in open discourse.
    2. We will enforce an infohazard policy.
";
        assert_eq!(counts(body), (3, 0, 3));
    }

    #[test]
    fn a_one_sentence_premortem_names_no_risk() {
        assert_eq!(
            counts("We do not expect this project to fail.\n"),
            (0, 0, 0)
        );
    }
}
