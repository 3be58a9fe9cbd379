//! A piece of text that earned a point, quoted where it stands: what every
//! criterion returns and every format shows.

use serde::Serialize;

/// Longest quote kept as evidence, in characters.
const QUOTE_CHARS: usize = 60;

/// `text`, trimmed and cut to `QUOTE_CHARS` characters with `…`.
fn quote(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(QUOTE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// One item a criterion found, and its file line. A risk also says the
/// lines of its outcome and mitigation (`null` when it states none); a
/// link its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub line: u32,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Option<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<Option<u32>>,
    /// Why the item earns less than a full share, when it does ("generic:
    /// names nothing of this project", "repeats line 30").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Evidence {
    pub fn noted(self, note: Option<String>) -> Self {
        Evidence { note, ..self }
    }

    pub fn new(line: u32, text: &str) -> Self {
        Evidence {
            line,
            text: quote(text),
            url: None,
            outcome: None,
            mitigation: None,
            note: None,
        }
    }

    /// A link: its address is the text, whole in `url`.
    pub fn link(line: u32, url: &str) -> Self {
        Evidence {
            url: Some(url.to_string()),
            ..Evidence::new(line, url)
        }
    }

    /// A risk with the lines of its outcome and mitigation.
    pub fn risk(line: u32, cause: &str, outcome: Option<u32>, mitigation: Option<u32>) -> Self {
        Evidence {
            outcome: Some(outcome),
            mitigation: Some(mitigation),
            ..Evidence::new(line, cause)
        }
    }
}

/// Marks every item whose `key` an earlier one had: it is listed, and
/// earns nothing.
pub(super) fn mark_repeats<K: PartialEq>(found: &mut [Evidence], key: impl Fn(&Evidence) -> K) {
    let mut seen: Vec<(K, u32)> = Vec::new();
    for item in found.iter_mut() {
        let k = key(item);
        match seen.iter().find(|(s, _)| *s == k) {
            Some((_, line)) => item.note = Some(format!("repeats line {line}")),
            None => seen.push((k, item.line)),
        }
    }
}
