//! What would raise a criterion's score: the cheapest concrete step,
//! phrased for the applicant, with the points it would earn. Computed from
//! the same evidence the score is, so a step never promises points the
//! scoring would not give.

use super::evidence::Evidence;
use super::kinds::Counter;
use super::links::Found;
use super::reading::LinkClass;
use super::risks::worth::worth;

/// A step and the points it earns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub gain: f64,
    pub text: String,
}

impl Step {
    fn new(gain: f64, text: String) -> Self {
        Step { gain, text }
    }

    /// `add a mitigation to the risk at line 47 (+10)`.
    pub fn shown(&self) -> String {
        format!("{} (+{})", self.text, points(self.gain))
    }
}

/// `10` or `2.5`.
pub(super) fn points(x: f64) -> String {
    let x = (x * 10.0).round() / 10.0;
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// What one risk lacks, for the step that supplies it.
pub(super) struct RiskGap {
    pub line: u32,
    pub specific: bool,
    pub outcome: bool,
    pub mitigation: bool,
    pub repeat: bool,
}

/// The cheapest step for a `risks` criterion: `unit` is what one specific,
/// answered risk earns, `left` the points still to earn.
pub(super) fn risks(gaps: &[RiskGap], unit: f64, left: f64) -> Option<Step> {
    if left <= 0.0 {
        return None;
    }
    // (gain, how hard: a mitigation is easiest to add, then an outcome,
    // then saying what of this project a risk threatens, step).
    let mut steps: Vec<(f64, u8, Step)> = Vec::new();
    for gap in gaps.iter().filter(|g| !g.repeat) {
        let now = worth(gap.specific, gap.outcome, gap.mitigation);
        let mut step = |gain: f64, effort: u8, text: String| {
            if gain > 0.0 {
                steps.push((gain, effort, Step::new(unit * gain, text)));
            }
        };
        if !gap.mitigation {
            let text = format!("add a mitigation to the risk at line {}", gap.line);
            step(worth(gap.specific, gap.outcome, true) - now, 0, text);
        }
        if !gap.outcome {
            let text = format!("say what would follow from the risk at line {}", gap.line);
            step(worth(gap.specific, true, gap.mitigation) - now, 1, text);
        }
        if !gap.specific && (gap.outcome || gap.mitigation) {
            let text = format!(
                "say which of this project's goals, people or outputs the risk at line {} threatens",
                gap.line
            );
            step(worth(true, gap.outcome, gap.mitigation) - now, 2, text);
        }
    }
    // Editing a risk already written is cheaper than writing a new one:
    // the edit that earns most (the easiest, then the earliest, of equals),
    // else a new risk.
    let step = steps
        .into_iter()
        .rev()
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, step)| step)
        .unwrap_or_else(|| {
            Step::new(
                unit,
                "name another risk specific to this project, with what would follow and what you would do"
                    .to_string(),
            )
        });
    Some(Step::new(step.gain.min(left), step.text))
}

/// The cheapest step for a count-based criterion: `unit` is what one more
/// counted item earns and `short` how many it lacks, `left` the points
/// still to earn; `evidence` is what it found, `links` the section's links.
pub(super) fn counted(
    counter: Counter,
    (unit, short): (f64, u32),
    left: f64,
    evidence: &[Evidence],
    links: &[Found],
) -> Option<Step> {
    if left <= 0.0 {
        return None;
    }
    let text = match counter {
        Counter::Links if links.iter().any(|l| l.class != LinkClass::Artefact) => {
            "links to profiles, homepages and placeholders do not count; link the paper, repository or report itself".to_string()
        }
        Counter::Links => {
            "link a paper, repository, dataset or report that shows your work".to_string()
        }
        Counter::Quantities if evidence.iter().any(|e| e.note.is_some()) => {
            "a number counts once per thing it measures; state another result of your work in numbers".to_string()
        }
        Counter::Quantities => {
            "state a result of your work in numbers (people trained, papers published, users reached)".to_string()
        }
        Counter::Keywords => match evidence.iter().find(|e| e.note.is_some()) {
            Some(bare) => format!(
                "name the work that appeared at {} (line {})",
                bare.text, bare.line
            ),
            None => match links.iter().find(|l| l.class == LinkClass::Artefact) {
                Some(link) => format!("name where the work at line {} appeared", link.line),
                None => "name a venue where your work appeared, with the work".to_string(),
            },
        },
        // One word is not a step: the words still to write are.
        Counter::Words => {
            return Some(Step::new(
                left,
                format!("write {short} more distinct words (repeated ones do not count)"),
            ));
        }
        Counter::Pattern => "add another passage the rubric's pattern looks for".to_string(),
        Counter::ListItems => "add another list item".to_string(),
        Counter::Risks => return None,
    };
    Some(Step::new(unit.min(left), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(line: u32, specific: bool, outcome: bool, mitigation: bool) -> RiskGap {
        RiskGap {
            line,
            specific,
            outcome,
            mitigation,
            repeat: false,
        }
    }

    #[test]
    fn the_cheapest_risk_step_is_an_edit_that_earns_most() {
        let gaps = [gap(40, false, true, false), gap(47, true, true, false)];
        let step = risks(&gaps, 20.0, 60.0).unwrap();
        // Naming this project in the generic risk at line 40 earns 10, as
        // does a mitigation for the specific one: the mitigation is easier.
        assert_eq!(
            step.shown(),
            "add a mitigation to the risk at line 47 (+10)"
        );
        // Nothing to edit: a new risk.
        let step = risks(&[gap(40, true, true, true)], 20.0, 80.0).unwrap();
        assert!(step.shown().starts_with("name another risk"), "{step:?}");
        assert_eq!(step.gain, 20.0);
        // Never more than is left, and nothing when the criterion is full.
        assert_eq!(risks(&gaps, 20.0, 4.0).unwrap().gain, 4.0);
        assert_eq!(risks(&gaps, 20.0, 0.0), None);
    }

    #[test]
    fn a_generic_answered_risk_is_made_specific() {
        let step = risks(&[gap(30, false, true, true)], 20.0, 95.0).unwrap();
        assert_eq!(
            step.shown(),
            "say which of this project's goals, people or outputs the risk at line 30 threatens (+15)"
        );
    }

    #[test]
    fn points_show_one_decimal_only_when_needed() {
        assert_eq!(points(10.0), "10");
        assert_eq!(points(2.5), "2.5");
        assert_eq!(points(4.375), "4.4");
    }
}
