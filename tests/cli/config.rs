//! grantctl.yaml: found from a nested folder, overridden by flags, wrong
//! config is exit 2 with its line; and a proposal's own `allow`.

use super::{Run, folder, grantctl_in, rules_of};

/// Clean but for the two sections the default rubric scores (two
/// `missing-section` warnings) and whatever `extra` front matter adds.
fn proposal(extra: &str) -> String {
    format!(
        "---\ntitle: Reading group\n{extra}funding:\n  goal: 5000\nbudget:\n  - item: Books\n    amount: 5000\n---\n\nSome text.\n"
    )
}

fn check(dir: &std::path::Path, args: &[&str]) -> (Run, Vec<(String, String)>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = grantctl_in(dir, &all);
    let rules = rules_of(&run);
    (run, rules)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(r, s)| (r.to_string(), s.to_string()))
        .collect()
}

#[test]
fn config_is_found_from_a_nested_folder() {
    let dir = folder(&[
        (
            "grantctl.yaml",
            "# repository settings\nignore: [missing-section]\nescalate: [unknown-field]\n",
        ),
        ("proposals/2026/a.md", &proposal("colour: blue\n")),
    ]);
    let nested = dir.path().join("proposals/2026");
    let (run, rules) = check(&nested, &["a.md"]);
    assert_eq!(rules, pairs(&[("unknown-field", "error")]));
    assert_eq!(run.code, 1);

    // Without the config: the defaults.
    let (run, rules) = check(&nested, &["--no-config", "a.md"]);
    assert_eq!(
        rules,
        pairs(&[
            ("missing-section", "warning"),
            ("missing-section", "warning"),
            ("unknown-field", "warning"),
        ])
    );
    assert_eq!(run.code, 0);
}

#[test]
fn flags_beat_config_and_config_beats_defaults() {
    let dir = folder(&[
        (
            "grantctl.yaml",
            "rubric: strict.yaml\ndeny-warnings: true\nignore: [unknown-field]\n",
        ),
        ("strict.yaml", STRICT_RUBRIC),
        ("lenient.yaml", LENIENT_RUBRIC),
        ("a.md", &proposal("colour: blue\n")),
    ]);
    let human = grantctl_in(dir.path(), &["check", "a.md"]);
    assert!(
        human.stdout.contains("(rubric: strict)"),
        "{}",
        human.stdout
    );
    assert_eq!(human.code, 1, "deny-warnings from config");

    let flags = grantctl_in(
        dir.path(),
        &[
            "check",
            "--rubric",
            "lenient.yaml",
            "--no-deny-warnings",
            "a.md",
        ],
    );
    assert!(
        flags.stdout.contains("(rubric: lenient)"),
        "{}",
        flags.stdout
    );
    assert!(
        !flags.stdout.contains("unknown-field"),
        "config's ignore still applies"
    );
    assert_eq!(flags.code, 0);

    // --escalate overrides the config's `ignore` for that rule.
    let (run, rules) = check(dir.path(), &["--escalate", "unknown-field", "a.md"]);
    assert!(
        rules.contains(&("unknown-field".into(), "error".into())),
        "{rules:?}"
    );
    assert_eq!(run.code, 1);

    // --ignore adds to the config's list; --deny-warnings then has nothing to fail on.
    let (run, rules) = check(dir.path(), &["--ignore", "missing-section", "a.md"]);
    assert_eq!(rules, Vec::<(String, String)>::new());
    assert_eq!(run.code, 0);
}

/// A track-record-only rubric named `strict` with a minimum nobody meets.
const STRICT_RUBRIC: &str = "name: strict\nsections:\n  - key: track_record\n    headings: [track record]\n    criteria:\n      - kind: words\n        min: 10\n        points: 1\n";
const LENIENT_RUBRIC: &str = "name: lenient\nsections:\n  - key: text\n    headings: [text]\n    criteria:\n      - kind: words\n        min: 1\n        points: 1\n";

