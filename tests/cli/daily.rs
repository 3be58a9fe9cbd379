//! Issue 17: what a grantmaker, an applicant and a repository maintainer
//! tripped on in daily use — the table on a real terminal, output formats
//! from file names, sorting and filtering, CI annotations past GitHub's
//! cap, and empty runs that still print their shape.

use std::fs;

use serde_json::Value;

use crate::{Grantctl, folder, grantctl, grantctl_in};

/// A proposal with goal `goal`, budget lines adding to `total`, and `extra`
/// front matter.
fn proposal(title: &str, goal: u32, total: u32, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\n{extra}funding:\n  goal: {goal}\nbudget:\n  - item: Work\n    amount: {total}\n---\n\n## Track record\n\nNone yet.\n\n## Premortem\n\nNone.\n"
    )
}

/// `compare proposals/` on a terminal `width` columns wide: stdout's
/// lines (without the carriage returns a terminal adds).
fn table_at(width: u16) -> Option<Vec<String>> {
    let output = Grantctl::new(&["compare", "proposals/"])
        .on_a_terminal_of(width)?
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap().replace('\r', "");
    Some(text.lines().map(String::from).collect())
}

#[test]
fn the_table_fits_80_120_and_200_columns_one_line_per_row_with_whole_ids() {
    for width in [80, 120, 200] {
        let Some(lines) = table_at(width) else {
            return;
        };
        let note = &lines[0];
        assert!(note.starts_with("note: left out "), "{width}: {note}");
        assert!(note.contains(&format!("to fit {width} columns")), "{note}");
        let table = &lines[1..];
        for line in table {
            assert!(
                line.chars().count() <= usize::from(width),
                "{width}: {} > {width}: {line}",
                line.chars().count()
            );
        }
        // One line per proposal, each with its whole id, in ranked order.
        for id in [
            "apart-research",
            "apart-hackathons",
            "whitebox-research",
            "mats",
        ] {
            let rows: Vec<&String> = table
                .iter()
                .filter(|l| l.starts_with(&format!("{id} ")))
                .collect();
            assert_eq!(rows.len(), 1, "{width}: {id} in {table:#?}");
        }
        let ids: Vec<&str> = table
            .iter()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| {
                [
                    "apart-research",
                    "apart-hackathons",
                    "whitebox-research",
                    "mats",
                ]
                .contains(w)
            })
            .collect();
        assert_eq!(
            ids,
            [
                "apart-research",
                "apart-hackathons",
                "whitebox-research",
                "mats"
            ]
        );
    }
    // At 80 the file (it repeats the id) goes first; at 200 only it goes.
    let wide = table_at(200).unwrap();
    assert!(
        wide[0].starts_with("note: left out file to fit 200 columns"),
        "{}",
        wide[0]
    );
    assert!(wide[1].contains("applicant"), "{}", wide[1]);
}

