//! Rubrics: which sections a funder scores, and by what criteria.
//!
//! A rubric is data, never code: criteria are a fixed set of kinds, and
//! patterns are `regex` regular expressions, which match in linear time. A
//! rubric is read in two stages: serde reads it as written (unknown keys are
//! errors), then `validate` checks each criterion and compiles its patterns.
//! Any problem is a `RubricError` naming the line, and the run exits 2.

mod criteria;
mod evidence;
mod risks;
mod score;

use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::yaml;
pub use evidence::Evidence;
pub use score::{CriterionScore, Scores, SectionScore, score_proposal};

/// The built-in rubric, so `grantctl check x.md` works anywhere.
pub const DEFAULT_RUBRIC: &str = include_str!("../../rubrics/default.yaml");

/// A validated rubric.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub name: String,
    pub sections: Vec<SectionRule>,
}

#[derive(Debug, Clone)]
pub struct SectionRule {
    pub key: String,
    /// The heading patterns as written, for messages.
    pub headings: Vec<String>,
    /// All of them as one alternation: one regex per section, not one per
    /// pattern, so a rubric with thousands of headings still loads quickly.
    pub heading: Regex,
    /// The least score (0–100) the section must reach, if any.
    pub minimum: Option<u32>,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub name: String,
    pub points: u32,
    pub kind: Kind,
}

/// What a criterion counts. Every count-based kind earns partial credit:
/// `points × min(count, target) / target`.
#[derive(Debug, Clone)]
pub enum Kind {
    /// At least `min` words in the section.
    Words { min: u32 },
    /// Matches of a regular expression.
    Pattern { regex: Regex, target: u32 },
    /// List items, at any depth.
    ListItems { target: u32 },
    /// Links: Markdown links and bare `http(s)://` URLs.
    Links { target: u32 },
    /// Quantified claims: a number with a unit or noun (`1,248 participants`,
    /// `8.6/10`, `$35k`, `80%`).
    Quantities { target: u32 },
    /// Distinct words from a list, matched case-insensitively as whole words.
    Keywords {
        words: Vec<String>,
        regex: Regex,
        target: u32,
    },
    /// Premortem risks: each failure cause, and whether it names an outcome
    /// and a mitigation. Causes earn half the points; outcomes and
    /// mitigations a quarter each, in proportion to the causes that have them.
    Risks { target: u32 },
}

impl Kind {
    pub fn id(&self) -> &'static str {
        match self {
            Kind::Words { .. } => "words",
            Kind::Pattern { .. } => "pattern",
            Kind::ListItems { .. } => "list_items",
            Kind::Links { .. } => "links",
            Kind::Quantities { .. } => "quantities",
            Kind::Keywords { .. } => "keywords",
            Kind::Risks { .. } => "risks",
        }
    }
}

/// Why a rubric cannot be used; `line` is 1-based in the rubric file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub line: u32,
    pub message: String,
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for RubricError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    #[serde(default)]
    name: Option<String>,
    sections: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    key: String,
    headings: Vec<String>,
    #[serde(default)]
    minimum: Option<i64>,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    kind: String,
    points: i64,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    target: Option<i64>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    words: Option<Vec<String>>,
}

const KINDS: &[&str] = &[
    "words",
    "pattern",
    "list_items",
    "links",
    "quantities",
    "keywords",
    "risks",
];

impl Rubric {
    /// The built-in default rubric.
    pub fn default_rubric() -> Rubric {
        Rubric::parse(DEFAULT_RUBRIC).expect("the built-in rubric is valid (tested)")
    }

    /// Reads and validates a rubric from its YAML text.
    pub fn parse(text: &str) -> Result<Rubric, RubricError> {
        let raw: RawRubric = yaml::from_str(text).map_err(|e| RubricError {
            line: e.line,
            message: e.message,
        })?;
        // Positions come from the same text, read by the front-matter
        // parser; serde_yaml has already accepted it, so it parses.
        let tree = yaml::parse(text, 1).ok();
        let at = |path: &str, message: String| RubricError {
            line: tree.as_ref().map_or(1, |t| t.position_of(path).line),
            message,
        };
        let sections = raw
            .sections
            .into_iter()
            .enumerate()
            .map(|(i, section)| validate_section(section, &format!("sections[{i}]"), &at))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Rubric {
            name: raw.name.unwrap_or_else(|| "custom".to_string()),
            sections,
        })
    }

    /// The key of the first section whose heading patterns match `heading`.
    pub fn classify(&self, heading: &str) -> Option<String> {
        self.sections
            .iter()
            .find(|s| s.heading.is_match(heading))
            .map(|s| s.key.clone())
    }

    /// Whether the section `key` has criteria, so its text is needed.
    pub fn is_scored(&self, key: &str) -> bool {
        self.scored().any(|s| s.key == key)
    }

    /// Sections that have criteria, in rubric order.
    pub fn scored(&self) -> impl Iterator<Item = &SectionRule> {
        self.sections.iter().filter(|s| !s.criteria.is_empty())
    }
}

