//! `compare`: every format over the seeds, sorting, `--output`, folders
//! with broken proposals and READMEs, and thread-independence.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{Grantctl, Run, folder, grantctl, grantctl_in};

/// The contract's columns (§4, v1.3) with the default rubric.
pub(crate) const HEADER: [&str; 21] = [
    "file",
    "id",
    "title",
    "applicant",
    "currency",
    "goal",
    "minimum",
    "budget_total",
    "budget_ok",
    "premortem_score",
    "track_record_score",
    "total_score",
    "errors",
    "warnings",
    "budget_low",
    "budget_high",
    "raised",
    "other_sources",
    "levels",
    "round",
    "causes",
];

const VALID: &str = "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n\n## Track record\n\nNone yet.\n\n## Premortem\n\nNone.\n";

/// CSV stdout as the header and the records.
fn csv_of(run: &Run) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let records = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, records)
}

fn column<'a>(records: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let index = HEADER.iter().position(|h| *h == name).unwrap();
    records.iter().map(|r| r[index].as_str()).collect()
}

#[test]
fn csv_ranks_the_seeds_with_exact_goals_and_verdicts() {
    let run = grantctl(&["compare", "--format", "csv", "proposals/"]);
    assert_eq!(
        run.code, 1,
        "MATS has no goal and no budget: {}",
        run.stderr
    );
    assert_eq!(run.stderr, "");
    let (header, records) = csv_of(&run);
    assert_eq!(header, HEADER);
    // Sound budgets first, then by score: MATS (40) has no budget, so it
    // comes after the three that can be funded as written.
    assert_eq!(
        column(&records, "id"),
        [
            "apart-research",
            "apart-hackathons",
            "whitebox-research",
            "mats"
        ]
    );
    assert_eq!(column(&records, "goal"), ["248000", "50000", "73460", ""]);
    assert_eq!(column(&records, "minimum"), ["", "", "34700", ""]);
    assert_eq!(
        column(&records, "budget_total"),
        ["248000", "50000", "73460", ""]
    );
    assert_eq!(
        column(&records, "budget_ok"),
        ["true", "true", "true", "false"]
    );
    assert_eq!(column(&records, "total_score"), ["93", "25", "23", "40"]);
    assert_eq!(
        column(&records, "premortem_score"),
        ["100", "40", "30", "70"]
    );
    assert_eq!(column(&records, "errors"), ["0", "0", "0", "2"]);
    assert_eq!(column(&records, "currency"), ["USD"; 4]);
    assert_eq!(
        column(&records, "applicant")[1],
        "Apart Research; Esben Kran; Fazl Barez"
    );
    // The v1.3 columns: bounds equal for an exact budget, `raised` as written.
    assert_eq!(
        column(&records, "budget_low"),
        ["248000", "50000", "73460", ""]
    );
    assert_eq!(
        column(&records, "budget_high"),
        ["248000", "50000", "73460", ""]
    );
}

#[test]
fn json_rows_carry_the_columns_as_typed_values_and_the_evidence() {
    let run = grantctl(&["compare", "--format", "json", "proposals/"]);
    assert_eq!(run.code, 1);
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    // The columns in §4 order, `budget_low` and `budget_high` after `warnings` (v1.3).
    let mut keys: Vec<&str> = HEADER.to_vec();
    keys.push("scores");
    for row in rows {
        let mut got: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = keys.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }
    // Keys come in the contract's column order.
    let first = run.stdout.find("\"file\"").unwrap();
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| first + run.stdout[first..].find(&format!("\"{k}\"")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    let apart = &rows[0];
    assert_eq!(apart["id"], "apart-research");
    assert_eq!(apart["goal"], json!(248000));
    assert_eq!(apart["minimum"], Value::Null);
    assert_eq!(apart["budget_ok"], json!(true));
    assert_eq!(apart["budget_low"], json!(248000));
    assert_eq!(apart["budget_high"], json!(248000));
    let mats = &rows[3];
    assert_eq!(
        (mats["goal"].clone(), mats["budget_ok"].clone()),
        (Value::Null, json!(false))
    );
    let premortem = apart["scores"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "premortem")
        .unwrap();
    assert_eq!(premortem["score"], json!(100));
    let risks = &premortem["criteria"][0];
    assert_eq!(
        (risks["name"].as_str(), risks["possible"].as_u64()),
        (Some("risks"), Some(100))
    );
    let evidence = &risks["evidence"][0];
    assert_eq!(evidence["line"], json!(91));
    assert_eq!(evidence["text"], "Info-hazards");
}

#[test]
fn json_amounts_are_exact_decimals() {
    let text = VALID
        .replace("goal: 100", "goal: \"1,234,567,890.15\"")
        .replace("amount: 100", "amount: 1234567890.15");
    let dir = folder(&[("p.md", &text)]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "json", "."]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("\"goal\": 1234567890.15,"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"budget_total\": 1234567890.15,"));
}

