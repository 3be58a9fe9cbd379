//! Gaming: what an applicant who wants a higher score without better
//! evidence would try, applied to every labelled proposal in
//! tests/judgement/fixtures/ and every seed in proposals/, with the
//! direction the score must move. Padding never raises a section's score;
//! taking evidence away, or making risks generic, lowers it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::{folder_of, grantctl_in, root};

/// A proposal's text and the scores `compare --format json` gives it.
struct Scored {
    text: String,
    json: Value,
}

/// Section key → score, and the total.
fn scores(row: &Value) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for section in row["scores"]["sections"].as_array().unwrap() {
        out.insert(
            section["section"].as_str().unwrap().to_string(),
            section["score"].as_u64().unwrap(),
        );
    }
    out.insert("total".into(), row["total_score"].as_u64().unwrap_or(0));
    out
}

/// Every fixture and seed, by name.
fn originals() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["tests/judgement/fixtures", "proposals"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Runs `compare --format json` over `files`, by name.
fn score_all(files: &[(String, String)]) -> BTreeMap<String, Scored> {
    let dir = folder_of(files);
    let run = grantctl_in(dir.path(), &["compare", "--format", "json", "."]);
    let rows: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    let texts: BTreeMap<&str, &str> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let file = row["file"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_string();
            let text = texts[file.as_str()].to_string();
            (
                file,
                Scored {
                    text,
                    json: row.clone(),
                },
            )
        })
        .collect()
}

/// The section `key` of a scored row.
fn section<'a>(row: &'a Value, key: &str) -> Option<&'a Value> {
    row["scores"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == key && !s["line"].is_null())
}

/// The 0-based line index where section `key` ends: the first `#` or
/// `##` heading after its heading and after every line its evidence
/// stands on (risks can have `##` headings of their own), or the end.
fn section_end(scored: &Scored, key: &str) -> Option<(usize, usize)> {
    let section = section(&scored.json, key)?;
    let heading = section["line"].as_u64()? as usize;
    let mut last = heading;
    for criterion in section["criteria"].as_array()? {
        for item in criterion["evidence"].as_array()? {
            for slot in ["line", "outcome", "mitigation"] {
                if let Some(line) = item[slot].as_u64() {
                    last = last.max(line as usize);
                }
            }
        }
    }
    let lines: Vec<&str> = scored.text.lines().collect();
    let end = (last..lines.len())
        .find(|&i| lines[i].starts_with("# ") || lines[i].starts_with("## "))
        .unwrap_or(lines.len());
    Some((heading, end))
}

/// `text` with `insert` at the end of section `key`.
fn append_to_section(scored: &Scored, key: &str, insert: &str) -> Option<String> {
    let (_, end) = section_end(scored, key)?;
    let lines: Vec<&str> = scored.text.lines().collect();
    let mut out: Vec<&str> = lines[..end].to_vec();
    out.extend(["", insert.trim_end(), ""]);
    out.extend(&lines[end..]);
    Some(out.join("\n") + "\n")
}

