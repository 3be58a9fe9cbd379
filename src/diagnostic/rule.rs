//! The rules: one table of every rule with its id, severity, whether it
//! breaks the budget, its one-line description and its documentation. The
//! checks, `rules`, `explain`, SARIF's rule list, clap's values and the
//! schema all read it, so a rule cannot be listed in one and missing from
//! another.

use std::fmt;

use serde::Serialize;

use super::docs::{Edit, Example, RuleDoc};

/// Every rule id of the contract (§2), in one place so none is renamed by accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    FrontMatter,
    MissingField,
    FieldType,
    UnknownField,
    Amount,
    Currency,
    BudgetTotal,
    BudgetSubtotal,
    BudgetUnitCost,
    FundingMinimum,
    BudgetPercent,
    BudgetMinimum,
    MissingSection,
    RubricThreshold,
    Io,
    AskMismatch,
    EmptySection,
    DuplicateId,
}

/// One rule and everything said about it.
#[derive(Debug)]
pub struct RuleRow {
    pub rule: Rule,
    /// Kebab-case, exactly the contract's table (§2).
    pub id: &'static str,
    pub severity: Severity,
    /// Whether an error of this rule makes `budget_ok` false (§4).
    pub breaks_budget: bool,
    /// One line on what the rule checks, for `rules` and SARIF.
    pub description: &'static str,
    pub doc: RuleDoc,
}

