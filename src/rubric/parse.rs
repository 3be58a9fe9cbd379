//! Reading a rubric in two stages: serde reads it as written (unknown
//! keys are errors), then each section and criterion is validated and its
//! patterns compiled, within size limits. Any problem is a `RubricError`
//! naming the line.

use serde::Deserialize;

use super::error::{DEFAULT_RUBRIC, RubricError};
use super::kinds::{Counter, Hosts, KINDS, Kind};
use super::model::{Criterion, Rubric, SectionRule};
use super::patterns::{
    At, HEADINGS_SIZE, Pattern, alternation, build_set, check_syntax, checked_join, compile,
};
use super::reading::{self, RawReading};
use crate::suggest::did_you_mean;
use crate::yaml;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    #[serde(default)]
    name: Option<String>,
    sections: Vec<RawSection>,
    #[serde(default)]
    reading: Option<RawReading>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    key: String,
    headings: Vec<String>,
    #[serde(default)]
    subheadings: Option<Vec<String>>,
    #[serde(default)]
    minimum: Option<i64>,
    #[serde(default)]
    context: bool,
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
    #[serde(default)]
    hosts: Option<Vec<RawHost>>,
}

/// A link host that names a venue (`arxiv.org` → arXiv).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHost {
    host: String,
    venue: String,
}

impl Rubric {
    /// The built-in default rubric, compiled once: its patterns take
    /// tens of milliseconds to build.
    pub fn default_rubric() -> Rubric {
        static DEFAULT: std::sync::LazyLock<Rubric> = std::sync::LazyLock::new(|| {
            Rubric::parse(DEFAULT_RUBRIC).expect("the built-in rubric is valid (tested)")
        });
        DEFAULT.clone()
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
        let reading = reading::compile(raw.reading, &at)?;
        Ok(Rubric {
            name: raw.name.unwrap_or_else(|| "custom".to_string()),
            sections,
            reading,
            headings: Default::default(),
        })
    }
}

fn validate_section(raw: RawSection, path: &str, at: &At) -> Result<SectionRule, RubricError> {
    let joined = checked_join(&raw.headings, &format!("{path}.headings"), at)?;
    let heading = Pattern::new(&joined, HEADINGS_SIZE).map_err(|detail| {
        at(
            &format!("{path}.headings"),
            format!("the heading patterns together do not compile: {detail}"),
        )
    })?;
    let subheadings = match &raw.subheadings {
        Some(list) => Some(alternation(list, &format!("{path}.subheadings"), at)?),
        None => None,
    };
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
        subheadings,
        minimum,
        context: raw.context,
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
    let Some(row) = KINDS.iter().find(|r| r.id == raw.kind) else {
        return Err(unknown_kind(&raw.kind, path, at));
    };
    let (regex, words) = match row.counter {
        Counter::Pattern => {
            let Some(pattern) = &raw.pattern else {
                return Err(at(path, "a `pattern` criterion needs `pattern`".into()));
            };
            (
                Some(compile(pattern, &format!("{path}.pattern"), at)?),
                Vec::new(),
            )
        }
        Counter::Keywords => {
            let words = raw.words.clone().unwrap_or_default();
            if words.is_empty() {
                return Err(at(
                    path,
                    "a `keywords` criterion needs a non-empty `words` list".into(),
                ));
            }
            (Some(compile(&keyword_pattern(&words), path, at)?), words)
        }
        _ => (None, Vec::new()),
    };
    let hosts = venue_hosts(raw.hosts.as_deref().unwrap_or_default(), path, at)?;
    let goal = match row.goal {
        "min" => raw.min,
        _ => raw.target,
    };
    let kind = Kind {
        counter: row.counter,
        goal: positive(goal, row.goal)?,
        regex,
        words,
        hosts,
    };
    Ok(Criterion {
        name: raw.name.unwrap_or_else(|| kind.id().to_string()),
        points: raw.points as u32,
        kind,
    })
}

fn venue_hosts(raw: &[RawHost], path: &str, at: &At) -> Result<Hosts, RubricError> {
    let mut patterns = Vec::with_capacity(raw.len());
    for (i, h) in raw.iter().enumerate() {
        let pattern = format!(r"^(?:{})(?:/|$)", h.host);
        // Each is compiled alone first, so a bad one is reported at its index.
        check_syntax(&h.host, &format!("{path}.hosts[{i}].host"), at)?;
        compile(&pattern, &format!("{path}.hosts[{i}].host"), at)?;
        patterns.push(pattern);
    }
    let set = build_set(&patterns, HEADINGS_SIZE).map_err(|detail| {
        at(
            &format!("{path}.hosts"),
            format!("the hosts together do not compile: {detail}"),
        )
    })?;
    Ok(Hosts::new(
        set,
        raw.iter().map(|h| h.venue.clone()).collect(),
    ))
}

fn unknown_kind(kind: &str, path: &str, at: &At) -> RubricError {
    let ids: Vec<&str> = KINDS.iter().map(|r| r.id).collect();
    let hint = did_you_mean(kind, &ids)
        .map(|s| format!("did you mean `{s}`? "))
        .unwrap_or_default();
    at(
        &format!("{path}.kind"),
        format!(
            "unknown criterion kind `{kind}`; {hint}kinds are {}",
            ids.join(", ")
        ),
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::patterns::{assert_finds_the_same, sample_text};

    /// The default rubric's headings, subheadings, patterns and keywords,
    /// each compiled as a `Pattern`, find what the regex crate's `Regex`
    /// finds.
    #[test]
    fn section_patterns_find_what_the_regex_crate_finds() {
        let raw: RawRubric = yaml::from_str(DEFAULT_RUBRIC).unwrap();
        let at = |_: &str, message: String| RubricError { line: 1, message };
        let mut text = sample_text();
        // Headings as forms write them, beside the prose.
        text.push_str("## Premortem\nTrack record\nWHO IS ON YOUR TEAM?\n**Budget**\n");
        let (mut patterns, mut found) = (0, 0);
        for section in raw.sections {
            let mut joined = vec![checked_join(&section.headings, "h", &at).unwrap()];
            joined.extend(
                section
                    .subheadings
                    .map(|s| checked_join(&s, "s", &at).unwrap()),
            );
            for criterion in section.criteria {
                joined.extend(criterion.pattern);
                joined.extend(criterion.words.map(|w| keyword_pattern(&w)));
            }
            for pattern in joined {
                patterns += 1;
                found += assert_finds_the_same(&pattern, &text);
            }
        }
        assert!(
            patterns >= 10 && found > 100,
            "{patterns} patterns, {found} matches"
        );
    }
}
