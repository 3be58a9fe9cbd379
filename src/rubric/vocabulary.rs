//! The project's own words: what tells a risk written for this project
//! ("fewer than 20 mentors sign up for the Bangalore cohort") from one any
//! project could paste ("the team might not have enough time").
//!
//! Words are compared by a crude stem (lower case, a plural `s` dropped,
//! the first five letters kept) so that "mentors" meets "mentorship" and
//! "hackathon" meets "hackathons", without a stemming dependency.

use std::collections::HashSet;

use crate::sections::Section;
use crate::swar;

/// Letters a stem keeps.
const STEM: usize = 5;
/// Shortest word that can make a risk specific: shorter ones are function
/// words or acronyms every proposal in a field shares ("AI").
const SHORTEST: usize = 4;

/// `key` of every word of `text` (letters only), in order: ASCII text in
/// one pass over its bytes, as every premortem reads the rest of its
/// proposal word by word.
pub(super) fn each_key(text: &str, each: impl FnMut(u64)) {
    if text.is_ascii() {
        ascii_keys(text, each);
    } else {
        text.split(|c: char| !c.is_alphabetic())
            .filter_map(key)
            .for_each(each);
    }
}

/// The stem keys of the content words in `text` (at least `SHORTEST`
/// letters long, not in `generic`), in text order: a risk has a few dozen,
/// which a list holds more cheaply than a set. Not sorted: sorting cost
/// more than the rare look-ups it would speed (`Vocabulary::shares`).
pub(super) fn content_keys(text: &str, generic: &Keys) -> Vec<u64> {
    // At most one word per `SHORTEST` letters and a separator: no regrowth.
    let mut keys = Vec::with_capacity(text.len() / (SHORTEST + 1) + 1);
    each_key(text, |k| {
        if !generic.contains(&k) {
            keys.push(k);
        }
    });
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

/// `stem(word)`'s key (`stem_key`), or `None` for a word shorter than
/// `SHORTEST`: every word of a proposal is keyed, so this allocates
/// nothing for ASCII words.
pub(super) fn key(word: &str) -> Option<u64> {
    // Fewer bytes than `SHORTEST` is fewer letters too: most words stop here.
    if word.len() < SHORTEST {
        return None;
    }
    if word.is_ascii() {
        return ascii_key(word.as_bytes(), 0, word.len());
    }
    if word.chars().count() < SHORTEST {
        return None;
    }
    Some(stem_key(&stem(word)))
}

/// The one definition of a stem's key. An ASCII stem (lower case, at most
/// `STEM` letters) is its bytes packed into a `u64`, exact and with no
/// hash to compute; any other is hashed (FNV-1a) with the top bit set,
/// which no packed stem has, so the two never meet.
pub(super) fn stem_key(stem: &str) -> u64 {
    if stem.is_ascii() {
        stem.bytes().rev().fold(0, |key, b| key << 8 | u64::from(b))
    } else {
        fnv(stem.chars().map(|c| u64::from(u32::from(c)))) | 1 << 63
    }
}

/// `stem_key(stem(word))` for the ASCII word of `len` letters at `start`
/// of `bytes`, or `None` when it is shorter than `SHORTEST`.
fn ascii_key(bytes: &[u8], start: usize, len: usize) -> Option<u64> {
    (len >= SHORTEST).then(|| packed_key(bytes, start, len))
}

/// The packed stem of the ASCII word of `len` letters at `start` of
/// `bytes`, from one eight-byte load: its first four letters, or five
/// unless it has exactly five and the fifth is a plural `s`, lower-cased.
/// Without a branch, as words of every length reach it in turn; a word
/// shorter than `SHORTEST` gets a key its caller drops.
fn packed_key(bytes: &[u8], start: usize, len: usize) -> u64 {
    // `| 0x20` lower-cases a letter; the bytes past the word are masked off.
    let word = swar::load(bytes, start) | 0x2020_2020_2020_2020;
    let byte = |i: usize| (word >> (8 * i)) as u8;
    let plural_five = (len == STEM) & (byte(STEM - 1) == b's') & (byte(STEM - 2) != b's');
    let four = (len == SHORTEST) | plural_five;
    let bits = 8 * STEM as u32 - 8 * u32::from(four);
    word & ((1 << bits) - 1)
}

/// `key` of every word of ASCII `text`, in one pass: the rest of a
/// proposal is read word by word for every premortem. Words are found in
/// masks of 64 bytes' letters rather than byte by byte, which cost a
/// mispredicted branch at nearly every word's start and end.
fn ascii_keys(text: &str, mut each: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    // The start of a word that runs on past the block before.
    let mut open: Option<usize> = None;
    let mut base = 0;
    while base < bytes.len() {
        let mut mask = swar::mask(bytes, base, swar::Class::Letters);
        if let Some(start) = open {
            let end = (!mask).trailing_zeros();
            if end == 64 {
                base += 64;
                continue;
            }
            if let Some(key) = ascii_key(bytes, start, base + end as usize - start) {
                each(key);
            }
            open = None;
            mask &= u64::MAX << end;
        }
        // The block's keys first, a short word's dropped by not counting
        // it: testing each word's length mispredicted as often as not. A
        // kept word takes five bytes with its separator, so a block holds
        // at most twelve, and one slot more is written past them.
        let mut keys = [0u64; 64 / (SHORTEST + 1) + 1];
        let mut found = 0;
        while mask != 0 {
            let start = mask.trailing_zeros();
            let len = (!(mask >> start)).trailing_zeros();
            if start + len == 64 {
                open = Some(base + start as usize);
                break;
            }
            keys[found] = packed_key(bytes, base + start as usize, len as usize);
            found += usize::from(len as usize >= SHORTEST);
            mask &= u64::MAX << (start + len);
        }
        keys[..found].iter().copied().for_each(&mut each);
        base += 64;
    }
    if let Some(start) = open
        && let Some(key) = ascii_key(bytes, start, bytes.len() - start)
    {
        each(key);
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a over `values`: the hash behind non-ASCII stem keys and repeat keys.
pub(super) fn fnv(values: impl Iterator<Item = u64>) -> u64 {
    values.fold(FNV_START, |h, v| (h ^ v).wrapping_mul(FNV_PRIME))
}

/// Spreads a key's bits: a packed stem's low bits are its first letter.
fn mix(key: u64) -> u64 {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}

/// A set of stem keys hashes each with one multiplication (`mix`).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(bytes.iter().map(|&b| u64::from(b)));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = mix(n);
    }
}

/// A set of stem keys.
pub(crate) type Keys = HashSet<u64, std::hash::BuildHasherDefault<KeyHasher>>;

/// The rest of the proposal's text (its title and every section but
/// one), read only for the words a section's risks use.
#[derive(Debug)]
pub(super) struct Vocabulary<'a> {
    title: Option<&'a str>,
    sections: &'a [Section],
    except: &'a str,
}