type At<'a> = dyn Fn(&str, String) -> RubricError + 'a;

fn validate_section(raw: RawSection, path: &str, at: &At) -> Result<SectionRule, RubricError> {
    for (j, h) in raw.headings.iter().enumerate() {
        check_syntax(h, &format!("{path}.headings[{j}]"), at)?;
    }
    // Each pattern parses alone, so wrapping each in a group keeps them
    // apart; no headings at all is an empty class, which matches nothing.
    let alternation: Vec<String> = raw.headings.iter().map(|h| format!("(?:{h})")).collect();
    let joined = match alternation.is_empty() {
        true => r"[^\s\S]".to_string(),
        false => alternation.join("|"),
    };
    let heading = build(&joined, HEADINGS_SIZE).map_err(|detail| {
        at(
            &format!("{path}.headings"),
            format!("the heading patterns together do not compile: {detail}"),
        )
    })?;
    let minimum = match raw.minimum {
        None => None,
        Some(m @ 0..=100) => Some(m as u32),
        Some(m) => {
            return Err(at(
                &format!("{path}.minimum"),
                format!("`minimum` must be 0 to 100, found {m}"),
            ));
        }
    };
    let criteria = raw
        .criteria
        .into_iter()
        .enumerate()
        .map(|(j, c)| validate_criterion(c, &format!("{path}.criteria[{j}]"), at))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SectionRule {
        key: raw.key,
        headings: raw.headings,
        heading,
        minimum,
        criteria,
    })
}

fn validate_criterion(raw: RawCriterion, path: &str, at: &At) -> Result<Criterion, RubricError> {
    if raw.points <= 0 || raw.points > 1_000_000 {
        return Err(at(
            &format!("{path}.points"),
            format!(
                "`points` must be a whole number above 0, found {}",
                raw.points
            ),
        ));
    }
    let positive = |value: Option<i64>, field: &str| -> Result<u32, RubricError> {
        match value {
            Some(v) if v > 0 && v <= 1_000_000 => Ok(v as u32),
            Some(v) => Err(at(
                &format!("{path}.{field}"),
                format!("`{field}` must be above 0, found {v}"),
            )),
            None => Err(at(
                path,
                format!("a `{}` criterion needs `{field}`", raw.kind),
            )),
        }
    };
    let kind = match raw.kind.as_str() {
        "words" => Kind::Words {
            min: positive(raw.min, "min")?,
        },
        "pattern" => {
            let Some(pattern) = &raw.pattern else {
                return Err(at(path, "a `pattern` criterion needs `pattern`".into()));
            };
            Kind::Pattern {
                regex: compile(pattern, &format!("{path}.pattern"), at)?,
                target: positive(raw.target, "target")?,
            }
        }
        "list_items" => Kind::ListItems {
            target: positive(raw.target, "target")?,
        },
        "links" => Kind::Links {
            target: positive(raw.target, "target")?,
        },
        "quantities" => Kind::Quantities {
            target: positive(raw.target, "target")?,
        },
        "keywords" => {
            let words = raw.words.clone().unwrap_or_default();
            if words.is_empty() {
                return Err(at(
                    path,
                    "a `keywords` criterion needs a non-empty `words` list".into(),
                ));
            }
            let regex = compile(&keyword_pattern(&words), path, at)?;
            Kind::Keywords {
                words,
                regex,
                target: positive(raw.target, "target")?,
            }
        }
        "risks" => Kind::Risks {
            target: positive(raw.target, "target")?,
        },
        other => {
            let hint = crate::suggest::did_you_mean(other, KINDS)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            return Err(at(
                &format!("{path}.kind"),
                format!(
                    "unknown criterion kind `{other}`; {hint}kinds are {}",
                    KINDS.join(", ")
                ),
            ));
        }
    };
    Ok(Criterion {
        name: raw.name.unwrap_or_else(|| kind.id().to_string()),
        points: raw.points as u32,
        kind,
    })
}

/// `\b(?:w1|w2)\b`. Words that begin and end with ASCII letters or digits
/// get ASCII word boundaries, which keep matching on the fast DFA even in
/// text with non-ASCII characters; other words keep Unicode boundaries.
fn keyword_pattern(words: &[String]) -> String {
    let ascii_ends = |w: &String| {
        let ends = [w.chars().next(), w.chars().next_back()];
        ends.iter()
            .all(|c| c.is_some_and(|c| c.is_ascii_alphanumeric()))
    };
    let boundary = if words.iter().all(ascii_ends) {
        r"(?-u:\b)"
    } else {
        r"\b"
    };
    let alternatives: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("{boundary}(?:{}){boundary}", alternatives.join("|"))
}

