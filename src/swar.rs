//! Byte tests without a branch per byte, for the loops that read every
//! byte of a proposal: a test per byte costs a branch, and mispredicted
//! branches, not instructions, were most of what separated grantctl from
//! reading the files at all. `any` tests blocks of 32 bytes the compiler
//! can vectorise; `mask` classes 64 bytes a call, sixteen a step with
//! SSE2 where the build has it; the rest test eight bytes at a time in one
//! `u64` ("SIMD within a register"). Lines are cut where `breaks` finds
//! their line feeds in such masks, not by a search set up for every line.

/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// The other seven bits of every byte.
const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// `byte` in each of the eight bytes.
const fn ones(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// Whether any byte of `bytes` passes `test`: 32 bytes at a time, each
/// block folded without a branch, so it is tested in a few instructions.
pub(crate) fn any(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    bytes
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |any, &b| any | test(b)))
}

/// The eight bytes of `bytes` from `at` (little-endian, so byte `at` is
/// the lowest), zeros past its end.
pub(crate) fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut padded = [0u8; 8];
            let tail = &bytes[at.min(bytes.len())..];
            padded[..tail.len()].copy_from_slice(tail);
            u64::from_le_bytes(padded)
        }
    }
}

/// The first eight bytes of `bytes` as a number that orders as they do
/// (zeros past its end): where two heads differ, the slices compare as
/// their heads do, so a sort reads the rest of a slice only on a tie.
pub(crate) fn head(bytes: &[u8]) -> u64 {
    load(bytes, 0).swap_bytes()
}

/// How many leading bytes `a` and `b` share, eight bytes a step: sorting
/// 10,000 paths under one long folder compares their shared prefix some
/// 130,000 times.
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let shorter = a.len().min(b.len());
    let mut at = 0;
    while at + 8 <= shorter {
        let differ = load(a, at) ^ load(b, at);
        if differ != 0 {
            // Little-endian: the lowest set bit is in the first differing byte.
            return at + (differ.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + a[at..shorter]
        .iter()
        .zip(&b[at..shorter])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The high bit set in each byte of `word` that is an ASCII byte from
/// `low` to `high`, and clear in every other. Each sum stays below 0x100,
/// so no byte carries into the next.
pub(crate) const fn within(word: u64, low: u8, high: u8) -> u64 {
    let seven = word & LOW;
    let from_low = seven + ones(0x80 - low);
    let past_high = seven + ones(0x80 - high - 1);
    from_low & !past_high & !word & HIGH
}

/// `within`'s ASCII letters, either case: `| 0x20` lower-cases a capital
/// and makes no other byte a lower-case letter.
pub(crate) const fn letters(word: u64) -> u64 {
    within(word | ones(0x20), b'a', b'z')
}

/// The high bits of `marks`' eight bytes as eight low bits, byte `i` as
/// bit `i`: one multiplication moves each to its place without overlap.
pub(crate) const fn gather(marks: u64) -> u64 {
    ((marks >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// A class of bytes that `mask` marks: one table of the byte tests read
/// 64 bytes at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// ASCII letters, either case: every word of a proposal's text passes
    /// through here when risks are weighed.
    Letters,
    /// ASCII capitals: where a currency code may stand.
    Capitals,
    /// ASCII digits: where a number pattern needs to run (`quantities`).
    Digits,
    /// `\n`: where `breaks` finds lines.
    LineFeeds,
}

impl Class {
    #[cfg(test)]
    const ALL: [Class; 4] = [
        Class::Letters,
        Class::Capitals,
        Class::Digits,
        Class::LineFeeds,
    ];

    /// Whether `byte` is in the class, one byte at a time: what the
    /// masks are held to.
    #[cfg(test)]
    fn has(self, byte: u8) -> bool {
        match self {
            Class::Letters => byte.is_ascii_alphabetic(),
            Class::Capitals => byte.is_ascii_uppercase(),
            Class::Digits => byte.is_ascii_digit(),
            Class::LineFeeds => byte == b'\n',
        }
    }

    /// The high bit of each of `word`'s eight bytes that is in the class.
    const fn marks(self, word: u64) -> u64 {
        match self {
            Class::Letters => letters(word),
            Class::Capitals => within(word, b'A', b'Z'),
            Class::Digits => within(word, b'0', b'9'),
            Class::LineFeeds => within(word, b'\n', b'\n'),
        }
    }
}

/// Which of the 64 bytes of `bytes` from `at` are in `class`, as bits
/// (bytes past the end are not): where the build has SSE2 (every x86-64
/// build) sixteen bytes are classed per step; elsewhere eight.
#[inline]
pub(crate) fn mask(bytes: &[u8], at: usize, class: Class) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        // SAFETY: the one requirement of an SSE2 function is that the
        // processor has SSE2, and this build is only compiled with it on.
        unsafe { sse2::mask(bytes, at, class) }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        portable_mask(bytes, at, class)
    }
}

/// `mask` eight bytes at a time in a `u64`.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn portable_mask(bytes: &[u8], at: usize, class: Class) -> u64 {
    (0..8).fold(0, |mask, k| {
        mask | (gather(class.marks(load(bytes, at + 8 * k))) << (8 * k))
    })
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_sub_epi8,
    };

    use super::Class;

    /// `super::mask`: the class is matched once, outside the loop.
    #[target_feature(enable = "sse2")]
    pub(super) fn mask(bytes: &[u8], at: usize, class: Class) -> u64 {
        // A range is moved so that it starts at -128: one signed
        // comparison tests it.
        let range = |v: __m128i, low: u8, count: i8| {
            let moved = _mm_sub_epi8(v, _mm_set1_epi8((low ^ 0x80) as i8));
            _mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + count))
        };
        match class {
            // Lower-cased first.
            Class::Letters => marked(bytes, at, |v| {
                range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', 26)
            }),
            Class::Capitals => marked(bytes, at, |v| range(v, b'A', 26)),
            Class::Digits => marked(bytes, at, |v| range(v, b'0', 10)),
            Class::LineFeeds => {
                marked(bytes, at, |v| _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8)))
            }
        }
    }

    /// The bits of the 64 bytes from `at` whose lanes `test` sets, sixteen
    /// bytes a step: read in place where all 64 are there, else from a
    /// copy of what is left followed by zeros. Most texts (a paragraph, a
    /// line) end within a window or two of starting, and building that
    /// last window from eight-byte loads cost a call to memcpy for each
    /// part-filled one.
    #[target_feature(enable = "sse2")]
    fn marked(bytes: &[u8], at: usize, test: impl Fn(__m128i) -> __m128i) -> u64 {
        let mut padded = [0u8; 64];
        let window: &[u8; 64] = match bytes.get(at..at + 64) {
            Some(whole) => whole.try_into().expect("64 bytes"),
            None => {
                let tail = bytes.get(at..).unwrap_or_default();
                padded[..tail.len()].copy_from_slice(tail);
                &padded
            }
        };
        let mut mask = 0;
        for k in 0..4 {
            // SAFETY: `window` holds 64 bytes, so the 16 from `16 * k`,
            // which an unaligned load reads exactly.
            let v = unsafe { _mm_loadu_si128(window[16 * k..].as_ptr().cast()) };
            mask |= u64::from(_mm_movemask_epi8(test(v)) as u16) << (16 * k);
        }
        mask
    }
}

