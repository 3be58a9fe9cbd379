//! Review files (§5): CSV with a header naming `reviewer`, `proposal`,
//! `score` and optionally `confidence` and `comment`, in any order. What a
//! spreadsheet writes (a byte-order mark, CRLF line ends, quoted cells) is
//! read like any CSV; anything that would be dropped or misread — a
//! missing column, a score that is not a finite number, a confidence not
//! above 0, a reviewer scoring one proposal twice — is an error naming the
//! file and line.

use std::collections::HashMap;
use std::fmt;

/// One reviewer's score for one proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub reviewer: String,
    pub proposal: String,
    pub score: f64,
    /// A weight, > 0; 1 when the file has no `confidence` (or leaves it empty).
    pub confidence: f64,
    pub comment: Option<String>,
    /// Where it was read, for messages.
    pub file: String,
    pub line: u64,
}

/// A review file that cannot be read as the contract says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewError {
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ReviewError {}

/// The columns a review file has, by name (§5).
const REQUIRED: [&str; 3] = ["reviewer", "proposal", "score"];
const OPTIONAL: [&str; 2] = ["confidence", "comment"];

/// Where each column stands in a file's records.
struct Columns {
    reviewer: usize,
    proposal: usize,
    score: usize,
    confidence: Option<usize>,
    comment: Option<usize>,
}

impl Columns {
    /// The header's columns, or why it is not a review file's.
    fn of(header: &csv::StringRecord) -> Result<Columns, String> {
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        let index = |name: &str| names.iter().position(|n| *n == name);
        for name in REQUIRED {
            if index(name).is_none() {
                return Err(format!(
                    "no `{name}` column; a review file's header names `reviewer`, `proposal` and `score` \
                     (and optionally `confidence`, `comment`), found `{}`",
                    names.join(",")
                ));
            }
        }
        if let Some(unknown) = names
            .iter()
            .find(|n| !REQUIRED.contains(n) && !OPTIONAL.contains(n))
        {
            return Err(format!(
                "unknown column `{unknown}`; the columns are `reviewer`, `proposal`, `score`, `confidence` and `comment`"
            ));
        }
        Ok(Columns {
            reviewer: index("reviewer").unwrap_or_default(),
            proposal: index("proposal").unwrap_or_default(),
            score: index("score").unwrap_or_default(),
            confidence: index("confidence"),
            comment: index("comment"),
        })
    }

    /// One record's review; `Ok(None)` for a blank row.
    fn read(&self, record: &csv::StringRecord) -> Result<Option<Fields>, String> {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            return Ok(None);
        }
        let cell = |at: Option<usize>| at.and_then(|i| record.get(i)).map_or("", str::trim);
        let reviewer = cell(Some(self.reviewer));
        let proposal = cell(Some(self.proposal));
        for (name, value) in [("reviewer", reviewer), ("proposal", proposal)] {
            if value.is_empty() {
                return Err(format!("`{name}` is empty"));
            }
        }
        let written = cell(Some(self.score));
        let score =
            number(written).ok_or_else(|| format!("score `{written}` is not a finite number"))?;
        let confidence = match cell(self.confidence) {
            "" => 1.0,
            written => number(written)
                .filter(|c| *c > 0.0)
                .ok_or_else(|| format!("confidence `{written}` is not a number above 0"))?,
        };
        let comment = Some(cell(self.comment))
            .filter(|c| !c.is_empty())
            .map(String::from);
        Ok(Some(Fields {
            reviewer: reviewer.to_string(),
            proposal: proposal.to_string(),
            score,
            confidence,
            comment,
        }))
    }
}

/// A review's cells, before it knows where it was read.
struct Fields {
    reviewer: String,
    proposal: String,
    score: f64,
    confidence: f64,
    comment: Option<String>,
}

