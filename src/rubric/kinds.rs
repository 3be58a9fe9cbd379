//! The criterion kinds a rubric may use: one row per kind, from which
//! validation (its `kind:` id and the key that sets its goal), scoring (the
//! noun it counts) and messages all read.

use regex::RegexSet;

use super::patterns::Pattern;

/// What a criterion counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// Distinct words in the section (case-folded): repeating a sentence
    /// adds none.
    Words,
    /// Matches of a regular expression.
    Pattern,
    /// List items, at any depth.
    ListItems,
    /// Links: Markdown links and bare `http(s)://` URLs.
    Links,
    /// Quantified claims: a number with a unit or noun (`1,248 participants`,
    /// `8.6/10`, `$35k`, `80%`).
    Quantities,
    /// Distinct words from a list, matched case-insensitively as whole words.
    Keywords,
    /// Premortem risks: each failure cause, and whether it states an
    /// outcome and a mitigation and names this project (`risks::worth`).
    Risks,
}

/// One criterion kind: its id in a rubric, the key that sets the count it
/// aims at (`min` or `target`), and what it counts, for the score's detail.
#[derive(Debug)]
pub struct KindRow {
    pub counter: Counter,
    pub id: &'static str,
    pub goal: &'static str,
    /// What it counts, one and many: `1 link`, `2 links`.
    pub one: &'static str,
    pub noun: &'static str,
}

/// Every criterion kind, in the order messages list them.
pub static KINDS: &[KindRow] = &[
    row(
        Counter::Words,
        "words",
        "min",
        ["distinct word", "distinct words"],
    ),
    row(Counter::Pattern, "pattern", "target", ["match", "matches"]),
    row(
        Counter::ListItems,
        "list_items",
        "target",
        ["list item", "list items"],
    ),
    row(Counter::Links, "links", "target", ["link", "links"]),
    row(
        Counter::Quantities,
        "quantities",
        "target",
        ["quantified claim", "quantified claims"],
    ),
    row(Counter::Keywords, "keywords", "target", ["venue", "venues"]),
    row(Counter::Risks, "risks", "target", ["risk", "risks"]),
];

const fn row(
    counter: Counter,
    id: &'static str,
    goal: &'static str,
    [one, noun]: [&'static str; 2],
) -> KindRow {
    KindRow {
        counter,
        id,
        goal,
        one,
        noun,
    }
}

impl KindRow {
    /// `link` or `links`, as `n` takes: `1 link`, `3 links`.
    pub fn noun(&self, n: usize) -> &'static str {
        if n == 1 { self.one } else { self.noun }
    }
}

impl Counter {
    pub fn row(self) -> &'static KindRow {
        KINDS
            .iter()
            .find(|r| r.counter == self)
            .expect("every counter has a row (tested)")
    }

    pub fn id(self) -> &'static str {
        self.row().id
    }
}

/// A criterion's kind with what it needs: every count-based kind earns
/// partial credit, `points × min(count, goal) / goal`.
#[derive(Debug, Clone)]
pub struct Kind {
    pub counter: Counter,
    /// The `min` or `target` the count aims at.
    pub goal: u32,
    /// `pattern`'s expression, or `keywords`' words as one alternation.
    pub regex: Option<Pattern>,
    /// `keywords`' words as written.
    pub words: Vec<String>,
    /// `keywords`' link hosts that name a venue, and the venue's name.
    pub hosts: Hosts,
}

/// Link hosts that name a venue (`arxiv\.org` → arXiv), tried as one set:
/// a section's every link was otherwise matched against each host in turn,
/// a search apiece.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// Each host pattern, anchored at the start of a link's key.
    set: RegexSet,
    /// The venue each pattern names, in the same order.
    venues: Vec<String>,
}

impl Hosts {
    pub fn new(set: RegexSet, venues: Vec<String>) -> Self {
        debug_assert_eq!(set.len(), venues.len());
        Hosts { set, venues }
    }

    pub fn is_empty(&self) -> bool {
        self.venues.is_empty()
    }

    /// The venue of the first host that matches `key`, as the rubric lists them.
    pub fn venue(&self, key: &str) -> Option<&str> {
        let first = self.set.matches(key).into_iter().next()?;
        Some(&self.venues[first])
    }
}

impl Kind {
    pub fn id(&self) -> &'static str {
        self.counter.id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_counter_has_one_row() {
        for row in KINDS {
            assert!(std::ptr::eq(row.counter.row(), row), "{}", row.id);
            assert_eq!(KINDS.iter().filter(|r| r.id == row.id).count(), 1);
        }
        assert_eq!(KINDS.len(), 7);
    }
}
