//! `grantctl shortlist` (§6, issue 19) through the binary: the trap that
//! funding down the ranking falls into, the reasons, the contract's JSON.

use serde_json::{Value, json};

use crate::{folder, grantctl, grantctl_in};

fn proposal(title: &str, goal: u32, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\n{extra}funding:\n  goal: {goal}\nbudget:\n  - item: Work\n    amount: {goal}\n---\n\n## Premortem\n\nNone.\n"
    )
}

/// With $100,000, A (score 9) needs all of $60,000; B and C (score 8)
/// need $50,000 each. Down the ranking: A alone, $40,000 idle. Exactly:
/// B + C, worth 8 × 100,000 > 9 × 60,000.
#[test]
fn two_smaller_grants_beat_the_top_ranked_one_that_leaves_money_idle() {
    let dir = folder(&[
        ("a.md", &proposal("A", 60_000, "")),
        ("b.md", &proposal("B", 50_000, "")),
        ("c.md", &proposal("C", 50_000, "")),
        (
            "r.csv",
            "reviewer,proposal,score\nana,a,9\nana,b,8\nana,c,8\n",
        ),
    ]);
    let run = grantctl_in(
        dir.path(),
        &[
            "shortlist",
            ".",
            "--pool",
            "$100,000",
            "--reviews",
            "r.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list: Value = serde_json::from_str(&run.stdout).unwrap();
    let keys: Vec<&String> = list.as_object().unwrap().keys().collect();
    for key in ["pool", "granted", "remaining", "bar", "value", "proposals"] {
        assert!(keys.iter().any(|k| *k == key), "{key} in {keys:?}");
    }
    assert_eq!(
        (&list["pool"], &list["granted"], &list["remaining"]),
        (&json!(100000), &json!(100000), &json!(0))
    );
    let proposals = list["proposals"].as_array().unwrap();
    let row = |id: &str| proposals.iter().find(|p| p["id"] == id).unwrap();
    assert_eq!(
        (&row("b")["level"], &row("b")["granted"]),
        (&json!("goal"), &json!(50000))
    );
    assert_eq!(
        (&row("c")["level"], &row("c")["granted"]),
        (&json!("goal"), &json!(50000))
    );
    assert_eq!(
        (&row("a")["level"], &row("a")["granted"]),
        (&Value::Null, &json!(0))
    );
    assert_eq!(
        row("a")["reason"],
        "goal ($60,000) does not fit what is left of the pool ($0)"
    );
    assert_eq!(row("b")["reason"], Value::Null);
    // The queue reads the answer for any pool: A first, as the ranking does.
    let queue: Vec<&str> = list["queue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(queue, ["a", "b", "c"]);
    // With $60,000, A alone is best (9 × 60,000 > 8 × 50,000).
    let small = grantctl_in(
        dir.path(),
        &[
            "shortlist",
            ".",
            "--pool",
            "60000",
            "--reviews",
            "r.csv",
            "--format",
            "csv",
        ],
    );
    assert!(
        small.stdout.contains("\na,A,9,goal,60000,\n"),
        "{}",
        small.stdout
    );
}

#[test]
fn the_bar_budget_errors_and_currencies_give_their_reasons() {
    let dir = folder(&[
        ("low.md", &proposal("Low", 10_000, "")),
        (
            "broken.md",
            &proposal("Broken", 10_000, "").replace("amount: 10000", "amount: 9000"),
        ),
        ("euro.md", &proposal("Euro", 10_000, "currency: EUR\n")),
        ("fine.md", &proposal("Fine", 10_000, "")),
        (
            "r.csv",
            "reviewer,proposal,score\nana,low,3\nana,broken,9\nana,euro,9\nana,fine,8\n",
        ),
    ]);
    let run = |extra: &[&str]| {
        let mut args = vec![
            "shortlist",
            ".",
            "--pool",
            "100000",
            "--reviews",
            "r.csv",
            "--bar",
            "5",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let run = grantctl_in(dir.path(), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<Value>(&run.stdout).unwrap()
    };
    let list = run(&[]);
    let reason = |list: &Value, id: &str| {
        list["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["reason"]
            .clone()
    };
    assert_eq!(reason(&list, "low"), "below the bar (3 ≤ 5)");
    assert_eq!(
        reason(&list, "broken"),
        "budget errors: its budget does not check out"
    );
    assert_eq!(
        reason(&list, "euro"),
        "in EUR, with no rate to USD: add `exchange-rates: {EUR: …}` to grantctl.yaml"
    );
    assert_eq!(reason(&list, "fine"), Value::Null);
    assert_eq!(list["granted"], json!(10000));
    // With a rate in grantctl.yaml, the euro proposal is converted and funded.
    std::fs::write(
        dir.path().join("grantctl.yaml"),
        "exchange-rates:\n  EUR: 1.08\n",
    )
    .unwrap();
    let list = run(&[]);
    assert_eq!(reason(&list, "euro"), Value::Null);
    assert_eq!(list["granted"], json!(20800));
}

#[test]
fn the_bundled_round_at_two_pool_sizes() {
    for (pool, granted) in [("100000", "84700"), ("300000", "298000")] {
        let run = grantctl(&[
            "shortlist",
            "proposals/",
            "examples/budgets/",
            "--pool",
            pool,
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let list: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(list["granted"].to_string(), granted, "{pool}");
        assert_eq!(list["optimal"], true);
    }
    let bad = grantctl(&["shortlist", "proposals/", "--pool", "lots"]);
    assert_eq!(bad.code, 2);
    let by = grantctl(&["shortlist", "proposals/", "--pool", "1000", "--by", "title"]);
    assert_eq!(by.code, 2);
    assert!(by.stderr.contains("is not a score column"), "{}", by.stderr);
}

/// Amounts near the largest a decimal holds: cents, running totals and
/// conversions overflow the decimal, and none of them may panic or be
/// read as another number.
#[test]
fn the_largest_amounts_neither_panic_nor_shrink() {
    let huge = "50000000000000000000000000000";
    let text = |extra: &str| {
        proposal("H", 1, extra)
            .replace("goal: 1", &format!("goal: {huge}"))
            .replace("amount: 1", &format!("amount: {huge}"))
    };
    let dir = folder(&[
        ("a.md", &text("")),
        ("b.md", &text("")),
        ("c.md", &text("currency: EUR\n")),
        ("grantctl.yaml", "exchange-rates: {EUR: 1000}\n"),
    ]);
    let run = grantctl_in(
        dir.path(),
        &[
            "shortlist",
            ".",
            "--pool",
            "$1",
            "--bar=-1",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list: Value = serde_json::from_str(&run.stdout).unwrap();
    let reason = |id: &str| {
        list["proposals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()["reason"]
            .clone()
    };
    assert_eq!(
        reason("a"),
        "goal ($50,000,000,000,000,000,000,000,000,000) does not fit what is left of the pool ($1)"
    );
    assert_eq!(reason("c"), "its amount in USD is out of range");
    let queue = list["queue"].as_array().unwrap();
    assert_eq!(queue[0]["cumulative"].to_string(), huge);
    assert_eq!(queue[1]["cumulative"], Value::Null);
}
