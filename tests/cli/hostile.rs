//! Hostile inputs (issue 7): whatever a pull request holds, grantctl answers
//! with the documented finding or exit code, in bounded time and memory.
//! Every run here goes through `bounded::run_bounded`.

use std::fs;
use std::path::Path;

use crate::bounded::run_bounded;
use crate::messages_of;

const BODY: &str = "\n## Track record\n\nNone yet.\n\n## Premortem\n\nNone.\n";

/// A proposal whose only budget line is `amount`, goal 100.
fn with_amount(amount: &str) -> String {
    format!(
        "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: {amount}\n---\n{BODY}"
    )
}

/// A finding as (line, rule, message).
type Finding = (u64, String, String);

/// Writes `bytes` to `p.md` and checks it: the exit code and the findings.
fn check_bytes(bytes: &[u8], extra: &[&str]) -> (i32, Vec<Finding>) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), bytes).unwrap();
    check_path(dir.path(), "p.md", extra)
}

fn check_path(dir: &Path, target: &str, extra: &[&str]) -> (i32, Vec<Finding>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(target);
    let run = run_bounded(dir, &args);
    let rows = messages_of(&run.stdout, &run.stderr)
        .into_iter()
        .map(|(_, line, rule, message)| (line, rule, message))
        .collect();
    (run.code, rows)
}