/// Parses `pattern` alone, without compiling it, so a bad one is reported at
/// its own key before patterns are joined.
fn check_syntax(pattern: &str, path: &str, at: &At) -> Result<(), RubricError> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map(drop)
        .map_err(|e| compile_error(pattern, &e.to_string(), path, at))
}

/// Compiled size allowed for one pattern, and for a section's headings
/// joined: enough for any real heading or criterion, small enough that a
/// rubric cannot make matching slow or memory-hungry.
const PATTERN_SIZE: usize = 1 << 20;
const HEADINGS_SIZE: usize = 32 << 20;

/// Compiles one case-insensitive pattern within `PATTERN_SIZE`.
fn compile(pattern: &str, path: &str, at: &At) -> Result<Regex, RubricError> {
    build(pattern, PATTERN_SIZE).map_err(|detail| compile_error(pattern, &detail, path, at))
}

/// A case-insensitive regex within `size` bytes, or what is wrong with it
/// (the last line of the regex crate's message).
fn build(pattern: &str, size: usize) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(size)
        .build()
        .map_err(|e| last_line(&e.to_string()).to_string())
}

fn last_line(detail: &str) -> &str {
    detail.lines().last().unwrap_or_default().trim()
}

/// Names the pattern with the last line of the regex crate's message, which
/// says what is wrong.
fn compile_error(pattern: &str, detail: &str, path: &str, at: &At) -> RubricError {
    let detail = last_line(detail);
    at(
        path,
        format!("pattern `{pattern}` does not compile: {detail}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rubric_is_valid_and_recognises_the_manifund_questions() {
        let rubric = Rubric::default_rubric();
        let scored: Vec<&str> = rubric.scored().map(|s| s.key.as_str()).collect();
        assert_eq!(scored, ["track_record", "premortem"]);
        assert!(rubric.sections.iter().all(|s| s.minimum.is_none()));
        for (heading, key) in [
            ("Project summary", "summary"),
            ("Summary", "summary"),
            (
                "What are this project's goals and how will you achieve them?",
                "goals",
            ),
            ("How will this funding be used?", "funding_use"),
            ("Budget", "funding_use"),
            (
                "Who is on your team and what's your track record on similar projects?",
                "track_record",
            ),
            (
                "What are the most likely causes and outcomes if this project fails? (premortem)",
                "premortem",
            ),
            ("Risks", "premortem"),
            ("What could go wrong", "premortem"),
            (
                "What other funding are you or your project getting?",
                "other_funding",
            ),
        ] {
            assert_eq!(rubric.classify(heading).as_deref(), Some(key), "{heading}");
        }
        assert_eq!(rubric.classify("Acknowledgements"), None);
    }

    #[test]
    fn criteria_are_validated_with_their_line() {
        let err = |text: &str| Rubric::parse(text).unwrap_err().to_string();
        let base = "sections:\n  - key: p\n    headings: [p]\n    criteria:\n";
        assert_eq!(
            err(&format!("{base}      - kind: links\n        points: 5\n")),
            "line 5: a `links` criterion needs `target`"
        );
        assert_eq!(
            err(&format!(
                "{base}      - kind: words\n        min: -3\n        points: 5\n"
            )),
            "line 6: `min` must be above 0, found -3"
        );
        assert_eq!(
            err(&format!(
                "{base}      - kind: keywords\n        words: []\n        target: 1\n        points: 5\n"
            )),
            "line 5: a `keywords` criterion needs a non-empty `words` list"
        );
        assert_eq!(
            err("sections:\n  - key: p\n    headings: [p]\n    minimum: 101\n"),
            "line 4: `minimum` must be 0 to 100, found 101"
        );
    }
}

#[cfg(test)]
mod serialise_tests {
    use super::*;
    use crate::sections::split_sections;

    /// Scores are the value `compare --format json` carries: per section the
    /// score and, per criterion, points and the evidence that earned them.
    #[test]
    fn scores_serialise_with_their_evidence() {
        let rubric = Rubric::default_rubric();
        let body = "## Premortem\n\nCause: No venue. Outcome: Delay. Mitigation: Book early.\n";
        let sections = split_sections(body, 20, &|h| rubric.classify(h), &|_| true);
        let scores = score_proposal(&rubric, &sections, &mut Vec::new());
        let json = serde_json::to_value(&scores).unwrap();
        assert_eq!(json["rubric"], "default");
        let premortem = &json["sections"][1];
        assert_eq!(premortem["section"], "premortem");
        assert_eq!(premortem["line"], 20);
        let risks = &premortem["criteria"][0];
        assert_eq!(risks["kind"], "risks");
        assert_eq!(risks["earned"], 14.0);
        assert_eq!(risks["possible"], 70);
        assert_eq!(
            risks["evidence"],
            serde_json::json!([{"line": 22, "text": "No venue."}])
        );
        assert_eq!(json["sections"][0]["heading"], serde_json::Value::Null);
    }
}
