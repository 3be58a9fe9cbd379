//! `grantctl schema`: the front matter's JSON Schema on stdout.

use std::io::Write;

use crate::proposal::schema::front_matter_schema;

pub fn print(out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &front_matter_schema())?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
