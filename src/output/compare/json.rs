//! `compare --format json`: one array of rows with the contract's keys in
//! order, amounts as exact JSON numbers, missing values `null`, and each
//! row's `scores` with the evidence for every criterion.

use std::io::{self, Write};
use std::str::FromStr;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::analysis::{Col, Columns, CompareRow, Value};

pub(super) fn render(
    rows: &[CompareRow],
    columns: &Columns,
    shown: &[Col],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut writer, &Rows(rows, columns, shown))?;
    writeln!(writer)?;
    writer.flush()
}

struct Rows<'a>(&'a [CompareRow], &'a Columns, &'a [Col]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for row in self.0 {
            seq.serialize_element(&Row(row, self.1, self.2))?;
        }
        seq.end()
    }
}

struct Row<'a>(&'a CompareRow, &'a Columns, &'a [Col]);

fn serialize_value<M: SerializeMap>(map: &mut M, value: Value<'_>) -> Result<(), M::Error> {
    match value {
        Value::Text(text) => map.serialize_value(&text),
        // Written from the decimal's digits, so no amount passes through a float.
        Value::Money(money) => map.serialize_value(
            &serde_json::Number::from_str(&money.plain()).map_err(serde::ser::Error::custom)?,
        ),
        Value::Bool(b) => map.serialize_value(&b),
        Value::Count(n) => map.serialize_value(&n),
        Value::Real(x) => map.serialize_value(&x),
        Value::Missing => map.serialize_value(&()),
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let row = self.0;
        let shown = self.2;
        let mut map = serializer.serialize_map(Some(shown.len() + 1))?;
        for &column in shown {
            map.serialize_key(self.1.name(column))?;
            serialize_value(&mut map, row.cell(column))?;
        }
        map.serialize_entry("scores", &row.scores)?;
        map.end()
    }
}
