//! Budgets as applications write them (v1.2), on examples/budgets/: each
//! passes as written, and fails with the rule that guards it, at its line,
//! when one figure moves by a cent (or a unit).

use std::fs;
use std::path::Path;

use serde_json::json;

use super::{findings, grantctl};

fn example(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/budgets")
            .join(name),
    )
    .unwrap()
}

/// `check --format json` of `text` as a file: (rule, line, message).
fn check(text: &str) -> Vec<(String, u64, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.md");
    fs::write(&path, text).unwrap();
    let run = grantctl(&[
        "check",
        "--no-config",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[track_caller]
fn fails(name: &str, from: &str, to: &str, rule: &str, line: u64, message: &str) {
    let text = example(name);
    assert!(text.contains(from), "{name} has no `{from}`");
    let found = check(&text.replacen(from, to, 1));
    assert_eq!(
        found,
        [(rule.to_string(), line, message.to_string())],
        "{name}: `{from}` → `{to}`"
    );
}

#[track_caller]
fn passes(name: &str, from: &str, to: &str) {
    let found = check(&example(name).replacen(from, to, 1));
    assert_eq!(found, [], "{name}: `{from}` → `{to}`");
}

#[test]
fn every_pattern_passes_as_written() {
    let (code, rows) = findings(&["examples/budgets/"]);
    assert_eq!((code, rows), (0, vec![]));
}

#[test]
fn ranges_pass_inside_and_fail_a_cent_outside_with_both_bounds_shown() {
    passes("hires-range.md", "\"~$600K\"", "\"$450,000\"");
    passes("hires-range.md", "\"~$600K\"", "\"$750,000\"");
    fails(
        "hires-range.md",
        "\"~$600K\"",
        "\"$750,000.01\"",
        "budget-total",
        5,
        "budget lines add up to $450,000 – $750,000 but funding.goal is $750,000.01 (short by $0.01); if a figure was rounded by hand, `funding.tolerance` sets the difference allowed",
    );
    fails(
        "hires-range.md",
        "\"~$600K\"",
        "449999.99",
        "budget-total",
        5,
        "budget lines add up to $450,000 – $750,000 but funding.goal is $449,999.99 (over by $0.01); if a figure was rounded by hand, `funding.tolerance` sets the difference allowed",
    );
}

#[test]
fn other_sources_are_added_to_the_goal_and_named() {
    fails(
        "other-sources.md",
        "amount: 1200000",
        "amount: 1200000.01",
        "budget-total",
        5,
        "budget lines add up to $2,700,000 but funding.goal $1,000,000 + other sources $1,700,000.01 \
         (Foundation A $1,200,000.01, Foundation B $500,000) is $2,700,000.01 (short by $0.01)",
    );
    let run = grantctl(&["check", "examples/budgets/other-sources.md"]);
    assert!(
        run.stdout
            .contains("  $2,700,000 = goal $1,000,000 + other sources $1,700,000\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn tier_one_must_equal_the_minimum_and_levels_are_shown() {
    fails(
        "tiers.md",
        "minimum: 35000",
        "minimum: 35000.01",
        "budget-minimum",
        6,
        "tier 1 lines add up to $35,000 but funding.minimum is $35,000.01 (short by $0.01)",
    );
    fails(
        "tiers.md",
        "goal: 85000",
        "goal: 84999.99",
        "budget-total",
        5,
        "budget lines add up to $85,000 but funding.goal is $84,999.99 (over by $0.01); if a figure was rounded by hand, `funding.tolerance` sets the difference allowed",
    );
    let run = grantctl(&["check", "examples/budgets/tiers.md"]);
    assert!(
        run.stdout
            .contains("  levels: tier 1 $35,000 · tiers 1–2 $55,000 · tiers 1–3 $85,000\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn two_currencies_with_a_fee_pass_with_the_tolerance_and_fail_by_the_exact_cents_without() {
    // £21,000 × 1.3482 = $28,312.20; £12,370 × 1.3482 = $16,677.23 (half-up);
    // 1% of $44,989.43 = $449.89; total $45,439.32 against a goal of $45,440.
    let run = grantctl(&["check", "examples/budgets/two-currencies.md"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains(
            "  funding.goal: computed $45,439.32, stated $45,440: within the tolerance (difference $0.68)\n"
        ),
        "{}",
        run.stdout
    );
    fails(
        "two-currencies.md",
        "tolerance: 5",
        "tolerance: 0",
        "budget-total",
        8,
        "budget lines add up to $45,439.32 but funding.goal is $45,440 (short by $0.68); if a figure was rounded by hand, `funding.tolerance` sets the difference allowed",
    );
    // The tolerance at exactly its edge, and one cent past it.
    passes("two-currencies.md", "goal: 45440", "goal: 45444.32");
    fails(
        "two-currencies.md",
        "goal: 45440",
        "goal: 45444.33",
        "budget-total",
        8,
        "budget lines add up to $45,439.32 but funding.goal is $45,444.33 (short by $5.01; the tolerance is $5)",
    );
    // A line is checked in its own currency, with its unit shown.
    fails(
        "two-currencies.md",
        "unit_cost: \"£1,750\"",
        "unit_cost: \"£1,751\"",
        "budget-unit-cost",
        16,
        "quantity × unit_cost is 12 months × £1,751 = £21,012 but amount is £21,000 (over by £12; the tolerance is £5)",
    );
    // Without a rate, the pounds cannot be added to a dollar total, and
    // `£` on a line with no currency of its own disagrees with USD.
    let text = example("two-currencies.md").replacen("exchange_rates:\n  GBP: 1.3482\n", "", 1);
    let found: Vec<(String, u64)> = check(&text).into_iter().map(|(r, l, _)| (r, l)).collect();
    assert_eq!(
        found,
        [("currency".to_string(), 10), ("currency".to_string(), 16)]
    );
    let messages: Vec<String> = check(&text).into_iter().map(|(_, _, m)| m).collect();
    assert_eq!(
        messages,
        [
            "no exchange rate for GBP: add `exchange_rates: {GBP: …}`, in USD per GBP",
            "`£12,370` in `budget[1].amount` is written in £ but the proposal's currency is USD",
        ]
    );
}

#[test]
fn a_percent_line_is_its_share_of_the_others() {
    // The stated amount is what is summed, so the goal no longer matches
    // either: two findings, each at the figure to look at.
    let text = example("contingency.md").replacen("amount: 9000", "amount: 9000.01", 1);
    assert_eq!(
        check(&text),
        [
            (
                "budget-total".to_string(),
                5,
                "budget lines add up to $54,000.01 but funding.goal is $54,000 (over by $0.01); if a figure was rounded by hand, `funding.tolerance` sets the difference allowed"
                    .to_string()
            ),
            (
                "budget-percent".to_string(),
                14,
                "`Contingency, about 20%` is 20% of $45,000 = $9,000 but its amount is $9,000.01 (short by $0.01)"
                    .to_string()
            ),
        ]
    );
    // With no amount, the line is worth its percentage.
    passes("contingency.md", "    amount: 9000\n", "");
}

#[test]
fn compare_leaves_a_ranged_total_empty_and_gives_its_bounds() {
    let run = grantctl(&["compare", "--format", "json", "examples/budgets/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let hires = row("hires-range");
    assert_eq!(hires["budget_total"], json!(null));
    assert_eq!(hires["budget_low"], json!(450000));
    assert_eq!(hires["budget_high"], json!(750000));
    assert_eq!(hires["budget_ok"], json!(true));
    let phd = row("two-currencies");
    assert_eq!(phd["budget_total"], json!(45439.32));
    assert_eq!(phd["budget_low"], json!(45439.32));
    let csv = grantctl(&[
        "compare",
        "--format",
        "csv",
        "examples/budgets/hires-range.md",
    ]);
    let record = csv.stdout.lines().nth(1).unwrap();
    // goal, minimum, budget_total, budget_ok: the ranged total is empty.
    assert!(record.contains(",USD,600000,,,true,"), "{record}");
}

#[test]
fn apart_funds_sustain_before_grow() {
    // The application funds operations first, then growth: two levels.
    let run = grantctl(&["check", "proposals/apart-research.md"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("  levels: tier 1 $164,000 · tiers 1–2 $248,000\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_new_rules_make_budget_ok_false() {
    let run = grantctl(&[
        "compare",
        "--format",
        "csv",
        "--sort",
        "id",
        "examples/budget-percent.md",
        "examples/budget-minimum.md",
        "examples/budgets/tiers.md",
    ]);
    let ok: Vec<(&str, &str)> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[1], cells[8])
        })
        .collect();
    assert_eq!(
        ok,
        [
            ("budget-minimum", "false"),
            ("budget-percent", "false"),
            ("tiers", "true")
        ]
    );
}
