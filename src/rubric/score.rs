//! Scores a proposal's sections against a rubric, keeping the evidence
//! that earned each point so a reviewer can see why a score is what it is.

use std::fmt;

use serde::{Serialize, Serializer};

use super::criteria;
use super::evidence::Evidence;
use super::hint;
use super::kinds::Counter;
use super::links;
use super::model::{Criterion, Rubric, SectionRule};
use super::next::{self, RiskGap, Step};
use super::quantities;
use super::reading::Reading;
use super::risks::find_risks;
use super::risks::worth::{GENERIC, weigh};
use super::vocabulary::Vocabulary;
use crate::diagnostic::Rule;
use crate::diagnostic::SectionFinding;
use std::borrow::Cow;
use std::cell::OnceCell;

use crate::sections::{Block, BlockKind, Link, Section};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionScore {
    pub name: String,
    pub kind: &'static str,
    /// Points earned, to one decimal place.
    pub earned: f64,
    pub possible: u32,
    /// What was counted, e.g. `7 found, 7 with outcome, 7 with mitigation`.
    pub detail: Detail,
    pub evidence: Vec<Evidence>,
    /// The cheapest step that would raise this criterion and its points;
    /// `None` when full. Shown as `next` (see `next()`).
    #[serde(rename = "next", serialize_with = "shown_step")]
    pub(crate) step: Option<Step>,
}

impl CriterionScore {
    /// The cheapest step with its points, as the applicant reads it (`add a
    /// mitigation to the risk at line 47 (+10)`); `None` when full.
    pub fn next(&self) -> Option<String> {
        self.step.as_ref().map(Step::shown)
    }
}

fn shown_step<S: Serializer>(step: &Option<Step>, out: S) -> Result<S::Ok, S::Error> {
    match step {
        Some(step) => out.serialize_some(&step.shown()),
        None => out.serialize_none(),
    }
}

/// What a criterion counted, worded only when shown: `compare` scores
/// every criterion of every proposal and shows none of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// `3 links (1 more listed earn nothing); 5 earn full marks`.
    Counted {
        counter: Counter,
        count: u32,
        unearned: usize,
        goal: u32,
    },
    /// `4 risks, 3 with outcome, 2 with mitigation, 1 generic (…); 5
    /// specific, answered risks earn full marks`.
    Risks {
        found: usize,
        outcomes: usize,
        mitigations: usize,
        generic: usize,
        target: u32,
    },
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Detail::Counted {
                counter,
                count,
                unearned,
                goal,
            } => {
                let count = count as usize;
                write!(f, "{count} {}", counter.row().noun(count))?;
                if unearned > 0 {
                    write!(f, " ({unearned} more listed earn nothing)")?;
                }
                write!(f, "; {goal} earn full marks")
            }
            Detail::Risks {
                found,
                outcomes,
                mitigations,
                generic,
                target,
            } => {
                let noun = Counter::Risks.row().noun(found);
                write!(
                    f,
                    "{found} {noun}, {outcomes} with outcome, {mitigations} with mitigation"
                )?;
                if generic > 0 {
                    write!(f, ", {generic} generic (worth {GENERIC} of a specific one)")?;
                }
                write!(f, "; {target} specific, answered risks earn full marks")
            }
        }
    }
}

impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.collect_str(self)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionScore {
    pub section: String,
    /// The heading that matched; `None` when the section is missing.
    pub heading: Option<String>,
    pub line: Option<u32>,
    /// Earned over possible points, 0–100, rounded to the nearest whole.
    pub score: u32,
    pub earned: f64,
    pub possible: u32,
    pub minimum: Option<u32>,
    pub criteria: Vec<CriterionScore>,
}

/// Every scored section's score and the proposal's `total_score`: earned
/// over possible points across all scored sections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub rubric: String,
    pub total_score: u32,
    pub sections: Vec<SectionScore>,
}

impl Scores {
    pub fn section(&self, key: &str) -> Option<&SectionScore> {
        self.sections.iter().find(|s| s.section == key)
    }
}

/// Scores a proposal's body `sections` against `rubric`.
/// `title` is the proposal's: with the other sections, it holds the words
/// a risk specific to this project names.
pub fn score_proposal(
    rubric: &Rubric,
    sections: &[Section],
    title: Option<&str>,
    findings: &mut Vec<SectionFinding>,
) -> Scores {
    let mut scored = Vec::new();
    let (mut earned, mut possible) = (0.0, 0u32);
    for rule in rubric.scored() {
        let matching: Vec<&Section> = sections
            .iter()
            .filter(|s| s.key.as_deref() == Some(rule.key.as_str()))
            .collect();
        let context = Context {
            reading: &rubric.reading,
            vocabulary: Vocabulary::new(title, sections, &rule.key),
        };
        let score = score_section(rule, &matching, &context);
        check_section(rule, &score, &matching, sections, findings);
        earned += score.earned;
        possible += score.possible;
        scored.push(score);
    }
    Scores {
        rubric: rubric.name.clone(),
        total_score: percent(earned, possible),
        sections: scored,
    }
}

