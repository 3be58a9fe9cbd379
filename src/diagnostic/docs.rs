//! What each rule means to the people who meet it: what it checks, why a
//! reviewer cares, and a failing and a fixed example (`grantctl explain`).
//!
//! Examples are whole proposal files where the rule can be shown in one, so
//! a test can check that the failing one fires the rule and the fixed one
//! does not; `io` is about bytes and files, so its examples are prose.

use crate::diagnostic::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// What the rule checks, in a sentence or two.
    pub checks: &'static str,
    /// Why a reviewer or applicant should care.
    pub why: &'static str,
    pub failing: &'static str,
    pub fixed: &'static str,
    /// The rubric the examples need, when the default one cannot show the rule.
    pub rubric: Option<&'static str>,
}

/// The failing and fixed examples share this budget where they can.
macro_rules! proposal {
    ($fields:literal) => {
        concat!(
            "---\ntitle: Reading group on evaluation methods\n",
            $fields,
            "---\n"
        )
    };
}

/// A track record that meets `rubrics/strict.yaml`'s minimum, so the
/// `rubric-threshold` examples differ only in their premortem.
macro_rules! track_record {
    () => {
        concat!(
            "\n## Track record\n\n",
            "We ran 4 reading groups from 2021 to 2024 for 120 people; 85 finished, 12 now ",
            "work in research, and 3 groups published notes ",
            "([2023](https://example.org/notes-2023), [2024](https://example.org/notes-2024)); ",
            "2 members posted write-ups on LessWrong and the Alignment Forum.\n",
        )
    };
}
pub fn doc(rule: Rule) -> RuleDoc {
    let doc = |checks, why, failing, fixed| RuleDoc {
        checks,
        why,
        failing,
        fixed,
        rubric: None,
    };
    match rule {
        Rule::FrontMatter => doc(
            "The file starts with YAML front matter: a line `---`, a mapping of fields, and a closing \
             `---` (or `...`). Missing or unterminated front matter, YAML that does not parse, \
             duplicate keys and budget lines nested deeper than 32 levels are reported here.",
            "Without front matter nothing else can be checked: the title, the goal and the budget \
             all live there, so the proposal drops out of every comparison.",
            "title: Reading group on evaluation methods\nfunding:\n  goal: 5000\n",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
        ),
        Rule::MissingField => doc(
            "A required field is absent, null or blank: `title`, `funding.goal`, `budget`, and \
             each budget line's `item` and `amount` (or both `quantity` and `unit_cost`).",
            "A reviewer cannot weigh a proposal that does not say what it is called, how much it \
             asks for, or what the money is for.",
            proposal!("budget:\n  - item: Books and venue\n    amount: 5000\n"),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
        ),
        Rule::FieldType => doc(
            "A field has the wrong YAML type: a mapping where a list is due (`budget: {}`), a \
             number where text is due, a quantity that is not a number.",
            "A value of the wrong shape is silently meaningless to every other check; saying so \
             points at the one line to fix.",
            proposal!("funding:\n  goal: 5000\nbudget:\n  item: Books and venue\n  amount: 5000\n"),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
        ),
        Rule::UnknownField => doc(
            "A field the format does not know, with a \"did you mean\" suggestion when one is \
             close. Silence one you mean to keep with `grantctl: {allow: [unknown-field]}` in the \
             front matter, or `ignore` in `grantctl.yaml`.",
            "A typo such as `ammount` would otherwise drop money from the budget without a word.",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    ammount: 5000\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
        ),
        Rule::Amount => doc(
            "A money value that cannot be read: not a number or an amount such as \"$5k\", \
             negative, or with digits below the cent.",
            "Every total is built from these figures; one that cannot be read makes the budget's \
             arithmetic unknowable.",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: five thousand dollars\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: \"$5,000\"\n"
            ),
        ),
        Rule::Currency => doc(
            "`currency` is not an ISO 4217 code, or an amount is written with a symbol or code \
             that disagrees with it (\"$5,000\" in a EUR proposal).",
            "Comparing proposals means comparing amounts; a figure in the wrong currency is off \
             by the exchange rate.",
            proposal!(
                "currency: EUR\nfunding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: \"$5,000\"\n"
            ),
            proposal!(
                "currency: EUR\nfunding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: \"€5,000\"\n"
            ),
        ),
        Rule::BudgetTotal => doc(
            "The top-level budget lines add up to `funding.goal`, exactly. The message gives both \
             sums and the difference.",
            "A goal the lines do not explain is the first thing a reviewer checks by hand; a late \
             edit to one line is the usual cause.",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books\n    amount: 2000\n  - item: Venue\n    amount: 2500\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books\n    amount: 2000\n  - item: Venue\n    amount: 3000\n"
            ),
        ),
        Rule::BudgetSubtotal => doc(
            "A line with sub-`lines` has an `amount` equal to their sum.",
            "A subtotal that disagrees with its parts leaves the reader unsure which figure the \
             applicant means.",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Running costs\n    amount: 5000\n    lines:\n      - item: Books\n        amount: 2000\n      - item: Venue\n        amount: 2500\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Running costs\n    amount: 5000\n    lines:\n      - item: Books\n        amount: 2000\n      - item: Venue\n        amount: 3000\n"
            ),
        ),
        Rule::BudgetUnitCost => doc(
            "Where a line gives `quantity` and `unit_cost` and an `amount`, the amount is their \
             product.",
            "Unit costs are how reviewers judge whether a budget is reasonable; they must agree \
             with the figure that is summed.",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Session venue\n    quantity: 10\n    unit_cost: 450\n    amount: 5000\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Session venue\n    quantity: 10\n    unit_cost: 500\n    amount: 5000\n"
            ),
        ),
        Rule::FundingMinimum => doc(
            "`funding.minimum`, the least the project can run on, is not more than \
             `funding.goal`.",
            "A funder offering partial funding reads the minimum; one above the goal is a typo \
             in one of the two.",
            proposal!(
                "funding:\n  goal: 5000\n  minimum: 6000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\n  minimum: 3000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
        ),
        Rule::BudgetPercent => doc(
            "A line with `percent` is that percentage of the sum of its sibling lines that have \
             no `percent` (contingency, fees), rounded half-up to cents; where it also states an \
             `amount`, the two agree (within `funding.tolerance`).",
            "A percentage line is usually worked out by hand after the others were edited; when \
             the siblings change and the figure does not, the budget is off by the difference.",
            proposal!(
                "funding:\n  goal: 6000\nbudget:\n  - item: Books and venue\n    amount: 5000\n  - item: Contingency\n    percent: 20\n    amount: 1100\n"
            ),
            proposal!(
                "funding:\n  goal: 6000\nbudget:\n  - item: Books and venue\n    amount: 5000\n  - item: Contingency\n    percent: 20\n    amount: 1000\n"
            ),
        ),
        Rule::BudgetMinimum => doc(
            "Where top-level lines have a `tier` (1 = core, the default; 2, 3… extras) and the \
             file states `funding.minimum`, the tier-1 lines add up to the minimum.",
            "The tiers say what each funding level buys; a funder offering the minimum needs to \
             know the core lines are exactly what it pays for.",
            proposal!(
                "funding:\n  goal: 5000\n  minimum: 3000\nbudget:\n  - item: Books\n    amount: 2000\n  - item: Venue\n    tier: 2\n    amount: 3000\n"
            ),
            proposal!(
                "funding:\n  goal: 5000\n  minimum: 2000\nbudget:\n  - item: Books\n    amount: 2000\n  - item: Venue\n    tier: 2\n    amount: 3000\n"
            ),
        ),
        Rule::MissingSection => doc(
            "Every section the rubric scores has a heading in the body: with the default rubric, \
             a track record (\"Track record\", \"Who is on your team\") and a premortem \
             (\"Premortem\", \"Risks\", \"What could go wrong\").",
            "A missing section scores 0; the warning tells the applicant before a reviewer does.",
            proposal!(
                "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
            ),
            concat!(
                proposal!(
                    "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
                ),
                "\n## Track record\n\nWe ran 2 reading groups in 2024 with 30 participants.\n",
                "\n## Premortem\n\nIf too few people come, we merge the groups and advertise through partners.\n",
            ),
        ),
        Rule::RubricThreshold => RuleDoc {
            rubric: Some("rubrics/strict.yaml"),
            ..doc(
                "A scored section earns at least the minimum the rubric sets for it. The default \
                 rubric sets none; a funder's rubric (here `rubrics/strict.yaml`, premortem \
                 minimum 60) may.",
                "The funder has said what a usable answer looks like; below the minimum the \
                 proposal is not ready to be read.",
                concat!(
                    proposal!(
                        "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
                    ),
                    track_record!(),
                    "\n## Premortem\n\nWe do not expect this project to fail.\n",
                ),
                concat!(
                    proposal!(
                        "funding:\n  goal: 5000\nbudget:\n  - item: Books and venue\n    amount: 5000\n"
                    ),
                    track_record!(),
                    "\n## Premortem\n\n",
                    "- Too few people sign up, because the topic is narrow.\n",
                    "  - Outcome: sessions of three or four.\n",
                    "  - Mitigation: advertise through two partner groups.\n",
                    "- The venue becomes unavailable at short notice.\n",
                    "  - Outcome: a lost week.\n",
                    "  - Mitigation: a second venue is booked as a fallback.\n",
                    "- The facilitator leaves mid-way for a new job.\n",
                    "  - Outcome: the series stalls.\n",
                    "  - Mitigation: two co-facilitators share the sessions.\n",
                    "- Reading lists are too long.\n",
                    "  - Outcome: attendance drops after week three.\n",
                    "  - Mitigation: readings are capped at 30 pages a week.\n",
                    "- Funding arrives late.\n",
                    "  - Outcome: a shorter series.\n",
                    "  - Mitigation: sessions start with the book budget alone.\n",
                ),
            )
        },
        Rule::Io => doc(
            "The file can be read as text: it exists and is a regular file, is UTF-8, is not over \
             the size limit (10 MiB by default), and the folder it is in does not loop back on \
             itself through a symbolic link.",
            "A file that cannot be read cannot be checked; saying so, instead of skipping it, \
             keeps a broken file from passing a CI step unnoticed.",
            "A proposal saved as Latin-1, where `café` is the bytes `63 61 66 e9`.",
            "The same proposal saved as UTF-8, where `café` is `63 61 66 c3 a9`.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_words_and_two_different_examples() {
        for &rule in Rule::ALL {
            let d = doc(rule);
            assert!(d.checks.len() > 40 && d.why.len() > 40, "{rule}");
            assert_ne!(d.failing, d.fixed, "{rule}");
        }
    }
}
