//! A validated rubric: which sections a funder scores, by what criteria.

use super::patterns::Pattern;

use super::kinds::Kind;
use super::memo::Memo;
use super::reading::Reading;
use crate::sections::Outline;

/// A validated rubric.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub name: String,
    pub sections: Vec<SectionRule>,
    pub reading: Reading,
    /// Which section each heading seen so far belongs to, by index.
    pub(crate) headings: Memo<Option<usize>>,
}

#[derive(Debug, Clone)]
pub struct SectionRule {
    pub key: String,
    /// The heading patterns as written, for messages.
    pub headings: Vec<String>,
    /// All of them as one alternation: one regex per section, not one per
    /// pattern, so a rubric with thousands of headings still loads quickly.
    pub heading: Pattern,
    /// Headings that continue this section's answer where they would
    /// otherwise end it (`### Potential causes of failure`).
    pub subheadings: Option<Pattern>,
    /// The least score (0–100) the section must reach, if any.
    pub minimum: Option<u32>,
    /// Unscored, but its words are the project's own: a risk that names
    /// them is specific to this project.
    pub context: bool,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub name: String,
    pub points: u32,
    pub kind: Kind,
}

impl Rubric {
    /// The key of the first section whose heading patterns match `heading`.
    pub fn classify(&self, heading: &str) -> Option<String> {
        let index = self.headings.get_or(heading, |heading| {
            self.sections
                .iter()
                .position(|s| s.heading.is_match(heading))
        });
        index.map(|i| self.sections[i].key.clone())
    }

    /// Whether the section `key` has criteria, so its text is needed.
    pub fn is_scored(&self, key: &str) -> bool {
        self.scored().any(|s| s.key == key)
    }

    /// Sections that have criteria, in rubric order.
    pub fn scored(&self) -> impl Iterator<Item = &SectionRule> {
        self.sections.iter().filter(|s| !s.criteria.is_empty())
    }
}

impl Outline for Rubric {
    fn classify(&self, heading: &str) -> Option<String> {
        Rubric::classify(self, heading)
    }

    fn wanted(&self, key: &str) -> bool {
        self.sections
            .iter()
            .any(|s| s.key == key && (s.context || !s.criteria.is_empty()))
    }

    fn continues(&self, key: &str, heading: &str) -> bool {
        self.sections
            .iter()
            .find(|s| s.key == key)
            .and_then(|s| s.subheadings.as_ref())
            .is_some_and(|r| r.is_match(heading))
    }
}

/// The default rubric, and the track record of `body` under
/// `## Track record` on line 1: what the criteria's tests read.
#[cfg(test)]
pub(super) fn track_record(body: &str) -> (Rubric, crate::sections::Section) {
    let rubric = Rubric::default_rubric();
    let text = format!("## Track record\n\n{body}");
    let section = crate::sections::split_sections(&text, 1, &rubric)
        .into_iter()
        .find(|s| s.key.as_deref() == Some("track_record"))
        .expect("a track record");
    (rubric, section)
}
