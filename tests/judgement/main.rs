//! How well grantctl reads: precision and recall of what it finds in
//! premortems and track records, against labels a person wrote for the
//! proposals in `fixtures/` (each `NAME.md` beside `NAME.labels.json`; the
//! schema is in `README.md` here). Run through the binary's
//! `compare --format json`, as a user would see it.
//!
//! `GRANTCTL_JUDGEMENT_BIN=/path/to/grantctl` measures another build, and
//! `GRANTCTL_JUDGEMENT_FIXTURES=/folder` another labelled set; either only
//! prints the table (how the "before" and held-out figures were taken).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What a kind must reach, from issue 15.
const PRECISION: f64 = 0.95;
const RECALL: f64 = 0.90;
const FLAGS: f64 = 0.90;

#[derive(Default)]
struct Tally {
    found: usize,
    labelled: usize,
    matched: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.labelled)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[derive(Default)]
struct Measure {
    kinds: BTreeMap<&'static str, Tally>,
    flags_right: usize,
    flags: usize,
    sections_right: usize,
    sections: usize,
    misses: Vec<String>,
}

fn fixtures() -> PathBuf {
    std::env::var_os("GRANTCTL_JUDGEMENT_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judgement/fixtures"))
}

fn compare(binary: &Path) -> Vec<Value> {
    let folder = tempfile::tempdir().unwrap();
    let output = Command::new(binary)
        .args(["compare", "--format", "json"])
        .arg(fixtures())
        .current_dir(folder.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The evidence of criterion `kind` in section `key` of a row.
fn evidence<'a>(row: &'a Value, key: &str, kind: &str) -> Vec<&'a Value> {
    row["scores"]["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["section"] == key)
        .flat_map(|s| s["criteria"].as_array().into_iter().flatten())
        .filter(|c| c["kind"] == kind)
        .flat_map(|c| c["evidence"].as_array().into_iter().flatten())
        .collect()
}

/// Host lower-case without `www.`, no trailing slash or fragment.
fn url_key(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url).trim_end_matches('/');
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = host.to_lowercase();
    format!("{}{path}", host.strip_prefix("www.").unwrap_or(&host))
}

/// The number a quantity starts with: `40-person`, `$48,000`, `4.6/5`.
fn number(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';'])
        .to_lowercase()
}

fn measure(rows: &[Value]) -> Measure {
    let mut m = Measure::default();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let labels: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("labels.json")).unwrap(),
        )
        .unwrap();
        let row = rows
            .iter()
            .find(|r| {
                r["file"]
                    .as_str()
                    .is_some_and(|f| Path::new(f).file_stem().is_some_and(|s| s == name.as_str()))
            })
            .unwrap_or_else(|| panic!("no row for {name}"));
        sections(&name, row, &labels, &mut m);
        risks(&name, row, &labels, &mut m);
        links(&name, row, &labels, &mut m);
        quantities(&name, row, &labels, &mut m);
        venues(&name, row, &labels, &mut m);
    }
    m
}