#[test]
fn columns_chooses_the_columns_in_every_format() {
    let csv = grantctl(&[
        "compare",
        "--format",
        "csv",
        "--columns",
        "id,total_score,budget_ok",
        "proposals/",
    ]);
    assert_eq!(
        csv.stdout,
        "id,total_score,budget_ok\napart-research,93,true\napart-hackathons,25,true\nwhitebox-research,23,true\nmats,40,false\n"
    );
    let json = grantctl(&[
        "compare",
        "--format",
        "json",
        "--columns",
        "id,levels",
        "proposals/",
    ]);
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    let keys: Vec<&String> = rows[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "levels", "scores"]);
    assert_eq!(rows[0]["levels"], "164000;248000");
    let table = grantctl(&["compare", "--columns", "id,goal", "proposals/"]);
    assert!(table.stdout.starts_with("id "), "{}", table.stdout);
    assert!(
        table.stdout.contains("apart-research     $248,000"),
        "{}",
        table.stdout
    );
    let unknown = grantctl(&["compare", "--columns", "id,scroe", "proposals/"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("unknown column `scroe` for --columns"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_v1_3_columns_carry_what_a_decision_needs() {
    let text = "---\ntitle: Tiered\nround: Spring 2026\ncauses: [AI safety, Biosecurity]\nfunding:\n  goal: 120000\n  raised: 5000\n  other_sources:\n    - source: University\n      amount: 20000\n    - source: Lab\n      amount: 10000\nbudget:\n  - item: Core\n    amount: 100000\n  - item: Extension\n    amount: 50000\n    tier: 2\n---\n\n## Premortem\n\nNone.\n";
    let ranged = "---\ntitle: Ranged\nfunding:\n  goal: 200000\nbudget:\n  - item: Hire\n    amount: \"$150k - $250k\"\n---\n";
    let dir = folder(&[("tiered.md", text), ("ranged.md", ranged)]);
    let run = grantctl_in(
        dir.path(),
        &["compare", "--format", "csv", "--sort", "id", "."],
    );
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let cell = |row: usize, name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        records[row][i].clone()
    };
    assert_eq!(header, crate::compare::HEADER);
    // ranged.md: a ranged budget has no total but both bounds.
    assert_eq!(
        (
            cell(0, "budget_total"),
            cell(0, "budget_low"),
            cell(0, "budget_high")
        ),
        (String::new(), "150000".into(), "250000".into())
    );
    assert_eq!(cell(1, "raised"), "5000");
    assert_eq!(cell(1, "other_sources"), "30000");
    assert_eq!(cell(1, "levels"), "100000;150000");
    assert_eq!(cell(1, "round"), "Spring 2026");
    assert_eq!(cell(1, "causes"), "AI safety;Biosecurity");
    assert_eq!(cell(0, "levels"), "");
    // Every v1.3 column sorts.
    let by_raised = grantctl_in(
        dir.path(),
        &[
            "compare",
            "--format",
            "csv",
            "--columns",
            "id",
            "--sort",
            "raised",
            ".",
        ],
    );
    assert_eq!(by_raised.stdout, "id\ntiered\nranged\n");
}

#[test]
fn output_format_follows_the_file_name_and_a_contradiction_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = crate::root().to_str().unwrap().to_string();
    let proposals = format!("{root}/proposals/");
    for (name, starts) in [
        ("round.csv", "file,id,"),
        ("round.json", "["),
        ("round.md", "| file |"),
        ("ROUND.CSV", "file,id,"),
        ("round.txt", "file "),
    ] {
        let out = dir.path().join(name);
        let run = grantctl(&["compare", "-o", out.to_str().unwrap(), &proposals]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let written = fs::read_to_string(&out).unwrap();
        assert!(written.starts_with(starts), "{name}: {written}");
    }
    for (name, starts) in [
        ("findings.sarif", "{\n  \"$schema\""),
        ("findings.json", "["),
    ] {
        let out = dir.path().join(name);
        let run = grantctl(&["check", "-o", out.to_str().unwrap(), &proposals]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert_eq!(run.stdout, "");
        let written = fs::read_to_string(&out).unwrap();
        assert!(written.starts_with(starts), "{name}: {written}");
    }
    let sarif = fs::read_to_string(dir.path().join("findings.sarif")).unwrap();
    assert!(sarif.contains("\"version\": \"2.1.0\""));
    // `--format` and the name disagree: refused, and nothing is written.
    let out = dir.path().join("clash.csv");
    let run = grantctl(&[
        "compare",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
        &proposals,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--format json contradicts the output file"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    // They agree, or the name implies nothing: `--format` stands.
    let out = dir.path().join("agree.csv");
    assert_eq!(
        grantctl(&[
            "compare",
            "--format",
            "csv",
            "-o",
            out.to_str().unwrap(),
            &proposals
        ])
        .code,
        1
    );
    let out = dir.path().join("table.out");
    grantctl(&[
        "compare",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
        &proposals,
    ]);
    assert!(fs::read_to_string(&out).unwrap().starts_with('['));
}

#[test]
fn sorting_by_several_keys_and_filtering_the_common_cuts() {
    let dir = folder(&[
        ("a.md", &proposal("A", 100, 100, "")),
        ("b.md", &proposal("B", 100, 90, "")),
        ("c.md", &proposal("C", 100, 100, "")),
    ]);
    let ids = |args: &[&str]| {
        let mut all = vec!["compare", "--format", "csv", "--columns", "id"];
        all.extend_from_slice(args);
        all.push(".");
        let run = grantctl_in(dir.path(), &all);
        run.stdout
            .lines()
            .skip(1)
            .map(String::from)
            .collect::<Vec<_>>()
    };
    // Default: sound budgets first (b's does not add up), then by score, then id.
    assert_eq!(ids(&[]), ["a", "c", "b"]);
    assert_eq!(
        ids(&["--sort", "budget_ok,id", "--reverse"]),
        ["b", "c", "a"]
    );
    assert_eq!(ids(&["--sort", "errors,id"]), ["b", "a", "c"]);
    assert_eq!(ids(&["--only", "budget-ok"]), ["a", "c"]);
    assert_eq!(ids(&["--only", "no-errors"]), ["a", "c"]);
    assert_eq!(ids(&["--min-score", "1"]), Vec::<String>::new());
    assert_eq!(
        ids(&["--min-score", "0", "--only", "budget-ok"]),
        ["a", "c"]
    );
    // The exit status still counts what was filtered out.
    let run = grantctl_in(
        dir.path(),
        &["compare", "--format", "csv", "--only", "budget-ok", "."],
    );
    assert_eq!(run.code, 1);
    let bad = grantctl_in(dir.path(), &["compare", "--sort", "budget_ok,nope", "."]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown column `nope` for --sort"),
        "{}",
        bad.stderr
    );
}

/// `compare --format FORMAT --columns id,title,applicant --sort id` over
/// two proposals whose title and applicant are hostile to what reads them.
fn hostile_cells(format: &str, extra: &[&str]) -> String {
    let dir = folder(&[
        (
            "f.md",
            &proposal(
                "\"=HYPERLINK(\\\"http://x\\\")\"",
                100,
                100,
                "applicant: \"@SUM(A1)\"\n",
            ),
        ),
        (
            "m.md",
            &proposal(
                "\"<img src=x onerror=alert(1)> [click](http://evil) **bold**\"",
                100,
                100,
                "",
            ),
        ),
    ]);
    let mut args = vec![
        "compare",
        "--format",
        format,
        "--columns",
        "id,title,applicant",
        "--sort",
        "id",
    ];
    args.extend_from_slice(extra);
    args.push(".");
    grantctl_in(dir.path(), &args).stdout
}

#[test]
fn csv_safe_defuses_formulas_and_markdown_shows_titles_as_text() {
    let plain = hostile_cells("csv", &[]);
    assert!(
        plain.contains("\"=HYPERLINK(\"\"http://x\"\")\",@SUM(A1)"),
        "{plain}"
    );
    let safe = hostile_cells("csv", &["--csv-safe"]);
    assert!(
        safe.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1)"),
        "{safe}"
    );
    let markdown = hostile_cells("markdown", &[]);
    assert!(
        markdown.contains("| m | &lt;img src=x onerror=alert(1)&gt; \\[click\\](http://evil) \\*\\*bold\\*\\* | — |"),
        "{markdown}"
    );
    assert!(!markdown.contains("<img"));
}

#[test]
fn github_annotations_past_the_cap_end_with_a_summary_and_a_notice() {
    let broken: Vec<(String, String)> = (0..12)
        .map(|i| (format!("p{i:02}.md"), proposal("T", 100, 90, "")))
        .collect();
    let files: Vec<(&str, &str)> = broken
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = folder(&files);
    let run = grantctl_in(dir.path(), &["check", "--format", "github", "."]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        12
    );
    let n = lines.len();
    assert_eq!(lines[n - 2], "grantctl: 12 errors, 0 warnings in 12 files");
    assert!(
        lines[n - 1].starts_with("::notice title=grantctl::12 errors, 0 warnings in 12 files: GitHub annotates only the first 10 errors"),
        "{}",
        lines[n - 1]
    );
    assert!(lines[n - 1].contains("--format sarif"), "{}", lines[n - 1]);
}

#[test]
fn changed_files_come_first_with_changed_from() {
    let dir = folder(&[
        ("a.md", &proposal("A", 100, 90, "")),
        ("b.md", &proposal("B", 100, 90, "")),
        ("c.md", &proposal("C", 100, 90, "")),
    ]);
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir.path())
            .output();
        match status {
            Ok(o) if o.status.success() => true,
            Ok(o) => panic!("git {args:?}: {}", String::from_utf8_lossy(&o.stderr)),
            Err(_) => false,
        }
    };
    if !git(&["init", "-q"]) {
        crate::skip("`git` is not installed");
        return;
    }
    git(&["add", "."]);
    git(&["commit", "-qm", "first"]);
    fs::write(dir.path().join("c.md"), proposal("C2", 100, 80, "")).unwrap();
    let files = |args: &[&str]| {
        let mut all = vec!["check", "--format", "github"];
        all.extend_from_slice(args);
        all.push(".");
        let run = grantctl_in(dir.path(), &all);
        run.stdout
            .lines()
            .filter_map(|l| l.split("file=").nth(1)?.split(',').next().map(String::from))
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&[]), ["./a.md", "./b.md", "./c.md"]);
    assert_eq!(
        files(&["--changed-from", "HEAD"]),
        ["./c.md", "./a.md", "./b.md"]
    );
    let bad = grantctl_in(dir.path(), &["check", "--changed-from", "no-such-ref", "."]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("--changed-from no-such-ref: git diff failed"),
        "{}",
        bad.stderr
    );
}

#[test]
fn an_empty_folder_still_prints_each_data_formats_shape() {
    let dir = folder(&[("notes.txt", "not a proposal")]);
    let json = grantctl_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!((json.code, json.stdout.as_str()), (0, "[]\n"));
    let sarif = grantctl_in(dir.path(), &["check", "--format", "sarif", "."]);
    assert_eq!(sarif.code, 0);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
    let github = grantctl_in(dir.path(), &["check", "--format", "github", "."]);
    assert_eq!(github.stdout, "grantctl: 0 errors, 0 warnings in 0 files\n");
    let human = grantctl_in(dir.path(), &["check", "."]);
    assert_eq!(human.stdout, "");
    assert!(
        human.stderr.starts_with("note: no proposals"),
        "{}",
        human.stderr
    );
}

#[test]
fn duplicate_ids_are_errors_at_each_later_file_naming_the_first() {
    let given = proposal("Given", 100, 100, "id: mats\n");
    let named = proposal("Named", 100, 100, "");
    let dir = folder(&[
        ("a/mats.md", &named),
        ("b/mats.md", &named),
        ("c.md", &given),
        ("d.md", &proposal("Other", 100, 100, "")),
    ]);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let duplicates: Vec<(String, u64, Option<u64>, String)> = run
        .findings()
        .into_iter()
        .filter(|f| f.3 == "duplicate-id")
        .collect();
    assert_eq!(
        duplicates,
        [
            (
                "./b/mats.md".to_string(),
                1,
                None,
                "duplicate-id".to_string()
            ),
            ("./c.md".to_string(), 3, Some(1), "duplicate-id".to_string()),
        ]
    );
    assert!(
        run.stdout
            .contains("id `mats` is also the id of `./a/mats.md`, read first"),
        "{}",
        run.stdout
    );
    // compare counts it; one file alone has no duplicate.
    let csv = grantctl_in(
        dir.path(),
        &[
            "compare",
            "--format",
            "csv",
            "--columns",
            "file,errors",
            "--sort",
            "file",
            ".",
        ],
    );
    assert_eq!(
        csv.stdout,
        "file,errors\n./a/mats.md,0\n./b/mats.md,1\n./c.md,1\n./d.md,0\n"
    );
    assert_eq!(grantctl_in(dir.path(), &["check", "c.md"]).code, 0);
    // The policy applies to it like any rule.
    let ignored = grantctl_in(dir.path(), &["check", "--ignore", "duplicate-id", "."]);
    assert_eq!(ignored.code, 0, "{}", ignored.stdout);
}

#[test]
fn folder_walks_read_every_markdown_extension_in_any_case() {
    let text = proposal("T", 100, 100, "");
    let dir = folder(&[
        ("a.md", &text),
        ("b.MD", &text),
        ("c.markdown", &text),
        ("d.Markdown", &text),
        ("e.mdown", &text),
        ("f.txt", &text),
        (
            "README.markdown",
            "# Proposals\n\nThis folder holds the round.\n",
        ),
    ]);
    let run = grantctl_in(
        dir.path(),
        &[
            "compare",
            "--format",
            "csv",
            "--columns",
            "file",
            "--sort",
            "file",
            ".",
        ],
    );
    assert_eq!(
        run.stdout,
        "file\n./a.md\n./b.MD\n./c.markdown\n./d.Markdown\n./e.mdown\n"
    );
}

/// `check --format json` on one file holding `text`: (rule, message) of
/// each finding.
fn findings_of(text: &str) -> Vec<(String, String)> {
    let dir = folder(&[("p.md", text)]);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "p.md"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn empty_front_matter_lists_the_missing_fields() {
    for text in [
        "---\n---\n\n## Summary\n",
        "---\n# a comment\n\n---\nbody\n",
    ] {
        let found = findings_of(text);
        let missing: Vec<&str> = found
            .iter()
            .filter(|(rule, _)| rule == "missing-field")
            .map(|(_, m)| m.split('`').nth(1).unwrap())
            .collect();
        assert_eq!(missing, ["title", "funding.goal", "budget"], "{found:?}");
        assert!(
            !found.iter().any(|(rule, _)| rule == "frontmatter"),
            "{found:?}"
        );
    }
}

#[test]
fn yaml_mistakes_and_near_misses_get_a_sentence_of_help() {
    let tab = findings_of("---\ntitle: T\nfunding:\n\tgoal: 100\n---\n");
    assert!(
        tab[0]
            .1
            .contains("a tab where YAML needs spaces; indent with spaces"),
        "{tab:?}"
    );
    let colon = findings_of("---\ntitle: Re: the plan\n---\n");
    assert!(colon[0].1.contains("put the value in quotes"), "{colon:?}");
    let lines = "---\ntitle: T\ncurrency: usd\nfunding:\n  goal: 100\nbudget:\n  - item: a\n    qty: 2\n    unit_price: 50\n  - name: b\n    cost: 5\n    description: d\n    total: 3\n---\n";
    let found = findings_of(lines);
    for (field, meant) in [
        ("qty", "quantity"),
        ("unit_price", "unit_cost"),
        ("name", "item"),
        ("cost", "amount"),
        ("description", "note"),
        ("total", "amount"),
    ] {
        assert!(
            found
                .iter()
                .any(|(_, m)| m.starts_with(&format!("unknown field `{field}`"))
                    && m.ends_with(&format!("did you mean `{meant}`?"))),
            "{field}: {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(r, m)| r == "currency" && m.contains("did you mean `USD`?")),
        "{found:?}"
    );
    let gpb = findings_of(
        "---\ntitle: T\ncurrency: GPB\nfunding:\n  goal: 1\nbudget:\n  - item: a\n    amount: 1\n---\n",
    );
    assert!(
        gpb.iter()
            .any(|(_, m)| m == "unknown currency `GPB`; did you mean `GBP`?"),
        "{gpb:?}"
    );
    let config = folder(&[
        ("grantctl.yaml", "exlude: [drafts]\n"),
        ("p.md", &proposal("T", 1, 1, "")),
    ]);
    let run = grantctl_in(config.path(), &["check", "p.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `exclude`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn budget_messages_name_the_field_that_fits() {
    let over = findings_of(&proposal("T", 100, 150, ""));
    let message = &over.iter().find(|(r, _)| r == "budget-total").unwrap().1;
    assert!(
        message.contains(
            "(over by $50); if other funders cover the rest, list them in `funding.other_sources`"
        ),
        "{message}"
    );
    assert!(message.contains("`tier: 2`"), "{message}");
    let cents = findings_of(&proposal("T", 100, 100, "").replace("amount: 100", "amount: 99.97"));
    let message = &cents.iter().find(|(r, _)| r == "budget-total").unwrap().1;
    assert!(message.ends_with("(short by $0.03); if a figure was rounded by hand, `funding.tolerance` sets the difference allowed"), "{message}");
    let explained = grantctl(&["explain", "budget-total"]).stdout;
    let flat = explained.split_whitespace().collect::<Vec<_>>().join(" ");
    for field in ["`funding.other_sources`", "`funding.tolerance`", "`tier`"] {
        assert!(flat.contains(field), "{field}: {explained}");
    }
    assert!(!flat.contains("exactly"), "{explained}");
}

#[cfg(unix)]
#[test]
fn init_makes_a_file_others_can_read_and_warns_about_a_name_walks_skip() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let run = grantctl_in(dir.path(), &["init", "new.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = fs::metadata(dir.path().join("new.md"))
        .unwrap()
        .permissions()
        .mode();
    // The test's own umask decides; grantctl must not narrow it to 0600.
    assert_ne!(mode & 0o777, 0o600, "{mode:o}");
    assert_eq!(
        mode & 0o044,
        0o044,
        "others can read it under umask 022: {mode:o}"
    );
    let bare = grantctl_in(dir.path(), &["init", "draft"]);
    assert_eq!(bare.code, 0);
    assert!(
        bare.stderr
            .contains("warning: `draft` does not end in `.md`"),
        "{}",
        bare.stderr
    );
    let nowhere = grantctl_in(dir.path(), &["init", "new.md/x.md"]);
    assert_eq!(nowhere.code, 2);
    assert!(
        !nowhere.stderr.contains(".grantctl-init"),
        "{}",
        nowhere.stderr
    );
}

#[test]
fn the_settings_closest_to_the_files_apply_wherever_the_run_starts() {
    let failing = proposal("T", 100, 90, "");
    let dir = folder(&[
        ("repo/grantctl.yaml", "ignore: [budget-total]\n"),
        ("repo/proposals/x.md", &failing),
        ("other/y.md", &failing),
    ]);
    fs::create_dir(dir.path().join("repo/.git")).unwrap();
    // From the repository, from its parent and from inside its proposals:
    // the same file, the same settings, the same verdict, and said so.
    for (from, path, shown) in [
        ("repo", "proposals/x.md", "`grantctl.yaml`"),
        (".", "repo/proposals/x.md", "`repo/grantctl.yaml`"),
        ("repo/proposals", "x.md", "`../grantctl.yaml`"),
    ] {
        let run = grantctl_in(&dir.path().join(from), &["check", path]);
        assert_eq!(run.code, 0, "from {from}: {}", run.stdout);
        let applied = run.stdout.lines().last().unwrap_or_default();
        assert!(
            applied.starts_with("settings from "),
            "from {from}: {applied}"
        );
        if from != "repo/proposals" {
            assert!(applied.contains(shown), "from {from}: {applied}");
        }
    }
    // Files under different settings are not checked by one of them.
    let mixed = grantctl_in(dir.path(), &["check", "repo/proposals/x.md", "other/y.md"]);
    assert_eq!(mixed.code, 2);
    assert!(
        mixed.stderr.contains(
            "`repo/grantctl.yaml` governs `repo/proposals/x.md`, no grantctl.yaml governs `other/y.md`"
        ),
        "{}",
        mixed.stderr
    );
    let chosen = grantctl_in(
        dir.path(),
        &["check", "--no-config", "repo/proposals/x.md", "other/y.md"],
    );
    assert_eq!(chosen.code, 1);
}

#[test]
fn man_pages_say_what_clap_cannot_and_completions_offer_rule_ids() {
    let main = grantctl(&["man"]);
    assert_eq!(main.code, 0);
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
    ] {
        assert!(main.stdout.contains(section), "{section}");
    }
    assert!(main.stdout.contains("\\fBNO_COLOR\\fR"));
    assert!(main.stdout.contains("\\fBgrantctl.yaml\\fR"));
    // Every command grantctl(1) lists has a page, `help` included.
    let help = grantctl(&["man", "help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    assert!(
        help.stdout.contains(".TH grantctl-help 1"),
        "{}",
        help.stdout
    );
    // Completions offer the rule ids after `explain`; an unknown id still
    // gets explain's own suggestion.
    let bash = grantctl(&["completions", "bash"]).stdout;
    let explain = bash
        .lines()
        .skip_while(|l| !l.contains("grantctl__subcmd__explain)"))
        .nth(1)
        .unwrap();
    assert!(
        explain.contains("budget-total") && explain.contains("duplicate-id"),
        "{explain}"
    );
    let typo = grantctl(&["explain", "budget-totl"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `budget-total`?"),
        "{}",
        typo.stderr
    );
}
