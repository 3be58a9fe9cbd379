//! Links as evidence: only `http(s)` addresses, trailing punctuation off,
//! one per distinct address, each classed by the rubric's `link_classes`
//! (artefact, profile, homepage, contact, context).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::prose::{sentence_at, sentences};
use super::reading::{LinkClass, Reading};
use crate::sections::{Block, Link};

/// A link read from a section: where it is, its address as shown (trailing
/// punctuation off) and the key that decides whether two are the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub line: u32,
    pub url: String,
    pub key: String,
    pub class: LinkClass,
}

/// Where a link stands: its block's index and byte offset there.
type Place = (usize, usize);

static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)https?://[^\s<>\[\]]+").expect("valid pattern"));

/// Every distinct `http(s)` link in a section, first occurrence first.
pub(super) fn read(blocks: &[Block], links: &[Link], reading: &Reading) -> Vec<Found> {
    let mut all: Vec<(u32, String, Option<Place>)> = links
        .iter()
        .map(|l| (l.line, l.url.clone(), l.block.map(|b| (b, l.offset))))
        .collect();
    for (i, block) in blocks.iter().enumerate() {
        // Most blocks have no address: `://` is found far faster than the
        // pattern can say so.
        if memchr::memmem::find(block.text.as_bytes(), b"://").is_none() {
            continue;
        }
        for m in BARE_URL.find_iter(&block.text) {
            all.push((
                block.line_at(m.start()),
                m.as_str().to_string(),
                Some((i, m.start())),
            ));
        }
    }
    all.sort_by_key(|(line, _, _)| *line);
    let mut found: Vec<Found> = Vec::new();
    let mut seen = HashSet::new();
    let mut spans: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for (line, raw, at) in all {
        let Some((url, key)) = normalise(&raw) else {
            continue;
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let mut class = classify(&key, reading);
        if class == LinkClass::Artefact
            && let Some((b, offset)) = at
            && let Some(block) = blocks.get(b)
        {
            let spans = spans.entry(b).or_insert_with(|| sentences(&block.text));
            if is_context(&block.text, spans, offset, reading) {
                class = LinkClass::Context;
            }
        }
        found.push(Found {
            line,
            url,
            key,
            class,
        });
    }
    found
}

/// The class of the first `link_classes` pattern that matches, else artefact.
fn classify(key: &str, reading: &Reading) -> LinkClass {
    reading
        .link_classes
        .iter()
        .find(|(_, pattern)| pattern.is_match(key))
        .map_or(LinkClass::Artefact, |(class, _)| *class)
}

/// Whether the sentence a link stands in says it is someone else's work.
fn is_context(text: &str, spans: &[Range<usize>], offset: usize, reading: &Reading) -> bool {
    let sentence = &text[sentence_at(text, spans, offset)];
    reading.link_context.is_match(sentence)
}

/// The address without trailing punctuation, and its key: host lower-case
/// without `www.`, path without a trailing slash or a `#fragment`. `None`
/// for anything but `http(s)`.
pub(super) fn normalise(raw: &str) -> Option<(String, String)> {
    let url = trim_punctuation(raw.trim());
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let start = url.len() - rest.len();
    let rest = &url[start..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..host_end].to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.rsplit('@').next().unwrap_or(host);
    if host.is_empty() {
        return None;
    }
    let path = rest[host_end..].split('#').next().unwrap_or("");
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix("/?").unwrap_or(path);
    Some((url.to_string(), format!("{host}{path}")))
}

/// Strips what ends a sentence, not an address: `.,;:!?'"*` and a closing
/// bracket that has no opening one.
fn trim_punctuation(url: &str) -> &str {
    let mut url = url;
    loop {
        let before = url;
        url = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', '*', '_']);
        for (open, close) in [('(', ')'), ('[', ']'), ('<', '>')] {
            if url.ends_with(close) && url.matches(open).count() < url.matches(close).count() {
                url = &url[..url.len() - 1];
            }
        }
        if url == before {
            return url;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Rubric;

    #[test]
    fn addresses_are_one_per_artefact_without_trailing_punctuation() {
        assert_eq!(
            normalise("https://Example.org/x."),
            Some(("https://Example.org/x".into(), "example.org/x".into()))
        );
        assert_eq!(
            normalise("https://www.x.org/a/#top").map(|u| u.1),
            Some("x.org/a".into())
        );
        assert_eq!(
            normalise("https://en.wikipedia.org/wiki/A_(b))").map(|u| u.0),
            Some("https://en.wikipedia.org/wiki/A_(b)".into())
        );
        for not_a_link in [
            "mailto:a@b.org",
            "javascript:alert(4)",
            "data:text/html,x",
            "ftp://x.org/f",
        ] {
            assert_eq!(normalise(not_a_link), None, "{not_a_link}");
        }
        let reading = Rubric::default_rubric().reading;
        let class = |url: &str| classify(&normalise(url).unwrap().1, &reading);
        assert_eq!(
            class("https://arxiv.org/abs/2401.00001"),
            LinkClass::Artefact
        );
        assert_eq!(class("https://github.com/org/repo"), LinkClass::Artefact);
        assert_eq!(class("https://github.com/someone"), LinkClass::Profile);
        assert_eq!(
            class("https://www.linkedin.com/in/someone/"),
            LinkClass::Profile
        );
        assert_eq!(class("https://twitter.com/someone"), LinkClass::Profile);
        assert_eq!(
            class("https://x.com/someone/status/123"),
            LinkClass::Artefact
        );
        assert_eq!(class("https://fieldcensus.org/"), LinkClass::Homepage);
        assert_eq!(class("https://fieldcensus.org/about"), LinkClass::Homepage);
        assert_eq!(class("https://example.org/paper"), LinkClass::Placeholder);
        assert_eq!(class("http://localhost:8000/x"), LinkClass::Placeholder);
        assert_eq!(
            class("https://www.lesswrong.com/users/someone"),
            LinkClass::Profile
        );
        assert_eq!(
            class("https://www.lesswrong.com/posts/abc/title"),
            LinkClass::Artefact
        );
        assert_eq!(
            class("https://en.wikipedia.org/wiki/AI"),
            LinkClass::Context
        );
    }
}
