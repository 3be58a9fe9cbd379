//! `check` over the bundled proposals and examples: exact rules, lines, exit codes.

use crate::{findings, grantctl};

#[test]
fn bundled_proposals_fail_only_on_mats_missing_fields() {
    let (code, rows) = findings(&["proposals/"]);
    assert_eq!(code, 1);
    assert_eq!(
        rows,
        [
            (
                "proposals/mats.md".into(),
                1,
                Some(1),
                "missing-field".into()
            ),
            (
                "proposals/mats.md".into(),
                1,
                Some(1),
                "missing-field".into()
            ),
        ]
    );
    let run = grantctl(&["check", "proposals/mats.md"]);
    assert!(
        run.stdout.contains("missing required field `funding.goal`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("missing required field `budget`"),
        "{}",
        run.stdout
    );
}

#[test]
fn funded_seeds_pass_with_no_findings() {
    for seed in [
        "proposals/apart-research.md",
        "proposals/apart-hackathons.md",
        "proposals/whitebox-research.md",
    ] {
        let run = grantctl(&["check", seed]);
        assert_eq!(run.code, 0, "{seed}: {}", run.stdout);
        assert!(
            !run.stdout.contains("error[") && !run.stdout.contains("warning["),
            "{seed}"
        );
        assert!(
            run.stdout.ends_with("checked 1 file: no problems found\n"),
            "{seed}"
        );
        assert_eq!(run.stderr, "");
        let (_, rows) = findings(&[seed]);
        assert_eq!(rows, []);
    }
}

/// Every contract rule except the rubric ones fires on its example, at the
/// line (and column) of the key it is about.
#[test]
fn every_rule_fires_on_its_example_at_the_right_line() {
    type Expected = &'static [(u64, Option<u64>, &'static str)];
    #[rustfmt::skip]
    let cases: &[(&str, Expected)] = &[
        ("frontmatter.md", &[(2, Some(17), "frontmatter")]),
        ("missing-field.md", &[(11, Some(3), "missing-field")]),
        ("field-type.md", &[(6, Some(1), "field-type")]),
        ("unknown-field.md", &[(3, Some(1), "unknown-field")]),
        ("typo-ammount.md", &[(7, Some(3), "missing-field"), (8, Some(5), "unknown-field")]),
        ("amount.md", &[(10, Some(5), "amount")]),
        ("currency.md", &[(11, Some(5), "currency")]),
        ("budget-total.md", &[(5, Some(3), "budget-total")]),
        ("budget-subtotal.md", &[(8, Some(5), "budget-subtotal")]),
        ("budget-unit-cost.md", &[(10, Some(5), "budget-unit-cost")]),
        ("funding-minimum.md", &[(6, Some(3), "funding-minimum")]),
        ("budget-percent.md", &[(13, Some(5), "budget-percent")]),
        ("budget-minimum.md", &[(6, Some(3), "budget-minimum")]),
        ("io-latin1.md", &[(2, None, "io")]),
        ("missing-section.md", &[(1, None, "missing-section")]),
        ("empty-section.md", &[(21, Some(1), "empty-section")]),
        ("ask-mismatch.md", &[(20, Some(15), "ask-mismatch")]),
    ];
    for (name, expected) in cases {
        let path = format!("examples/{name}");
        let (code, rows) = findings(&[&path]);
        let got: Vec<(u64, Option<u64>, &str)> = rows
            .iter()
            .map(|(_, l, c, r)| (*l, *c, r.as_str()))
            .collect();
        assert_eq!(&got, expected, "{name}");
        let has_error = expected.iter().any(|(_, _, rule)| {
            !matches!(
                *rule,
                "unknown-field" | "missing-section" | "empty-section" | "ask-mismatch"
            )
        });
        assert_eq!(code, i32::from(has_error), "{name}");
    }
}

#[test]
fn examples_folder_is_checked_whole_in_sorted_order() {
    let (code, rows) = findings(&["examples"]);
    assert_eq!(code, 1);
    let files: Vec<&str> = rows.iter().map(|(f, ..)| f.as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    // One finding per failing example (two for the typo); examples/budgets/ is clean.
    assert_eq!(rows.len(), 18);
}

#[test]
fn messages_state_both_sums_and_the_difference() {
    let run = grantctl(&[
        "check",
        "examples/budget-total.md",
        "examples/budget-subtotal.md",
    ]);
    assert!(
        run.stdout.contains(
            "budget lines add up to $49,000 but funding.goal is $50,000 (short by $1,000)"
        )
    );
    assert!(run.stdout.contains(
        "the lines of `Staff` add up to $58,000 but its amount is $60,000 (short by $2,000)"
    ));
    let run = grantctl(&[
        "check",
        "examples/budget-unit-cost.md",
        "examples/currency.md",
    ]);
    assert!(run.stdout.contains(
        "quantity × unit_cost is 12 × $4,500 = $54,000 but amount is $45,000 (over by $9,000)"
    ));
    assert!(run.stdout.contains(
        "`$5,000` in `budget[1].amount` is written in $ but the proposal's currency is EUR"
    ));
    let run = grantctl(&["check", "examples/typo-ammount.md"]);
    assert!(
        run.stdout
            .contains("unknown field `ammount` in `budget[0]`; did you mean `amount`?")
    );
}

#[test]
fn warnings_pass_unless_denied() {
    assert_eq!(grantctl(&["check", "examples/unknown-field.md"]).code, 0);
    assert_eq!(
        grantctl(&["check", "--deny-warnings", "examples/unknown-field.md"]).code,
        1
    );
    assert_eq!(
        grantctl(&["check", "--deny-warnings", "proposals/apart-research.md"]).code,
        0
    );
}

#[test]
fn tool_errors_exit_2() {
    let run = grantctl(&["check", "proposals/", "no/such/path.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "grantctl: error: path `no/such/path.md` does not exist\n"
    );
    let run = grantctl(&["check", "--format", "xml", "proposals/"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
    assert_eq!(grantctl(&["frobnicate"]).code, 2);
}

/// The README's format example is documented as wrong in exactly two places.
#[test]
fn readme_example_reports_what_the_readme_says() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("```markdown\n").expect("a markdown example") + "```markdown\n".len();
    let end = start + readme[start..].find("\n```\n").unwrap() + 1;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.md"), &readme[start..end]).unwrap();
    let run = crate::grantctl_in(dir.path(), &["check", "example.md"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(
        "error[budget-unit-cost]: quantity × unit_cost is 6 × $5,833.33 = $34,999.98 but amount is $35,000 (short by $0.02)"
    ), "{}", run.stdout);
    assert!(run.stdout.contains(
        "error[budget-subtotal]: the lines of `Marketing, software, compute, travel` add up to $5,002.02 but its amount is $5,000 (over by $2.02)"
    ), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("checked 1 file: 2 errors, 2 warnings\n"),
        "{}",
        run.stdout
    );
}