/// Heading patterns a missing-section message names; the rest are counted.
const HEADINGS_NAMED: usize = 5;

/// The findings on one scored section: `matching` are the sections with
/// its key, `sections` all of them (for the heading a missing one looks
/// like).
fn check_section(
    rule: &SectionRule,
    score: &SectionScore,
    matching: &[&Section],
    sections: &[Section],
    out: &mut Vec<SectionFinding>,
) {
    let near = score
        .heading
        .is_none()
        .then(|| hint::near_miss(rule, sections))
        .flatten();
    let (line, column) = match (score.line, near) {
        (Some(line), _) => (line, Some(1)),
        (None, Some(near)) => (near.line, Some(1)),
        (None, None) => (1, None),
    };
    if score.heading.is_none() {
        let mut patterns: Vec<String> = rule
            .headings
            .iter()
            .take(HEADINGS_NAMED)
            .map(|h| format!("`{h}`"))
            .collect();
        if rule.headings.len() > HEADINGS_NAMED {
            patterns.push(format!(
                "{} other patterns",
                rule.headings.len() - HEADINGS_NAMED
            ));
        }
        out.push(SectionFinding {
            rule: Rule::MissingSection,
            line,
            column,
            message: format!(
                "no `{}` section: the rubric scores it, and no heading matches {}{}",
                rule.key,
                patterns.join(" or "),
                near.map(|s| format!("; did you mean line {}, `{}`?", s.line, hint::shown(s)))
                    .unwrap_or_default()
            ),
        });
    }
    if let (Some(heading), Some(heading_line)) = (&score.heading, score.line)
        && is_empty(matching)
    {
        out.push(SectionFinding {
            rule: Rule::EmptySection,
            line: heading_line,
            column: Some(1),
            message: format!(
                "`{}` has a heading, `{heading}`, but no text under it: it scores 0",
                rule.key
            ),
        });
    }
    if let Some(minimum) = rule.minimum
        && score.score < minimum
    {
        out.push(SectionFinding {
            rule: Rule::RubricThreshold,
            line,
            column,
            message: format!(
                "`{}` scored {}/100, below the rubric's minimum of {minimum} ({} short){}",
                rule.key,
                score.score,
                minimum - score.score,
                cheapest(score)
            ),
        });
    }
}

/// The step that would raise a section's score most, as the rubric-threshold
/// message words it; "" when no criterion has one.
fn cheapest(score: &SectionScore) -> String {
    let best = score
        .criteria
        .iter()
        .filter_map(|c| c.step.as_ref())
        .max_by(|a, b| a.gain.total_cmp(&b.gain));
    match best {
        Some(step) if score.possible > 0 => format!(
            "; the cheapest step: {} (+{} to this score)",
            step.text,
            next::points(step.gain / f64::from(score.possible) * 100.0)
        ),
        _ => String::new(),
    }
}

/// Whether the sections hold no text: no paragraph, item or table row with
/// a word in it (a sub-heading alone is not an answer).
fn is_empty(matching: &[&Section]) -> bool {
    matching
        .iter()
        .flat_map(|s| &s.blocks)
        .all(|b| matches!(b.kind, BlockKind::Heading { .. }) || b.text.trim().is_empty())
}

/// What scoring a section reads besides its own text: the rubric's
/// reading patterns, and the rest of the proposal, read only when a
/// criterion asks for its words.
struct Context<'a> {
    reading: &'a Reading,
    vocabulary: Vocabulary<'a>,
}

fn score_section(rule: &SectionRule, matching: &[&Section], context: &Context) -> SectionScore {
    // Almost always one heading matches: score its blocks in place, and copy
    // only when several headings share the key.
    let (blocks, links): (Cow<[Block]>, Cow<[Link]>) = match matching {
        [one] => (Cow::Borrowed(&one.blocks), Cow::Borrowed(&one.links)),
        many => (
            many.iter().flat_map(|s| s.blocks.iter().cloned()).collect(),
            many.iter().flat_map(|s| s.links.iter().cloned()).collect(),
        ),
    };
    let read_links = OnceCell::new();
    let criteria: Vec<CriterionScore> = rule
        .criteria
        .iter()
        .map(|c| score_criterion(c, &blocks, &links, &read_links, context))
        .collect();
    let earned = round1(criteria.iter().fold(0.0, |sum, c| sum + c.earned));
    let possible = criteria.iter().map(|c| c.possible).sum();
    SectionScore {
        section: rule.key.clone(),
        heading: matching.first().map(|s| s.heading.clone()),
        line: matching.first().map(|s| s.line),
        score: percent(earned, possible),
        earned,
        possible,
        minimum: rule.minimum,
        criteria,
    }
}

