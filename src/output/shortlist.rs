//! `grantctl shortlist` (§6): one row per proposal — id, title, score,
//! level, granted and why it is not funded at its goal — then the pool,
//! the total granted, what is left, the marginal bar and the funding
//! queue. Renderers only print; the shortlist decided everything.

use std::io::{self, Write};
use std::str::FromStr;

use serde_json::{Number, Value, json};

use super::compare::CompareFormat;
use super::csv_record::write_records;
use super::printable::printable;
use super::table::write_table;
use crate::currency::Currency;
use crate::money::Money;
use crate::shortlist::Shortlist;

const HEADER: [&str; 6] = ["id", "title", "score", "level", "granted", "reason"];

pub fn render_shortlist(
    format: CompareFormat,
    list: &Shortlist,
    currency: Currency,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Table => text(list, currency, out, false),
        CompareFormat::Markdown => text(list, currency, out, true),
        CompareFormat::Csv => csv(list, out),
        CompareFormat::Json => json(list, out),
    }
}

fn score(s: Option<f64>) -> String {
    s.map_or_else(
        || "—".to_string(),
        |s| {
            format!("{s:.2}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        },
    )
}

fn text(
    list: &Shortlist,
    currency: Currency,
    out: &mut dyn Write,
    markdown: bool,
) -> io::Result<()> {
    let rows: Vec<Vec<String>> = list
        .decisions
        .iter()
        .map(|d| {
            vec![
                printable(&d.id).into_owned(),
                printable(d.title.as_deref().unwrap_or("—")).into_owned(),
                score(d.score),
                d.level.clone().unwrap_or_else(|| "—".into()),
                d.granted.display(currency).to_string(),
                d.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    // Score and granted are numbers: right-aligned.
    let right = [false, false, true, false, true, false];
    write_table(out, markdown, &HEADER, &right, &rows)?;
    writeln!(out)?;
    footer(list, currency, out)
}

/// The pool, what was granted and left, the marginal bar and the queue.
fn footer(list: &Shortlist, currency: Currency, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "pool {}, granted {}, remaining {}",
        list.pool.display(currency),
        list.granted.display(currency),
        list.remaining.display(currency)
    )?;
    if let Some(m) = list.marginal {
        writeln!(
            out,
            "marginal bar: {m:.2} of value per unit of money (score minus bar) in the last funded grant; another grant must beat it"
        )?;
    }
    if !list.proven_optimal {
        writeln!(
            out,
            "not proven optimal: too large for the exact table; the funding queue's order was used"
        )?;
    }
    if !list.queue.is_empty() {
        writeln!(out)?;
        writeln!(out, "funding queue (as the pool grows):")?;
        for inc in &list.queue {
            writeln!(
                out,
                "  {}  {} +{}  → {}",
                printable(&inc.id),
                inc.level,
                inc.amount.display(currency),
                inc.cumulative.map_or_else(
                    || "more than an amount can hold".to_string(),
                    |m| m.display(currency).to_string()
                )
            )?;
        }
    }
    Ok(())
}

fn csv(list: &Shortlist, out: &mut dyn Write) -> io::Result<()> {
    let rows = list.decisions.iter().map(|d| {
        [
            d.id.clone(),
            d.title.clone().unwrap_or_default(),
            d.score.map(|s| s.to_string()).unwrap_or_default(),
            d.level.clone().unwrap_or_default(),
            d.granted.plain(),
            d.reason.clone().unwrap_or_default(),
        ]
    });
    let header = HEADER.map(String::from);
    write_records(std::iter::once(header).chain(rows), out)
}

/// An amount as an exact JSON number, from its decimal digits.
fn amount(money: Money) -> Value {
    Number::from_str(&money.plain()).map_or(Value::Null, Value::Number)
}

fn json(list: &Shortlist, out: &mut dyn Write) -> io::Result<()> {
    let value = json!({
        "pool": amount(list.pool),
        "granted": amount(list.granted),
        "remaining": amount(list.remaining),
        "bar": list.bar,
        "value": list.value,
        "marginal": list.marginal,
        "optimal": list.proven_optimal,
        "proposals": list.decisions.iter().map(|d| json!({
            "id": d.id,
            "title": d.title,
            "score": d.score,
            "level": d.level,
            "granted": amount(d.granted),
            "reason": d.reason,
        })).collect::<Vec<_>>(),
        "queue": list.queue.iter().map(|i| json!({
            "id": i.id,
            "level": i.level,
            "amount": amount(i.amount),
            "cumulative": i.cumulative.map_or(Value::Null, amount),
        })).collect::<Vec<_>>(),
    });
    let mut writer = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut writer, &value)?;
    writeln!(writer)?;
    writer.flush()
}