/// Exactly one finding, at `line`, of `rule`, its message containing `part`.
#[track_caller]
fn one(bytes: &[u8], line: u64, rule: &str, part: &str) {
    let (code, rows) = check_bytes(bytes, &[]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (got_line, got_rule, message) = &rows[0];
    assert_eq!((*got_line, got_rule.as_str()), (line, rule), "{rows:?}");
    assert!(message.contains(part), "{message}");
    assert_eq!(code, 1);
}

#[track_caller]
fn clean(bytes: &[u8]) {
    assert_eq!(check_bytes(bytes, &[]), (0, vec![]));
}

#[test]
fn yaml_bombs_and_deep_nesting_are_frontmatter_errors() {
    // Nine levels of nine aliases each: 387 million strings if expanded.
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str(&format!("title: T\n---\n{BODY}"));
    one(
        bomb.as_bytes(),
        2,
        "frontmatter",
        "repetition limit exceeded",
    );

    let deep = format!(
        "---\ntitle: {}{}\n---\n{BODY}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    one(
        deep.as_bytes(),
        2,
        "frontmatter",
        "recursion limit exceeded",
    );
    let deep = format!("---\ntitle: {}x\n---\n{BODY}", "{a: ".repeat(10_000));
    one(
        deep.as_bytes(),
        2,
        "frontmatter",
        "recursion limit exceeded",
    );
    // Block sequences nested on one line: `- - - … x`.
    let deep = format!("---\ntitle: T\nx:\n  {}x\n---\n{BODY}", "- ".repeat(10_000));
    one(
        deep.as_bytes(),
        4,
        "frontmatter",
        "recursion limit exceeded",
    );
}

#[test]
fn markdown_nested_100_000_deep_is_read_in_bounded_memory() {
    let front = "---\ntitle: T\nfunding:\n  goal: 1\nbudget:\n  - item: A\n    amount: 1\n---\n";
    for body in [
        format!(
            "## Premortem\n\n{}x\n\n## Track record\n\nNone.\n",
            "- ".repeat(100_000)
        ),
        format!(
            "## Premortem\n\n{} x\n\n## Track record\n\nNone.\n",
            ">".repeat(100_000)
        ),
        format!(
            "## Premortem\n\n{}x\n\n## Track record\n\nNone.\n",
            "> - ".repeat(50_000)
        ),
    ] {
        clean(format!("{front}{body}").as_bytes());
    }
}

#[test]
fn a_file_over_the_size_limit_is_an_io_finding_and_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    // 256 MiB, sparse: the size is real, the disk is not used.
    let big = fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(256 << 20).unwrap();
    let (code, rows) = check_path(dir.path(), "big.md", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        rows,
        [(
            1,
            "io".to_string(),
            "file is 268435456 bytes, over the size limit of 10485760 bytes".to_string()
        )]
    );
    // Not read whole: the run's peak memory is far below the file's size.
    let run = run_bounded(dir.path(), &["check", "-q", "big.md"]);
    let peak_kb = run.peak_kb.unwrap();
    assert!(peak_kb < 64 * 1024, "peaked at {peak_kb} KB");

    // --max-file-size moves the limit both ways; grantctl.yaml can set it.
    let text = with_amount("100");
    let (code, rows) = check_bytes(text.as_bytes(), &["--max-file-size", "100"]);
    assert_eq!(code, 1);
    assert_eq!(
        rows[0].2,
        format!(
            "file is {} bytes, over the size limit of 100 bytes",
            text.len()
        )
    );
    assert_eq!(
        check_bytes(text.as_bytes(), &["--max-file-size", "1K"]),
        (0, vec![])
    );
    let over = fs::File::create(dir.path().join("over.md")).unwrap();
    over.set_len(12 << 20).unwrap();
    let (_, rows) = check_path(dir.path(), "over.md", &["--max-file-size", "1G"]);
    assert_eq!(
        rows[0].1, "frontmatter",
        "read under a raised limit: {rows:?}"
    );
    fs::write(dir.path().join("grantctl.yaml"), "max-file-size: 10\n").unwrap();
    fs::write(dir.path().join("small.md"), &text).unwrap();
    let (_, rows) = check_path(dir.path(), "small.md", &[]);
    assert_eq!(rows[0].1, "io");
    let bad = run_bounded(dir.path(), &["check", "--max-file-size", "ten", "small.md"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("`ten` is not a size"), "{}", bad.stderr);
}

#[test]
fn empty_binary_and_latin1_files_are_findings() {
    one(b"", 1, "frontmatter", "no front matter");
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    one(&binary, 2, "io", "not valid UTF-8 (byte 129 is not UTF-8)");
    one(b"\x00\x01\x02---\n", 1, "frontmatter", "no front matter");
    one(
        b"---\ntitle: caf\xe9\n---\n",
        2,
        "io",
        "not valid UTF-8 (byte 15 is not UTF-8); save the file as UTF-8",
    );
}

#[test]
fn duplicate_keys_are_reported_and_merge_keys_and_anchors_apply() {
    let dup = format!(
        "---\ntitle: T\nfunding:\n  goal: 1\nbudget: []\nbudget:\n  - item: A\n    amount: 1\n---\n{BODY}"
    );
    one(
        dup.as_bytes(),
        6,
        "frontmatter",
        "duplicate key `budget` (first defined on line 5)",
    );
    let dup = with_amount("100\n    amount: 1");
    one(
        dup.as_bytes(),
        8,
        "frontmatter",
        "duplicate key `amount` (first defined on line 7)",
    );
    // An anchored line merged into the next, which overrides its item:
    // two lines of 50, and an aliased goal.
    let merged = format!(
        "---\ntitle: &t T\nid: *t\nfunding:\n  goal: &g 100\nbudget:\n  - &line\n    item: A\n    amount: 50\n  - <<: *line\n    item: B\n---\n{BODY}"
    );
    clean(merged.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), &merged).unwrap();
    let run = run_bounded(dir.path(), &["compare", "--format", "csv", "p.md"]);
    let row: Vec<&str> = run.stdout.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        (row[1], row[5], row[7], row[8]),
        ("T", "100", "100", "true")
    );
    // A merge of something that is not a mapping is a YAML error, at the
    // merge key.
    one(
        with_amount("1\n    <<: 5").as_bytes(),
        8,
        "frontmatter",
        "a merge key `<<` takes a mapping or a list of mappings",
    );
}