/// Where each line feed of `bytes` is, in order: a window of 64 bytes is
/// classed at once, rather than a search set up for every line (proposal
/// lines are short, and memchr's set-up was most of a line's cost).
pub(crate) fn breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut base = 0;
    let mut mask = self::mask(bytes, 0, Class::LineFeeds);
    std::iter::from_fn(move || {
        while mask == 0 {
            base += 64;
            if base >= bytes.len() {
                return None;
            }
            mask = self::mask(bytes, base, Class::LineFeeds);
        }
        let at = base + mask.trailing_zeros() as usize;
        mask &= mask - 1;
        Some(at)
    })
}

/// Where the first byte of `class` in `bytes` at or after `from` is, eight
/// bytes a step: for a find that is usually near (the next digit of a
/// track record), where classing 64 bytes at once (`mask`) cost more.
pub(crate) fn first(bytes: &[u8], from: usize, class: Class) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let marks = class.marks(load(bytes, at));
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    None
}

/// The lines of `text` with their line breaks, as `split_inclusive('\n')`
/// gives them: a body of millions of one-letter lines spent a tenth of its
/// time setting up the char searcher for each line.
pub(crate) fn lines_with_breaks(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = breaks(text.as_bytes());
    std::iter::from_fn(move || {
        let end = match breaks.next() {
            Some(at) => at + 1,
            None if start < text.len() => text.len(),
            None => return None,
        };
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// The lines of `text` as `str::lines` gives them, without `\n` or `\r\n`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    lines_at(text).map(|(_, line)| line)
}

/// `lines`, each with the byte offset of `text` where it starts: the
/// YAML reader places every event by it.
pub(crate) fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    lines_with_breaks(text).map(move |line| {
        let at = start;
        start += line.len();
        let bare = line
            .strip_suffix('\n')
            .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        (at, bare)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn common_prefix_counts_the_bytes_two_slices_share((a, b) in stemmed(4, 20, 12)) {
            let expected = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            proptest::prop_assert_eq!(common_prefix(&a, &b), expected);
        }

        #[test]
        fn heads_that_differ_order_as_the_slices_do((a, b) in stemmed(3, 10, 4)) {
            if head(&a) != head(&b) {
                proptest::prop_assert_eq!(head(&a).cmp(&head(&b)), a.cmp(&b));
            } else {
                proptest::prop_assert!(a.iter().zip(&b).take(8).all(|(x, y)| x == y));
            }
        }

        #[test]
        fn lines_are_cut_as_split_inclusive_cuts_them(body in "[a\\r\\n]{0,30}") {
            let ours: Vec<&str> = lines_with_breaks(&body).collect();
            let theirs: Vec<&str> = body.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    /// Two byte strings that share a stem (bytes below `bytes`, shorter
    /// than `stem`), each followed by a tail of its own (shorter than
    /// `tail`): what a comparison has to read past.
    fn stemmed(
        bytes: u8,
        stem: usize,
        tail: usize,
    ) -> impl proptest::strategy::Strategy<Value = (Vec<u8>, Vec<u8>)> {
        use proptest::strategy::Strategy;
        let part = move |len| proptest::collection::vec(0..bytes, 0..len);
        (part(stem), part(tail), part(tail))
            .prop_map(|(stem, a, b)| ([&stem[..], &a].concat(), [&stem[..], &b].concat()))
    }

    fn marks(bytes: &[u8], test: impl Fn(u8) -> bool) -> u64 {
        bytes
            .iter()
            .enumerate()
            .fold(0, |m, (i, &b)| m | (u64::from(test(b)) << i))
    }

    #[test]
    fn any_finds_a_byte_in_any_block() {
        let mut bytes = vec![b'a'; 100];
        assert!(!any(&bytes, |b| b.is_ascii_digit()));
        for at in [0, 31, 32, 63, 99] {
            bytes[at] = b'7';
            assert!(any(&bytes, |b| b.is_ascii_digit()), "{at}");
            bytes[at] = b'a';
        }
        assert!(!any(&[], |_| true));
    }

    proptest::proptest! {
        #[test]
        fn eight_bytes_at_once_agree_with_one_at_a_time(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..24),
            at in 0usize..24,
        ) {
            let word = load(&bytes, at);
            let window: Vec<u8> = (at..at + 8).map(|i| bytes.get(i).copied().unwrap_or(0)).collect();
            proptest::prop_assert_eq!(word.to_le_bytes().to_vec(), window.clone());
            proptest::prop_assert_eq!(gather(within(word, b'A', b'Z')), marks(&window, |b| b.is_ascii_uppercase()));
            proptest::prop_assert_eq!(gather(within(word, b'0', b'9')), marks(&window, |b| b.is_ascii_digit()));
            proptest::prop_assert_eq!(gather(letters(word)), marks(&window, |b| b.is_ascii_alphabetic()));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_digit_is_found_past_any_bytes(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            from in 0usize..44,
        ) {
            let expected = (from..bytes.len()).find(|&i| bytes[i].is_ascii_digit());
            proptest::prop_assert_eq!(first(&bytes, from, Class::Digits), expected);
        }

        #[test]
        fn masks_mark_their_class(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![proptest::num::u8::ANY, proptest::sample::select(vec![b'\n', b'A', b'z'])],
                0..160,
            ),
            at in 0usize..100,
        ) {
            let window: Vec<u8> = (at..at + 64).map(|i| bytes.get(i).copied().unwrap_or(0)).collect();
            for class in Class::ALL {
                let expected = marks(&window, |b| class.has(b));
                proptest::prop_assert_eq!(mask(&bytes, at, class), expected, "{:?}", class);
                proptest::prop_assert_eq!(portable_mask(&bytes, at, class), expected, "{:?}", class);
            }
        }

        #[test]
        fn breaks_are_every_line_feed(text in "[a\n]{0,300}") {
            let expected: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
            proptest::prop_assert_eq!(breaks(text.as_bytes()).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn every_byte_value_is_classed_as_u8_classes_it() {
        for b in 0..=255u8 {
            let word = ones(b);
            let all = |yes: bool| if yes { 0xff } else { 0 };
            assert_eq!(
                gather(within(word, b'A', b'Z')),
                all(b.is_ascii_uppercase()),
                "{b:#x}"
            );
            assert_eq!(
                gather(letters(word)),
                all(b.is_ascii_alphabetic()),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn lines_are_cut_as_str_lines_cuts_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\r",
            "a\rb\n\n",
            "\r\n\r\n",
            "x\n\ny\r\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            for (at, line) in lines_at(text) {
                assert!(text[at..].starts_with(line), "{text:?} at {at}");
            }
        }
    }
}
