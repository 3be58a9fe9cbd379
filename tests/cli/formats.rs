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

examples/budget-total.md: total 14/100 (rubric: default)
  track_record 11/100 (line 18)
    quantified claims 8.8/35 · 2 quantified claims (target 8) · "2 similar projects" (line 20) · "40 participants" (line 20)
    links to evidence 0/25 · 0 links (target 5)
    named venues 0/20 · 0 keywords (target 2)
    substance 1.9/20 · 14 words (min 150)
  premortem 17/100 (line 22)
    risks 14/70 · 1 found (target 5), 1 with outcome, 1 with mitigation · "Too few people take part" (line 24)
    substance 2.6/30 · 17 words (min 200)

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
::error file=examples/typo-ammount.md,line=7,col=3,title=missing-field::missing required field `budget[0].amount` (or give both `quantity` and `unit_cost`)
::warning file=examples/typo-ammount.md,line=8,col=5,title=unknown-field::unknown field `ammount` in `budget[0]`; did you mean `amount`?
"
    );
}