#[test]
fn amounts_yaml_would_misread_are_amount_findings() {
    #[rustfmt::skip]
    let cases = [
        (".inf", "`.inf` is not a finite amount"),
        ("-.inf", "`-.inf` is not a finite amount"),
        (".nan", "`.nan` is not a finite amount"),
        ("1e309", "`1e309` is not an amount"),
        ("0x10", "`0x10` is not an amount"),
        ("0o17", "`0o17` is not an amount"),
        ("1234567890123456789012345678901234567890", "`1234567890123456789012345678901234567890` is too large to be an amount"),
        ("0.1000000000000000055511", "`0.1000000000000000055511` has more than two decimal places"),
        ("\"1.0000000000000000000000000001\"", "`1.0000000000000000000000000001` has more than two decimal places"),
        ("-5", "`-5` is negative"),
    ];
    for (amount, message) in cases {
        one(with_amount(amount).as_bytes(), 7, "amount", message);
    }
    // -0 is zero; a 25-digit integer is read exactly, not as a float.
    let zero = with_amount("100\n  - item: B\n    amount: -0");
    clean(zero.as_bytes());
    let exact = "12345678901234567890123";
    let text = with_amount(exact).replace("goal: 100", &format!("goal: {exact}"));
    clean(text.as_bytes());
    let off = with_amount(exact).replace("goal: 100", "goal: 12345678901234567890124");
    one(
        off.as_bytes(),
        4,
        "budget-total",
        "budget lines add up to $12,345,678,901,234,567,890,123 but funding.goal is $12,345,678,901,234,567,890,124 (short by $1)",
    );
}

#[test]
fn quantities_zero_and_negative() {
    let zero = with_amount("100\n  - item: B\n    quantity: 0\n    unit_cost: 5\n    amount: 0");
    clean(zero.as_bytes());
    let negative =
        with_amount("100\n  - item: B\n    quantity: -2\n    unit_cost: 5\n    amount: 0");
    one(
        negative.as_bytes(),
        9,
        "field-type",
        "`budget[1].quantity` must be a number 0 or more",
    );
    let hex = with_amount("100\n  - item: B\n    quantity: 0x2\n    unit_cost: 5\n    amount: 0");
    one(
        hex.as_bytes(),
        9,
        "field-type",
        "found a number not written in decimal",
    );
}

#[test]
fn wrong_shapes_are_typed_findings() {
    let base = with_amount("100");
    let budget = "budget:\n  - item: A\n    amount: 100\n";
    one(
        base.replace(budget, "budget: null\n").as_bytes(),
        5,
        "missing-field",
        "`budget`",
    );
    one(
        base.replace(budget, "budget: {}\n").as_bytes(),
        5,
        "field-type",
        "`budget` must be a list of budget lines",
    );
    one(
        base.replace("title: T", "title: 42").as_bytes(),
        2,
        "field-type",
        "`title` must be a string, found a number",
    );
}

#[test]
fn ten_thousand_budget_lines_are_summed_and_each_wrong_one_reported() {
    let mut text = String::from("---\ntitle: T\nfunding:\n  goal: 10000.00\nbudget:\n");
    for i in 0..10_000 {
        text.push_str(&format!("  - item: Line {i}\n    amount: 1\n"));
    }
    text.push_str(&format!("---\n{BODY}"));
    clean(text.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), &text).unwrap();
    let run = run_bounded(dir.path(), &["compare", "--format", "csv", "p.md"]);
    assert_eq!(
        run.stdout.lines().nth(1).unwrap().split(',').nth(7),
        Some("10000")
    );

    // Every line wrong: 10,000 findings, each at its own line, in one run.
    let wrong = text.replace(
        "    amount: 1\n",
        "    quantity: 2\n    unit_cost: 1\n    amount: 1\n",
    );
    let (code, rows) = check_bytes(wrong.as_bytes(), &[]);
    assert_eq!(code, 1);
    let unit: Vec<u64> = rows
        .iter()
        .filter(|r| r.1 == "budget-unit-cost")
        .map(|r| r.0)
        .collect();
    assert_eq!(unit.len(), 10_000);
    assert_eq!(unit[..2], [9, 13]);
    assert_eq!(unit[9_999], 9 + 4 * 9_999);
}

#[test]
fn a_100_kb_heading_and_a_100_kb_line_stay_readable() {
    let heading = format!(
        "---\ntitle: T\nfunding:\n  goal: 1\nbudget:\n  - item: A\n    amount: 1\n---\n\n## Premortem {}\n\nNone.\n\n## Track record\n\nNone.\n",
        "and more ".repeat(11_400)
    );
    assert!(heading.len() > 100_000);
    clean(heading.as_bytes());
    // A finding on a 100 KB line: the human excerpt is a window, not the line.
    let long = with_amount(&format!("\"{}\"", "9".repeat(100_000)));
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), &long).unwrap();
    let run = run_bounded(dir.path(), &["check", "p.md"]);
    assert_eq!(run.code, 1);
    let excerpt = run
        .stdout
        .lines()
        .find(|l| l.starts_with("7 | "))
        .expect("the source line");
    assert!(excerpt.ends_with('…'), "{excerpt}");
    assert!(excerpt.chars().count() < 200, "{}", excerpt.len());
}

