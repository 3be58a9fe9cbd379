//! Each `check` renderer, pinned once on the same example.

use crate::grantctl;

#[test]
fn human_output_is_rustc_style_with_the_source_line() {
    let run = grantctl(&["check", "examples/budget-total.md"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        r#"error[budget-total]: budget lines add up to $49,000 but funding.goal is $50,000 (short by $1,000)
 --> examples/budget-total.md:5:3
  |
5 |   goal: 50000
  |   ^^^^^^^^^^^

= examples/budget-total.md: total 8/100 (rubric: default)
  track_record 10/100 (line 18)
    quantified claims 10/40 · 2 quantified claims; 8 earn full marks · "2 similar projects" (line 20) · "40 participants" (line 20)
      next: state a result of your work in numbers (people trained, papers published, users reached) (+5)
    links to evidence 0/35 · 0 links; 5 earn full marks
      next: link a paper, repository, dataset or report that shows your work (+7)
    named venues 0/25 · 0 venues; 2 earn full marks
      next: name a venue where your work appeared, with the work (+12.5)
  premortem 5/100 (line 22)
    risks 5/100 · 1 risk, 1 with outcome, 1 with mitigation, 1 generic (worth 0.25 of a specific one); 5 specific, answered risks earn full marks · "Too few people take part" (line 24; outcome line 25, mitigation line 26)
      next: say which of this project's goals, people or outputs the risk at line 24 threatens (+15)

checked 1 file: 1 error, 0 warnings
"#
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn json_output_is_an_array_of_findings_with_the_contract_keys() {
    let run = grantctl(&[
        "check",
        "--format",
        "json",
        "examples/io-latin1.md",
        "examples/amount.md",
    ]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json.as_array().unwrap();
    assert_eq!(findings.len(), 2);
    for finding in findings {
        let mut keys: Vec<&str> = finding
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            ["column", "file", "line", "message", "rule", "severity"]
        );
    }
    assert_eq!(
        findings[0],
        serde_json::json!({
            "file": "examples/io-latin1.md",
            "line": 2,
            "column": null,
            "severity": "error",
            "rule": "io",
            "message": "not valid UTF-8 (byte 15 is not UTF-8); save the file as UTF-8",
        })
    );
    assert_eq!(findings[1]["rule"], "amount");
    assert_eq!(findings[1]["line"], 10);
    assert_eq!(findings[1]["column"], 5);

    let clean = grantctl(&["check", "--format", "json", "proposals/apart-research.md"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn github_output_is_one_annotation_per_finding() {
    let run = grantctl(&["check", "--format", "github", "examples/typo-ammount.md"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "\
::error file=examples/typo-ammount.md,line=7,col=3,title=missing-field::missing required field `budget[0].amount` (or give both `quantity` and `unit_cost`, or `percent`)
::warning file=examples/typo-ammount.md,line=8,col=5,title=unknown-field::unknown field `ammount` in `budget[0]`; did you mean `amount`?
grantctl: 1 error, 1 warning in 1 file
::notice title=grantctl::1 error, 1 warning in 1 file: each is annotated on its line
"
    );
}

/// The official SARIF 2.1.0 schema (see tests/fixtures/README.md).
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sarif-schema-2.1.0.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0_with_every_finding_located() {
    let validator = sarif_validator();
    let run = grantctl(&["check", "--format", "sarif", "examples/", "proposals/"]);
    assert_eq!(run.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema_errors(&validator, &sarif), Vec::<String>::new());
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);

    let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"budget-total") && ids.contains(&"io"),
        "{ids:?}"
    );
    for rule in rules {
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
    }

    // Every finding of `--format json`, in order, at the same place.
    let json = grantctl(&["check", "--format", "json", "examples/", "proposals/"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, finding) in results.iter().zip(findings) {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["file"]);
        assert_eq!(location["region"]["startLine"], finding["line"]);
        assert_eq!(location["region"]["startColumn"], finding["column"]);
        assert_eq!(result["ruleId"], finding["rule"]);
        assert_eq!(result["level"], finding["severity"]);
        assert_eq!(result["message"]["text"], finding["message"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], finding["rule"]);
    }
}

#[test]
fn sarif_schema_check_can_fail() {
    // Guards the test above: a log the schema forbids is rejected.
    let validator = sarif_validator();
    let run = grantctl(&["check", "--format", "sarif", "examples/budget-total.md"]);
    let mut sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    sarif["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&validator, &sarif).is_empty());
}

#[test]
fn json_lines_output_is_the_json_findings_one_per_line() {
    let json = grantctl(&["check", "--format", "json", "examples/"]);
    let lines = grantctl(&["check", "--format", "json-lines", "examples/"]);
    assert_eq!((json.code, lines.code), (1, 1));
    let array: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    let each: Vec<serde_json::Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(each, array);
    assert!(array.len() > 10);
}
