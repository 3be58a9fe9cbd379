//! The project's own words: what tells a risk written for this project
//! ("fewer than 20 mentors sign up for the Bangalore cohort") from one any
//! project could paste ("the team might not have enough time").
//!
//! Words are compared by a crude stem (lower case, a plural `s` dropped,
//! the first five letters kept) so that "mentors" meets "mentorship" and
//! "hackathon" meets "hackathons", without a stemming dependency.

use std::collections::HashSet;

/// Letters a stem keeps.
const STEM: usize = 5;
/// Shortest word that can make a risk specific: shorter ones are function
/// words or acronyms every proposal in a field shares ("AI").
const SHORTEST: usize = 4;

/// The stems of the content words in `text`: letters only, at least
/// `SHORTEST` long, not in `generic`.
pub(super) fn stems<'a>(
    text: &'a str,
    generic: &'a HashSet<String>,
) -> impl Iterator<Item = String> + 'a {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= SHORTEST)
        .map(stem)
        .filter(move |s| !generic.contains(s))
}

/// `word`'s stem: lower case, a plural `s` dropped, the first `STEM`
/// letters.
pub(super) fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    let singular = match lower.strip_suffix('s') {
        Some(rest) if rest.chars().count() >= SHORTEST && !rest.ends_with('s') => rest,
        _ => lower.as_str(),
    };
    singular.chars().take(STEM).collect()
}

/// The stems of every content word the proposal uses outside one section.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    stems: HashSet<String>,
}

impl Vocabulary {
    pub(super) fn new<'a>(texts: impl Iterator<Item = &'a str>, generic: &HashSet<String>) -> Self {
        let mut stems = HashSet::new();
        for text in texts {
            stems.extend(self::stems(text, generic));
        }
        Vocabulary { stems }
    }

    /// The content words of `text` the rest of the proposal also uses, in
    /// order, each once.
    pub(super) fn shared(&self, text: &str, generic: &HashSet<String>) -> Vec<String> {
        let mut seen = HashSet::new();
        stems(text, generic)
            .filter(|s| self.stems.contains(s) && seen.insert(s.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generic() -> HashSet<String> {
        ["team", "time", "enough", "project"]
            .iter()
            .map(|w| stem(w))
            .collect()
    }

    #[test]
    fn stems_meet_across_plurals_and_derivations() {
        assert_eq!(stem("Mentors"), stem("mentorship"));
        assert_eq!(stem("hackathons"), stem("hackathon"));
        assert_eq!(stem("census"), "censu");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("Indian"), stem("India"));
    }

    #[test]
    fn a_generic_risk_shares_nothing() {
        let generic = generic();
        let vocabulary = Vocabulary::new(
            ["Our team runs a census of AI safety organisations every year."].into_iter(),
            &generic,
        );
        assert!(
            vocabulary
                .shared("The team might not have enough time.", &generic)
                .is_empty()
        );
        assert_eq!(
            vocabulary.shared("Small organisations may not answer the census.", &generic),
            vec![stem("organisations"), stem("census")]
        );
    }
}