#[test]
fn markdown_is_a_table_with_one_row_per_proposal() {
    let run = grantctl(&["compare", "--format", "markdown", "proposals/"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2 + 4);
    assert_eq!(lines[0], format!("| {} |", HEADER.join(" | ")));
    assert_eq!(
        lines[1],
        "| --- | --- | --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: \
         | ---: | ---: | ---: | ---: | --- | --- | --- |"
    );
    for line in &lines[2..] {
        assert!(line.starts_with("| ") && line.ends_with(" |"), "{line}");
        assert_eq!(line.matches(" | ").count(), 20, "{line}");
    }
    assert!(lines[2].contains("| $248,000 | — | $248,000 | ✓ | 100 | 86 | 93 | 0 | 0 |"));
    assert!(lines[5].starts_with("| proposals/mats.md | mats |"));
}

#[test]
fn markdown_escapes_pipes_in_cells() {
    let dir = folder(&[("p.md", &VALID.replace("title: T", "title: \"A | B\""))]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "markdown", "."]);
    assert!(run.stdout.contains("| A \\| B |"), "{}", run.stdout);
}

#[test]
fn table_shows_amounts_with_currency_and_the_verdict() {
    let run = grantctl(&["compare", "proposals/"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("file "), "{}", run.stdout);
    let apart = lines
        .iter()
        .find(|l| l.contains("apart-research.md"))
        .unwrap();
    assert!(apart.contains("$248,000") && apart.contains('✓'), "{apart}");
    let mats = lines.iter().find(|l| l.contains("mats.md")).unwrap();
    assert!(mats.contains('✗'), "{mats}");
    // Ranked: sound budgets first, Apart (93) above the hackathons (25)
    // above WhiteBox (23), then MATS (40), which has no budget.
    let order: Vec<usize> = ["apart-research", "apart-hackathons", "whitebox", "mats"]
        .iter()
        .map(|id| lines.iter().position(|l| l.contains(id)).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn sorts_by_any_column_with_missing_values_last() {
    let ids = |args: &[&str]| {
        let mut all = vec!["compare", "--format", "csv", "proposals/"];
        all.extend_from_slice(args);
        let run = grantctl(&all);
        let (_, records) = csv_of(&run);
        column(&records, "id").join(",")
    };
    assert_eq!(
        ids(&["--sort", "goal"]),
        "apart-research,whitebox-research,apart-hackathons,mats"
    );
    assert_eq!(
        ids(&["--sort", "goal", "--reverse"]),
        "apart-hackathons,whitebox-research,apart-research,mats"
    );
    assert_eq!(
        ids(&["--sort", "id"]),
        "apart-hackathons,apart-research,mats,whitebox-research"
    );
    assert_eq!(
        ids(&["--sort", "total_score", "--reverse"]),
        "whitebox-research,apart-hackathons,mats,apart-research"
    );
}

#[test]
fn ties_are_broken_by_id_in_either_direction() {
    let dir = folder(&[
        ("x.md", VALID),
        ("y.md", VALID),
        (
            "a.md",
            &VALID.replace("goal: 100", "goal: 100\n  minimum: 5"),
        ),
    ]);
    // x.md and y.md tie on everything but id; ids go A to Z both ways.
    for reverse in [false, true] {
        let mut args = vec!["compare", "--format", "csv", "--sort", "total_score"];
        if reverse {
            args.push("--reverse");
        }
        args.push(".");
        let run = grantctl_in(dir.path(), &args);
        let (_, records) = csv_of(&run);
        assert_eq!(
            column(&records, "id"),
            ["a", "x", "y"],
            "reverse: {reverse}"
        );
    }
}

#[test]
fn rejects_an_unknown_sort_column() {
    let run = grantctl(&["compare", "--sort", "budget", "proposals/"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown column `budget` for --sort; columns are file,"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("budget_total"),
        "lists the choices: {}",
        run.stderr
    );
}

#[test]
fn output_writes_the_same_bytes_as_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("round.csv");
    let target = target.to_str().unwrap();
    let written = grantctl(&[
        "compare",
        "--format",
        "csv",
        "--output",
        target,
        "proposals/",
    ]);
    assert_eq!((written.code, written.stdout.as_str()), (1, ""));
    let printed = grantctl(&["compare", "--format", "csv", "proposals/"]);
    assert_eq!(fs::read_to_string(target).unwrap(), printed.stdout);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["round.csv"], "no temporary file is left behind");
}

#[test]
fn output_is_untouched_when_the_run_fails() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.csv");
    let run = grantctl(&[
        "compare",
        "--output",
        fresh.to_str().unwrap(),
        "no-such-folder/",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("path `no-such-folder/` does not exist"),
        "{}",
        run.stderr
    );
    assert!(!fresh.exists());

    let existing = dir.path().join("existing.csv");
    fs::write(&existing, "old contents\n").unwrap();
    let bad_rubric = dir.path().join("bad.yaml");
    fs::write(&bad_rubric, "sections: 3\n").unwrap();
    let run = grantctl(&[
        "compare",
        "--rubric",
        bad_rubric.to_str().unwrap(),
        "--output",
        existing.to_str().unwrap(),
        "proposals/",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(fs::read_to_string(&existing).unwrap(), "old contents\n");
    let unwritable = dir.path().join("no-such-dir").join("out.csv");
    let run = grantctl(&[
        "compare",
        "--output",
        unwritable.to_str().unwrap(),
        "proposals/",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!(
            "grantctl: error: failed to write `{}`: No such file or directory (os error 2)\n",
            unwritable.display()
        )
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "only existing.csv and bad.yaml"
    );
}

#[test]
fn output_never_replaces_a_proposal() {
    let dir = folder(&[("p.md", VALID)]);
    let run = grantctl_in(dir.path(), &["compare", "--output", "p.md", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("refusing to write `p.md`: it is one of the proposals being compared"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_to_string(dir.path().join("p.md")).unwrap(), VALID);
}

#[test]
fn a_broken_proposal_gets_a_row_and_a_readme_is_skipped() {
    let dir = folder(&[
        (
            "README.md",
            "# Proposals for the spring round\n\nOne file per application.\n",
        ),
        ("good.md", VALID),
        (
            "broken.md",
            "---\ntitle: [unclosed\n---\n\n## Premortem\n\nNone.\n",
        ),
        ("sub/readme.md", &VALID.replace("title: T", "title: Sub")),
    ]);
    let run = grantctl_in(
        dir.path(),
        &["compare", "--format", "csv", "--sort", "id", "."],
    );
    assert_eq!(run.code, 1);
    let (_, records) = csv_of(&run);
    assert_eq!(column(&records, "id"), ["broken", "good", "readme"]);
    assert_eq!(column(&records, "title"), ["", "T", "Sub"]);
    assert_eq!(column(&records, "errors"), ["1", "0", "0"]);
    assert_eq!(column(&records, "budget_ok"), ["false", "true", "true"]);
    assert_eq!(column(&records, "goal"), ["", "100", "100"]);
    // check agrees: the README is not a proposal, but named directly it is.
    let check = grantctl_in(dir.path(), &["check", "--format", "json", "."]);
    assert!(!check.stdout.contains("README.md"), "{}", check.stdout);
    let named = grantctl_in(dir.path(), &["check", "--format", "json", "README.md"]);
    assert!(
        named.stdout.contains("\"rule\": \"frontmatter\""),
        "{}",
        named.stdout
    );
}

#[test]
fn an_empty_folder_is_a_note_and_a_header() {
    let dir = folder(&[("notes.txt", "not a proposal")]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "csv", "."]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, format!("{}\n", HEADER.join(",")));
    assert_eq!(
        run.stderr,
        "note: no proposals (`*.md` files) found in `.`\n"
    );
}

#[test]
fn deny_warnings_counts_warnings() {
    let dir = folder(&[("p.md", &VALID.replace("title: T", "title: T\nsubtitle: S"))]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "csv", "."]);
    assert_eq!(run.code, 0);
    assert_eq!(column(&csv_of(&run).1, "warnings"), ["1"]);
    let run = grantctl_in(dir.path(), &["compare", "--deny-warnings", "."]);
    assert_eq!(run.code, 1);
}

#[test]
fn the_result_does_not_depend_on_the_thread_count() {
    for format in ["json", "csv", "table"] {
        let one = grantctl(&[
            "compare",
            "--format",
            format,
            "--threads",
            "1",
            "proposals/",
            "examples/",
        ]);
        let four = grantctl(&[
            "compare",
            "--format",
            format,
            "--threads",
            "4",
            "proposals/",
            "examples/",
        ]);
        assert_eq!(one.stdout, four.stdout, "{format}");
        assert_eq!(one.code, four.code);
        assert!(one.stdout.lines().count() > 18, "{format}: {}", one.stdout);
    }
    let one = grantctl(&["check", "--format", "json", "-j", "1", "examples/"]);
    let four = grantctl(&["check", "--format", "json", "-j", "4", "examples/"]);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn a_file_named_directly_is_compared_whatever_its_extension() {
    let dir = folder(&[("p.txt", VALID)]);
    let path = Path::new("p.txt").to_str().unwrap();
    let run = grantctl_in(dir.path(), &["compare", "--format", "csv", path]);
    assert_eq!(column(&csv_of(&run).1, "id"), ["p"]);
}

/// On a terminal the progress bar draws from worker threads; it once
/// deadlocked against a stderr lock held by the main thread. Runs compare
/// under `script`, which gives it a terminal, and fails if it does not finish.
#[test]
fn progress_on_a_terminal_does_not_hang_or_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("proposals");
    let filler = "\nWe ran 3 workshops for 40 people; the risk is that 12 may leave.\n".repeat(200);
    for i in 0..500 {
        for seed in fs::read_dir(&seeds).unwrap() {
            let seed = seed.unwrap().path();
            let name = format!("{i:03}-{}", seed.file_name().unwrap().to_str().unwrap());
            // Padded so the run outlasts the half second before the bar
            // shows, however fast the machine.
            let text = fs::read_to_string(&seed).unwrap() + &filler;
            fs::write(dir.path().join(name), text).unwrap();
        }
    }
    let args = [
        "compare",
        "--format",
        "csv",
        "--threads",
        "1",
        "--output",
        "out.csv",
        ".",
    ];
    let Some(mut script) = Grantctl::new(&args).cwd(dir.path()).on_a_terminal() else {
        return;
    };
    let mut child = script.stdout(std::process::Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("compare on a terminal did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(1), "the MATS copies have errors");
    let mut terminal = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut terminal).unwrap();
    assert!(
        terminal.contains("proposals, eta"),
        "the bar was drawn: {terminal:?}"
    );
    let csv = fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 2000);
    assert!(
        !csv.contains("proposals, eta"),
        "the bar never reaches the output"
    );
}

/// A funder's rubric that scores more sections gets one `<key>_score`
/// column per section after `warnings` (§4 v1.3), in every format, and
/// `--sort` takes it.
#[test]
fn a_rubrics_other_sections_are_score_columns_after_warnings() {
    let rubric = "name: fund\nsections:\n  - key: summary\n    headings: [\"project summary\"]\n    criteria:\n      - {kind: words, min: 40, points: 10}\n  - key: premortem\n    headings: [\"premortem\"]\n    criteria:\n      - {kind: risks, target: 4, points: 60}\n  - key: goals\n    headings: [\"goals\"]\n    criteria:\n      - {kind: list_items, target: 3, points: 10}\n";
    let short = "---\ntitle: S\nfunding:\n  goal: 10\nbudget:\n  - item: A\n    amount: 10\n---\n\n## Project summary\n\nA short summary.\n\n## Goals\n\n- one\n- two\n- three\n";
    let long = "---\ntitle: L\nfunding:\n  goal: 10\nbudget:\n  - item: A\n    amount: 10\n---\n\n## Project summary\n\nA census of every group working on evaluation, with who funds them, what they publish, where they hire, how large they are and which methods they use; repeated yearly so that trends show, published openly with its data and code, and reviewed by two outside readers before release.\n";
    let dir = folder(&[
        ("fund.yaml", rubric),
        ("short.md", short),
        ("long.md", long),
    ]);
    let run = |args: &[&str]| {
        let mut all = vec!["compare", "--rubric", "fund.yaml"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["short.md", "long.md"]);
        grantctl_in(dir.path(), &all)
    };
    let csv = run(&["--format", "csv", "--sort", "summary_score"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(
        lines[0].ends_with(
            "errors,warnings,summary_score,goals_score,budget_low,budget_high,raised,other_sources,levels,round,causes"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("long.md,") && lines[1].contains(",0,2,100,0,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("short.md,") && lines[2].contains(",0,1,8,100,"),
        "{}",
        lines[2]
    );
    let by_goals = run(&["--format", "csv", "--sort", "goals_score"]);
    assert!(
        by_goals
            .stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("short.md,")
    );
    let json = run(&["--format", "json"]);
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows[0]["goals_score"], json!(100), "{}", json.stdout);
    assert_eq!(rows[0]["summary_score"], json!(8));
    let markdown = run(&["--format", "markdown"]);
    assert!(
        markdown
            .stdout
            .lines()
            .next()
            .unwrap()
            .contains("| warnings | summary_score | goals_score | budget_low |")
    );
    let table = run(&["--format", "table"]);
    assert!(
        table.stdout.lines().next().unwrap().contains("summary"),
        "{}",
        table.stdout
    );
    let unknown = run(&["--sort", "harms_score"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("unknown column `harms_score` for --sort; columns are file, id,"),
        "{}",
        unknown.stderr
    );
}