fn score_criterion(
    criterion: &Criterion,
    blocks: &[Block],
    links: &[Link],
    read_links: &OnceCell<Vec<links::Found>>,
    context: &Context,
) -> CriterionScore {
    let reading = context.reading;
    // Links are read once per section, for `links` and for venues' hosts.
    let found_links = || read_links.get_or_init(|| links::read(blocks, links, reading));
    let points = f64::from(criterion.points);
    let kind = &criterion.kind;
    let goal = kind.goal;
    let regex = || {
        kind.regex
            .as_ref()
            .expect("pattern and keywords criteria have one")
    };
    let (count, evidence) = match kind.counter {
        Counter::Words => (criteria::word_count(blocks), Vec::new()),
        Counter::Pattern => counted(criteria::pattern_matches(blocks, regex())),
        Counter::ListItems => counted(criteria::list_items(blocks)),
        Counter::Links => counted(criteria::links(found_links())),
        Counter::Quantities => counted(quantities::quantities(blocks, reading)),
        Counter::Keywords => {
            let hosts: &[links::Found] = if kind.hosts.is_empty() {
                &[]
            } else {
                found_links()
            };
            counted(criteria::keywords(blocks, hosts, kind, reading))
        }
        Counter::Risks => return score_risks(criterion, blocks, context),
    };
    let unearned = evidence.iter().filter(|e| e.note.is_some()).count();
    let earned = round1(points * fraction(count, goal));
    let unit = if goal == 0 {
        0.0
    } else {
        points / f64::from(goal)
    };
    let no_links: &[links::Found] = &[];
    let section_links = read_links.get().map_or(no_links, Vec::as_slice);
    let step = next::counted(
        kind.counter,
        (unit, goal.saturating_sub(count)),
        points - earned,
        &evidence,
        section_links,
    );
    finish(
        criterion,
        earned,
        Detail::Counted {
            counter: kind.counter,
            count,
            unearned,
            goal,
        },
        evidence,
        step,
    )
}

fn finish(
    criterion: &Criterion,
    earned: f64,
    detail: Detail,
    evidence: Vec<Evidence>,
    step: Option<Step>,
) -> CriterionScore {
    CriterionScore {
        name: criterion.name.clone(),
        kind: criterion.kind.id(),
        earned,
        possible: criterion.points,
        detail,
        evidence,
        step,
    }
}

/// What counts: every item found but those noted as earning nothing (a
/// repeat, a venue named with no work beside it).
fn counted(found: Vec<Evidence>) -> (u32, Vec<Evidence>) {
    let count = found.iter().filter(|e| e.note.is_none()).count();
    (count as u32, found)
}

/// Risks earn `points × min(1, worth / target)`, where a risk's worth (see
/// `risks::worth`) is 1 for a specific risk with an outcome and a
/// mitigation, and nothing for a cause alone or a repeat.
fn score_risks(criterion: &Criterion, blocks: &[Block], context: &Context) -> CriterionScore {
    let target = criterion.kind.goal;
    let reading = context.reading;
    let risks = find_risks(blocks, reading);
    let worth = weigh(&risks, blocks, &context.vocabulary, &reading.generic_words);
    let found = risks.len();
    let outcomes = risks.iter().filter(|r| r.outcome.is_some()).count();
    let mitigations = risks.iter().filter(|r| r.mitigation.is_some()).count();
    let generic = worth
        .iter()
        .filter(|w| !w.specific && w.value > 0.0)
        .count();
    let total = worth.iter().fold(0.0, |sum, w| sum + w.value);
    let share = if target == 0 {
        0.0
    } else {
        (total / f64::from(target)).min(1.0)
    };
    let points = f64::from(criterion.points);
    let earned = round1(points * share);
    let gaps: Vec<RiskGap> = risks
        .iter()
        .zip(&worth)
        .map(|(r, w)| RiskGap {
            line: r.line,
            specific: w.specific,
            outcome: r.outcome.is_some(),
            mitigation: r.mitigation.is_some(),
            repeat: w.repeat,
        })
        .collect();
    let unit = if target == 0 {
        0.0
    } else {
        points / f64::from(target)
    };
    let step = next::risks(&gaps, unit, points - earned);
    let detail = Detail::Risks {
        found,
        outcomes,
        mitigations,
        generic,
        target,
    };
    let evidence = risks
        .iter()
        .zip(worth)
        .map(|(r, w)| Evidence::risk(r.line, &r.cause, r.outcome, r.mitigation).noted(w.note))
        .collect();
    finish(criterion, earned, detail, evidence, step)
}

/// `min(count, target) / target`, and 0 when there is nothing to count.
fn fraction(count: u32, target: u32) -> f64 {
    if target == 0 {
        return 0.0;
    }
    f64::from(count.min(target)) / f64::from(target)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn percent(earned: f64, possible: u32) -> u32 {
    if possible == 0 {
        return 0;
    }
    ((earned / f64::from(possible)) * 100.0)
        .round()
        .clamp(0.0, 100.0) as u32
}
