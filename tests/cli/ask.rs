//! `ask-mismatch` (§2 v1.3): a body that states this project's ask or
//! budget total other than `funding.goal`, at the line and column of the
//! figure; and the look-alikes that are not this project's ask.

use crate::{folder_of, grantctl_in};

/// A proposal with `funding` lines (indented under `funding:`) and
/// `extra` front matter, whose body starts at line 11 with `body`.
fn proposal(funding: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: T\n{extra}funding:\n{funding}budget:\n  - item: All\n    amount: 1\n    note: n\n---\n\n{body}\n"
    )
}

/// One proposal: `funding` lines (indented under `funding:`), `extra`
/// front matter, the body, and where the finding is expected, if anywhere.
/// Bodies start at line 11, or 12 when `extra` is one line.
struct Case {
    name: &'static str,
    funding: &'static str,
    extra: &'static str,
    body: &'static str,
    at: Option<(u64, u64)>,
}

const fn case(
    name: &'static str,
    funding: &'static str,
    extra: &'static str,
    body: &'static str,
    at: Option<(u64, u64)>,
) -> Case {
    Case {
        name,
        funding,
        extra,
        body,
        at,
    }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Fires.
    case("seeking a range above the goal", "  goal: 200000\n", "", "We are seeking $250,000 to $350,000 over two years.", Some((11, 16))),
    case("a total label", "  goal: 30000\n", "", "Some text.\n\nTotal: $36,000", Some((13, 8))),
    case("a table's TOTAL row", "  goal: 40000\n", "", "| Item | Cost |\n|---|---|\n| Venue | $20,000 |\n| **TOTAL** | $36,000 |", Some((14, 15))),
    case("a prose target", "  goal: 188000\n", "", "Our target of $81,000 covers the first two retreats.", Some((11, 15))),
    case("converted with a rate", "  goal: 100000\n", "exchange_rates: {GBP: 1.25}\n", "We request £100,000 for the year.", Some((12, 12))),
    case("a conversion stated on the line", "  goal: 80000\n", "", "We are asking for £64,290, about $87,543.", Some((11, 19))),
    case("another currency with no rate", "  goal: 50000\n", "", "We are seeking €50,000 to run the course.", Some((11, 16))),
    case("a total budget in millions", "  goal: 1000000\n", "", "Our total budget is $1.2M across three years.", Some((11, 21))),
    // Does not fire.
    case("another funder's grant", "  goal: 90000\n", "", "Last year we received a $50,000 grant from Open Philanthropy.", None),
    case("last year's budget", "  goal: 90000\n", "", "Our total budget last year was $120,000.", None),
    case("a salary", "  goal: 90000\n", "", "We request a salary of $60,000 for the coordinator.", None),
    case("a price per unit", "  goal: 90000\n", "", "We are seeking $2,000 per participant for travel.", None),
    case("a range that contains the goal", "  goal: 300000\n", "", "We are seeking $250,000 to $350,000.", None),
    case("money already granted", "  goal: 90000\n", "", "Open Philanthropy has already granted us $40,000.", None),
    case("a stated conversion that matches", "  goal: 80000\n", "", "We are asking for £64,000, about $80,000.", None),
    case("within the tolerance", "  goal: 30000\n  tolerance: 500\n", "", "Total: $30,400", None),
    case("the goal itself", "  goal: 81000\n", "", "Our target of $81,000 covers the first two retreats.", None),
    case("inside a code block", "  goal: 188000\n", "", "```\nOur target of $81,000\n```", None),
];

#[test]
fn ask_mismatch_fires_at_the_figure_and_not_on_look_alikes() {
    let files: Vec<(String, String)> = CASES
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                format!("case{i:02}.md"),
                proposal(c.funding, c.extra, c.body),
            )
        })
        .collect();
    let dir = folder_of(&files);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "."]);
    let asks: Vec<(String, u64, Option<u64>)> = run
        .findings()
        .into_iter()
        .filter(|(_, _, _, rule)| rule == "ask-mismatch")
        .map(|(file, line, column, _)| (file, line, column))
        .collect();
    for (i, Case { name, at, .. }) in CASES.iter().enumerate() {
        let file = format!("./case{i:02}.md");
        let found: Vec<(u64, u64)> = asks
            .iter()
            .filter(|(f, _, _)| *f == file || f.ends_with(&file[2..]))
            .map(|(_, line, column)| (*line, column.unwrap_or(0)))
            .collect();
        assert_eq!(
            found,
            at.iter().copied().collect::<Vec<_>>(),
            "{name}: {}",
            files[i].1
        );
    }
    // Warnings only: no case has an error of its own making.
    assert_eq!(
        run.code, 1,
        "the one-line budget fails budget-total: {}",
        run.stdout
    );
}

#[test]
fn ask_mismatch_names_both_figures_and_the_conversion() {
    let dir = folder_of(&[
        (
            "range.md".to_string(),
            proposal(
                "  goal: 200000\n",
                "",
                "We are seeking $250,000 to $350,000 over two years.",
            ),
        ),
        (
            "rate.md".to_string(),
            proposal(
                "  goal: 100000\n",
                "exchange_rates: {GBP: 1.25}\n",
                "We request £100,000 for the year.",
            ),
        ),
        (
            "norate.md".to_string(),
            proposal(
                "  goal: 50000\n",
                "",
                "We are seeking €50,000 to run the course.",
            ),
        ),
    ]);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "."]);
    let messages: Vec<String> = serde_json::from_str::<serde_json::Value>(&run.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "ask-mismatch")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "the body states this project's ask as €50,000, in EUR, and funding.goal is $50,000: with no exchange rate for EUR it cannot be checked (add `exchange_rates: {EUR: …}`)",
            "the body states this project's ask as $250,000 to $350,000 but funding.goal is $200,000 (a difference of $50,000)",
            "the body states this project's ask as £100,000 ($125,000 at 1.25 USD per GBP) but funding.goal is $100,000 (a difference of $25,000)",
        ]
    );
}
