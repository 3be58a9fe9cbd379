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

/// One piece of text that earned a point, and its file line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub line: u32,
    pub text: String,
}

impl Evidence {
    pub fn new(line: u32, text: &str) -> Self {
        Evidence {
            line,
            text: quote(text),
        }
    }
}
