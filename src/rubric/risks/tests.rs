//! The premortem styles, each read into risks with their lines.

use super::*;
use crate::rubric::Rubric;
use crate::sections::split_sections;

/// Each risk as (line, cause, outcome line, mitigation line), for a
/// premortem whose text starts on line 3.
fn risks(body: &str) -> Vec<(u32, String, Option<u32>, Option<u32>)> {
    let rubric = Rubric::default_rubric();
    let text = format!("## Premortem\n\n{body}");
    let blocks: Vec<Block> = split_sections(&text, 1, &rubric)
        .into_iter()
        .filter(|s| s.key.as_deref() == Some("premortem"))
        .flat_map(|s| s.blocks)
        .collect();
    find_risks(&blocks, &rubric.reading)
        .into_iter()
        .map(|r| (r.line, r.cause, r.outcome, r.mitigation))
        .collect()
}

fn lines(body: &str) -> Vec<(u32, Option<u32>, Option<u32>)> {
    risks(body)
        .into_iter()
        .map(|(l, _, o, m)| (l, o, m))
        .collect()
}

#[test]
fn bullets_with_labelled_sub_bullets_and_facts_that_are_not_actions() {
    let body = "\
Intro paragraph that names no cause.

- Info-hazards
    - Outcome: Publishing work that helps capabilities
    - Mitigation strategies: Review for info hazards
- Poor selection of fellows
    - Last year 3 of 40 fellows left early.
    - Run a paid work trial first.
- Burn-out
    - Most of the team are volunteers.
";
    assert_eq!(
        lines(body),
        [(5, Some(6), Some(7)), (8, None, Some(10)), (11, None, None)]
    );
}

#[test]
fn labels_in_one_paragraph_or_several_plain_or_bold() {
    let body = "\
Cause: We hire a manager who cannot take over. Outcome: The hackathons underperform. Mitigation: Test tasks.

**Risk:** Few mentors sign up.
**Impact:** The cohort shrinks.
**Likelihood:** Medium.
**Mitigation:** We recruit from two networks.

Risk 3: The venue falls through.

Consequence: we move online.
";
    assert_eq!(
        lines(body),
        [
            (3, Some(3), Some(3)),
            (5, Some(6), Some(8)),
            (10, Some(12), None)
        ]
    );
}

#[test]
fn tables_sub_headings_and_bold_label_paragraphs() {
    let body = "\
| Risk | Likelihood | Impact | Mitigation |
|---|---|---|---|
| Low turnout | High | No cohort | Advertise early |
| Speaker cancels | Low | - | n/a |

### Potential causes of failure

### Risk 1: Funding gap

If the second grant is late, we would have to pause the programme. We reduce this by keeping three months of runway.

**Fear mongering & paralysis:** our early talks scared people, so we course corrected towards concrete projects.
";
    assert_eq!(
        lines(body),
        [
            (5, Some(5), Some(5)),
            (6, None, None),
            (10, Some(12), Some(12)),
            (14, None, Some(14))
        ]
    );
}

#[test]
fn prose_risks_and_lists_of_what_still_succeeds() {
    let body = "\
The main risk is that too few researchers apply, which would leave the cohort too small to run. We could mitigate this risk by diversifying our outreach.

Even if the project fails, it will still produce valuable outputs:

- a public dataset of 500 annotated transcripts
- two blog posts

We do not expect the venue to be a problem.
";
    let found = risks(body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].2, found[0].3), (3, Some(3), Some(3)));
}

#[test]
fn a_risk_answered_by_a_list_and_a_numbered_list_with_reasons() {
    let body = "\
Poor selection of scholars would waste mentor time + grant money. How we address this:

- We defer to mentors.
- We use difficult questions.

1. We don't get at least 10 people to join.
    1. Mitigation: Outreach.
2. The research contributes to capabilities. We think this risk is small because:
    1. We believe in open discourse.
";
    assert_eq!(
        lines(body),
        [
            (3, Some(3), Some(5)),
            (8, None, Some(9)),
            (10, None, Some(11))
        ]
    );
}

#[test]
fn a_one_sentence_premortem_names_no_risk() {
    assert_eq!(risks("We do not expect this project to fail.\n"), []);
}

#[test]
fn a_pasted_premortem_of_plain_lines_names_a_risk_per_answered_line() {
    let body = "\
Poor selection would waste time. How we address this:
We defer to mentors.
Some mentors are less engaged. How we address this:
We soft cap streams.
";
    assert_eq!(lines(body), [(3, Some(3), Some(3)), (5, None, Some(5))]);
}
