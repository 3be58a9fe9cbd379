//! Issue 13, "silent wrong verdicts": each way a budget that does not add
//! up once passed with exit 0 and `budget_ok: true`. Every case runs the
//! binary and asserts the failing verdict, the rule and the line.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::{Grantctl, folder, folder_of, grantctl_in, messages_of};

const BODY: &str = "\n## Track record\n\nNone.\n\n## Premortem\n\nNone.\n";

/// `check --format json` on one file holding `front` as front matter:
/// the exit code and (line, rule, message) of each finding.
fn check(front: &str) -> (i32, Vec<(u64, String, String)>) {
    let dir = folder(&[("p.md", &format!("---\n{front}---\n{BODY}"))]);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "p.md"]);
    let rows = messages_of(&run.stdout, &run.stderr)
        .into_iter()
        .map(|(_, line, rule, message)| (line, rule, message))
        .collect();
    (run.code, rows)
}

/// `compare --format json`'s only row for `front`.
fn row(front: &str) -> serde_json::Value {
    let dir = folder(&[("p.md", &format!("---\n{front}---\n{BODY}"))]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "json", "p.md"]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    rows[0].clone()
}

/// Fails with exit 1 and has a finding of `rule` at `line` whose message
/// contains `part`.
#[track_caller]
fn fails_with(front: &str, line: u64, rule: &str, part: &str) {
    let (code, rows) = check(front);
    assert_eq!(code, 1, "{front}\n{rows:?}");
    assert!(
        rows.iter()
            .any(|(l, r, m)| *l == line && r == rule && m.contains(part)),
        "no {rule} at {line} containing {part:?} in {rows:?}\n{front}"
    );
}

#[test]
fn no_key_or_string_can_stand_in_for_an_amount() {
    // A top-level key spelled like the path of the real amount.
    let front = "title: T\n\"budget[0].amount\": 1000\nfunding:\n  goal: 1000\nbudget:\n  - item: A\n    amount: 9000\n";
    fails_with(front, 5, "budget-total", "add up to $9,000");
    // A second line `amount: …` inside a two-line quoted item.
    let front = "title: T\nfunding:\n  goal: 1000\nbudget:\n  - item: \"two\n      amount: 1000.000000000000000\"\n    amount: 9000\n";
    fails_with(front, 4, "budget-total", "add up to $9,000");
    assert_eq!(row(front)["budget_ok"], false);
}

#[test]
fn digits_are_never_rounded_away_however_yaml_writes_them() {
    let digits = "999.9999999999999999";
    let goal = "funding:\n  goal: 1000\n";
    #[rustfmt::skip]
    let cases = [
        (format!("title: T\n{goal}budget: [{{item: A, amount: {digits}}}]\n"), 5),
        (format!("{{\"title\": \"T\", \"funding\": {{\"goal\": 1000}}, \"budget\": [{{\"item\": \"A\", \"amount\": {digits}}}]}}\n"), 2),
        (format!("title: T\nbase: &b {{item: A, amount: {digits}}}\n{goal}budget:\n  - <<: *b\n"), 3),
        (format!("title: T\n{goal}budget:\n  - item: A\n    amount:\n      {digits}\n"), 7),
        (format!("title: T\n{goal}budget:\n  - item: A\n    &x amount: {digits}\n"), 7),
        (format!("title: T\n{goal}budget:\n  - item: A\n    amount: !money {digits}\n"), 7),
        (format!("title: T\n{goal}budget:\n  - item: A\n    ? amount\n    : {digits}\n"), 7),
        (format!("title: T\n{goal}n: &n {digits}\nbudget:\n  - item: A\n    amount: *n\n"), 8),
    ];
    for (front, line) in cases {
        fails_with(
            &front,
            line,
            "amount",
            "`999.9999999999999999` has more than two decimal places",
        );
        assert_eq!(row(&front)["budget_ok"], false, "{front}");
    }
    // After a NEL, which YAML 1.2 does not treat as a line break, no key starts.
    let front =
        format!("title: T\u{85}budget: 1\n{goal}budget:\n  - item: A\n    amount: {digits}\n");
    let (code, rows) = check(&front);
    assert_eq!(code, 1, "{rows:?}");
    assert!(rows.iter().all(|r| r.1 != "budget-total"), "{rows:?}");
}

#[test]
fn arithmetic_that_overflows_is_an_amount_finding_naming_what_it_stopped() {
    let max = "79228162514264337593543950335";
    let sources = format!(
        "title: T\nfunding:\n  goal: 1000\n  other_sources:\n    - {{source: A, amount: {max}}}\n    - {{source: B, amount: {max}}}\nbudget:\n  - item: A\n    amount: 9000\n"
    );
    fails_with(
        &sources,
        5,
        "amount",
        "so budget-total could not be checked",
    );
    assert_eq!(row(&sources)["budget_ok"], false);
    let goal_plus = format!(
        "title: T\nfunding:\n  goal: {max}\n  other_sources:\n    - {{source: A, amount: 1}}\nbudget:\n  - item: A\n    amount: 9000\n"
    );
    fails_with(
        &goal_plus,
        4,
        "amount",
        "so budget-total could not be checked",
    );
    assert_eq!(row(&goal_plus)["budget_ok"], false);
}