pub static RULES: [RuleRow; 18] = [
    RuleRow {
        rule: Rule::FrontMatter,
        id: "frontmatter",
        severity: Severity::Error,
        breaks_budget: false,
        description: "front matter missing, unterminated, or not valid YAML",
        doc: RuleDoc {
            checks: "The file starts with YAML front matter: a line `---`, a mapping of fields, and a closing \
             `---` (or `...`). Missing or unterminated front matter, YAML that does not parse, \
             duplicate keys and budget lines nested deeper than 32 levels are reported here.",
            why: "Without front matter nothing else can be checked: the title, the goal and the budget \
             all live there, so the proposal drops out of every comparison.",
            example: Example::File {
                path: "examples/frontmatter.md",
                text: include_str!("../../examples/frontmatter.md"),
                rubric: None,
                fix: &[Edit {
                    old: "title: AI safety: a primer for policymakers\n",
                    new: "title: \"AI safety: a primer for policymakers\"\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::MissingField,
        id: "missing-field",
        severity: Severity::Error,
        breaks_budget: true,
        description: "a required field is absent or null",
        doc: RuleDoc {
            checks: "A required field is absent, null or blank: `title`, `funding.goal`, `budget`, and \
             each budget line's `item` and `amount` (or both `quantity` and `unit_cost`).",
            why: "A reviewer cannot weigh a proposal that does not say what it is called, how much it \
             asks for, or what the money is for.",
            example: Example::File {
                path: "examples/missing-field.md",
                text: include_str!("../../examples/missing-field.md"),
                rubric: None,
                fix: &[Edit {
                    old: "  - amount: 1000\n",
                    new: "  - item: Domain and hosting\n    amount: 1000\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::FieldType,
        id: "field-type",
        severity: Severity::Error,
        breaks_budget: false,
        description: "a field has the wrong type",
        doc: RuleDoc {
            checks: "A field has the wrong YAML type: a mapping where a list is due (`budget: {}`), a \
             number where text is due, a quantity that is not a number.",
            why: "A value of the wrong shape is silently meaningless to every other check; saying so \
             points at the one line to fix.",
            example: Example::File {
                path: "examples/field-type.md",
                text: include_str!("../../examples/field-type.md"),
                rubric: None,
                fix: &[Edit {
                    old: "  staff: 3000\n  books: 2000\n",
                    new: "  - item: Staff\n    amount: 3000\n  - item: Books\n    amount: 2000\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::UnknownField,
        id: "unknown-field",
        severity: Severity::Warning,
        breaks_budget: false,
        description: "a field the format does not know",
        doc: RuleDoc {
            checks: "A field the format does not know, with a \"did you mean\" suggestion when one is \
             close. Silence one you mean to keep with `grantctl: {allow: [unknown-field]}` in the \
             front matter, or `ignore` in `grantctl.yaml`.",
            why: "A typo such as `ammount` would otherwise drop money from the budget without a word.",
            example: Example::File {
                path: "examples/unknown-field.md",
                text: include_str!("../../examples/unknown-field.md"),
                rubric: None,
                fix: &[Edit {
                    old: "aplicant: Example Media\n",
                    new: "applicant: Example Media\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::Amount,
        id: "amount",
        severity: Severity::Error,
        breaks_budget: true,
        description: "a money value that cannot be parsed, is negative, or has sub-cent digits",
        doc: RuleDoc {
            checks: "A money value that cannot be read: not a number or an amount such as \"$5k\", \
             negative, or with digits below the cent.",
            why: "Every total is built from these figures; one that cannot be read makes the budget's \
             arithmetic unknowable.",
            example: Example::File {
                path: "examples/amount.md",
                text: include_str!("../../examples/amount.md"),
                rubric: None,
                fix: &[Edit {
                    old: "    amount: TBD\n",
                    new: "    amount: \"$5,000\"\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::Currency,
        id: "currency",
        severity: Severity::Error,
        breaks_budget: true,
        description: "unknown currency code, or a symbol that disagrees with it",
        doc: RuleDoc {
            checks: "`currency` is not an ISO 4217 code, or an amount is written with a symbol or code \
             that disagrees with it (\"$5,000\" in a EUR proposal).",
            why: "Comparing proposals means comparing amounts; a figure in the wrong currency is off \
             by the exchange rate.",
            example: Example::File {
                path: "examples/currency.md",
                text: include_str!("../../examples/currency.md"),
                rubric: None,
                fix: &[Edit {
                    old: "    amount: \"$5,000\"\n",
                    new: "    amount: \"€5,000\"\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::BudgetTotal,
        id: "budget-total",
        severity: Severity::Error,
        breaks_budget: true,
        description: "the top-level budget lines do not add up to funding.goal",
        doc: RuleDoc {
            checks: "The top-level budget lines add up to `funding.goal` plus any \
             `funding.other_sources` (money from elsewhere that covers part of the budget), to the cent \
             unless `funding.tolerance` allows a difference for figures rounded by hand. Lines of every \
             `tier` count: tiers are what less money buys, the goal is all of them. A ranged line \
             passes when the goal lies inside the range. The message gives both sums and the \
             difference, and names the field that fits when the budget is larger than the ask or off \
             by cents.",
            why: "A goal the lines do not explain is the first thing a reviewer checks by hand; a late \
             edit to one line is the usual cause.",
            example: Example::File {
                path: "examples/budget-total.md",
                text: include_str!("../../examples/budget-total.md"),
                rubric: None,
                fix: &[Edit {
                    old: "    amount: 12000\n",
                    new: "    amount: 13000\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::BudgetSubtotal,
        id: "budget-subtotal",
        severity: Severity::Error,
        breaks_budget: true,
        description: "a line's `lines` do not add up to that line's amount",
        doc: RuleDoc {
            checks: "A line with sub-`lines` has an `amount` equal to their sum.",
            why: "A subtotal that disagrees with its parts leaves the reader unsure which figure the \
             applicant means.",
            example: Example::File {
                path: "examples/budget-subtotal.md",
                text: include_str!("../../examples/budget-subtotal.md"),
                rubric: None,
                fix: &[Edit {
                    old: "        amount: 23000\n",
                    new: "        amount: 25000\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::BudgetUnitCost,
        id: "budget-unit-cost",
        severity: Severity::Error,
        breaks_budget: true,
        description: "quantity × unit_cost differs from the line's amount",
        doc: RuleDoc {
            checks: "Where a line gives `quantity` and `unit_cost` and an `amount`, the amount is their \
             product.",
            why: "Unit costs are how reviewers judge whether a budget is reasonable; they must agree \
             with the figure that is summed.",
            example: Example::File {
                path: "examples/budget-unit-cost.md",
                text: include_str!("../../examples/budget-unit-cost.md"),
                rubric: None,
                fix: &[Edit {
                    old: "    unit_cost: 4500\n",
                    new: "    unit_cost: 3750\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::FundingMinimum,
        id: "funding-minimum",
        severity: Severity::Error,
        breaks_budget: true,
        description: "funding.minimum is greater than funding.goal",
        doc: RuleDoc {
            checks: "`funding.minimum`, the least the project can run on, is not more than \
             `funding.goal`.",
            why: "A funder offering partial funding reads the minimum; one above the goal is a typo \
             in one of the two.",
            example: Example::File {
                path: "examples/funding-minimum.md",
                text: include_str!("../../examples/funding-minimum.md"),
                rubric: None,
                fix: &[Edit {
                    old: "  minimum: 80000\n",
                    new: "  minimum: 30000\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::BudgetPercent,
        id: "budget-percent",
        severity: Severity::Error,
        breaks_budget: true,
        description: "a percent line's amount differs from its percentage of its siblings",
        doc: RuleDoc {
            checks: "A line with `percent` is that percentage of the sum of its sibling lines that have \
             no `percent` (contingency, fees), rounded half-up to cents; where it also states an \
             `amount`, the two agree (within `funding.tolerance`).",
            why: "A percentage line is usually worked out by hand after the others were edited; when \
             the siblings change and the figure does not, the budget is off by the difference.",
            example: Example::File {
                path: "examples/budget-percent.md",
                text: include_str!("../../examples/budget-percent.md"),
                rubric: None,
                fix: &[
                    Edit {
                        old: "  goal: 29000\n",
                        new: "  goal: 28800\n",
                    },
                    Edit {
                        old: "    amount: 5000\n",
                        new: "    amount: 4800\n",
                    },
                ],
            },
        },
    },
    RuleRow {
        rule: Rule::BudgetMinimum,
        id: "budget-minimum",
        severity: Severity::Error,
        breaks_budget: true,
        description: "the tier-1 lines do not add up to funding.minimum",
        doc: RuleDoc {
            checks: "Where top-level lines have a `tier` (1 = core, the default; 2, 3… extras) and the \
             file states `funding.minimum`, the tier-1 lines add up to the minimum.",
            why: "The tiers say what each funding level buys; a funder offering the minimum needs to \
             know the core lines are exactly what it pays for.",
            example: Example::File {
                path: "examples/budget-minimum.md",
                text: include_str!("../../examples/budget-minimum.md"),
                rubric: None,
                fix: &[Edit {
                    old: "  minimum: 15000\n",
                    new: "  minimum: 12000\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::MissingSection,
        id: "missing-section",
        severity: Severity::Warning,
        breaks_budget: false,
        description: "a section the rubric scores is not in the body",
        doc: RuleDoc {
            checks: "Every section the rubric scores has a heading in the body: with the default rubric, \
             a track record (\"Track record\", \"Who is on your team\") and a premortem \
             (\"Premortem\", \"Risks\", \"What could go wrong\").",
            why: "A missing section scores 0; the warning tells the applicant before a reviewer does.",
            example: Example::File {
                path: "examples/missing-section.md",
                text: include_str!("../../examples/missing-section.md"),
                rubric: None,
                fix: &[Edit {
                    old: "We ran the same scheme in 2024 for 4 researchers; 3 published their results.\n",
                    new: "We ran the same scheme in 2024 for 4 researchers; 3 published their results.\n\n## Premortem\n\n- Researchers spend the credits on work unrelated to safety.\n  - Outcome: the grant buys nothing the field can use.\n  - Mitigation: each researcher names a project and reports on it after 3 months.\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::RubricThreshold,
        id: "rubric-threshold",
        severity: Severity::Error,
        breaks_budget: false,
        description: "a section scored below the rubric's minimum for it",
        doc: RuleDoc {
            checks: "A scored section earns at least the minimum the rubric sets for it. The default \
                 rubric sets none; a funder's rubric (here `rubrics/strict.yaml`, premortem \
                 minimum 60) may.",
            why: "The funder has said what a usable answer looks like; below the minimum the \
                 proposal is not ready to be read.",
            example: Example::File {
                path: "examples/rubric-threshold.md",
                text: include_str!("../../examples/rubric-threshold.md"),
                rubric: Some("rubrics/strict.yaml"),
                fix: &[
                    Edit {
                        old: "We are passionate, experienced and highly motivated educators with a strong\ncommitment to excellence and a proven ability to deliver outstanding results.\n",
                        new: "We ran 4 courses from 2021 to 2024 for 120 people; 85 finished, 12 now work in\nresearch, and 3 cohorts published notes ([2023](https://example.org/notes-2023),\n[2024](https://example.org/notes-2024)); 2 members posted write-ups on LessWrong\nand the Alignment Forum.\n",
                    },
                    Edit {
                        old: "We do not expect this project to fail.\n",
                        new: "- Too few people sign up, because the topic is narrow.\n  - Outcome: cohorts of three or four.\n  - Mitigation: advertise through two partner groups.\n- The recording studio becomes unavailable at short notice.\n  - Outcome: a lost week.\n  - Mitigation: a second studio is booked as a fallback.\n- The lead instructor leaves mid-way for a new job.\n  - Outcome: the course stalls.\n  - Mitigation: two co-instructors share the lessons.\n- Reading lists are too long.\n  - Outcome: completion drops after week three.\n  - Mitigation: readings are capped at 30 pages a week.\n- Funding arrives late.\n  - Outcome: a shorter course.\n  - Mitigation: recording starts with the design budget alone.\n",
                    },
                ],
            },
        },
    },
    RuleRow {
        rule: Rule::Io,
        id: "io",
        severity: Severity::Error,
        breaks_budget: false,
        description: "the file cannot be read, is not UTF-8, or is too large",
        doc: RuleDoc {
            checks: "The file can be read as text: it exists and is a regular file, is UTF-8, is not over \
             the size limit (10 MiB by default), and the folder it is in does not loop back on \
             itself through a symbolic link.",
            why: "A file that cannot be read cannot be checked; saying so, instead of skipping it, \
             keeps a broken file from passing a CI step unnoticed.",
            example: Example::Prose {
                failing: "A proposal saved as Latin-1, where `café` is the bytes `63 61 66 e9`.",
                fixed: "The same proposal saved as UTF-8, where `café` is `63 61 66 c3 a9`.",
            },
        },
    },
    RuleRow {
        rule: Rule::AskMismatch,
        id: "ask-mismatch",
        severity: Severity::Warning,
        breaks_budget: false,
        description: "the body states this project's ask or budget total and it differs from funding.goal",
        doc: RuleDoc {
            checks: "A figure the body states as this project's ask or budget total (\"we are seeking \
             $250,000\", \"our target of $81,000\", \"Total: £36,000\", a table's TOTAL row) agrees with \
             `funding.goal`, give or take `funding.tolerance`; a range agrees when it contains the goal. \
             A figure in another currency is converted with `exchange_rates`, or the conversion stated on \
             the same line is checked; with neither, it is reported. Another funder's grant, last year's \
             budget, a salary or a price per unit is not an ask.",
            why: "Applications are edited for months: a target written for an earlier form often survives \
             under a new goal. Which figure is the ask is the first thing a reviewer needs to know.",
            example: Example::File {
                path: "examples/ask-mismatch.md",
                text: include_str!("../../examples/ask-mismatch.md"),
                rubric: None,
                fix: &[Edit {
                    old: "Our target of $81,000 covers the first two retreats and the organiser.\n",
                    new: "Our target of $188,000 covers the four retreats and the organiser.\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::EmptySection,
        id: "empty-section",
        severity: Severity::Warning,
        breaks_budget: false,
        description: "a section the rubric scores has its heading but no text under it",
        doc: RuleDoc {
            checks: "Every section the rubric scores that has a heading also has text under it, \
             before the next section starts (a sub-heading alone is not text).",
            why: "An empty answer scores 0 like a missing one, but looks answered: a template \
             filled in everywhere but the premortem passes a glance and fails a reading.",
            example: Example::File {
                path: "examples/empty-section.md",
                text: include_str!("../../examples/empty-section.md"),
                rubric: None,
                fix: &[Edit {
                    old: "## What are the most likely causes and outcomes if this project fails? (premortem)\n",
                    new: "## What are the most likely causes and outcomes if this project fails? (premortem)\n\n- Too few officials attend after the first month.\n  - Outcome: the group is too small to discuss the readings.\n  - Mitigation: sessions are held in working hours with managers' agreement.\n",
                }],
            },
        },
    },
    RuleRow {
        rule: Rule::DuplicateId,
        id: "duplicate-id",
        severity: Severity::Error,
        breaks_budget: false,
        description: "two proposals in one run have the same id",
        doc: RuleDoc {
            checks: "No two proposals read in one run share an `id` (given in the front matter, or \
             the file name without `.md` when none is given). Each file after the first with that id \
             is reported, at its `id:` line, naming the first.",
            why: "The id is the key a round is joined on: review files, shortlists and scripts name \
             proposals by it. Two files with one id give two rows that no review can tell apart, \
             usually because a proposal was copied as a template and never renamed.",
            example: Example::Prose {
                failing: "`proposals/mats.md` and `proposals/2025/mats-renewal.md` both say `id: mats`.",
                fixed: "The renewal says `id: mats-2025`, and reviews name it so.",
            },
        },
    },
];

impl Rule {
    /// Every rule, in the contract's order.
    pub const ALL: [Rule; RULES.len()] = {
        let mut all = [Rule::Io; RULES.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = RULES[i].rule;
            i += 1;
        }
        all
    };

    fn row(self) -> &'static RuleRow {
        // The table is in declaration order (tested).
        &RULES[self as usize]
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.id == id).map(|r| r.rule)
    }

    pub fn ids() -> Vec<&'static str> {
        RULES.iter().map(|r| r.id).collect()
    }

    pub fn id(self) -> &'static str {
        self.row().id
    }

    pub fn severity(self) -> Severity {
        self.row().severity
    }

    /// Whether an error of this rule means the budget's figures cannot be
    /// trusted (`budget_ok` false).
    pub fn breaks_budget(self) -> bool {
        self.row().breaks_budget
    }

    /// One line on what the rule checks, for help text and reports.
    pub fn description(self) -> &'static str {
        self.row().description
    }

    /// What `explain` says about the rule.
    pub fn doc(self) -> &'static RuleDoc {
        &self.row().doc
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_declaration_order() {
        for (i, row) in RULES.iter().enumerate() {
            assert_eq!(row.rule as usize, i, "{}", row.id);
        }
    }

    #[test]
    fn every_rule_has_words_and_an_example_whose_fix_applies() {
        for rule in Rule::ALL {
            let doc = rule.doc();
            assert!(doc.checks.len() > 40 && doc.why.len() > 40, "{rule}");
            match &doc.example {
                Example::File {
                    path, text, fix, ..
                } => {
                    assert_eq!(*path, format!("examples/{}.md", rule.id()));
                    assert!(!fix.is_empty(), "{rule}");
                    for edit in *fix {
                        assert!(edit.line_in(text).is_some(), "{rule}: {:?}", edit.old);
                        assert_ne!(edit.old, edit.new, "{rule}");
                    }
                }
                Example::Prose { failing, fixed } => assert_ne!(failing, fixed, "{rule}"),
            }
        }
    }
}