/// "1 thing. 2 things. … 8 things.": numbers that are not claims.
fn ladder() -> String {
    (1..=8)
        .map(|n| format!("{n} thing{}.", if n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Five labelled risks that state nothing, one per line.
fn bad_things() -> String {
    (1..=5)
        .map(|n| format!("Cause: bad thing {n}. Outcome: bad. Mitigation: none."))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Padding that must never raise a score, appended to section `key`.
fn padding() -> Vec<(&'static str, &'static str, String)> {
    let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod \
                  tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, \
                  quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. \
                  We are passionate, dedicated and uniquely positioned to deliver outstanding, \
                  world-class, high-impact results with excellence and integrity.";
    vec![
        ("filler", "track_record", filler.to_string()),
        ("filler", "premortem", filler.to_string()),
        ("number ladder", "track_record", ladder()),
        (
            "profile, homepage and placeholder links",
            "track_record",
            "- https://www.linkedin.com/in/someone\n- https://twitter.com/someone\n- https://github.com/someone\n- https://example.com/1\n- https://example.com/2\n- https://our-organisation.org/\n- https://our-organisation.org/about".to_string(),
        ),
        ("bare venue names", "track_record", "NeurIPS ICLR ICML ACL".to_string()),
        (
            "generic one-line risks",
            "premortem",
            "- The team might not have enough time.\n- Funding might run out.\n- Key staff might leave.".to_string(),
        ),
        ("labelled risks that state nothing", "premortem", bad_things()),
    ]
}

/// Each section's own text, appended to itself again.
fn repeated(scored: &Scored, key: &str) -> Option<String> {
    let (heading, end) = section_end(scored, key)?;
    let lines: Vec<&str> = scored.text.lines().collect();
    let body = lines[heading..end].join("\n");
    append_to_section(scored, key, &body)
}

/// Asserts no section's score and no total of a manipulated proposal in
/// `after` rose from its score in `before`.
fn never_higher(what: &str, before: &BTreeMap<String, Scored>, after: &BTreeMap<String, Scored>) {
    for (name, manipulated) in after {
        let old = scores(&before[name].json);
        for (key, score) in &scores(&manipulated.json) {
            assert!(
                score <= &old[key],
                "{what} raised {name}'s {key} from {} to {score}:\n{}",
                old[key],
                manipulated.text
            );
        }
    }
}

#[test]
fn padding_and_repetition_never_raise_a_score() {
    let originals = originals();
    assert!(originals.len() >= 60, "56 fixtures and 4 seeds");
    let before = score_all(&originals);
    for (what, key, insert) in padding() {
        let manipulated: Vec<(String, String)> = before
            .iter()
            .filter_map(|(name, s)| Some((name.clone(), append_to_section(s, key, &insert)?)))
            .collect();
        assert!(
            manipulated.len() >= 50,
            "{what}: {} proposals",
            manipulated.len()
        );
        let after = score_all(&manipulated);
        never_higher(&format!("{what} in {key}"), &before, &after);
    }
    for key in ["premortem", "track_record"] {
        let manipulated: Vec<(String, String)> = before
            .iter()
            .filter_map(|(name, s)| Some((name.clone(), repeated(s, key)?)))
            .collect();
        let after = score_all(&manipulated);
        never_higher(&format!("the {key} said twice"), &before, &after);
    }
}

/// A risk as `compare` read it: (line, outcome line, mitigation line,
/// earns in full: no note says it is generic, a repeat or unanswered).
type Risk = (u64, Option<u64>, Option<u64>, bool);

/// The premortem's risks.
fn risks(row: &Value) -> Vec<Risk> {
    let Some(premortem) = section(row, "premortem") else {
        return Vec::new();
    };
    premortem["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "risks")
        .flat_map(|c| c["evidence"].as_array().unwrap().iter())
        .map(|e| {
            let specific = e["note"].is_null();
            (
                e["line"].as_u64().unwrap(),
                e["outcome"].as_u64(),
                e["mitigation"].as_u64(),
                specific,
            )
        })
        .collect()
}

/// Each manipulated proposal's premortem score before and after, having
/// asserted that `what` did not raise it.
fn premortems<'a>(
    before: &BTreeMap<String, Scored>,
    after: &'a BTreeMap<String, Scored>,
    what: &str,
) -> Vec<(&'a String, u64, u64, &'a Scored)> {
    after
        .iter()
        .map(|(name, m)| {
            let old = scores(&before[name].json)["premortem"];
            let new = scores(&m.json)["premortem"];
            assert!(
                new <= old,
                "{what} raised {name}'s premortem {old} → {new}:\n{}",
                m.text
            );
            (name, old, new, m)
        })
        .collect()
}

/// `text` without the file lines in `drop` (1-based).
fn without_lines(text: &str, drop: &[u64]) -> String {
    text.lines()
        .enumerate()
        .filter(|(i, _)| !drop.contains(&(*i as u64 + 1)))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Removing every mitigation (or every outcome) that stands on a line of
/// its own never raises the premortem's score, and lowers it wherever
/// one earned points below full marks.
#[test]
fn removing_mitigations_or_outcomes_lowers_the_premortem() {
    let before = score_all(&originals());
    let mut lowered = 0;
    for (what, mitigation) in [("mitigation", true), ("outcome", false)] {
        let pick = |r: &Risk| if mitigation { r.2 } else { r.1 };
        let other = |r: &Risk| if mitigation { r.1 } else { r.2 };
        let mut manipulated = Vec::new();
        let mut earning = Vec::new();
        for (name, s) in &before {
            let risks = risks(&s.json);
            // Lines that hold only this kind of answer: no cause, and not
            // the other kind of answer to any risk.
            let mut own_lines: Vec<u64> = risks
                .iter()
                .filter_map(pick)
                .filter(|l| risks.iter().all(|r| r.0 != *l && other(r) != Some(*l)))
                .collect();
            own_lines.dedup();
            if own_lines.is_empty() {
                continue;
            }
            if risks
                .iter()
                .any(|r| r.3 && pick(r).is_some_and(|l| own_lines.contains(&l)))
            {
                earning.push(name.clone());
            }
            manipulated.push((name.clone(), without_lines(&s.text, &own_lines)));
        }
        // Proposals whose answers of this kind stand on lines of their
        // own (labels inside one paragraph, or table cells, are not cut).
        assert!(
            manipulated.len() >= 8,
            "{what}: {} proposals",
            manipulated.len()
        );
        eprintln!("removing each {what}: {} proposals", manipulated.len());
        let after = score_all(&manipulated);
        for (name, old, new, m) in premortems(&before, &after, &format!("removing each {what}")) {
            // Where a risk that earned in full lost its answer (another
            // answer below it may take its place: then nothing was removed).
            let answered = |row: &Value| {
                risks(row)
                    .iter()
                    .filter(|r| r.3 && pick(r).is_some())
                    .count()
            };
            if earning.contains(name)
                && old < 100
                && answered(&m.json) < answered(&before[name].json)
            {
                assert!(
                    new < old,
                    "removing each {what} left {name}'s premortem at {old}:\n{}",
                    m.text
                );
                lowered += 1;
            }
        }
    }
    eprintln!("{lowered} lowered");
    assert!(lowered >= 10, "{lowered} proposals lowered");
}

/// Generic causes, distinct from each other, of words that name no project.
const GENERIC: [&str; 8] = [
    "The team might not have enough time.",
    "Funding might be insufficient.",
    "Staff might be unable to do the work.",
    "Things might be more difficult than planned.",
    "The project might have problems.",
    "Resources might be too low.",
    "Quality might be lower than expected.",
    "Progress might be worse than expected.",
];

/// The premortem replaced by as many generic risks as it had, each with
/// the outcome and mitigation its original had: lower wherever a specific
/// risk earned points.
#[test]
fn replacing_specific_risks_with_generic_ones_lowers_the_premortem() {
    let before = score_all(&originals());
    let mut manipulated = Vec::new();
    let mut earning = Vec::new();
    for (name, s) in &before {
        let risks = risks(&s.json);
        let Some(premortem) = section(&s.json, "premortem") else {
            continue;
        };
        if risks.is_empty() || risks.len() > GENERIC.len() {
            continue;
        }
        let mut body = String::new();
        for (i, r) in risks.iter().enumerate() {
            body.push_str(&format!("- {}\n", GENERIC[i]));
            if r.1.is_some() {
                body.push_str("  - Outcome: the project would be delayed.\n");
            }
            if r.2.is_some() {
                body.push_str("  - Mitigation: we will plan better.\n");
            }
        }
        if risks
            .iter()
            .any(|r| r.3 && (r.1.is_some() || r.2.is_some()))
        {
            earning.push(name.clone());
        }
        let _ = premortem;
        let (heading, end) = section_end(s, "premortem").unwrap();
        let lines: Vec<&str> = s.text.lines().collect();
        let text = format!(
            "{}\n\n{body}\n{}\n",
            lines[..heading].join("\n"),
            lines[end..].join("\n")
        );
        manipulated.push((name.clone(), text));
    }
    assert!(
        earning.len() >= 40,
        "{} proposals with specific risks",
        earning.len()
    );
    let after = score_all(&manipulated);
    for (name, old, new, m) in premortems(&before, &after, "generic risks") {
        if earning.contains(name) {
            assert!(
                new < old,
                "generic risks left {name}'s premortem at {old}:\n{}",
                m.text
            );
        }
    }
}

/// Issue 16's padded proposal: 160 words of "lorem", "1 thing … 8 things",
/// five example.com links, "NeurIPS ICLR" and five copies of "Cause: bad
/// thing N. Outcome: bad. Mitigation: none." once scored 100/100, like
/// the best seed. It must score far below it.
#[test]
fn the_padded_proposal_scores_far_below_the_best_seed() {
    let lorem = vec!["lorem"; 160].join(" ");
    let links: Vec<String> = (1..=5)
        .map(|n| format!("- https://example.com/{n}"))
        .collect();
    let risks = vec![bad_things(); 5].join("\n\n");
    let padded = format!(
        "---\ntitle: Padded\napplicant: Gamer\nfunding:\n  goal: 10000\nbudget:\n  - item: Everything\n    amount: 10000\n---\n\n\
         ## Track record\n\n{lorem}\n\n{}\n\n{}\n\nNeurIPS ICLR\n\n## Premortem\n\n{lorem}\n\n{risks}\n",
        ladder(),
        links.join("\n")
    );
    let seed = std::fs::read_to_string(root().join("proposals/apart-research.md")).unwrap();
    let scored = score_all(&[
        ("padded.md".to_string(), padded),
        ("apart-research.md".to_string(), seed),
    ]);
    let padded = scores(&scored["padded.md"].json);
    let best = scores(&scored["apart-research.md"].json);
    assert!(best["total"] >= 90, "{best:?}");
    assert!(padded["total"] <= 10, "{padded:?}");
    assert!(
        padded["premortem"] <= 5 && padded["track_record"] <= 10,
        "{padded:?}"
    );
}
