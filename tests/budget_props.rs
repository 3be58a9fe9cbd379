//! Property: a random nested budget that adds up has no findings, and the
//! same budget with any one amount moved by one cent fails with exactly the
//! right rules at exactly the right lines. The same holds through the
//! binary, where `compare`'s `budget_total` is also the exact sum.
//!
//! And for v1.2 budgets: for random ranged lines and a `percent` line, a
//! goal anywhere inside the computed range passes, the budget total's bounds
//! equal sums computed here independently, a goal one cent outside either
//! bound is a `budget-total`, and a percent amount one cent off is a
//! `budget-percent` at its line.

use grantctl::analysis::analyse;
use grantctl::rubric::Rubric;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Line {
    Plain(i64),
    /// quantity × unit cost in cents, with the product stated as `amount`.
    Priced(u32, i64),
    Group(Vec<Line>),
}

impl Line {
    fn cents(&self) -> i64 {
        match self {
            Line::Plain(c) => *c,
            Line::Priced(q, unit) => i64::from(*q) * unit,
            Line::Group(children) => children.iter().map(Line::cents).sum(),
        }
    }
}

fn line() -> impl Strategy<Value = Line> {
    let leaf = prop_oneof![
        (0..5_000_000_000i64).prop_map(Line::Plain),
        (1..200u32, 0..2_000_000i64).prop_map(|(q, u)| Line::Priced(q, u)),
        // Whole thousands, so the `$12k` form gets exercised.
        (0..5_000i64).prop_map(|k| Line::Plain(k * 100_000)),
    ];
    leaf.prop_recursive(5, 40, 4, |inner| {
        prop::collection::vec(inner, 1..4).prop_map(Line::Group)
    })
}

/// `1234567` as `1,234,567`.
fn grouped(whole: i64) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One amount in one of the ways applications write it.
fn money(cents: i64, style: u64) -> String {
    let (whole, frac) = (cents / 100, cents % 100);
    let grouped = grouped(whole);
    let decimals = if frac == 0 {
        String::new()
    } else {
        format!(".{frac:02}")
    };
    match style % 7 {
        0 if frac == 0 => whole.to_string(),
        0 => format!("{whole}{decimals}"),
        1 => format!("\"${grouped}{decimals}\""),
        2 => format!("\"{whole}{decimals}\""),
        3 => format!("\"USD {grouped}{decimals}\""),
        4 => format!("\"{grouped}{decimals} USD\""),
        // Millions with up to four decimals: `$1.2345m` is $1,234,500.
        5 if cents % 10_000_000 == 0 => {
            let millions = rust_decimal::Decimal::new(cents / 100, 6).normalize();
            format!("\"${millions}m\"")
        }
        _ if cents % 100_000 == 0 => format!("\"${}k\"", cents / 100_000),
        _ => format!("\"~${grouped}{decimals}\""),
    }
}

/// Where each line's `amount` key landed, and its parent's index.
struct Entry {
    amount_line: u32,
    parent: Option<usize>,
    group: bool,
    priced: bool,
}

struct Writer {
    text: String,
    line: u32,
    entries: Vec<Entry>,
    style: u64,
    /// The entry whose stated amount is moved, and by how many cents.
    nudge: Option<(usize, i64)>,
}

impl Writer {
    fn push(&mut self, s: String) {
        self.text.push_str(&s);
        self.text.push('\n');
        self.line += 1;
    }

    fn lines(&mut self, lines: &[Line], depth: usize, parent: Option<usize>) {
        let pad = "  ".repeat(1 + 2 * depth);
        for line in lines {
            let index = self.entries.len();
            let mut cents = line.cents();
            if let Some((at, delta)) = self.nudge
                && at == index
            {
                // A zero amount cannot go down a cent: it moves up instead.
                cents = if cents + delta < 0 {
                    cents + 1
                } else {
                    cents + delta
                };
            }
            let style = self.style.rotate_left(index as u32 % 64) ^ index as u64;
            self.push(format!("{pad}- item: Line {index}"));
            if let Line::Priced(q, unit) = line {
                self.push(format!("{pad}  quantity: {q}"));
                self.push(format!("{pad}  unit_cost: {}", money(*unit, style / 7)));
            }
            self.entries.push(Entry {
                amount_line: self.line + 1,
                parent,
                group: matches!(line, Line::Group(_)),
                priced: matches!(line, Line::Priced(..)),
            });
            self.push(format!("{pad}  amount: {}", money(cents, style)));
            if let Line::Group(children) = line {
                self.push(format!("{pad}  lines:"));
                self.lines(children, depth + 1, Some(index));
            }
        }
    }
}

const GOAL_LINE: u32 = 4;