fn sections(name: &str, row: &Value, labels: &Value, m: &mut Measure) {
    for key in ["track_record", "premortem"] {
        let want = labels["sections"][key]["start"].as_u64();
        let got = row["scores"]["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["section"] == key)
            .and_then(|s| s["line"].as_u64());
        m.sections += 1;
        if want == got {
            m.sections_right += 1;
        } else {
            m.misses.push(format!(
                "{name}: section {key} at {got:?}, labelled {want:?}"
            ));
        }
    }
}

fn risks(name: &str, row: &Value, labels: &Value, m: &mut Measure) {
    let found = evidence(row, "premortem", "risks");
    let wanted = labels["risks"].as_array().unwrap();
    let mut used = vec![false; wanted.len()];
    let tally = m.kinds.entry("risks").or_default();
    tally.found += found.len();
    tally.labelled += wanted.len();
    let mut flags = (0, 0);
    for item in &found {
        let line = item["line"].as_u64().unwrap();
        let hit = wanted.iter().enumerate().position(|(i, w)| {
            !used[i] && w["start"].as_u64().unwrap() <= line && line <= w["end"].as_u64().unwrap()
        });
        let Some(i) = hit else {
            m.misses.push(format!(
                "{name}: risk at line {line} not labelled: {}",
                item["text"]
            ));
            continue;
        };
        used[i] = true;
        tally.matched += 1;
        for flag in ["outcome", "mitigation"] {
            let said = item[flag].as_u64().is_some();
            let right = said == wanted[i][flag].as_bool().unwrap();
            flags.0 += usize::from(right);
            flags.1 += 1;
            if !right {
                m.misses.push(format!(
                    "{name}: risk at line {line}: {flag} {said}, labelled {}",
                    !said
                ));
            }
        }
    }
    for (i, w) in wanted.iter().enumerate() {
        if !used[i] {
            m.misses.push(format!(
                "{name}: labelled risk at line {} not found",
                w["start"]
            ));
        }
    }
    m.flags_right += flags.0;
    m.flags += flags.1;
}

fn links(name: &str, row: &Value, labels: &Value, m: &mut Measure) {
    let found: Vec<String> = evidence(row, "track_record", "links")
        .iter()
        .map(|e| url_key(e["url"].as_str().or(e["text"].as_str()).unwrap_or("")))
        .collect();
    let wanted: Vec<String> = labels["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| url_key(u.as_str().unwrap()))
        .collect();
    set_tally("links", name, &found, &wanted, m);
}

fn venues(name: &str, row: &Value, labels: &Value, m: &mut Measure) {
    let found: Vec<String> = evidence(row, "track_record", "keywords")
        .iter()
        .map(|e| e["text"].as_str().unwrap_or("").to_lowercase())
        .collect();
    let wanted: Vec<String> = labels["venues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect();
    set_tally("venues", name, &found, &wanted, m);
}

fn quantities(name: &str, row: &Value, labels: &Value, m: &mut Measure) {
    let key = |line: u64, text: &str| format!("{line}:{}", number(text));
    let found: Vec<String> = evidence(row, "track_record", "quantities")
        .iter()
        .map(|e| key(e["line"].as_u64().unwrap(), e["text"].as_str().unwrap()))
        .collect();
    let wanted: Vec<String> = labels["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| key(q["line"].as_u64().unwrap(), q["text"].as_str().unwrap()))
        .collect();
    set_tally("quantities", name, &found, &wanted, m);
}

/// Counts items as a multiset match of `found` against `wanted`.
fn set_tally(kind: &'static str, name: &str, found: &[String], wanted: &[String], m: &mut Measure) {
    let mut left: Vec<&String> = wanted.iter().collect();
    let tally = m.kinds.entry(kind).or_default();
    tally.found += found.len();
    tally.labelled += wanted.len();
    for f in found {
        match left.iter().position(|w| *w == f) {
            Some(i) => {
                left.remove(i);
                tally.matched += 1;
            }
            None => m
                .misses
                .push(format!("{name}: {kind} found, not labelled: {f}")),
        }
    }
    for w in left {
        m.misses
            .push(format!("{name}: {kind} labelled, not found: {w}"));
    }
}

fn table(m: &Measure) -> String {
    let mut out = String::from(
        "| kind | found | labelled | right | precision | recall |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for (kind, t) in &m.kinds {
        out.push_str(&format!(
            "| {kind} | {} | {} | {} | {:.2} | {:.2} |\n",
            t.found,
            t.labelled,
            t.matched,
            t.precision(),
            t.recall()
        ));
    }
    out.push_str(&format!(
        "| outcome/mitigation flags | {} | | {} | {:.2} | |\n",
        m.flags,
        m.flags_right,
        ratio(m.flags_right, m.flags)
    ));
    out.push_str(&format!(
        "| sections | {} | | {} | {:.2} | |\n",
        m.sections,
        m.sections_right,
        ratio(m.sections_right, m.sections)
    ));
    out
}

#[test]
fn reading_meets_its_precision_and_recall_on_the_labelled_set() {
    let other = std::env::var_os("GRANTCTL_JUDGEMENT_BIN").map(PathBuf::from);
    let binary = other
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_grantctl")));
    let m = measure(&compare(&binary));
    println!("{}", table(&m));
    for miss in &m.misses {
        println!("  {miss}");
    }
    if other.is_some() || std::env::var_os("GRANTCTL_JUDGEMENT_FIXTURES").is_some() {
        return;
    }
    let fixtures = std::fs::read_dir(fixtures())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert!(fixtures >= 30, "only {fixtures} labelled proposals");
    for (kind, t) in &m.kinds {
        assert!(
            t.precision() >= PRECISION,
            "{kind} precision {:.2} < {PRECISION}\n{}",
            t.precision(),
            table(&m)
        );
        assert!(
            t.recall() >= RECALL,
            "{kind} recall {:.2} < {RECALL}\n{}",
            t.recall(),
            table(&m)
        );
    }
    assert!(
        ratio(m.flags_right, m.flags) >= FLAGS,
        "flags {:.2}\n{}",
        ratio(m.flags_right, m.flags),
        table(&m)
    );
    assert_eq!(
        m.sections_right,
        m.sections,
        "every section at its line\n{}",
        table(&m)
    );
}
