use super::*;
use crate::diagnostic::Findings;
use crate::money::Range;
use crate::proposal;

fn total(front_matter: &str) -> (Option<Range>, Vec<String>) {
    let yaml = format!("title: T\n{front_matter}");
    let root = crate::yaml::parse(&yaml, 2).unwrap();
    let mut findings = Findings::default();
    let proposal = proposal::read(root, "t", &mut findings).unwrap();
    let checked = check_budget(&proposal, &mut findings);
    let messages = findings.list().iter().map(|f| f.message.clone()).collect();
    (checked.total, messages)
}

#[test]
fn each_line_is_converted_and_rounded_on_its_own() {
    // £0.02 at 1.25 is $0.025, rounded half-up to $0.03 per line: two
    // lines make $0.06, not the $0.05 that converting their sum gives.
    let (sum, messages) = total(
        "exchange_rates: {GBP: 1.25}\nfunding:\n  goal: 0.06\nbudget:\n  - item: A\n    amount: \"£0.02\"\n  - item: B\n    amount: \"£0.02\"\n",
    );
    assert_eq!(sum.map(|r| r.low.plain()), Some("0.06".to_string()));
    assert_eq!(messages, Vec::<String>::new());
}

#[test]
fn sub_lines_are_checked_in_their_parents_currency() {
    // The parent is in GBP; its sub-lines add up in GBP, and only the
    // parent is converted into the dollar total.
    let (sum, messages) = total(
        "exchange_rates: {GBP: 1.5}\nfunding:\n  goal: 150\nbudget:\n  - item: Pounds\n    currency: GBP\n    amount: 100\n    lines:\n      - item: A\n        amount: 60\n      - item: B\n        amount: \"£40\"\n",
    );
    assert_eq!(sum.map(|r| r.low.plain()), Some("150".to_string()));
    assert_eq!(messages, Vec::<String>::new());
}

#[test]
fn a_percent_of_ranges_is_a_range() {
    let (sum, messages) = total(
        "funding:\n  goal: 330000\nbudget:\n  - item: Hires\n    amount: \"$100k - $200k\"\n  - item: Overhead\n    percent: 10\n",
    );
    let sum = sum.unwrap();
    assert_eq!(
        (sum.low.plain(), sum.high.plain()),
        ("110000".into(), "220000".into())
    );
    assert_eq!(
        messages,
        [
            "budget lines add up to $110,000 – $220,000 but funding.goal is $330,000 (short by $110,000)"
        ]
    );
}
