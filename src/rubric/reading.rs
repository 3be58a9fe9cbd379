//! How criteria read text: the pattern lists a rubric may tune under
//! `reading:` (link classes, venue and quantity cues, the premortem's
//! labels and cues). Each list is data with a default in
//! `rubrics/default.yaml`; a rubric that leaves a key out gets the default.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::error::{DEFAULT_RUBRIC, RubricError};
use super::patterns::{At, Pattern, alternation, build_at, checked_join};
use super::vocabulary::{Keys, key};

/// The kind of a label (`Risk:`, `Mitigation:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Cause,
    Outcome,
    Mitigation,
    Other,
}

/// What a link points at. Only artefacts are evidence of work done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkClass {
    Artefact,
    Profile,
    Homepage,
    Contact,
    Context,
    /// A documentation or test address (`example.com`, `localhost`): it
    /// points at nothing.
    Placeholder,
}

/// The compiled reading patterns.
#[derive(Debug, Clone)]
pub struct Reading {
    /// In the order they are tried; a link none matches is an artefact.
    pub link_classes: Vec<(LinkClass, Pattern)>,
    pub link_context: Pattern,
    pub not_venue: Pattern,
    pub venue_work: Pattern,
    pub quantity_names: Pattern,
    /// A claim's first word that measures nothing ("things"), whole.
    pub empty_measures: Pattern,
    pub about_others: Pattern,
    /// Each kind of label with its colon, anchored, tried in this order.
    pub labels: Vec<(Label, Pattern)>,
    pub risk_cues: Pattern,
    pub outcome_cues: Pattern,
    pub mitigation_cues: Pattern,
    /// Anchored at the start of an item.
    pub action_verbs: Pattern,
    pub not_risks: Pattern,
    pub risk_containers: Pattern,
    /// Stems of words that name no project in particular ("team", "time"):
    /// a risk that shares only these with the proposal is generic.
    pub(crate) generic_words: Keys,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReading {
    link_classes: Option<RawLinkClasses>,
    link_context: Option<Vec<String>>,
    not_venue: Option<Vec<String>>,
    venue_work: Option<Vec<String>>,
    quantity_names: Option<Vec<String>>,
    empty_measures: Option<Vec<String>>,
    about_others: Option<Vec<String>>,
    risk_labels: Option<RawLabels>,
    risk_cues: Option<Vec<String>>,
    outcome_cues: Option<Vec<String>>,
    mitigation_cues: Option<Vec<String>>,
    action_verbs: Option<Vec<String>>,
    not_risks: Option<Vec<String>>,
    risk_containers: Option<Vec<String>>,
    generic_words: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinkClasses {
    #[serde(default)]
    contact: Vec<String>,
    #[serde(default)]
    profile: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    homepage: Vec<String>,
    #[serde(default)]
    placeholder: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabels {
    #[serde(default)]
    cause: Vec<String>,
    #[serde(default)]
    outcome: Vec<String>,
    #[serde(default)]
    mitigation: Vec<String>,
    #[serde(default)]
    other: Vec<String>,
}

#[derive(Deserialize)]
struct DefaultOnly {
    reading: RawReading,
}

/// The default rubric's `reading`, which fills every key a rubric omits.
static DEFAULTS: LazyLock<RawReading> = LazyLock::new(|| {
    serde_yaml::from_str::<DefaultOnly>(DEFAULT_RUBRIC)
        .expect("the built-in `reading` is valid (tested)")
        .reading
});

impl RawReading {
    /// This rubric's lists, each key it leaves out taken from the default.
    fn or_defaults(self) -> RawReading {
        let d = &*DEFAULTS;
        RawReading {
            link_classes: self.link_classes.or_else(|| d.link_classes.clone()),
            link_context: self.link_context.or_else(|| d.link_context.clone()),
            not_venue: self.not_venue.or_else(|| d.not_venue.clone()),
            venue_work: self.venue_work.or_else(|| d.venue_work.clone()),
            quantity_names: self.quantity_names.or_else(|| d.quantity_names.clone()),
            empty_measures: self.empty_measures.or_else(|| d.empty_measures.clone()),
            about_others: self.about_others.or_else(|| d.about_others.clone()),
            risk_labels: self.risk_labels.or_else(|| d.risk_labels.clone()),
            risk_cues: self.risk_cues.or_else(|| d.risk_cues.clone()),
            outcome_cues: self.outcome_cues.or_else(|| d.outcome_cues.clone()),
            mitigation_cues: self.mitigation_cues.or_else(|| d.mitigation_cues.clone()),
            action_verbs: self.action_verbs.or_else(|| d.action_verbs.clone()),
            not_risks: self.not_risks.or_else(|| d.not_risks.clone()),
            risk_containers: self.risk_containers.or_else(|| d.risk_containers.clone()),
            generic_words: self.generic_words.or_else(|| d.generic_words.clone()),
        }
    }
}

/// Compiles a rubric's `reading` (absent: `None`), defaults filled in.
pub(super) fn compile(raw: Option<RawReading>, at: &At) -> Result<Reading, RubricError> {
    // A rubric that leaves `reading` out shares the defaults, compiled once
    // per run rather than once per rubric.
    let Some(raw) = raw else {
        return Ok(DEFAULT_READING.clone());
    };
    compile_raw(raw.or_defaults(), at)
}

/// The default `reading`, compiled.
static DEFAULT_READING: LazyLock<Reading> = LazyLock::new(|| {
    let at = |_: &str, message: String| RubricError { line: 1, message };
    compile_raw(DEFAULTS.clone(), &at).expect("the built-in `reading` is valid (tested)")
});

fn compile_raw(raw: RawReading, at: &At) -> Result<Reading, RubricError> {
    let list = |name: &str, patterns: &Option<Vec<String>>| -> Result<Pattern, RubricError> {
        let patterns = patterns.as_deref().unwrap_or_default();
        alternation(patterns, &format!("reading.{name}"), at)
    };
    let classes = raw.link_classes.clone().unwrap_or(RawLinkClasses {
        contact: Vec::new(),
        profile: Vec::new(),
        context: Vec::new(),
        homepage: Vec::new(),
        placeholder: Vec::new(),
    });
    let mut link_classes = Vec::new();
    for (class, name, patterns) in [
        (LinkClass::Placeholder, "placeholder", &classes.placeholder),
        (LinkClass::Contact, "contact", &classes.contact),
        (LinkClass::Profile, "profile", &classes.profile),
        (LinkClass::Context, "context", &classes.context),
        (LinkClass::Homepage, "homepage", &classes.homepage),
    ] {
        let path = format!("reading.link_classes.{name}");
        link_classes.push((class, alternation(patterns, &path, at)?));
    }
    Ok(Reading {
        link_classes,
        link_context: list("link_context", &raw.link_context)?,
        not_venue: list("not_venue", &raw.not_venue)?,
        venue_work: list("venue_work", &raw.venue_work)?,
        quantity_names: list("quantity_names", &raw.quantity_names)?,
        empty_measures: whole(raw.empty_measures.as_deref().unwrap_or_default(), at)?,
        about_others: list("about_others", &raw.about_others)?,
        labels: labels(raw.risk_labels.as_ref(), at)?,
        risk_cues: list("risk_cues", &raw.risk_cues)?,
        outcome_cues: list("outcome_cues", &raw.outcome_cues)?,
        mitigation_cues: list("mitigation_cues", &raw.mitigation_cues)?,
        action_verbs: anchored(raw.action_verbs.as_deref().unwrap_or_default(), at)?,
        not_risks: list("not_risks", &raw.not_risks)?,
        risk_containers: list("risk_containers", &raw.risk_containers)?,
        generic_words: raw
            .generic_words
            .iter()
            .flatten()
            .flat_map(|w| w.split_whitespace())
            .filter_map(key)
            .collect(),
    })
}

/// One anchored regex per kind of label, each label followed by an
/// optional number and a colon: `Risk 2:`, `**Mitigation:**`. Kept apart
/// rather than as groups of one regex: telling which group matched takes
/// a slow engine, and a label is looked for at every sentence's start.
fn labels(raw: Option<&RawLabels>, at: &At) -> Result<Vec<(Label, Pattern)>, RubricError> {
    let empty = Vec::new();
    let groups = [
        (Label::Cause, "cause", raw.map_or(&empty, |r| &r.cause)),
        (
            Label::Outcome,
            "outcome",
            raw.map_or(&empty, |r| &r.outcome),
        ),
        (
            Label::Mitigation,
            "mitigation",
            raw.map_or(&empty, |r| &r.mitigation),
        ),
        (Label::Other, "other", raw.map_or(&empty, |r| &r.other)),
    ];
    let mut kinds = Vec::new();
    for (label, name, patterns) in groups {
        let path = format!("reading.risk_labels.{name}");
        let body = checked_join(patterns, &path, at)?;
        let pattern = format!(r"^(?:{body})(?:\s*#?[0-9]+)?\s*:");
        kinds.push((label, build_at(&pattern, &path, at)?));
    }
    Ok(kinds)
}

/// `words` as one pattern that matches only a whole word.
fn whole(words: &[String], at: &At) -> Result<Pattern, RubricError> {
    let path = "reading.empty_measures";
    let pattern = format!("^(?:{})$", checked_join(words, path, at)?);
    build_at(&pattern, path, at)
}

fn anchored(verbs: &[String], at: &At) -> Result<Pattern, RubricError> {
    let verbs = checked_join(verbs, "reading.action_verbs", at)?;
    // "We", "We will", "In that case we plan to" before the verb.
    let subject = r"(?:(?:instead|then|also|in response|in addition|additionally|so|first),?\s+)?(?:(?:we|i|our team|the team)(?:'ll|'d)?\s+(?:(?:will|can|also|then|always|first|instead|now|shall|must|plan to|intend to|aim to|are going to|try to)\s+)*)?";
    let pattern = format!(r"^[^a-z0-9]*{subject}(?:{verbs})\b");
    build_at(&pattern, "reading.action_verbs", at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::patterns::{assert_finds_the_same, build, sample_text};

    /// Every default list, compiled as a `Pattern`, finds what the regex
    /// crate's `Regex` finds.
    #[test]
    fn patterns_find_what_the_regex_crate_finds() {
        let d = &*DEFAULTS;
        let lists = [
            &d.link_context,
            &d.not_venue,
            &d.venue_work,
            &d.quantity_names,
            &d.about_others,
            &d.risk_cues,
            &d.outcome_cues,
            &d.mitigation_cues,
            &d.not_risks,
            &d.risk_containers,
        ];
        let text = sample_text();
        let at = |_: &str, message: String| RubricError { line: 1, message };
        let mut found = 0;
        for list in lists {
            let joined = checked_join(list.as_deref().unwrap(), "list", &at).unwrap();
            found += assert_finds_the_same(&joined, &text);
        }
        assert!(found > 100, "the lists matched only {found} times");
    }

    #[test]
    fn a_pattern_too_big_is_refused_as_the_regex_crate_words_it() {
        let ours = Pattern::new("[a-z]{1000}", 1 << 10).unwrap_err();
        let theirs = build("[a-z]{1000}", 1 << 10).unwrap_err();
        assert_eq!(ours, theirs);
        assert!(ours.contains("exceeds size limit"), "{ours}");
    }
}
