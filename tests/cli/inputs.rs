//! Generated inputs: delimiters, encodings, bad YAML, deep nesting, and
//! folders with loops and FIFOs. Each asserts the exact rule, line and exit.

use std::fs;
use std::path::Path;

use crate::{grantctl_in, messages_of};

/// A body with both sections the default rubric scores, so a valid file has
/// no findings at all.
const BODY: &str = "\n## Track record\n\nNone yet.\n\n## Premortem\n\nNone.\n";
const VALID: &str = "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n\n## Track record\n\nNone yet.\n\n## Premortem\n\nNone.\n";

/// Writes `files` into a fresh folder and runs `check --format json` on `target`.
/// A finding as (file, line, rule, message).
type Row = (String, u64, String, String);

fn check_files(files: &[(&str, &[u8])], target: &str) -> (i32, Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    check_in(dir.path(), target)
}

fn check_in(dir: &Path, target: &str) -> (i32, Vec<Row>) {
    let run = grantctl_in(dir, &["check", "--format", "json", target]);
    (run.code, messages_of(&run.stdout, &run.stderr))
}

#[track_caller]
fn one(text: &str, line: u64, rule: &str, message: &str) {
    let (code, rows) = check_files(&[("p.md", text.as_bytes())], "p.md");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (_, got_line, got_rule, got_message) = &rows[0];
    assert_eq!((*got_line, got_rule.as_str()), (line, rule), "{rows:?}");
    assert!(got_message.contains(message), "{got_message}");
    assert_eq!(code, 1);
}

#[test]
fn accepts_bom_crlf_and_dots_closer() {
    let crlf = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
    let dots = VALID.replacen("---\n\n## Track", "...\n\n## Track", 1);
    let (code, rows) = check_files(&[("a.md", crlf.as_bytes()), ("b.md", dots.as_bytes())], ".");
    assert_eq!((code, rows), (0, vec![]));
}

#[test]
fn front_matter_problems_are_frontmatter_findings() {
    one("# Just a heading\n", 1, "frontmatter", "no front matter");
    one("", 1, "frontmatter", "no front matter");
    one("---\ntitle: T\n", 1, "frontmatter", "not closed");
    one(
        "---\n- a\n- b\n---\n",
        1,
        "frontmatter",
        "must be a mapping of fields",
    );
    // An empty block is an empty mapping: its missing fields are reported (tests/cli/daily.rs).
    let dup = "---\ntitle: T\nfunding:\n  goal: 1\nbudget: []\nbudget:\n  - item: A\n    amount: 1\n---\n";
    one(
        dup,
        6,
        "frontmatter",
        "duplicate key `budget` (first defined on line 5)",
    );
}

#[test]
fn budget_lines_nested_deeper_than_32_levels_are_refused() {
    let mut text = String::from("---\ntitle: T\nfunding:\n  goal: 1\nbudget:\n");
    for depth in 0..40 {
        let pad = "  ".repeat(depth * 2);
        text.push_str(&format!(
            "{pad}- item: L{depth}\n{pad}  amount: 1\n{pad}  lines:\n"
        ));
    }
    text.push_str(&format!(
        "{}- item: leaf\n{}  amount: 1\n---\n{BODY}",
        "  ".repeat(80),
        "  ".repeat(80)
    ));
    // Level 33 is the 33rd `- item:`, on file line 6 + 32 × 3.
    one(
        &text,
        6 + 32 * 3,
        "frontmatter",
        "nested deeper than 32 levels",
    );
}

#[test]
fn field_problems_point_at_their_keys() {
    // (replace this, with this, in VALID) → line, rule, part of the message.
    // A null field is missing and reported on its own key; an absent one on line 1.
    #[rustfmt::skip]
    let cases = [
        ("title: T", "title: 42", 2, "field-type", "`title` must be a string, found a number"),
        ("title: T", "title: null", 2, "missing-field", "`title`"),
        ("title: T\n", "", 1, "missing-field", "`title`"),
        ("budget:\n  - item: A\n    amount: 100\n", "budget: null\n", 5, "missing-field", "`budget`"),
        ("  goal: 100", "  goal: 100\n  raised: [1]", 5, "field-type", "`funding.raised` must be an amount"),
        ("amount: 100", "amount: \"1.0055\"", 7, "amount", "more than two decimal places"),
        ("amount: 100", "amount: \"1.005\"", 7, "amount", "`1.005` is ambiguous"),
        ("amount: 100", "amount: -100", 7, "amount", "negative"),
        ("amount: 100", "amount: .inf", 7, "amount", "not a finite amount"),
        ("title: T", "title: T\ncurrency: XYZ", 3, "currency", "unknown currency `XYZ`"),
        ("amount: 100", "amount: \"GBP 100\"", 7, "currency", "in GBP but the proposal's currency is USD"),
    ];
    for (from, to, line, rule, message) in cases {
        one(&VALID.replace(from, to), line, rule, message);
    }
}

#[test]
fn a_line_with_quantity_and_unit_cost_takes_their_product() {
    let text = VALID.replace("amount: 100", "quantity: 0.5\n    unit_cost: \"$200\"");
    let (code, rows) = check_files(&[("p.md", text.as_bytes())], "p.md");
    assert_eq!((code, rows), (0, vec![]));
    let text = VALID.replace("amount: 100", "quantity: 3\n    unit_cost: \"$33.33\"");
    one(
        &text,
        4,
        "budget-total",
        "budget lines add up to $99.99 but funding.goal is $100 (short by $0.01)",
    );
}

#[test]
fn folders_are_walked_sorted_skipping_git_and_non_markdown() {
    let bad = "no front matter\n".as_bytes();
    let (code, rows) = check_files(
        &[
            ("b.md", bad),
            ("a/z.md", bad),
            ("a/c.md", bad),
            (".hidden/x.md", bad),
            (".git/y.md", bad),
            ("notes.txt", bad),
        ],
        ".",
    );
    assert_eq!(code, 1);
    let files: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    // A committed proposal is checked even in a hidden folder (issue 13).
    assert_eq!(files, ["./.hidden/x.md", "./a/c.md", "./a/z.md", "./b.md"]);
    // A file named on the command line is checked whatever its extension.
    let (_, rows) = check_files(&[("notes.txt", bad)], "notes.txt");
    assert_eq!(rows.len(), 1);
}

#[test]
fn an_empty_folder_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::grantctl_in(dir.path(), &["check", "."]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(
        run.stderr,
        "note: no proposals (`*.md` files) found in `.`\n"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_fifos_are_io_findings_not_hangs() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).unwrap();
    fs::write(dir.path().join("sub/ok.md"), VALID).unwrap();
    let fifo = dir.path().join("sub/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, rows) = check_in(dir.path(), ".");
    assert_eq!(code, 1);
    let rules: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
    assert_eq!(rules, [("./sub/loop", "io"), ("./sub/pipe.md", "io")]);
    assert!(rows[0].3.contains("symbolic link loop"), "{}", rows[0].3);
    assert!(rows[1].3.contains("not a regular file"), "{}", rows[1].3);
}
