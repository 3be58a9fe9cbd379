//! Rubrics: which sections a funder scores, and by what criteria.
//!
//! A rubric is data, never code: criteria are a fixed set of kinds, and
//! patterns are `regex` regular expressions, which match in linear time. A
//! rubric is read in two stages: serde reads it as written (unknown keys are
//! errors), then `validate` checks each criterion and compiles its patterns.
//! Any problem is a `RubricError` naming the line, and the run exits 2.

mod criteria;
mod error;
mod evidence;
mod hint;
mod kinds;
mod links;
mod memo;
mod model;
mod next;
mod parse;
mod patterns;
mod prose;
mod quantities;
mod reading;
mod risks;
mod score;
mod vocabulary;

pub use error::{DEFAULT_RUBRIC, RubricError};
pub use evidence::Evidence;
pub use kinds::{Counter, KINDS, Kind, KindRow};
pub use model::{Criterion, Rubric, SectionRule};
pub use patterns::Pattern;
pub(crate) use prose::{clauses, sentence_at};
pub use reading::{LinkClass, Reading};
pub use score::{CriterionScore, Scores, SectionScore, score_proposal};

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
    fn a_rubric_without_reading_gets_the_defaults_and_a_bad_pattern_is_named() {
        let base = "sections:\n  - key: p\n    headings: [p]\n";
        let custom = Rubric::parse(base).unwrap();
        assert!(
            custom
                .reading
                .risk_cues
                .is_match("the main risk is that nobody comes")
        );
        let err = Rubric::parse(&format!("{base}reading:\n  risk_cues: ['(unclosed']\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 5: pattern `(unclosed` does not compile"),
            "{err}"
        );
        let err = Rubric::parse(&format!(
            "{base}reading:\n  link_classes:\n    friends: []\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("unknown field") && err.contains("homepage"),
            "{err}"
        );
        let tuned =
            Rubric::parse(&format!("{base}reading:\n  risk_cues: ['\\bperil\\b']\n")).unwrap();
        assert!(tuned.reading.risk_cues.is_match("a peril"));
        assert!(!tuned.reading.risk_cues.is_match("the main risk is"));
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
        let body = "## Premortem\n\nCause: No venue. Outcome: Delay. Mitigation: Book early.\n\
                    Cause: No venue again. Outcome: Delay. Mitigation: none.\n";
        let sections = split_sections(body, 20, &rubric);
        let title = Some("A venue for the 2027 workshop");
        let scores = score_proposal(&rubric, &sections, title, &mut Vec::new());
        let json = serde_json::to_value(&scores).unwrap();
        assert_eq!(json["rubric"], "default");
        let premortem = &json["sections"][1];
        assert_eq!(premortem["section"], "premortem");
        assert_eq!(premortem["line"], 20);
        let risks = &premortem["criteria"][0];
        assert_eq!(risks["kind"], "risks");
        // One specific, answered risk of the five that earn full marks; the
        // second repeats it and states no mitigation.
        assert_eq!(risks["earned"], 20.0);
        assert_eq!(risks["possible"], 100);
        assert_eq!(
            risks["evidence"],
            serde_json::json!([
                {"line": 22, "text": "No venue.", "outcome": 22, "mitigation": 22},
                {"line": 23, "text": "No venue again.", "outcome": 23, "mitigation": null,
                 "note": "repeats the risk at line 22"},
            ])
        );
        assert_eq!(json["sections"][0]["heading"], serde_json::Value::Null);
    }
}