fn render(budget: &[Line], style: u64, nudge: Option<(usize, i64)>) -> (String, Vec<Entry>) {
    let goal: i64 = budget.iter().map(Line::cents).sum();
    let mut w = Writer {
        text: String::new(),
        line: 0,
        entries: Vec::new(),
        style,
        nudge,
    };
    w.push("---".into());
    w.push("title: Generated".into());
    w.push("funding:".into());
    w.push(format!("  goal: {}", money(goal, style)));
    w.push("budget:".into());
    w.lines(budget, 0, None);
    w.push("---".into());
    (w.text, w.entries)
}

fn findings(text: &str) -> Vec<(String, u32)> {
    // A rubric that scores nothing: these files have no body to score.
    let rubric = Rubric::parse("sections: []").unwrap();
    let mut got: Vec<(String, u32)> = analyse("gen.md", "gen", text, &rubric)
        .report
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.id().to_string(), d.line))
        .collect();
    got.sort();
    got
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_budget_that_adds_up_passes(
        budget in prop::collection::vec(line(), 1..5),
        style in any::<u64>(),
    ) {
        let (text, _) = render(&budget, style, None);
        prop_assert_eq!(findings(&text), vec![], "{}", text);
    }

    #[test]
    fn one_cent_moved_anywhere_is_caught_at_the_right_line(
        budget in prop::collection::vec(line(), 1..5),
        style in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        up in any::<bool>(),
    ) {
        let (_, entries) = render(&budget, style, None);
        let at = pick.index(entries.len());
        let (text, entries) = render(&budget, style, Some((at, if up { 1 } else { -1 })));
        prop_assert_eq!(findings(&text), caught(&entries, at), "{}", text);
    }
}

/// The findings one cent moved at entry `at` must give, sorted.
fn caught(entries: &[Entry], at: usize) -> Vec<(String, u32)> {
    let entry = &entries[at];
    let mut expected = Vec::new();
    if entry.priced {
        expected.push(("budget-unit-cost".to_string(), entry.amount_line));
    }
    if entry.group {
        expected.push(("budget-subtotal".to_string(), entry.amount_line));
    }
    match entry.parent {
        Some(p) => expected.push(("budget-subtotal".to_string(), entries[p].amount_line)),
        None => expected.push(("budget-total".to_string(), GOAL_LINE)),
    }
    expected.sort();
    expected
}

// The whole pipeline, through the binary: what `check` and `compare` print.

/// Runs the built grantctl in `dir`; exit code and stdout as JSON.
fn run_json(dir: &std::path::Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_grantctl"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("grantctl runs");
    let json = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (out.status.code().expect("an exit code"), json)
}

/// Findings from `check --format json` as sorted (rule, line).
fn cli_findings(json: &serde_json::Value) -> Vec<(String, u32)> {
    let mut got: Vec<(String, u32)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap() as u32,
            )
        })
        .collect();
    got.sort();
    got
}

proptest! {
    // Each case runs the binary three times, so fewer cases than above.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn check_passes_compare_sums_exactly_and_a_cent_off_fails(
        budget in prop::collection::vec(line(), 1..5),
        style in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        up in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (text, entries) = render(&budget, style, None);
        // A body with no headings, checked with a rubric that scores none.
        std::fs::write(dir.path().join("p.md"), &text).unwrap();
        std::fs::write(dir.path().join("none.yaml"), "sections: []\n").unwrap();
        let (code, json) = run_json(dir.path(), &["check", "--format", "json", "--rubric", "none.yaml", "p.md"]);
        prop_assert_eq!((code, cli_findings(&json)), (0, vec![]), "{}", text);

        let (_, rows) = run_json(dir.path(), &["compare", "--format", "json", "--rubric", "none.yaml", "p.md"]);
        let cents: i64 = budget.iter().map(Line::cents).sum();
        let exact = rust_decimal::Decimal::new(cents, 2).normalize().to_string();
        prop_assert_eq!(rows[0]["budget_total"].to_string(), exact.clone(), "{}", text);
        prop_assert_eq!(rows[0]["goal"].to_string(), exact);
        prop_assert_eq!(&rows[0]["budget_ok"], &serde_json::Value::Bool(true));

        let at = pick.index(entries.len());
        let (text, entries) = render(&budget, style, Some((at, if up { 1 } else { -1 })));
        std::fs::write(dir.path().join("p.md"), &text).unwrap();
        let (code, json) = run_json(dir.path(), &["check", "--format", "json", "--rubric", "none.yaml", "p.md"]);
        prop_assert_eq!((code, cli_findings(&json)), (1, caught(&entries, at)), "{}", text);
    }
}

// v1.2: ranges and percentages.

