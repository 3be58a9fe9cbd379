//! Rubric scoring through the binary: the seeds' calibrated scores, custom
//! and invalid rubrics, and the two rubric rules.

use crate::{findings, grantctl};

/// The default rubric's scores for the four seeds, as the README states them.
#[test]
fn seeds_score_as_calibrated() {
    let run = grantctl(&["check", "proposals/"]);
    for line in [
        "proposals/apart-research.md: total 93/100 (rubric: default)",
        "  premortem 100/100 (line 87)",
        "    risks 100/100 · 7 risks, 7 with outcome, 7 with mitigation; 5 specific, answered risks earn full marks · \"Info-hazards\" (line 91; outcome line 92, mitigation line 93)",
        "  track_record 86/100 (line 72)",
        "    links to evidence 21/35 · 3 links; 5 earn full marks",
        "proposals/apart-hackathons.md: total 25/100 (rubric: default)",
        "  premortem 40/100 (line 42)",
        "    risks 40/100 · 3 risks, 2 with outcome, 2 with mitigation; 5 specific, answered risks earn full marks · \"We hire a program manager that is not able to take over the…\" (line 44; outcome line 44, mitigation line 44) · \"Info hazardous research emerges.\" (line 46; outcome line 46, mitigation line 46) · \"Otherwise, the main causes for failure arise from lack of t…\" (line 48; outcome none, mitigation none)",
        "      next: add a mitigation to the risk at line 48 (+10)",
        "  track_record 10/100 (line 36)",
        "proposals/mats.md: total 40/100 (rubric: default)",
        "    risks 70/100 · 4 risks, 3 with outcome, 4 with mitigation",
        "      next: say what would follow from the risk at line 52 (+10)",
        "proposals/whitebox-research.md: total 23/100 (rubric: default)",
        "    risks 30/100 · 3 risks, 0 with outcome, 3 with mitigation",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn calibration_claims_hold() {
    let score = |file: &str, section: &str| -> u32 {
        let run = grantctl(&["check", file]);
        let prefix = format!("  {section} ");
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("{file}: {}", run.stdout));
        line[prefix.len()..]
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    // Seven causes with outcome and mitigation beat two.
    assert!(
        score("proposals/apart-research.md", "premortem")
            > score("proposals/apart-hackathons.md", "premortem")
    );
    // A one-sentence premortem scores low.
    assert!(score("examples/rubric-threshold.md", "premortem") < 10);
    // Numbers, links and venues beat adjectives.
    let evidence = score("proposals/apart-research.md", "track_record");
    let adjectives = score("examples/rubric-threshold.md", "track_record");
    assert!(
        evidence > 80 && adjectives < 10,
        "{evidence} vs {adjectives}"
    );
}

#[test]
fn a_custom_rubric_changes_the_result() {
    let with_links_only = |proposal: &str| {
        grantctl(&[
            "check",
            "--rubric",
            "tests/fixtures/rubrics/links-only.yaml",
            proposal,
        ])
    };
    let run = with_links_only("proposals/apart-hackathons.md");
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("proposals/apart-hackathons.md: total 0/100 (rubric: links-only)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(
        "error[rubric-threshold]: `track_record` scored 0/100, below the rubric's minimum of 50"
    ));
    let run = with_links_only("proposals/apart-research.md");
    assert_eq!(run.code, 0, "{}", run.stdout);
    // The custom rubric does not score the premortem at all.
    assert!(!run.stdout.contains("premortem"), "{}", run.stdout);
}

#[test]
fn rubric_rules_fire_on_their_examples() {
    let (code, rows) = findings(&[
        "--rubric",
        "rubrics/strict.yaml",
        "examples/rubric-threshold.md",
    ]);
    assert_eq!(code, 1);
    let got: Vec<(u64, Option<u64>, &str)> = rows
        .iter()
        .map(|(_, l, c, r)| (*l, *c, r.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (14, Some(1), "rubric-threshold"),
            (19, Some(1), "rubric-threshold")
        ]
    );
    let (code, rows) = findings(&[
        "--rubric",
        "rubrics/strict.yaml",
        "examples/missing-section.md",
    ]);
    assert_eq!(code, 1);
    let got: Vec<(u64, &str)> = rows.iter().map(|(_, l, _, r)| (*l, r.as_str())).collect();
    assert_eq!(
        got,
        [
            (1, "missing-section"),
            (1, "rubric-threshold"),
            (16, "rubric-threshold")
        ]
    );
}

#[test]
fn an_invalid_rubric_exits_2_naming_file_and_line() {
    let cases = [
        (
            "bad-kind.yaml",
            "line 6: unknown criterion kind `risk`; did you mean `risks`? kinds are words, pattern, list_items, links, quantities, keywords, risks",
        ),
        (
            "bad-regex.yaml",
            "line 6: pattern `mitigat(ion` does not compile: error: unclosed group",
        ),
        (
            "zero-points.yaml",
            "line 7: `points` must be a whole number above 0, found 0",
        ),
        (
            "unknown-key.yaml",
            "line 4: sections[0]: unknown field; did you mean `minimum`?",
        ),
        ("bad-yaml.yaml", "line 4: did not find expected ',' or ']'"),
    ];
    for (file, detail) in cases {
        let path = format!("tests/fixtures/rubrics/{file}");
        let run = grantctl(&["check", "--rubric", &path, "proposals/"]);
        assert_eq!(run.code, 2, "{file}");
        assert_eq!(run.stdout, "", "{file}");
        let expected = format!("grantctl: error: invalid rubric `{path}`: {detail}");
        assert!(
            run.stderr.starts_with(&expected),
            "{file}:\n{}\n{expected}",
            run.stderr
        );
    }
    let run = grantctl(&["check", "--rubric", "no/such/rubric.yaml", "proposals/"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("grantctl: error: failed to read rubric `no/such/rubric.yaml`"),
        "{}",
        run.stderr
    );
}

/// rubrics/README.md's worked example gives the scores it states.
#[test]
fn the_worked_example_in_rubrics_readme_holds() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/rubrics/README.md")).unwrap();
    let example = &doc[doc.find("## Worked example").unwrap()..];
    let start = example.find("```yaml\n").unwrap() + "```yaml\n".len();
    let yaml = &example[start..start + example[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("research-fund.yaml");
    std::fs::write(&rubric, yaml).unwrap();
    let proposal = format!("{root}/proposals/apart-hackathons.md");
    let run = crate::grantctl_in(
        dir.path(),
        &["check", "--rubric", "research-fund.yaml", &proposal],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    for line in [
        "  premortem 65/100 (line 42)",
        "    risks 30/60 · 3 risks, 2 with outcome, 2 with mitigation; 4 specific, answered risks earn full marks",
        "    named failure modes 20/20 · 2 matches; 2 earn full marks",
        "    words 15.3/20 · 115 distinct words; 150 earn full marks",
        "  track_record 0/100 (line 36)",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in:\n{}",
            run.stdout
        );
    }
}

/// A misspelt heading is pointed at, with its line, in every format.
#[test]
fn a_missing_section_names_the_heading_that_looks_like_it_in_every_format() {
    let text = "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n\n## Track record\n\nWe ran 3 workshops.\n\n## Premortum\n\n- Few people apply.\n";
    let dir = crate::folder(&[("p.md", text)]);
    let hint = "did you mean line 14, `## Premortum`?";
    let json = crate::grantctl_in(dir.path(), &["check", "--format", "json", "p.md"]);
    let found: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let finding = &found[0];
    assert_eq!(finding["rule"], "missing-section", "{}", json.stdout);
    assert_eq!(finding["line"], 14);
    assert!(
        finding["message"].as_str().unwrap().ends_with(hint),
        "{finding}"
    );
    for (format, at) in [
        ("human", " --> p.md:14:1"),
        ("github", "::warning file=p.md,line=14,"),
        ("sarif", "\"startLine\": 14"),
        ("json-lines", "\"line\":14"),
    ] {
        let run = crate::grantctl_in(dir.path(), &["check", "--format", format, "p.md"]);
        assert!(run.stdout.contains(at), "{format}: {}", run.stdout);
        assert!(run.stdout.contains(hint), "{format}: {}", run.stdout);
    }
}

/// Headings as forms and word processors write them open their sections.
#[test]
fn bold_capitals_numbered_and_plain_question_headings_open_sections() {
    let text = "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n\n**TRACTION**\n\nWe ran 3 workshops.\n\n6. What could cause this project to fail?\n\n### Potential causes of failure\n\n- Few people apply, which would shrink the cohort.\n\n## Timeline\n\nWe might slip by a month.\n";
    let dir = crate::folder(&[("p.md", text)]);
    let run = crate::grantctl_in(dir.path(), &["compare", "--format", "json", "p.md"]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let sections = &rows[0]["scores"]["sections"];
    assert_eq!(sections[0]["section"], "track_record");
    assert_eq!(sections[0]["line"], 10);
    assert_eq!(sections[1]["section"], "premortem");
    assert_eq!(sections[1]["line"], 14);
    let risks = &sections[1]["criteria"][0]["evidence"];
    assert_eq!(
        risks,
        &serde_json::json!([{"line": 18, "text": "Few people apply, which would shrink the cohort.", "outcome": 18, "mitigation": null,
            "note": "generic: names nothing of this project"}]),
        "the timeline's sentence is not a risk"
    );
}

/// An application pasted as plain lines, each question straight above its
/// answer with no blank line, still has its sections.
#[test]
fn questions_pasted_above_their_answers_without_blank_lines_head_them() {
    let text = "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n\nProject summary\nWe run reading groups.\nWho is on your team and what's your track record on similar projects?\nWe ran 3 workshops for 40 people.\nWhat are the most likely causes and outcomes if this project fails? (premortem)\nFew people might apply, which would shrink the cohort.\n";
    let dir = crate::folder(&[("p.md", text)]);
    let run = crate::grantctl_in(dir.path(), &["compare", "--format", "json", "p.md"]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let sections = &rows[0]["scores"]["sections"];
    assert_eq!(
        (&sections[0]["section"], &sections[0]["line"]),
        (&"track_record".into(), &12.into())
    );
    assert_eq!(
        (&sections[1]["section"], &sections[1]["line"]),
        (&"premortem".into(), &14.into())
    );
    let claims = &sections[0]["criteria"][0]["evidence"];
    assert_eq!(claims[0]["text"], "3 workshops", "{claims}");
    assert_eq!(claims[0]["line"], 13);
    let risks = &sections[1]["criteria"][0]["evidence"];
    assert_eq!(risks[0]["line"], 15, "{risks}");
    assert_eq!(risks[0]["outcome"], 15);
}