impl<'a> Vocabulary<'a> {
    pub(super) fn new(title: Option<&'a str>, sections: &'a [Section], except: &'a str) -> Self {
        Vocabulary {
            title,
            sections,
            except,
        }
    }

    /// For each of `words` (one risk's content words each), whether the
    /// rest of the proposal uses any of them. The rest is read only until
    /// every risk that can share a word has one: most premortems name the
    /// project's own words early, in its title and summary.
    pub(super) fn shares(&self, words: &[Vec<u64>]) -> Vec<bool> {
        let mut shared = vec![false; words.len()];
        // Sized once: grown from empty, it was rehashed four or five times.
        let mut wanted =
            Keys::with_capacity_and_hasher(words.iter().map(Vec::len).sum(), Default::default());
        wanted.extend(words.iter().flatten().copied());
        let mut left = words.iter().filter(|w| !w.is_empty()).count();
        if left == 0 {
            return shared;
        }
        // Most words are not wanted: a 256-bit filter on a byte of each
        // key's mix turns them away before the set is asked.
        let bit = |k: u64| (mix(k) >> 56) as usize;
        let mut filter = [0u64; 4];
        for &k in &wanted {
            filter[bit(k) >> 6] |= 1 << (bit(k) & 63);
        }
        let others = self
            .sections
            .iter()
            .filter(|s| s.key.as_deref() != Some(self.except))
            .flat_map(|s| s.blocks.iter().map(|b| b.text.as_str()));
        for text in self.title.into_iter().chain(others) {
            each_key(text, |k| {
                if filter[bit(k) >> 6] & (1 << (bit(k) & 63)) == 0 || !wanted.remove(&k) {
                    return;
                }
                for (done, words) in shared.iter_mut().zip(words) {
                    if !*done && words.contains(&k) {
                        *done = true;
                        left -= 1;
                    }
                }
            });
            if left == 0 {
                break;
            }
        }
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::{Block, BlockKind};

    fn generic() -> Keys {
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
            assert_eq!(key(word), Some(stem_key(&stem(word))), "{word}");
        }
        assert_eq!(key("AI"), None);
        // A word beyond ASCII whose stem is ASCII meets its ASCII kin.
        assert_eq!(key("mentorś"), key("Mentors"));
        assert_ne!(key("Zürich"), key("Zurich"));
    }

    /// `key` of each word as `str::split` cuts them: what `ascii_keys`
    /// must give, block edges and words longer than a block included.
    fn split_keys(text: &str) -> Vec<u64> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= SHORTEST)
            .map(|w| stem_key(&stem(w)))
            .collect()
    }

    fn scanned_keys(text: &str) -> Vec<u64> {
        let mut keys = Vec::new();
        ascii_keys(text, |k| keys.push(k));
        keys
    }

    #[test]
    fn words_are_found_across_block_edges() {
        let long = "a".repeat(130);
        for text in [
            String::new(),
            "mentors".to_string(),
            format!("{} census", "x ".repeat(30)),
            format!("{}mentorship", ".".repeat(60)),
            format!("{}hackathons{}", "-".repeat(59), "!".repeat(70)),
            format!("{long} teams {long}"),
            "x".repeat(64),
            format!("{}Mentors", "@[`{".repeat(16)),
        ] {
            assert_eq!(scanned_keys(&text), split_keys(&text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_scan_finds_the_words_split_finds(text in "[a-zA-Z@\\[`{ .,0-9]{0,300}") {
            proptest::prop_assert_eq!(scanned_keys(&text), split_keys(&text));
        }
    }

    #[test]
    fn a_generic_risk_shares_nothing() {
        let generic = generic();
        let section = |key: &str, text: &str| Section {
            heading: String::new(),
            level: 2,
            line: 1,
            key: Some(key.to_string()),
            blocks: vec![Block::new(BlockKind::Paragraph, text, 2)],
            links: Vec::new(),
        };
        let sections = [
            section(
                "summary",
                "Our team runs a census of AI safety organisations every year.",
            ),
            section("premortem", "Small groups may not answer."),
        ];
        let vocabulary = Vocabulary::new(None, &sections, "premortem");
        let shared = |texts: &[&str]| {
            let words: Vec<Vec<u64>> = texts.iter().map(|t| content_keys(t, &generic)).collect();
            vocabulary.shares(&words)
        };
        assert_eq!(
            shared(&[
                "The team might not have enough time.",
                "Small organisations may not answer the census.",
                "Census takers may drop out.",
            ]),
            [false, true, true]
        );
        assert_eq!(shared(&["The census is late."]), [true]);
        assert_eq!(shared(&[]), Vec::<bool>::new());
    }
}
