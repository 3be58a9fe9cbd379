//! SARIF 2.1.0, the format code-scanning services read (GitHub code
//! scanning, Azure DevOps, many editors): one run whose tool lists every
//! rule with its description, and one result per finding.
//!
//! Built as a `serde_json::Value` and written once: the document is small
//! next to the files it describes, and one value keeps it valid JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Rule, Severity};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(crate) fn render(diagnostics: &[&Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = Rule::ALL.iter().map(|&rule| rule_entry(rule)).collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(d)).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "grantctl",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn rule_entry(rule: Rule) -> Value {
    let d = rule.doc();
    json!({
        "id": rule.id(),
        "shortDescription": { "text": rule.description() },
        "fullDescription": { "text": d.checks },
        "help": { "text": format!("{} Run `grantctl explain {}` for examples.", d.why, rule.id()) },
        "defaultConfiguration": { "level": level(rule.severity()) },
    })
}

fn result(d: &Diagnostic) -> Value {
    let mut region = json!({ "startLine": d.line.max(1) });
    if let Some(column) = d.column {
        region["startColumn"] = json!(column.max(1));
    }
    let index = Rule::ALL.iter().position(|&r| r == d.rule);
    json!({
        "ruleId": d.rule.id(),
        "ruleIndex": index,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&d.file) },
                "region": region,
            }
        }],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A file path as a URI reference: relative paths stay relative (to the
/// folder grantctl ran in, which is what code scanning expects), absolute
/// ones become `file://` URIs, and anything outside the URI alphabet is
/// percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("proposals/mats.md"), "proposals/mats.md");
        assert_eq!(uri("./a b/ü.md"), "a%20b/%C3%BC.md");
        assert_eq!(uri("/tmp/x#1.md"), "file:///tmp/x%231.md");
        assert_eq!(uri("dir\\file.md"), "dir/file.md");
    }
}
