//! What a scalar is: YAML 1.2's core schema, with numbers kept as written.
//!
//! Only a plain (unquoted) scalar can be null, a boolean or a number; a
//! quoted or block scalar is always a string, and so is anything tagged
//! `!!str`. A number is never converted here: its text goes to the reader
//! of the field it belongs to, which reads it exactly or refuses it.

use std::borrow::Cow;

use saphyr_parser::{ScalarStyle, Tag};

use super::node::{Value, is_radix};

/// The value of a scalar as the core schema reads it.
pub(super) fn resolve(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    let forced_string = tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
    if style != ScalarStyle::Plain || forced_string {
        return Value::Str(exact(text));
    }
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        written if is_number(written) => Value::Number(exact(text)),
        _ => Value::Str(exact(text)),
    }
}

/// The scalar's text in an allocation of its own length: the parser's
/// buffers are larger, and a million kept values would keep them all.
pub(super) fn exact(text: Cow<'_, str>) -> Box<str> {
    Box::from(text.as_ref())
}

/// Whether the core schema (plus `0b`, which YAML 1.1 parsers accept)
/// reads `text` as an integer or a float.
fn is_number(text: &str) -> bool {
    // Every number starts with a digit, a sign or a point: most plain
    // values (`Venue hire, 4 days`) are turned away by their first byte
    // rather than searched for an exponent.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return false;
    }
    if is_radix(text) {
        return true;
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    decimal_float(unsigned)
}

/// `[0-9]+`, `1.5`, `.5`, `5.`, each with an optional exponent `e-3`.
fn decimal_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let has_digits = !whole.is_empty() || fraction.is_some_and(|f| !f.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    has_digits && digits(whole) && fraction.is_none_or(digits) && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(text: &str, expected: Value) {
        assert_eq!(
            resolve(Cow::Borrowed(text), ScalarStyle::Plain, None),
            expected,
            "{text}"
        );
    }

    fn number(text: &str) -> Value {
        Value::Number(text.into())
    }

    fn string(text: &str) -> Value {
        Value::Str(text.into())
    }

    #[test]
    fn plain_scalars_follow_the_core_schema_and_keep_their_digits() {
        case("", Value::Null);
        case("~", Value::Null);
        case("NULL", Value::Null);
        case("True", Value::Bool(true));
        case("false", Value::Bool(false));
        case("yes", string("yes"));
        for n in [
            "50000",
            "-5",
            "+5",
            "1234.5",
            "999.9999999999999999",
            ".5",
            "5.",
            "1e3",
            "1.5E-2",
            "0x10",
            "-0o17",
            "0b11",
            ".inf",
            "-.Inf",
            ".nan",
            "12345678901234567890123",
        ] {
            case(n, number(n));
        }
        for s in [
            "1,000", "$5k", "1_000", "1.2.3", "e3", ".", "-", "1e", "0x", "50 000", ".NAN.",
        ] {
            case(s, string(s));
        }
    }

    proptest::proptest! {
        /// The first-byte test turns away only what the schema's forms
        /// would have refused.
        #[test]
        fn the_first_byte_turns_away_no_number(text in "[0-9a-fxXoObBeE.+_ ,$-]{0,8}|\\.(inf|nan)") {
            let unsigned = text.strip_prefix(['-', '+']).unwrap_or(&text);
            let spelled_out = is_radix(&text)
                || matches!(unsigned, ".inf" | ".Inf" | ".INF")
                || matches!(text.as_str(), ".nan" | ".NaN" | ".NAN")
                || decimal_float(unsigned);
            proptest::prop_assert_eq!(is_number(&text), spelled_out);
        }
    }

    #[test]
    fn quoted_and_tagged_strings_stay_strings() {
        let quoted = resolve(Cow::Borrowed("5"), ScalarStyle::DoubleQuoted, None);
        assert_eq!(quoted, string("5"));
        let tag = Tag {
            handle: "tag:yaml.org,2002:".into(),
            suffix: "str".into(),
        };
        let tagged = resolve(Cow::Borrowed("5"), ScalarStyle::Plain, Some(&tag));
        assert_eq!(tagged, string("5"));
        let custom = Tag {
            handle: "!".into(),
            suffix: "money".into(),
        };
        let tagged = resolve(Cow::Borrowed("5"), ScalarStyle::Plain, Some(&custom));
        assert_eq!(tagged, number("5"));
    }
}
