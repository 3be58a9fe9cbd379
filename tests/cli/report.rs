//! `grantctl report` (§7, issue 20) in a real browser: Debian's chromium,
//! headless, loads the page and dumps the DOM it built. The page has no
//! script and its Content-Security-Policy allows none, so what the DOM
//! shows is what a reader with JavaScript off sees. (Chromium's
//! `--blink-settings=scriptEnabled=false` also stops `--dump-dom` itself,
//! so the absence of every script is asserted instead.) Its network log
//! shows whether the page asked for anything: requests the page makes
//! carry the page as initiator; the browser's own housekeeping does not.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{grantctl, grantctl_in};

/// The chromium binary: Debian's real one (its `/usr/bin` wrapper script
/// loses `--dump-dom`'s output), else whatever `chromium` is on PATH.
fn chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/lib/chromium/chromium");
    if debian.exists() {
        return Some(debian.to_path_buf());
    }
    Command::new("chromium").arg("--version").output().ok()?;
    Some(PathBuf::from("chromium"))
}

/// The DOM chromium builds from `page`, and the initiators of every
/// request in its network log that the browser itself did not make.
fn load(page: &Path) -> Option<(String, Vec<String>)> {
    let Some(browser) = chromium() else {
        crate::skip("chromium is not installed (.ci/run installs it)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let net = dir.path().join("net.json");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--log-net-log={}", net.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        dom.contains("<html"),
        "chromium gave no DOM: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&net).unwrap()).unwrap();
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .unwrap();
    let page_requests = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start) && e["params"]["url"].is_string())
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .map(|e| e["params"]["url"].as_str().unwrap_or_default().to_string())
        .collect();
    Some((dom, page_requests))
}

#[test]
fn the_round_report_renders_every_proposal_with_its_verdict_and_bars() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("round.html");
    let run = grantctl(&[
        "report",
        "proposals/",
        "examples/budgets/",
        "--reviews",
        "examples/reviews/",
        "--pool",
        "100000",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let Some((dom, requests)) = load(&page) else {
        return;
    };
    assert!(requests.is_empty(), "the page fetched {requests:?}");
    assert!(!dom.contains("<script"), "no script on the page");
    // Every proposal: its row, its verdict, one bar per scored section.
    let compare = grantctl(&[
        "compare",
        "--format",
        "csv",
        "--columns",
        "id,budget_ok",
        "proposals/",
        "examples/budgets/",
    ]);
    let rows: Vec<(String, bool)> = compare
        .stdout
        .lines()
        .skip(1)
        .map(|l| {
            let (id, ok) = l.split_once(',').unwrap();
            (id.to_string(), ok == "true")
        })
        .collect();
    assert_eq!(rows.len(), 9);
    for (id, ok) in rows {
        let start = dom
            .find(&format!("<tr data-id=\"{id}\""))
            .unwrap_or_else(|| panic!("no row for {id}"));
        let row = &dom[start..start + dom[start..].find("</tr>").unwrap()];
        let verdict = if ok {
            "data-verdict=\"sound\""
        } else {
            "data-verdict=\"fails\""
        };
        assert!(row.contains(verdict), "{id}: {row}");
        for section in ["track_record", "premortem"] {
            assert!(
                row.contains(&format!("data-section=\"{section}\"")),
                "{id}: no {section} bar"
            );
        }
        assert!(
            dom.contains(&format!("<details id=\"p-{id}\"")),
            "{id}: no details"
        );
    }
    // Reviews and the shortlist are on it when asked for.
    assert!(
        dom.contains("calibrated") && dom.contains("7.11"),
        "reviews"
    );
    assert!(
        dom.contains("id=\"pool\"") && dom.contains("granted $84,700"),
        "shortlist"
    );
    // Every bar has a text alternative.
    assert_eq!(
        dom.matches("<svg width=\"100\"").count(),
        dom.matches("role=\"img\" aria-label=\"").count() - 1
    );
}

#[test]
fn proposal_text_cannot_inject_markup_or_script() {
    let root = crate::root();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("tests/fixtures/report/injection.md"),
        dir.path().join("injection.md"),
    )
    .unwrap();
    let run = grantctl_in(dir.path(), &["report", "injection.md", "-o", "page.html"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("page.html")).unwrap();
    assert!(
        written.contains("&lt;script&gt;alert('title')&lt;/script&gt; Evil &amp; co"),
        "the title is text"
    );
    let Some((dom, requests)) = load(&dir.path().join("page.html")) else {
        return;
    };
    assert!(requests.is_empty(), "the page fetched {requests:?}");
    let lower = dom.to_lowercase();
    assert!(!lower.contains("<script"), "a script element");
    assert!(!lower.contains("<iframe"), "an iframe element");
    assert!(!lower.contains("href=\"javascript:"), "a javascript: link");
    let handler = regex::Regex::new(r"<[^>]*\son[a-z]+\s*=").unwrap();
    assert!(
        !handler.is_match(&lower),
        "an event handler: {:?}",
        handler.find(&lower)
    );
    assert!(dom.contains("alert('title')"), "the text is still shown");
}

/// The check above can fail: a page without the policy that embeds an
/// image from the network shows up in the log as the page's request.
#[test]
fn a_page_that_fetches_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("fetching.html");
    std::fs::write(&page, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/probe.png\" alt=\"\"></body></html>").unwrap();
    let Some((_, requests)) = load(&page) else {
        return;
    };
    assert!(
        requests.iter().any(|u| u.contains("127.0.0.1:9/probe.png")),
        "{requests:?}"
    );
}
