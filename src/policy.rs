//! Which findings a run reports, and at what severity: the repository's
//! `ignore` and `escalate` lists (config or flags) and a proposal's own
//! `grantctl: {allow: [...]}`.
//!
//! A proposal may only allow warnings, and only those the repository has
//! not escalated: an applicant can accept a deviation from the format, not
//! hide a budget that does not add up.

use crate::diagnostic::{Diagnostic, Rule, Severity, Unlisted};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulePolicy {
    /// Not reported at all.
    pub ignore: Vec<Rule>,
    /// Reported as errors whatever their default severity.
    pub escalate: Vec<Rule>,
}

impl RulePolicy {
    /// This (the config's) policy with `flags` on top: a rule the flags
    /// ignore is no longer escalated, and the other way round.
    pub fn overridden_by(self, flags: &RulePolicy) -> RulePolicy {
        let merge = |base: Vec<Rule>, overridden: &[Rule], added: &[Rule]| {
            let mut rules: Vec<Rule> = base
                .into_iter()
                .filter(|r| !overridden.contains(r))
                .collect();
            for rule in added {
                if !rules.contains(rule) {
                    rules.push(*rule);
                }
            }
            rules
        };
        RulePolicy {
            ignore: merge(self.ignore, &flags.escalate, &flags.ignore),
            escalate: merge(self.escalate, &flags.ignore, &flags.escalate),
        }
    }

    /// Drops ignored and allowed findings and raises escalated ones, in the
    /// listed findings and the counted ones alike. `allowed` is the
    /// proposal's own list (warning rules only).
    pub fn apply(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        unlisted: &mut Vec<Unlisted>,
        allowed: &[Rule],
    ) {
        let kept = |rule: Rule| {
            let allowed_here = allowed.contains(&rule)
                && rule.severity() == Severity::Warning
                && !self.escalate.contains(&rule);
            !self.ignore.contains(&rule) && !allowed_here
        };
        diagnostics.retain(|d| kept(d.rule));
        unlisted.retain(|u| kept(u.rule));
        for d in diagnostics.iter_mut() {
            if self.escalate.contains(&d.rule) {
                d.severity = Severity::Error;
            }
        }
        for u in unlisted.iter_mut() {
            if self.escalate.contains(&u.rule) {
                u.severity = Severity::Error;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings() -> Vec<Diagnostic> {
        [Rule::UnknownField, Rule::MissingSection, Rule::BudgetTotal]
            .iter()
            .map(|&rule| Diagnostic::new(rule, "a.md", 1, None, String::new()))
            .collect()
    }

    fn after(policy: &RulePolicy, allowed: &[Rule]) -> Vec<(Rule, Severity)> {
        let mut diagnostics = findings();
        policy.apply(&mut diagnostics, &mut Vec::new(), allowed);
        diagnostics.iter().map(|d| (d.rule, d.severity)).collect()
    }

    #[test]
    fn the_default_changes_nothing() {
        let all = after(&RulePolicy::default(), &[]);
        assert_eq!(
            all,
            [
                (Rule::UnknownField, Severity::Warning),
                (Rule::MissingSection, Severity::Warning),
                (Rule::BudgetTotal, Severity::Error),
            ]
        );
    }

    #[test]
    fn ignores_escalates_and_allows() {
        let policy = RulePolicy {
            ignore: vec![Rule::BudgetTotal],
            escalate: vec![Rule::MissingSection],
        };
        assert_eq!(
            after(&policy, &[]),
            [
                (Rule::UnknownField, Severity::Warning),
                (Rule::MissingSection, Severity::Error),
            ]
        );
        // A proposal cannot allow what the repository escalated.
        assert_eq!(
            after(&policy, &[Rule::UnknownField, Rule::MissingSection]),
            [(Rule::MissingSection, Severity::Error)]
        );
    }

    #[test]
    fn flags_override_the_config_rule_by_rule() {
        let config = RulePolicy {
            ignore: vec![Rule::UnknownField, Rule::MissingSection],
            escalate: vec![Rule::Io],
        };
        let flags = RulePolicy {
            ignore: vec![Rule::Io, Rule::MissingSection],
            escalate: vec![Rule::UnknownField],
        };
        assert_eq!(
            config.overridden_by(&flags),
            RulePolicy {
                ignore: vec![Rule::MissingSection, Rule::Io],
                escalate: vec![Rule::UnknownField],
            }
        );
    }

    #[test]
    fn a_proposal_cannot_allow_an_error() {
        let kept = after(&RulePolicy::default(), &[Rule::BudgetTotal]);
        assert!(kept.contains(&(Rule::BudgetTotal, Severity::Error)));
    }
}
