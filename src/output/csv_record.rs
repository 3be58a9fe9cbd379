//! One CSV record, written as the csv crate's writer writes it by default
//! (RFC 4180): a field is quoted when it holds a comma, a quote, a carriage
//! return or a line feed, with each quote doubled; a record of one empty
//! field is `""`, so that it is not read as a blank line; a record ends
//! with `\n`.
//!
//! Written here rather than by the csv crate (which still reads review
//! files), because `compare` writes one record per proposal on one thread
//! after the parallel work: the crate's writer, behind a tap that let each
//! record's first field be checked, cost about a million instructions more
//! per 1,000 rows (issue 16). A proptest below holds the two byte for byte.

use std::io::{self, Write};

/// A record being written, reused from one to the next.
#[derive(Debug, Default)]
pub struct CsvRecord {
    bytes: Vec<u8>,
    fields: usize,
}

impl CsvRecord {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the next field.
    pub fn field(&mut self, field: &str) {
        if self.fields > 0 {
            self.bytes.push(b',');
        }
        self.fields += 1;
        let bytes = field.as_bytes();
        if !bytes
            .iter()
            .any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            self.bytes.extend_from_slice(bytes);
            return;
        }
        self.bytes.push(b'"');
        for piece in bytes.split_inclusive(|&b| b == b'"') {
            self.bytes.extend_from_slice(piece);
            if piece.last() == Some(&b'"') {
                self.bytes.push(b'"');
            }
        }
        self.bytes.push(b'"');
    }

    /// Ends the record and gives its bytes, to look at or change before
    /// they are written; the next `field` starts a new record.
    pub fn end(&mut self) -> &mut Vec<u8> {
        if self.bytes.is_empty() {
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.push(b'\n');
        self.fields = 0;
        &mut self.bytes
    }

    /// Ends the record, writes it to `out` and starts the next.
    pub fn write_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(self.end())?;
        self.bytes.clear();
        Ok(())
    }

    /// Forgets the ended record's bytes: the next `field` starts afresh.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.fields = 0;
    }
}

/// Writes `records` (each a list of fields) to `out`, a record per line.
pub fn write_records<R, F, S>(records: R, out: &mut dyn Write) -> io::Result<()>
where
    R: IntoIterator<Item = F>,
    F: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = io::BufWriter::new(out);
    let mut record = CsvRecord::new();
    for fields in records {
        for field in fields {
            record.field(field.as_ref());
        }
        record.write_to(&mut out)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the csv crate's default writer makes of `records`.
    fn by_the_crate(records: &[Vec<String>]) -> String {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for fields in records {
            writer.write_record(fields).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    fn by_hand(records: &[Vec<String>]) -> String {
        let mut out = Vec::new();
        write_records(records, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let records = [
            vec![
                "plain",
                "",
                "a,b",
                "say \"hi\"",
                "two\nlines",
                "cr\r",
                "é ∑",
            ],
            vec![""],
            vec!["", ""],
            vec!["\""],
        ];
        let records: Vec<Vec<String>> = records
            .iter()
            .map(|r| r.iter().map(|f| f.to_string()).collect())
            .collect();
        let expected =
            "plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",é ∑\n\"\"\n,\n\"\"\"\"\n";
        assert_eq!(by_hand(&records), expected);
        assert_eq!(by_the_crate(&records), expected);
    }

    proptest::proptest! {
        #[test]
        fn records_are_written_as_the_csv_crate_writes_them(
            records in proptest::collection::vec(
                proptest::collection::vec("[a\",\r\n é#'=-]{0,6}", 1..5),
                0..6,
            ),
        ) {
            proptest::prop_assert_eq!(by_hand(&records), by_the_crate(&records));
        }
    }
}