#[test]
fn exclude_prunes_walked_folders_but_not_named_files() {
    let dir = folder(&[
        (
            "grantctl.yaml",
            "exclude:\n  - drafts/\n  - \"*.template.md\"\n",
        ),
        ("proposals/a.md", &proposal("")),
        ("proposals/b.template.md", "not a proposal"),
        ("drafts/c.md", "not a proposal either"),
    ]);
    let files = |run: &Run| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let mut files: Vec<String> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    let (walked, _) = check(dir.path(), &["."]);
    assert_eq!(files(&walked), ["./proposals/a.md"]);

    let (named, _) = check(dir.path(), &["drafts/c.md"]);
    assert_eq!(files(&named), ["drafts/c.md"]);
    assert_eq!(named.code, 1);

    let (forced, _) = check(
        dir.path(),
        &["--force-exclude", "drafts/c.md", "proposals/a.md"],
    );
    assert_eq!(files(&forced), ["proposals/a.md"]);
}

#[test]
fn a_bad_config_is_exit_2_with_its_file_and_line() {
    let dir = folder(&[
        ("grantctl.yaml", "rubric: r.yaml\nexlude: [drafts/]\n"),
        ("sub/a.md", &proposal("")),
    ]);
    let run = grantctl_in(&dir.path().join("sub"), &["check", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("grantctl: error: invalid config `")
            && run
                .stderr
                .contains("grantctl.yaml`: line 2: unknown field; did you mean `exclude`?"),
        "{}",
        run.stderr
    );

    let dir = folder(&[
        ("grantctl.yaml", "ignore:\n  - budget-totl\n"),
        ("a.md", &proposal("")),
    ]);
    let run = grantctl_in(dir.path(), &["compare", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "line 2: unknown rule `budget-totl` in `ignore`; did you mean `budget-total`?"
        ),
        "{}",
        run.stderr
    );

    let run = grantctl_in(dir.path(), &["check", "--config", "missing.yaml", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.yaml"), "{}", run.stderr);

    // A rubric named by the config is read relative to the config's folder.
    let dir = folder(&[
        ("grantctl.yaml", "rubric: nowhere.yaml\n"),
        ("a.md", &proposal("")),
    ]);
    let run = grantctl_in(dir.path(), &["check", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere.yaml"), "{}", run.stderr);
}

#[test]
fn a_proposal_allows_warnings_it_accepts_but_never_errors() {
    let dir = folder(&[
        (
            "a.md",
            &proposal("colour: blue\ngrantctl:\n  allow: [unknown-field, missing-section]\n"),
        ),
        (
            "b.md",
            &proposal("grantctl:\n  allow:\n    - budget-total\n    - unknown-feild\n"),
        ),
    ]);
    let (run, rules) = check(dir.path(), &["a.md"]);
    assert_eq!(rules, Vec::<(String, String)>::new());
    assert_eq!(run.code, 0);

    let (run, _) = check(dir.path(), &["b.md"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<(u64, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "field-type")
        .map(|f| (f["line"].as_u64().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                5,
                "`budget-total` is an error and cannot be allowed in a proposal; fix what it reports"
            ),
            (
                6,
                "unknown rule `unknown-feild` in `grantctl.allow`; did you mean `unknown-field`?"
            ),
        ]
    );
    assert_eq!(run.code, 1);

    // The repository's escalation wins over a proposal's allow.
    let (run, rules) = check(dir.path(), &["--escalate", "unknown-field", "a.md"]);
    assert_eq!(rules, pairs(&[("unknown-field", "error")]));
    assert_eq!(run.code, 1);
}

#[test]
fn compare_counts_what_the_policy_leaves() {
    let dir = folder(&[
        ("grantctl.yaml", "ignore: [missing-section]\n"),
        ("a.md", &proposal("colour: blue\n")),
    ]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "csv", "a.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = run.stdout.lines().nth(1).unwrap();
    assert!(row.contains(",0,1,"), "0 errors, 1 warning: {row}");
}
