//! Properties of v1.2 budgets: for random ranged lines and a `percent`
//! line, a goal anywhere inside the computed range passes, `budget_total`'s
//! bounds equal sums computed here independently, a goal one cent outside
//! either bound is a `budget-total`, and a percent amount one cent off is a
//! `budget-percent` at its line.

use grantctl::budget::budget_total;
use grantctl::proposal::load;
use grantctl::rubric::Rubric;
use proptest::prelude::*;

/// `$1,234.05` from cents.
fn dollars(cents: i64) -> String {
    let digits = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("${grouped}.{:02}", cents % 100)
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
fn render(
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

fn rules(text: &str) -> Vec<(String, u32)> {
    let rubric = Rubric::parse("sections: []").unwrap();
    let mut got: Vec<(String, u32)> = load("gen.md", "gen", text, &rubric)
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.id().to_string(), d.line))
        .collect();
    got.sort();
    got
}

fn line() -> impl Strategy<Value = (i64, i64)> {
    prop_oneof![
        (0..50_000_000i64).prop_map(|c| (c, c)),
        (0..50_000_000i64, 0..20_000_000i64).prop_map(|(c, w)| (c, c + w)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_goal_inside_the_range_passes_and_the_bounds_are_exact(
        lines in prop::collection::vec(line(), 1..6),
        percent in prop::option::of(0..40i64),
        at in 0..=100i64,
        dash in any::<bool>(),
    ) {
        let case = render(&lines, percent.map(|p| (p, 0)), |low, high| low + (high - low) * at / 100, dash);
        prop_assert_eq!(rules(&case.text), vec![], "{}", case.text);
        let rubric = Rubric::parse("sections: []").unwrap();
        let proposal = load("gen.md", "gen", &case.text, &rubric).proposal.unwrap();
        let total = budget_total(&proposal).unwrap();
        let cents = |m: grantctl::money::Money| (m.value() * rust_decimal::Decimal::ONE_HUNDRED).normalize().to_string();
        prop_assert_eq!(cents(total.low), case.low.to_string());
        prop_assert_eq!(cents(total.high), case.high.to_string());
    }

    #[test]
    fn one_cent_outside_the_range_or_off_the_percentage_is_caught(
        lines in prop::collection::vec(line(), 1..6),
        p in 1..40i64,
        above in any::<bool>(),
        up in any::<bool>(),
    ) {
        // The goal one cent past a bound.
        let outside = |low: i64, high: i64| if above || low == 0 { high + 1 } else { low - 1 };
        let case = render(&lines, None, outside, false);
        prop_assert_eq!(rules(&case.text), vec![("budget-total".to_string(), case.goal_line)], "{}", case.text);

        // The percent line's amount one cent off, the goal at the low bound
        // of what the stated amounts add up to.
        let nudge = if up { 1 } else { -1 };
        let case = render(&lines, Some((p, nudge)), |low, _| low, false);
        let found = rules(&case.text);
        let at = case.percent_line.unwrap();
        let moved_below_zero = lines.iter().map(|l| l.0).sum::<i64>() * p < 50 && !up;
        prop_assume!(!moved_below_zero);
        prop_assert!(found.contains(&("budget-percent".to_string(), at)), "{:?}\n{}", found, case.text);
    }
}
