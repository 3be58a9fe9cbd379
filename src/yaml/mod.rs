//! The YAML layer: front matter read into a tree that knows where every
//! key and value stands, and typed settings files read through serde.
//!
//! Front matter is read with `saphyr-parser`, an event parser that reports
//! each event's position in the text it parsed. The tree is built from
//! those events alone (`build`), so a value and its position come from the
//! same reading of the text: nothing is located by a second scan, and no
//! key can be aimed at another key's value. The shape nearly every
//! proposal has (block mappings and lists of one-line values) is read by
//! `fast`, which yields saphyr's events for it at saphyr's positions and
//! hands any other document to saphyr whole. Scalars keep their text: a
//! plain scalar that YAML's core schema reads as a number is kept as the
//! digits written (`Value::Number`), for the money reader to accept exactly
//! or refuse; no number passes through a float.
//!
//! Rubrics and `grantctl.yaml` are deserialised into typed structs with
//! `serde_yaml` (`from_str`); their error messages are rebuilt so that they
//! never quote the file's text (`safe`): such a file may be anything a
//! pull request points at.

mod build;
mod error;
mod fast;
mod node;
mod safe;
mod scalar;
mod surrogates;

pub use error::YamlError;
pub use node::{Entry, Node, Pos, Value, is_radix, shorten};

/// Parses one YAML document into a tree. `first_line` is the file line the
/// text starts on, so positions are file positions. An empty document is
/// `Value::Null`.
pub fn parse(text: &str, first_line: u32) -> Result<Node, YamlError> {
    let offset = first_line.saturating_sub(1);
    match build::build(text, offset) {
        Err(err) if surrogates::may_help(&err) => {
            // JSON writes characters beyond U+FFFF as surrogate pairs
            // (`"\ud83d\ude00"`), which YAML's `\u` escapes do not allow.
            let Some(rewritten) = surrogates::rewrite(text, offset) else {
                return Err(err);
            };
            let mut node = build::build(&rewritten.text, offset).map_err(|e| rewritten.place(e))?;
            if rewritten.confirm(&mut node) {
                Ok(node)
            } else {
                Err(err)
            }
        }
        other => other,
    }
}

/// Deserialises `text` into `T` (rubrics, grantctl.yaml). The error has
/// the position and a message that quotes nothing from `text`.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
        YamlError {
            line,
            column,
            message: safe::message(&err.to_string(), line, column),
        }
    })
}

#[cfg(test)]
mod tests;
