//! `compare --format csv`: the contract's header, then one record per row;
//! amounts are plain decimals and missing values are empty fields.

use std::io::{self, Write};

use super::{Column, CompareRow};

pub(super) fn render(rows: &[CompareRow], out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(Column::NAMES)?;
    for row in rows {
        writer.write_record(Column::ALL.map(|column| row.plain(column)))?;
    }
    writer.flush()
}