/// The 1-based line of the record starting at `byte`. csv's own line
/// count and offset treat CRLF oddly (a record may start at the `\n` of
/// the line before), so the `\n`s before the record's first byte that is
/// not a line end are counted.
fn line_at(text: &str, byte: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
        end += 1;
    }
    bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// Reads the reviews in `text`, the contents of `file`.
pub fn parse_reviews(text: &str, file: &str) -> Result<Vec<Review>, ReviewError> {
    let fail = |line: u64, message: String| ReviewError {
        file: file.to_string(),
        line,
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(fail(
            1,
            "the file is empty: a review file starts with a header such as `reviewer,proposal,score`".into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| fail(1, format!("cannot read the header: {e}")))?
        .clone();
    let columns = Columns::of(&header).map_err(|m| fail(1, m))?;
    let mut reviews = Vec::new();
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(text, p.byte()));
            fail(line, format!("not a CSV record: {e}"))
        })?;
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        let Some(f) = columns.read(&record).map_err(|m| fail(line, m))? else {
            continue;
        };
        if let Some(first) = seen.insert((f.reviewer.clone(), f.proposal.clone()), line) {
            return Err(fail(
                line,
                format!(
                    "`{}` already scored `{}` at line {first}: one score per reviewer and proposal",
                    f.reviewer, f.proposal
                ),
            ));
        }
        reviews.push(Review {
            reviewer: f.reviewer,
            proposal: f.proposal,
            score: f.score,
            confidence: f.confidence,
            comment: f.comment,
            file: file.to_string(),
            line,
        });
    }
    Ok(reviews)
}

/// A finite number as people write one in a spreadsheet cell.
fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A duplicate (reviewer, proposal) pair across files, as an error at the
/// later one.
pub fn duplicate_across(reviews: &[Review]) -> Option<ReviewError> {
    let mut seen: HashMap<(&str, &str), &Review> = HashMap::new();
    for review in reviews {
        if let Some(first) = seen.insert((&review.reviewer, &review.proposal), review) {
            return Some(ReviewError {
                file: review.file.clone(),
                line: review.line,
                message: format!(
                    "`{}` already scored `{}` at {}:{}: one score per reviewer and proposal",
                    review.reviewer, review.proposal, first.file, first.line
                ),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_in_any_order_with_a_bom_and_crlf() {
        let text = "\u{feff}score,proposal,reviewer,comment\r\n7,mats,ana,\"good, clear\"\r\n5.5,apart,ben,\r\n";
        let reviews = parse_reviews(text, "r.csv").unwrap();
        assert_eq!(reviews.len(), 2);
        assert_eq!(
            (
                reviews[0].reviewer.as_str(),
                reviews[0].score,
                reviews[0].line
            ),
            ("ana", 7.0, 2)
        );
        assert_eq!(reviews[0].comment.as_deref(), Some("good, clear"));
        assert_eq!(
            (reviews[1].confidence, reviews[1].comment.clone()),
            (1.0, None)
        );
    }

    #[test]
    fn bad_input_is_an_error_at_its_line() {
        let error = |text: &str| parse_reviews(text, "r.csv").unwrap_err().to_string();
        assert!(error("").starts_with("r.csv:1: the file is empty"));
        assert!(error("reviewer,score\nana,3\n").starts_with("r.csv:1: no `proposal` column"));
        assert_eq!(
            error("reviewer,proposal,score\nana,p,seven\n"),
            "r.csv:2: score `seven` is not a finite number"
        );
        assert_eq!(
            error("reviewer,proposal,score\nana,p,NaN\n"),
            "r.csv:2: score `NaN` is not a finite number"
        );
        assert_eq!(
            error("reviewer,proposal,score,confidence\nana,p,3,0\n"),
            "r.csv:2: confidence `0` is not a number above 0"
        );
        assert_eq!(
            error("reviewer,proposal,score\nana,p,3\nben,p,4\nana,p,5\n"),
            "r.csv:4: `ana` already scored `p` at line 2: one score per reviewer and proposal"
        );
    }
}
