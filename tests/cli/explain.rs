//! `grantctl rules` and `grantctl explain`: every rule is listed and
//! explained, and each explanation's examples do what they claim when
//! checked — the failing one fires the rule, the fixed one does not.

use grantctl::diagnostic::Rule;
use grantctl::diagnostic::docs::Example;

use super::grantctl;

fn listed_rules() -> Vec<(String, String)> {
    let run = grantctl(&["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let mut cols = l.split_whitespace();
            (cols.next().unwrap().into(), cols.next().unwrap().into())
        })
        .collect()
}

#[test]
fn rules_lists_every_contract_rule_with_its_severity() {
    let rules = listed_rules();
    let ids: Vec<&str> = rules.iter().map(|(id, _)| id.as_str()).collect();
    // Exactly the contract's ids (§2), in its order: none renamed or added
    // by accident.
    assert_eq!(
        ids,
        [
            "frontmatter",
            "missing-field",
            "field-type",
            "unknown-field",
            "amount",
            "currency",
            "budget-total",
            "budget-subtotal",
            "budget-unit-cost",
            "funding-minimum",
            "budget-percent",
            "budget-minimum",
            "missing-section",
            "rubric-threshold",
            "io",
            "ask-mismatch",
            "empty-section",
            "duplicate-id",
        ]
    );
    let warnings: Vec<&str> = rules
        .iter()
        .filter(|(_, severity)| severity == "warning")
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "unknown-field",
            "missing-section",
            "ask-mismatch",
            "empty-section"
        ]
    );
}

/// The indented block under `heading` in `explain` output, de-indented.
fn block(explanation: &str, heading: &str) -> String {
    let mut lines = explanation.lines().skip_while(|l| !l.starts_with(heading));
    lines
        .next()
        .unwrap_or_else(|| panic!("no `{heading}` in {explanation}"));
    let mut text: String = lines
        .take_while(|l| l.is_empty() || l.starts_with("    "))
        .map(|l| format!("{}\n", l.get(4..).unwrap_or("")))
        .collect();
    while text.ends_with("\n\n") {
        text.pop();
    }
    text
}

/// The rule ids `check` reports on `text`, checked with `extra` arguments.
fn rules_fired(text: &str, extra: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("example.md");
    std::fs::write(&file, text).unwrap();
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    let run = grantctl(&args);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn explain_shows_every_rule_and_its_examples_hold() {
    for (id, severity) in listed_rules() {
        let run = grantctl(&["explain", &id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        assert!(
            run.stdout.starts_with(&format!("{id} ({severity})\n")),
            "{}",
            run.stdout
        );
        for heading in ["What it checks", "Why it matters", "The fix"] {
            assert!(
                !block(&run.stdout, heading).trim().is_empty(),
                "{id}: {heading}"
            );
        }
        let rule = Rule::from_id(&id).unwrap();
        let Example::File {
            path, rubric, fix, ..
        } = &rule.doc().example
        else {
            // A file cannot show these: one needs bytes that are not UTF-8,
            // the other a second file.
            assert!(
                ["io", "duplicate-id"].contains(&id.as_str()),
                "{id}'s example is prose"
            );
            continue;
        };
        // The failing example is the file in examples/, as it is on disk.
        let failing = block(&run.stdout, "Failing example");
        let on_disk = std::fs::read_to_string(path).unwrap();
        assert_eq!(failing.trim_end(), on_disk.trim_end(), "{id}");
        // The fix shows each replaced line, and applied it clears the rule.
        let shown = block(&run.stdout, "The fix");
        for edit in *fix {
            for line in edit.old.lines() {
                assert!(shown.contains(&format!("- {line}\n")), "{id}: {shown}");
            }
            for line in edit.new.lines() {
                assert!(shown.contains(&format!("+ {line}\n")), "{id}: {shown}");
            }
        }
        let rubric: Vec<&str> = rubric.iter().flat_map(|r| ["--rubric", r]).collect();
        let fired = rules_fired(&on_disk, &rubric);
        assert!(fired.contains(&id), "{id}: failing example fired {fired:?}");
        let fixed = rule.doc().example.fixed().unwrap();
        let fired = rules_fired(&fixed, &rubric);
        assert_eq!(fired, Vec::<String>::new(), "{id}: fixed example fired");
    }
}

#[test]
fn explain_unknown_rule_is_a_usage_error_with_a_suggestion() {
    let run = grantctl(&["explain", "budget-totl"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("unknown rule `budget-totl`; did you mean `budget-total`?"),
        "{}",
        run.stderr
    );
}