#[test]
fn a_suffix_on_one_figure_of_a_range_applies_to_both() {
    let front = |amount: &str, goal: &str| {
        format!(
            "title: T\nfunding:\n  goal: {goal}\nbudget:\n  - item: Hire\n    amount: \"{amount}\"\n"
        )
    };
    // $150–$250,000 would have let a goal of $1,000 through.
    fails_with(
        &front("$150-250k", "1000"),
        4,
        "budget-total",
        "$150,000 – $250,000",
    );
    fails_with(
        &front("$150–250k", "1000"),
        4,
        "budget-total",
        "$150,000 – $250,000",
    );
    let json = row(&front("$150-250k", "200000"));
    assert_eq!(
        (&json["budget_low"], &json["budget_high"]),
        (&150000.into(), &250000.into())
    );
    assert_eq!(json["budget_ok"], true);
    // `$500-$2k` cannot mean $500,000 to $2,000: each keeps its own.
    let json = row(&front("$500-$2k", "1000"));
    assert_eq!(
        (&json["budget_low"], &json["budget_high"]),
        (&500.into(), &2000.into())
    );
}

#[test]
fn a_dot_before_three_digits_and_commas_in_numbers_are_refused_not_guessed() {
    let euro = "title: T\ncurrency: EUR\nfunding:\n  goal: 50.000\nbudget:\n  - item: A\n    amount: \"€10.000\"\n";
    fails_with(
        euro,
        5,
        "amount",
        "`50.000` is ambiguous: 50000 if `.` separates thousands, or 50 if `.` is the decimal point",
    );
    fails_with(
        euro,
        8,
        "amount",
        "`€10.000` is ambiguous: 10000 if `.` separates thousands, or 10 if",
    );
    let numbers = "title: T\nexchange_rates: {GBP: \"1,35\"}\nfunding:\n  goal: 115\nbudget:\n  - item: A\n    quantity: \"1,5\"\n    unit_cost: 10\n    amount: 15\n  - item: B\n    quantity: \"1,2,3\"\n    unit_cost: 1\n    amount: 123\n  - item: C\n    percent: \"7,5\"\n";
    fails_with(numbers, 3, "amount", "`1,35` uses `,` as the decimal point");
    fails_with(numbers, 8, "amount", "`1,5` uses `,` as the decimal point");
    fails_with(
        numbers,
        12,
        "amount",
        "`1,2,3` has misplaced thousands separators",
    );
    fails_with(numbers, 16, "amount", "`7,5` uses `,` as the decimal point");
    assert_eq!(row(numbers)["budget_ok"], false);
    for (written, why) in [
        (
            "1.234,56",
            "uses `.` between thousands and `,` before decimals",
        ),
        ("1 234,56", "groups digits with spaces"),
        ("1\u{a0}234", "groups digits with spaces"),
        ("1,00,000", "Indian style"),
        ("１２３", "digits other than 0-9"),
    ] {
        let front = format!(
            "title: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: \"{written}\"\n"
        );
        fails_with(&front, 7, "amount", why);
    }
}

#[test]
fn no_check_is_switched_off_by_a_percent_or_a_key_in_other_case() {
    let percent = "title: T\nfunding:\n  goal: 1100\nbudget:\n  - item: A\n    amount: 1000\n  - item: Overhead\n    percent: 10\n    quantity: 2\n    unit_cost: 70\n    lines:\n      - item: a\n        amount: 5\n";
    fails_with(
        percent,
        9,
        "budget-unit-cost",
        "2 × $70 = $140 but `Overhead` is 10% of $1,000 = $100",
    );
    fails_with(
        percent,
        9,
        "budget-subtotal",
        "add up to $5 but `Overhead` is 10% of $1,000 = $100",
    );
    // `Lines:` with unknown-field allowed: an error, and the $8,000 gap found.
    let miscased = "title: T\nfunding:\n  goal: 10000\nbudget:\n  - item: A\n    amount: 10000\n    Lines:\n      - item: a\n        amount: 2000\ngrantctl:\n  allow: [unknown-field]\n";
    fails_with(
        miscased,
        8,
        "field-type",
        "`Lines` differs from `lines` only in case",
    );
    fails_with(miscased, 7, "budget-subtotal", "short by $8,000");
    assert_eq!(row(miscased)["budget_ok"], false);
    let amount = "title: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    Amount: 99\n";
    fails_with(
        amount,
        7,
        "field-type",
        "`Amount` differs from `amount` only in case",
    );
    fails_with(amount, 4, "budget-total", "short by $1");
}

/// Runs grantctl in `dir` with stdout piped, reads one line and closes
/// the pipe, as `| head -1` does: the exit code and stderr.
fn head_one(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let mut child = Grantctl::new(args)
        .cwd(dir)
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!first.is_empty());
    (
        output.status.code().expect("exits, not killed"),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_closed_pipe_keeps_the_verdict_and_says_nothing() {
    // Enough output to fill the pipe long after its reader has gone.
    let files: Vec<(String, String)> = (0..3000)
        .map(|i| {
            let text = format!("---\ntitle: T{i}\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 99\n---\n{BODY}");
            (format!("p{i:04}.md"), text)
        })
        .collect();
    let dir = folder_of(&files);
    for args in [
        &["check", "."][..],
        &["check", "--format", "json", "."],
        &["compare", "--format", "csv", "."],
        &["compare", "--format", "markdown", "."],
    ] {
        let (code, stderr) = head_one(dir.path(), args);
        assert_eq!((code, stderr.as_str()), (1, ""), "{args:?}");
    }
}
