//! Error messages about rubrics and `grantctl.yaml` that quote nothing from
//! the file.
//!
//! A settings file can name any readable file as the rubric, and a
//! committed `grantctl.yaml` can be a link to one; if reading it as YAML
//! fails, serde's message would print the value it choked on (a private
//! key, a token, the environment). So a message is rebuilt from what
//! serde expected and the kind of value it found, never the value.

use crate::suggest::did_you_mean;

/// serde_yaml's `message` for an error at `line` and `column`, with every
/// piece of the file's text taken out.
pub(super) fn message(message: &str, line: u32, column: u32) -> String {
    let message = message
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(message);
    // serde_yaml names the field first (`sections[0].points: invalid
    // type…`); those are the struct's own field names and indices.
    if let Some((path, rest)) = message.split_once(": ")
        && !path.is_empty()
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
    {
        return format!("{path}: {}", about_value(rest));
    }
    about_value(message)
}

/// The part of a message after any field path.
fn about_value(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some(at) = rest.rfind(", expected ")
        {
            let found = kind(&rest[..at]);
            return format!(
                "expected {}, found {found}",
                &rest[at + ", expected ".len()..]
            );
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return unknown("field", rest);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return unknown("value", rest);
    }
    if message.starts_with("duplicate entry with key") {
        return "duplicate key: each key may appear once".to_string();
    }
    let ours = message.starts_with("missing field `") || message.starts_with("duplicate field `");
    if ours || !quotes_text(message) {
        return message.to_string();
    }
    "not valid YAML for this file".to_string()
}

/// Whether `message` has quotes around anything but one punctuation mark
/// (the YAML scanner's `did not find expected ',' or ']'` names its own
/// syntax, not the file's text).
fn quotes_text(message: &str) -> bool {
    let mut rest = message;
    while let Some(at) = rest.find(['"', '\'', '`']) {
        let quote = rest[at..].chars().next().unwrap_or('"');
        let after = &rest[at + 1..];
        let mut chars = after.chars();
        match (chars.next(), chars.next()) {
            (Some(c), Some(close)) if close == quote && !c.is_alphanumeric() => {
                rest = &after[c.len_utf8() + 1..];
            }
            _ => return true,
        }
    }
    false
}

/// serde's `Unexpected` as a kind: `string "…"` → "a string".
fn kind(unexpected: &str) -> &'static str {
    let table: &[(&str, &str)] = &[
        ("string", "a string"),
        ("character", "a string"),
        ("integer", "a number"),
        ("floating point", "a number"),
        ("boolean", "a boolean"),
        ("sequence", "a list"),
        ("map", "a mapping"),
        ("unit", "null"),
        ("Option", "null"),
    ];
    table
        .iter()
        .find(|(prefix, _)| unexpected.starts_with(prefix))
        .map_or("a value of another kind", |(_, kind)| kind)
}

/// `unknown field `x`, expected one of `a`, `b``: the choices, and the
/// closest one when the unknown name is near it, without the name itself.
fn unknown(what: &str, rest: &str) -> String {
    let Some((name, choices)) = rest.split_once("`, ") else {
        return format!("unknown {what}");
    };
    let known: Vec<&str> = choices
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|k| !k.is_empty())
        .collect();
    match did_you_mean(name, &known) {
        Some(close) => format!("unknown {what}; did you mean `{close}`?"),
        None => format!("unknown {what}, {choices}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_from_the_file_survives() {
        let secret = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjE";
        let cases = [
            (
                format!("invalid type: string \"{secret}\", expected struct RawRubric at line 1 column 1"),
                "expected struct RawRubric, found a string",
            ),
            (
                "invalid type: string \"a, expected b\", expected a sequence at line 1 column 1"
                    .to_string(),
                "expected a sequence, found a string",
            ),
            (
                "unknown field `exlude`, expected one of `rubric`, `exclude`, `ignore` at line 1 column 1"
                    .to_string(),
                "unknown field; did you mean `exclude`?",
            ),
            (
                "unknown field `ghp_0123456789abcdef`, expected one of `rubric`, `exclude` at line 1 column 1"
                    .to_string(),
                "unknown field, expected one of `rubric`, `exclude`",
            ),
            (
                "duplicate entry with key \"token\" at line 1 column 1".to_string(),
                "duplicate key: each key may appear once",
            ),
            (
                "missing field `sections` at line 1 column 1".to_string(),
                "missing field `sections`",
            ),
            (
                "did not find expected key at line 1 column 1".to_string(),
                "did not find expected key",
            ),
            (
                "did not find expected ',' or ']' at line 1 column 1".to_string(),
                "did not find expected ',' or ']'",
            ),
            (
                "found 'x' somewhere at line 1 column 1".to_string(),
                "not valid YAML for this file",
            ),
            (
                "deny-warnings: invalid type: string \"sometimes\", expected a boolean at line 1 column 1"
                    .to_string(),
                "deny-warnings: expected a boolean, found a string",
            ),
            (
                format!("sections[0].criteria[2].name: invalid type: string \"{secret}\", expected x at line 1 column 1"),
                "sections[0].criteria[2].name: expected x, found a string",
            ),
            (
                format!("something new about \"{secret}\" at line 1 column 1"),
                "not valid YAML for this file",
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(message(&raw, 1, 1), expected, "{raw}");
        }
    }
}
