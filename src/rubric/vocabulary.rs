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

/// The stem keys of the content words in `text`: letters only, at least
/// `SHORTEST` long, not in `generic`.
pub(super) fn stems<'a>(
    text: &'a str,
    generic: &'a HashSet<u64>,
) -> impl Iterator<Item = u64> + 'a {
    text.split(|c: char| !c.is_alphabetic())
        .filter_map(key)
        .filter(move |k| !generic.contains(k))
}

/// `stems(text, generic)` as a set, reading ASCII text byte by byte.
pub(super) fn stem_set(text: &str, generic: &HashSet<u64>) -> Keys {
    let mut keys = Keys::default();
    if text.is_ascii() {
        ascii_keys(text, |k| {
            if !generic.contains(&k) {
                keys.insert(k);
            }
        });
    } else {
        keys.extend(stems(text, generic));
    }
    keys
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

/// `stem(word)` hashed (FNV-1a), or `None` for a word shorter than
/// `SHORTEST`: every word of a proposal is keyed, so this allocates
/// nothing for ASCII words.
pub(super) fn key(word: &str) -> Option<u64> {
    // Fewer bytes than `SHORTEST` is fewer letters too: most words stop here.
    if word.len() < SHORTEST {
        return None;
    }
    let count = word.chars().count();
    if count < SHORTEST {
        return None;
    }
    if !word.is_ascii() {
        return Some(hash(stem(word).chars()));
    }
    Some(ascii_key(word.as_bytes()))
}

/// `key` of an ASCII word of at least `SHORTEST` letters.
fn ascii_key(bytes: &[u8]) -> u64 {
    let count = bytes.len();
    let lower = |b: &u8| b.to_ascii_lowercase();
    let plural =
        count > SHORTEST && lower(&bytes[count - 1]) == b's' && lower(&bytes[count - 2]) != b's';
    let keep = if plural { count - 1 } else { count }.min(STEM);
    hash(bytes[..keep].iter().map(|b| char::from(lower(b))))
}

/// `key` of every word of ASCII `text`, in one pass over its bytes: the
/// rest of a proposal is read word by word for every premortem.
fn ascii_keys(text: &str, mut each: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i - start >= SHORTEST {
            each(ascii_key(&bytes[start..i]));
        }
    }
}

fn hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        h ^= u64::from(u32::from(c));
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Stem keys are already hashes: a set of them needs no second hash.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of stem keys.
pub(super) type Keys = HashSet<u64, std::hash::BuildHasherDefault<KeyHasher>>;

/// The rest of the proposal's text, read only for the words a section's
/// risks use.
#[derive(Debug, Default)]
pub(super) struct Vocabulary<'a> {
    texts: Vec<&'a str>,
}

impl<'a> Vocabulary<'a> {
    pub(super) fn new(texts: impl Iterator<Item = &'a str>) -> Self {
        Vocabulary {
            texts: texts.collect(),
        }
    }

    /// Which of `wanted` the rest of the proposal uses.
    pub(super) fn present(&self, wanted: &Keys) -> Keys {
        let mut found = Keys::default();
        if wanted.is_empty() {
            return found;
        }
        for text in &self.texts {
            if text.is_ascii() {
                ascii_keys(text, |k| {
                    if wanted.contains(&k) {
                        found.insert(k);
                    }
                });
                continue;
            }
            for k in text.split(|c: char| !c.is_alphabetic()).filter_map(key) {
                if wanted.contains(&k) {
                    found.insert(k);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generic() -> HashSet<u64> {
        ["team", "time", "enough", "project"]
            .iter()
            .filter_map(|w| key(w))
            .collect()
    }

    #[test]
    fn stems_meet_across_plurals_and_derivations() {
        assert_eq!(stem("Mentors"), stem("mentorship"));
        assert_eq!(stem("hackathons"), stem("hackathon"));
        assert_eq!(stem("census"), "censu");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("Indian"), stem("India"));
        for word in [
            "Mentors", "teams", "census", "class", "Indian", "naïve", "Zürich", "pass",
        ] {
            assert_eq!(key(word), Some(hash(stem(word).chars())), "{word}");
        }
        assert_eq!(key("AI"), None);
    }

    #[test]
    fn a_generic_risk_shares_nothing() {
        let generic = generic();
        let vocabulary = Vocabulary::new(
            ["Our team runs a census of AI safety organisations every year."].into_iter(),
        );
        let shared = |text: &str| {
            let wanted: Keys = stems(text, &generic).collect();
            vocabulary.present(&wanted).len()
        };
        assert_eq!(shared("The team might not have enough time."), 0);
        assert_eq!(shared("Small organisations may not answer the census."), 2);
    }
}