#[cfg(unix)]
#[test]
fn loops_folders_named_md_and_unreadable_files_inside_a_checked_folder() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("in/x.md")).unwrap();
    fs::write(root.join("in/x.md/inner.md"), with_amount("100")).unwrap();
    symlink("..", root.join("in/x.md/up")).unwrap();
    symlink("missing.md", root.join("in/dangling.md")).unwrap();
    // A link out of the walked folder is not followed; named on the
    // command line it is read, and reading /proc/self/mem from offset 0
    // fails: unreadable even for root.
    symlink("/proc/self/mem", root.join("in/mem.md")).unwrap();
    let locked = root.join("in/locked.md");
    fs::write(&locked, with_amount("100")).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let as_root = fs::File::open(&locked).is_ok();

    let (code, rows) = check_path(root, "in", &[]);
    assert_eq!(code, 1);
    let mut expected = vec![(
        1,
        "io".to_string(),
        "cannot read: No such file or directory (os error 2)".to_string(),
    )];
    if !as_root {
        expected.push((
            1,
            "io".to_string(),
            "cannot read: Permission denied (os error 13)".to_string(),
        ));
    }
    expected.push((
        1,
        "io".to_string(),
        "symbolic link to `/proc/self/mem` leads outside `in`; links that leave a checked folder are not followed".to_string(),
    ));
    let (loops, rest): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.2.contains("loop"));
    assert_eq!(rest, expected);
    assert_eq!(loops.len(), 1, "{loops:?}");
    let (_, rows) = check_path(root, "in/mem.md", &[]);
    assert_eq!(rows[0].2, "cannot read: Input/output error (os error 5)");
    // The folder named x.md was walked, and inner.md in it was clean.
    let run = run_bounded(root, &["compare", "--format", "csv", "in"]);
    assert!(
        run.stdout.contains("in/x.md/inner.md,inner,T,"),
        "{}",
        run.stdout
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn sums_past_what_a_decimal_holds_are_amount_findings_once() {
    let half = "\"50000000000000000000000000000\"";
    let text = format!(
        "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: {half}\n  - item: B\n    amount: {half}\n  - item: C\n    quantity: 1000000\n    unit_cost: \"70000000000000000000000000000\"\n    amount: 1\n  - item: D\n    percent: 10\n---\n{BODY}"
    );
    let (code, rows) = check_bytes(text.as_bytes(), &[]);
    assert_eq!(code, 1);
    let rows: Vec<(u64, &str)> = rows.iter().map(|r| (r.0, r.2.as_str())).collect();
    assert_eq!(
        rows,
        [
            (
                5,
                "the amounts under `budget` add up to more than an amount can hold, so budget-total and budget-percent could not be checked"
            ),
            (
                12,
                "quantity × unit_cost (1000000 × $70,000,000,000,000,000,000,000,000,000) comes to more than an amount can hold, so budget-unit-cost could not be checked"
            ),
        ]
    );
}

#[test]
fn a_rubric_with_thousands_of_patterns_loads_and_matches_in_linear_time() {
    // 50 sections × 100 heading patterns, 10 pattern criteria and a
    // 200-word keyword list each: 5,500 patterns and 10,000 words.
    let word = |s: usize, i: usize| format!("w{s}x{i}");
    let mut rubric = String::from("name: huge\nsections:\n");
    for s in 0..50 {
        let headings: Vec<String> = (0..100)
            .map(|i| format!("\"{} (?:a|b)+$\"", word(s, i)))
            .collect();
        rubric.push_str(&format!(
            "  - key: s{s}\n    headings: [{}]\n    criteria:\n",
            headings.join(", ")
        ));
        for c in 0..10 {
            rubric.push_str(&format!(
                "      - kind: pattern\n        pattern: \"(x+x+)+y{s}_{c}\"\n        target: 3\n        points: 1\n"
            ));
        }
        let words: Vec<String> = (0..200).map(|i| word(s, 1000 + i)).collect();
        rubric.push_str(&format!(
            "      - kind: keywords\n        words: [{}]\n        target: 2\n        points: 1\n",
            words.join(", ")
        ));
    }
    // Headings and text that make a backtracking engine take exponential
    // time on `(a|b)+$` and `(x+x+)+y`.
    let body = format!(
        "## {} (ab){}c\n\n{}\n",
        word(7, 3),
        "ab".repeat(5_000),
        "x".repeat(50_000)
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("huge.yaml"), rubric).unwrap();
    fs::write(
        dir.path().join("p.md"),
        with_amount("100").replace(BODY, &body),
    )
    .unwrap();
    let run = run_bounded(
        dir.path(),
        &["check", "--format", "json", "--rubric", "huge.yaml", "p.md"],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // Every section is missing (the heading ends in `c`, not `a` or `b`).
    assert_eq!(json.as_array().unwrap().len(), 50, "{}", run.stdout);
    assert!(
        json[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("or 95 other patterns")
    );
    assert_eq!(run.code, 0);
}

#[test]
fn escape_sequences_in_a_proposal_never_reach_the_terminal() {
    // YAML's "\e" is ESC; "\u202E" reverses the text after it.
    let text = with_amount("100").replace(
        "title: T",
        "title: \"\\e[2J\\e]0;owned\\u0007 \\u202Eevil\"\n\"bad\\e[31m\": 1",
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), &text).unwrap();
    for args in [
        &["check", "p.md"][..],
        &["check", "--format", "github", "p.md"],
        &["compare", "p.md"],
        &["compare", "--format", "markdown", "p.md"],
    ] {
        let run = run_bounded(dir.path(), args);
        let raw = |c: char| run.stdout.contains(c) || run.stderr.contains(c);
        assert!(
            !raw('\u{1b}') && !raw('\u{7}') && !raw('\u{202e}'),
            "{args:?}: {}",
            run.stdout
        );
        if args[0] == "check" {
            assert!(
                run.stdout.contains("unknown field `bad␛[31m`"),
                "{}",
                run.stdout
            );
        } else {
            // Markdown also escapes what would be markup (`[`, `]`).
            let shown = run.stdout.replace('\\', "");
            assert!(shown.contains("␛[2J␛]0;owned␇ �evil"), "{}", run.stdout);
        }
    }
    // JSON keeps the exact text, escaped.
    let run = run_bounded(dir.path(), &["compare", "--format", "json", "p.md"]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rows[0]["title"],
        "\u{1b}[2J\u{1b}]0;owned\u{7} \u{202e}evil"
    );
}

/// Size of the worst shapes below: 4 MiB in a release build (`cargo test
/// --release --test cli hostile`), where each run must end within a
/// second with room to spare on a busy two-core machine; 512 KiB in a
/// debug build, which is about ten times slower. `benches/worst` runs the
/// same shapes at the full 10 MiB (README, Safety).
fn worst_size() -> usize {
    if cfg!(debug_assertions) {
        512 << 10
    } else {
        4 << 20
    }
}

/// `unit` repeated to fill about `worst_size()` bytes after `head`.
fn fill(head: &str, unit: &str, tail: &str) -> String {
    let count = (worst_size() - head.len() - tail.len() - 256) / unit.len();
    format!("{head}{}{tail}", unit.repeat(count))
}

const FRONT: &str = "---\ntitle: T\nfunding:\n  goal: 100\n";

/// The shapes that once took gigabytes or seconds (issue 13), each with
/// the rules its findings may have (none: the file is clean).
fn worst_shapes() -> Vec<(&'static str, String, &'static [&'static str])> {
    let body = "---\n\n## Track record\n\nNone.\n\n## Premortem\n\n";
    let fine = format!("{FRONT}budget:\n  - item: A\n    amount: 100\n");
    // A flow line of one budget line with tens of thousands of unknown
    // keys, as long as a front-matter line may be (512 KiB; longer ones
    // are refused, see below).
    let mut keys = format!("{FRONT}budget: [{{item: A, amount: 100");
    for i in 0.. {
        if keys.len() > 500 << 10 {
            break;
        }
        keys.push_str(&format!(", k{i}: 1"));
    }
    keys.push_str("}]\n---\n");
    type Shape = (&'static str, String, &'static [&'static str]);
    let mut ones = format!("{FRONT}budget: [[");
    ones.push_str(&"1, ".repeat((500 << 10) / 3));
    ones.push_str("1]]\n---\n");
    let front: Vec<Shape> = vec![
        // A one-line flow budget of bare numbers, nested once (the parser
        // holds all of a nested flow collection until it ends).
        ("flow-budget", ones, &["field-type", "budget-total"]),
        ("flow-keys", keys, &["unknown-field"]),
        // A million values, one per line: refused at the value limit.
        (
            "million-values",
            fill(
                &format!("{FRONT}budget:\n  - item: A\n    amount: 100\nx:\n"),
                "- 1\n",
                "---\n",
            ),
            &["frontmatter", "unknown-field"],
        ),
        // Every block line wrong.
        (
            "wrong-lines",
            fill(
                &format!("{FRONT}budget:\n"),
                "  - item: L\n    quantity: 2\n    unit_cost: 1\n    amount: 1\n",
                "---\n",
            ),
            &["budget-unit-cost", "budget-total"],
        ),
        // Lines whose sum overflows: one finding, found in linear time.
        (
            "overflow",
            fill(
                &format!("{FRONT}budget:\n"),
                "  - item: L\n    amount: \"50000000000000000000000000000\"\n",
                "---\n",
            ),
            &["amount"],
        ),
    ];
    front.into_iter().chain(body_shapes(&fine, body)).collect()
}

/// The shapes of a body that once took gigabytes or seconds, and those of
/// a premortem read for risks (issue 15): all clean.
fn body_shapes(fine: &str, body: &str) -> Vec<(&'static str, String, &'static [&'static str])> {
    vec![
        // Tiny list items, tiny paragraphs, one long line, a long comment,
        // a heading every few bytes.
        (
            "tiny-items",
            fill(&format!("{fine}{body}"), "- a\n", ""),
            &[],
        ),
        (
            "tiny-paragraphs",
            fill(&format!("{fine}{body}"), "a\n\n", ""),
            &[],
        ),
        (
            "long-line",
            fill(&format!("{fine}{body}"), "*a* [b](c) ", "\n"),
            &[],
        ),
        (
            "long-comment",
            fill(&format!("{fine}{body}<!--\n"), "x\n\n", "-->\n"),
            &[],
        ),
        (
            "many-headings",
            fill(
                &format!("{fine}---\n"),
                "## Premortem\n\n- Risk: none.\n\n## Track record\n\n1 thing.\n\n",
                "",
            ),
            &[],
        ),
        // A premortem that is one table, one paragraph of risk sentences,
        // or label lines; a bold question every few bytes.
        (
            "risk-table",
            fill(
                &format!("{fine}{body}| Risk | Impact | Mitigation |\n|---|---|---|\n"),
                "| few apply | none | ads |\n",
                "",
            ),
            &[],
        ),
        (
            "risk-prose",
            fill(
                &format!("{fine}{body}"),
                "We might fail to hire, which would delay us; we will recruit early. ",
                "",
            ),
            &[],
        ),
        (
            "risk-labels",
            fill(
                &format!("{fine}{body}"),
                "**Risk:** few apply\nImpact: none\nMitigation: ads\n",
                "",
            ),
            &[],
        ),
        (
            "bold-questions",
            fill(
                &format!("{fine}---\n\n"),
                "**What's your track record?**\n\n",
                "",
            ),
            &[],
        ),
    ]
}

#[test]
fn the_worst_shapes_stay_in_bounds_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, rules) in worst_shapes() {
        let file = format!("{name}.md");
        fs::write(dir.path().join(&file), &text).unwrap();
        // run_bounded kills a run past the time limit and fails one past
        // the memory limit.
        let json = run_bounded(dir.path(), &["check", "--format", "json", &file]);
        let rows = messages_of(&json.stdout, &json.stderr);
        let mut found: Vec<&str> = rows
            .iter()
            .map(|r| r.2.as_str())
            .filter(|r| !matches!(*r, "missing-section" | "empty-section"))
            .collect();
        found.sort_unstable();
        found.dedup();
        assert!(found.iter().all(|r| rules.contains(r)), "{name}: {found:?}");
        assert!(rules.is_empty() || !found.is_empty(), "{name}: no findings");
        assert!(
            rows.len() <= 10_000 + 16,
            "{name}: {} findings listed",
            rows.len()
        );
        let formats: &[&[&str]] = &[
            &["check"],
            &["check", "--format", "json-lines"],
            &["check", "--format", "github"],
            &["check", "--format", "sarif"],
            &["compare"],
            &["compare", "--format", "csv"],
            &["compare", "--format", "json"],
            &["compare", "--format", "markdown"],
        ];
        for format in formats {
            let mut args = format.to_vec();
            args.push(&file);
            let run = run_bounded(dir.path(), &args);
            assert_eq!(run.code, json.code, "{name} {args:?}");
            // Output is proportional to what is listed, never to the file.
            assert!(
                run.stdout_bytes < 16 << 20,
                "{name} {args:?}: {} bytes",
                run.stdout_bytes
            );
        }
    }
}

#[test]
fn a_front_matter_line_past_512_kib_is_refused_not_parsed() {
    let text = format!("{FRONT}budget: [[{}1]]\n---\n", "1, ".repeat(600 << 10));
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), &text).unwrap();
    let run = run_bounded(dir.path(), &["check", "--format", "json", "p.md"]);
    let rows = messages_of(&run.stdout, &run.stderr);
    assert_eq!(run.code, 1);
    assert_eq!((rows[0].1, rows[0].2.as_str()), (5, "frontmatter"));
    assert!(
        rows[0]
            .3
            .contains("lines longer than 524288 bytes are not read"),
        "{}",
        rows[0].3
    );
}

#[test]
fn findings_past_ten_thousand_are_counted_not_listed() {
    let lines = 12_000;
    let mut text = String::from(FRONT);
    text.push_str("budget:\n");
    for _ in 0..lines {
        text.push_str("  - item: L\n    quantity: 2\n    unit_cost: 1\n    amount: 1\n");
    }
    text.push_str("---\n");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), &text).unwrap();
    let run = run_bounded(dir.path(), &["check", "--format", "json", "p.md"]);
    let rows = messages_of(&run.stdout, &run.stderr);
    let unit: Vec<&(String, u64, String, String)> =
        rows.iter().filter(|r| r.2 == "budget-unit-cost").collect();
    // 10,000 listed, the budget-total, and one that counts the rest.
    assert_eq!(unit.len(), 10_000 + 1);
    assert_eq!(
        unit[0].3,
        "2000 more `budget-unit-cost` findings are not listed in this file: grantctl lists the first 10000 of a file"
    );
    assert_eq!(unit[0].1, 1);
    // Totals count every finding.
    let run = run_bounded(dir.path(), &["compare", "--format", "csv", "p.md"]);
    let row: Vec<&str> = run.stdout.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        row[12],
        (lines + 1).to_string(),
        "errors: every line and the total"
    );
    let human = run_bounded(dir.path(), &["check", "p.md"]);
    assert!(
        human.stdout.ends_with(&format!(
            "checked 1 file: {} errors, 2 warnings\n",
            lines + 1
        )),
        "{}",
        &human.stdout[human.stdout.len() - 200..]
    );
    // --ignore drops the counted ones too.
    let run = run_bounded(
        dir.path(),
        &[
            "check",
            "--ignore",
            "budget-unit-cost",
            "--format",
            "json",
            "p.md",
        ],
    );
    assert_eq!(
        messages_of(&run.stdout, "")
            .iter()
            .filter(|r| r.2 == "budget-unit-cost")
            .count(),
        0
    );
}

#[test]
fn a_thousand_threads_asked_for_one_file_are_not_started() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.md"), with_amount("100")).unwrap();
    let run = run_bounded(dir.path(), &["check", "-j", "4000", "p.md"]);
    assert_eq!(run.code, 0);
}
