//! Reviews (§5, issue 18) through the binary: the four review columns in
//! `compare`, `grantctl reviews`, and every kind of bad review file.

use serde_json::Value;

use crate::{folder, grantctl, grantctl_in};

const VALID: &str = "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n\n## Premortem\n\nNone.\n";

#[test]
fn compare_shows_raw_beside_calibrated_for_the_bundled_round() {
    let run = grantctl(&[
        "compare",
        "--format",
        "csv",
        "--columns",
        "id,reviews,review_mean,review_score,review_spread",
        "--reviews",
        "examples/reviews/",
        "proposals/",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "id,reviews,review_mean,review_score,review_spread"
    );
    // A mean of 8, 6 and 9 is written unrounded; calibration moves it.
    let apart: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("apart-research,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(&apart[..3], ["apart-research", "3", "7.666666666666667"]);
    assert_eq!(apart[4], "3");
    let calibrated: f64 = apart[3].parse().unwrap();
    assert!((calibrated - 7.666666666666667).abs() > 0.1, "{calibrated}");
    // Every format has the four columns after the others, and they sort.
    let all = grantctl(&[
        "compare",
        "--format",
        "csv",
        "--reviews",
        "examples/reviews/",
        "proposals/",
    ]);
    assert!(
        all.stdout
            .lines()
            .next()
            .unwrap()
            .ends_with(",causes,reviews,review_mean,review_score,review_spread")
    );
    let json = grantctl(&[
        "compare",
        "--format",
        "json",
        "--reviews",
        "examples/reviews/",
        "--sort",
        "review_score",
        "proposals/",
    ]);
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    let scores: Vec<f64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["review_score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(rows[0]["reviews"], 3);
    let table = grantctl(&["compare", "--reviews", "examples/reviews/", "proposals/"]);
    assert!(
        table.stdout.contains("review") && table.stdout.contains("7.67"),
        "{}",
        table.stdout
    );
    // Without --reviews there are no review columns to sort by.
    let none = grantctl(&["compare", "--sort", "review_score", "proposals/"]);
    assert_eq!(none.code, 2);
    assert!(
        none.stderr.contains("unknown column `review_score`"),
        "{}",
        none.stderr
    );
}

#[test]
fn the_reviews_command_prints_offsets_alpha_and_disputes() {
    let run = grantctl(&[
        "reviews",
        "proposals/",
        "--reviews",
        "examples/reviews/",
        "--bar",
        "6",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with("reviewer  offset  reviews  mean  group\n"),
        "{out}"
    );
    assert!(out.contains("Krippendorff's alpha (interval): 0."), "{out}");
    assert!(out.contains("connected: every reviewer's offset"), "{out}");
    assert!(out.contains("most disputed:"), "{out}");
    assert!(
        out.contains(
            "split at 6 (reviewers on both sides): apart-hackathons, mats, whitebox-research"
        ),
        "{out}"
    );
    let json = grantctl(&[
        "reviews",
        "proposals/",
        "--reviews",
        "examples/reviews/",
        "--format",
        "json",
    ]);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    let alpha = value["alpha"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&alpha), "{alpha}");
    assert_eq!(value["connected"], true);
    let offsets: Vec<f64> = value["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["offset"].as_f64().unwrap())
        .collect();
    assert_eq!(offsets.len(), 4);
    // Centred: the offsets, weighted by confidence over the reviews, sum to 0.
    assert!(
        offsets.iter().any(|o| *o > 0.5) && offsets.iter().any(|o| *o < -0.5),
        "{offsets:?}"
    );
    let csv = grantctl(&[
        "reviews",
        "proposals/",
        "--reviews",
        "examples/reviews/",
        "--format",
        "csv",
    ]);
    assert!(
        csv.stdout
            .starts_with("reviewer,offset,reviews,mean,group\nana,"),
        "{}",
        csv.stdout
    );
    let missing = grantctl(&["reviews", "proposals/"]);
    assert_eq!(missing.code, 2);
}

#[test]
fn a_disconnected_round_is_reported() {
    let dir = folder(&[
        ("a.md", VALID),
        ("b.md", VALID),
        ("c.md", VALID),
        (
            "r.csv",
            "reviewer,proposal,score\nx,a,5\ny,a,7\nx,b,4\nz,c,9\n",
        ),
    ]);
    let run = grantctl_in(dir.path(), &["reviews", ".", "--reviews", "r.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("not connected: 2 separate groups"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_review_files_are_errors_at_their_line() {
    let cases = [
        (
            "reviewer,proposal,score\nana,a,3\nana,nope,4\n",
            "r.csv:3: no proposal in this run has the id `nope`",
        ),
        (
            "reviewer,proposal,score\nana,a,3\nana,a,4\n",
            "r.csv:3: `ana` already scored `a` at line 2",
        ),
        (
            "reviewer,proposal,score\nana,a,three\n",
            "r.csv:2: score `three` is not a finite number",
        ),
        (
            "reviewer,proposal,score\nana,a,inf\n",
            "r.csv:2: score `inf` is not a finite number",
        ),
        (
            "reviewer,proposal,score,confidence\nana,a,3,-1\n",
            "r.csv:2: confidence `-1` is not a number above 0",
        ),
        ("reviewer,score\nana,3\n", "r.csv:1: no `proposal` column"),
        ("", "r.csv:1: the file is empty"),
    ];
    for (text, expected) in cases {
        let dir = folder(&[("a.md", VALID), ("r.csv", text)]);
        for command in ["compare", "check", "reviews"] {
            let run = grantctl_in(dir.path(), &[command, "--reviews", "r.csv", "a.md"]);
            assert_eq!(run.code, 2, "{command} {text:?}: {}", run.stdout);
            assert!(
                run.stderr.contains(expected),
                "{command}: {} (wanted {expected})",
                run.stderr
            );
        }
    }
}

#[test]
fn pairs_across_files_and_spreadsheet_csv() {
    // Two files naming the same pair: the later one is reported.
    let dir = folder(&[
        ("a.md", VALID),
        ("one.csv", "reviewer,proposal,score\nana,a,3\n"),
        ("two.csv", "reviewer,proposal,score\nben,a,5\nana,a,4\n"),
    ]);
    let run = grantctl_in(
        dir.path(),
        &[
            "compare",
            "--reviews",
            "one.csv",
            "--reviews",
            "two.csv",
            "a.md",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("two.csv:3: `ana` already scored `a` at one.csv:2"),
        "{}",
        run.stderr
    );
    // A spreadsheet's BOM and CRLF are read like any CSV.
    let dir = folder(&[
        ("a.md", VALID),
        (
            "r.csv",
            "\u{feff}proposal,score,reviewer\r\na,3,ana\r\na,5,ben\r\n",
        ),
    ]);
    let run = grantctl_in(
        dir.path(),
        &[
            "compare",
            "--format",
            "csv",
            "--columns",
            "id,reviews,review_mean",
            "--reviews",
            "r.csv",
            "a.md",
        ],
    );
    assert_eq!(
        run.stdout, "id,reviews,review_mean\na,2,4\n",
        "{}",
        run.stderr
    );
}
