//! `compare --format csv`: the contract's header, then one record per row;
//! amounts are plain decimals and missing values are empty fields.
//!
//! A record starts with its file name; one that a CI runner would read as
//! a workflow command (`::error::x.md`) is quoted, which any CSV reader
//! reads back as the same name.

use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;

use super::cells::plain;
use crate::analysis::{Col, Columns, CompareRow};
use crate::output::csv_record::CsvRecord;
use crate::output::printable::could_command;

pub(super) fn render(
    rows: &[CompareRow],
    columns: &Columns,
    all: &[Col],
    csv_safe: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let names: Vec<&str> = all.iter().map(|&c| columns.name(c)).collect();
    writeln!(out, "{}", names.join(","))?;
    // The records are made on the run's worker threads, a group of pieces
    // at a time, and written in order: made on one thread, 100,000 of them
    // took a quarter of a second while the others waited. The same buffers
    // serve every group, so the output is never held whole (32 MB at
    // 100,000 rows) and later groups allocate nothing.
    let mut pieces = vec![Vec::new(); PIECES];
    for group in rows.chunks(PIECE * PIECES) {
        pieces
            .par_iter_mut()
            .zip(group.par_chunks(PIECE))
            .for_each(|(piece, rows)| {
                piece.clear();
                records(rows, all, csv_safe, piece);
            });
        for piece in &pieces[..group.len().div_ceil(PIECE)] {
            out.write_all(piece)?;
        }
    }
    out.flush()
}

/// Rows in a piece of output made on one thread: some 40 KB. Pieces of
/// 512 rows (a quarter of a megabyte each, an allocator's large size)
/// raised a 10,000-row run's peak memory by 15 MB.
const PIECE: usize = 128;
/// Pieces in a group made before any is written.
const PIECES: usize = 16;

/// Appends the records of `rows`, one after another, to `bytes`.
fn records(rows: &[CompareRow], all: &[Col], csv_safe: bool, bytes: &mut Vec<u8>) {
    // Each record is made whole, looked at, then passed on.
    let mut record = CsvRecord::new();
    for row in rows {
        for &column in all {
            let cell = plain(row, column);
            let cell = if csv_safe { defused(cell) } else { cell };
            record.field(&cell);
        }
        let made = record.end();
        guard_first_field(made);
        bytes.extend_from_slice(made);
        record.clear();
    }
}

/// Quotes an unquoted first field that a runner could take as a command;
/// unquoted, it holds no `,`, `"` or line break, so quoting is exact.
fn guard_first_field(record: &mut Vec<u8>) {
    // A record that starts with a visible ASCII character is decided by
    // it alone; leading space or other text is read as text.
    let commands = match record.first() {
        Some(&b) if b.is_ascii_graphic() => matches!(b, b':' | b'#'),
        _ => {
            let text = String::from_utf8_lossy(record);
            could_command(&text) && !text.starts_with('"')
        }
    };
    if !commands {
        return;
    }
    // The field ends at the next comma, or at the record's line break
    // when it is the only column.
    let end = record
        .iter()
        .position(|&b| matches!(b, b',' | b'\n' | b'\r'))
        .unwrap_or(record.len());
    record.insert(end, b'"');
    record.insert(0, b'"');
}

/// A cell a spreadsheet would run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return), prefixed with `'` as OWASP
/// advises; `--csv-safe` only, since the `'` is then part of the data.
fn defused(cell: Cow<'_, str>) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Rubric;

    /// More rows than a group holds: every record once, in row order.
    #[test]
    fn records_made_in_pieces_are_written_in_order() {
        let rows: Vec<CompareRow> = (0..PIECE * PIECES + PIECE + 7)
            .map(|i| CompareRow::sample(&format!("p{i}"), Some(i as i128), None))
            .collect();
        let columns = Columns::for_run(&Rubric::default_rubric(), false);
        let all = columns.all();
        let mut out = Vec::new();
        render(&rows, &columns, &all, false, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), rows.len() + 1);
        assert!(lines[0].starts_with("file,id,"));
        for (i, line) in lines[1..].iter().enumerate() {
            assert!(line.starts_with(&format!("p{i}.md,p{i},")), "{i}: {line}");
        }
    }

    #[test]
    fn a_first_field_a_runner_could_obey_is_quoted() {
        for (record, guarded) in [
            ("::error::x.md,1\n", "\"::error::x.md\",1\n"),
            ("#x.md,1\n", "\"#x.md\",1\n"),
            (" ::x.md,1\n", "\" ::x.md\",1\n"),
            ("\u{3000}#x.md\n", "\"\u{3000}#x.md\"\n"),
            ("plan.md,1\n", "plan.md,1\n"),
            ("\"a,::b.md\",1\n", "\"a,::b.md\",1\n"),
            ("é::x.md,1\n", "é::x.md,1\n"),
            ("::x.md\n", "\"::x.md\"\n"),
            ("", ""),
        ] {
            let mut bytes = record.as_bytes().to_vec();
            guard_first_field(&mut bytes);
            assert_eq!(String::from_utf8(bytes).unwrap(), guarded, "{record:?}");
        }
    }
}