/// `$1,234.05` from cents.
fn dollars(cents: i64) -> String {
    format!("${}.{:02}", grouped(cents / 100), cents % 100)
}

fn amount(low: i64, high: i64, dash: bool) -> String {
    if low == high {
        format!("\"{}\"", dollars(low))
    } else if dash {
        format!("\"{} – {}\"", dollars(low), dollars(high))
    } else {
        format!("\"{} - {}\"", dollars(low), dollars(high))
    }
}

/// Half-up to cents, as the contract rounds a percentage.
fn percent_of(base: i64, percent: i64) -> i64 {
    (base * percent + 50) / 100
}

struct Case {
    text: String,
    low: i64,
    high: i64,
    goal_line: u32,
    percent_line: Option<u32>,
}

/// Lines `(low, high)` in cents, an optional percent line (its percent and
/// a nudge to its stated amount), and where in the range the goal sits.
fn render_ranged(
    lines: &[(i64, i64)],
    percent: Option<(i64, i64)>,
    goal: impl Fn(i64, i64) -> i64,
    dash: bool,
) -> Case {
    let base_low: i64 = lines.iter().map(|l| l.0).sum();
    let base_high: i64 = lines.iter().map(|l| l.1).sum();
    let (mut low, mut high) = (base_low, base_high);
    let mut body = Vec::new();
    for (i, (l, h)) in lines.iter().enumerate() {
        body.push(format!("  - item: Line {i}"));
        body.push(format!("    amount: {}", amount(*l, *h, dash)));
    }
    let mut percent_line = None;
    if let Some((p, nudge)) = percent {
        let (pl, ph) = (percent_of(base_low, p), percent_of(base_high, p));
        low += pl;
        high += ph;
        body.push("  - item: Contingency".into());
        body.push(format!("    percent: {p}"));
        percent_line = Some(6 + body.len() as u32);
        let (sl, sh) = ((pl + nudge).max(0), (ph + nudge).max(0));
        body.push(format!(
            "    amount: {}",
            amount(sl.min(sh), sh.max(sl), dash)
        ));
    }
    let text = format!(
        "---\ntitle: Generated\nfunding:\n  goal: \"{}\"\nbudget:\n{}\n---\n",
        dollars(goal(low, high)),
        body.join("\n")
    );
    Case {
        text,
        low,
        high,
        goal_line: 4,
        percent_line,
    }
}

fn ranged_line() -> impl Strategy<Value = (i64, i64)> {
    prop_oneof![
        (0..50_000_000i64).prop_map(|c| (c, c)),
        (0..50_000_000i64, 0..20_000_000i64).prop_map(|(c, w)| (c, c + w)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_goal_inside_the_range_passes_and_the_bounds_are_exact(
        lines in prop::collection::vec(ranged_line(), 1..6),
        percent in prop::option::of(0..40i64),
        at in 0..=100i64,
        dash in any::<bool>(),
    ) {
        let case = render_ranged(&lines, percent.map(|p| (p, 0)), |low, high| low + (high - low) * at / 100, dash);
        prop_assert_eq!(findings(&case.text), vec![], "{}", case.text);
        let rubric = Rubric::parse("sections: []").unwrap();
        let total = analyse("gen.md", "gen", &case.text, &rubric).report.budget_total.unwrap();
        let cents = |m: grantctl::money::Money| (m.value() * rust_decimal::Decimal::ONE_HUNDRED).normalize().to_string();
        prop_assert_eq!(cents(total.low), case.low.to_string());
        prop_assert_eq!(cents(total.high), case.high.to_string());
    }

    #[test]
    fn one_cent_outside_the_range_or_off_the_percentage_is_caught(
        lines in prop::collection::vec(ranged_line(), 1..6),
        p in 1..40i64,
        above in any::<bool>(),
        up in any::<bool>(),
    ) {
        // The goal one cent past a bound.
        let outside = |low: i64, high: i64| if above || low == 0 { high + 1 } else { low - 1 };
        let case = render_ranged(&lines, None, outside, false);
        prop_assert_eq!(findings(&case.text), vec![("budget-total".to_string(), case.goal_line)], "{}", case.text);

        // The percent line's amount one cent off, the goal at the low bound
        // of what the stated amounts add up to.
        let nudge = if up { 1 } else { -1 };
        let case = render_ranged(&lines, Some((p, nudge)), |low, _| low, false);
        let found = findings(&case.text);
        let at = case.percent_line.unwrap();
        let moved_below_zero = lines.iter().map(|l| l.0).sum::<i64>() * p < 50 && !up;
        prop_assume!(!moved_below_zero);
        prop_assert!(found.contains(&("budget-percent".to_string(), at)), "{:?}\n{}", found, case.text);
    }
}
