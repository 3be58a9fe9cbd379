//! What would raise a criterion's score: the cheapest concrete step,
//! phrased for the applicant, with the points it would earn. Computed from
//! the same evidence the score is, so a step never promises points the
//! scoring would not give.

use std::fmt;

use super::evidence::Evidence;
use super::kinds::Counter;
use super::links::Found;
use super::reading::LinkClass;
use super::risks::worth::worth;

/// A step and the points it earns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub gain: f64,
    pub text: Say,
}

/// What a step tells the applicant, worded only when shown: `compare`
/// scores every criterion of every proposal and shows no step.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Say {
    /// The risk at this line lacks a mitigation.
    Mitigation(u32),
    /// The risk at this line lacks an outcome.
    Outcome(u32),
    /// The risk at this line names nothing of this project.
    Specific(u32),
    NewRisk,
    /// A venue named with no work beside it, and its line.
    BareVenue(String, u32),
    /// An artefact linked at this line with no venue named.
    WhereAppeared(u32),
    /// How many more distinct words to write.
    Words(u32),
    Fixed(&'static str),
}

impl fmt::Display for Say {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Say::Mitigation(line) => write!(f, "add a mitigation to the risk at line {line}"),
            Say::Outcome(line) => write!(f, "say what would follow from the risk at line {line}"),
            Say::Specific(line) => write!(
                f,
                "say which of this project's goals, people or outputs the risk at line {line} threatens"
            ),
            Say::NewRisk => f.write_str(
                "name another risk specific to this project, with what would follow and what you would do",
            ),
            Say::BareVenue(venue, line) => {
                write!(f, "name the work that appeared at {venue} (line {line})")
            }
            Say::WhereAppeared(line) => write!(f, "name where the work at line {line} appeared"),
            Say::Words(short) => {
                write!(f, "write {short} more distinct words (repeated ones do not count)")
            }
            Say::Fixed(text) => f.write_str(text),
        }
    }
}

impl Step {
    fn new(gain: f64, text: Say) -> Self {
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
        let mut step = |gain: f64, effort: u8, text: Say| {
            if gain > 0.0 {
                steps.push((gain, effort, Step::new(unit * gain, text)));
            }
        };
        if !gap.mitigation {
            let gain = worth(gap.specific, gap.outcome, true) - now;
            step(gain, 0, Say::Mitigation(gap.line));
        }
        if !gap.outcome {
            let gain = worth(gap.specific, true, gap.mitigation) - now;
            step(gain, 1, Say::Outcome(gap.line));
        }
        if !gap.specific && (gap.outcome || gap.mitigation) {
            let gain = worth(true, gap.outcome, gap.mitigation) - now;
            step(gain, 2, Say::Specific(gap.line));
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
        .unwrap_or_else(|| Step::new(unit, Say::NewRisk));
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
        Counter::Links if links.iter().any(|l| l.class != LinkClass::Artefact) => Say::Fixed(
            "links to profiles, homepages and placeholders do not count; link the paper, repository or report itself",
        ),
        Counter::Links => {
            Say::Fixed("link a paper, repository, dataset or report that shows your work")
        }
        Counter::Quantities if evidence.iter().any(|e| e.note.is_some()) => Say::Fixed(
            "a number counts once per thing it measures; state another result of your work in numbers",
        ),
        Counter::Quantities => Say::Fixed(
            "state a result of your work in numbers (people trained, papers published, users reached)",
        ),
        Counter::Keywords => match evidence.iter().find(|e| e.note.is_some()) {
            Some(bare) => Say::BareVenue(bare.text.clone(), bare.line),
            None => match links.iter().find(|l| l.class == LinkClass::Artefact) {
                Some(link) => Say::WhereAppeared(link.line),
                None => Say::Fixed("name a venue where your work appeared, with the work"),
            },
        },
        // One word is not a step: the words still to write are.
        Counter::Words => return Some(Step::new(left, Say::Words(short))),
        Counter::Pattern => Say::Fixed("add another passage the rubric's pattern looks for"),
        Counter::ListItems => Say::Fixed("add another list item"),
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
