//! `grantctl report` (§7): one self-contained HTML page of the round. No
//! request leaves it — inline CSS and SVG, and a Content-Security-Policy
//! that allows no fetch and no script — and it reads fully without
//! JavaScript (it has none). Every piece of proposal text goes through
//! maud's escaping; only `http(s)` links become hrefs.
//!
//! Renderers only print: the rows, findings, reviews and shortlist were
//! decided before.

use std::collections::BTreeMap;
use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::analysis::CompareRow;
use crate::currency::Currency;
use crate::diagnostic::Diagnostic;
use crate::rubric::{CriterionScore, SectionScore};
use crate::shortlist::{Decision, Shortlist};

/// Everything the page shows about one proposal.
pub struct ReportProposal<'a> {
    pub row: &'a CompareRow,
    pub findings: &'a [Diagnostic],
    /// Its shortlist decision, when a pool was given.
    pub decision: Option<&'a Decision>,
}

/// The round.
pub struct Report<'a> {
    pub proposals: Vec<ReportProposal<'a>>,
    /// The scored sections, in rubric order: the bars of each row.
    pub sections: Vec<String>,
    pub reviews: bool,
    pub shortlist: Option<(&'a Shortlist, Currency)>,
}

/// No fetch of any kind, no script, no form; inline styles only.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = r#"
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:80rem;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#0a6b2e}.fail{color:#a3140f;font-weight:600}
.bar{display:inline-flex;align-items:center;gap:.4rem}.bar svg{display:block}
details{margin:.6rem 0;border:1px solid #ddd;border-radius:4px;padding:.4rem .8rem}
summary{cursor:pointer;font-weight:600}
.finding{margin:.2rem 0}.error{color:#a3140f}.warning{color:#8a5a00}
.evidence{color:#333;font-size:.92em}.muted{color:#666}
"#;

fn percent_bar(label: &str, score: Option<u32>) -> Markup {
    let Some(score) = score else {
        return html! { span.muted { "— (" (label) " not scored)" } };
    };
    let width = score.min(100);
    let text = format!("{label}: {score} of 100");
    html! {
        span.bar data-section=(label) {
            svg width="100" height="12" role="img" aria-label=(text) viewBox="0 0 100 12" {
                title { (text) }
                rect x="0" y="0" width="100" height="12" fill="#e6e6e6" {}
                rect x="0" y="0" width=(width) height="12" fill="#2f6fb3" {}
            }
            span { (score) }
        }
    }
}

fn verdict(row: &CompareRow) -> Markup {
    if row.budget_ok {
        html! { span.ok.verdict data-verdict="sound" { "✓ sound" } }
    } else {
        html! { span.fail.verdict data-verdict="fails" { "✗ fails" } }
    }
}

fn amount(row: &CompareRow, money: Option<crate::money::Money>) -> String {
    money.map_or_else(
        || "—".to_string(),
        |m| m.display(row.currency.unwrap_or(Currency::USD)).to_string(),
    )
}

/// A link only where the URL is the web's: anything else (`javascript:`,
/// `data:`) stays text.
fn link(url: &str) -> Markup {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        html! { a href=(url) rel="noreferrer noopener" { (url) } }
    } else {
        html! { code { (url) } }
    }
}

fn criterion(c: &CriterionScore) -> Markup {
    html! {
        li {
            (c.name) ": " (format!("{:.1}", c.earned)) " of " (c.possible) " · " (c.detail.to_string())
            @if !c.evidence.is_empty() {
                ul.evidence {
                    @for e in &c.evidence {
                        li {
                            "line " (e.line) ": “" (e.text) "”"
                            @if let Some(url) = &e.url { " " (link(url)) }
                            @if let Some(note) = &e.note { span.muted { " — " (note) } }
                        }
                    }
                }
            }
            @if let Some(next) = c.next() { div.muted { "next: " (next) } }
        }
    }
}

fn section(s: &SectionScore) -> Markup {
    html! {
        h4 { (s.section) " " (s.score) "/100"
            @if let Some(line) = s.line { span.muted { " (line " (line) ")" } } }
        ul { @for c in &s.criteria { (criterion(c)) } }
    }
}

fn details(p: &ReportProposal<'_>) -> Markup {
    let row = p.row;
    html! {
        details id={ "p-" (row.id) } {
            summary { (row.id) " — " (row.title.as_deref().unwrap_or("(no title)")) }
            p.muted { (row.file) }
            h3 { "Findings" }
            @if p.findings.is_empty() { p { "No findings." } }
            @for d in p.findings {
                div.finding class=(d.severity.to_string()) {
                    (d.severity.to_string()) "[" (d.rule.to_string()) "] line " (d.line) ": " (d.message)
                }
            }
            @if let Some(scores) = &row.scores {
                h3 { "Scores and their evidence" }
                @for s in &scores.sections { (section(s)) }
            }
        }
    }
}

fn distribution(report: &Report<'_>) -> Markup {
    let mut buckets = [0usize; 10];
    for p in &report.proposals {
        if let Some(s) = p.row.total_score {
            buckets[(s.min(99) / 10) as usize] += 1;
        }
    }
    let most = buckets.iter().copied().max().unwrap_or(0).max(1);
    let summary = buckets
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}–{}: {n}", i * 10, i * 10 + 9 + usize::from(i == 9)))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        figure {
            svg width="420" height="140" role="img" aria-label={ "Total scores: " (summary) } viewBox="0 0 420 140" {
                title { "Total scores: " (summary) }
                @for (i, n) in buckets.iter().enumerate() {
                    @let h = 110 * n / most;
                    rect x=(i * 40 + 10) y=(115 - h) width="32" height=(h) fill="#2f6fb3" {}
                    text x=(i * 40 + 26) y="132" font-size="10" text-anchor="middle" { (i * 10) }
                }
            }
            figcaption { "How many proposals have each total score (in tens): " (summary) "." }
        }
    }
}

fn summary(report: &Report<'_>) -> Markup {
    let failing = report.proposals.iter().filter(|p| !p.row.budget_ok).count();
    // `None`: the sum overflowed, which is said, never wrapped or cut.
    let mut asked: BTreeMap<Currency, Option<crate::money::Money>> = BTreeMap::new();
    for p in &report.proposals {
        if let (Some(goal), Some(currency)) = (p.row.goal, p.row.currency) {
            let entry = asked
                .entry(currency)
                .or_insert(Some(crate::money::Money::ZERO));
            *entry = entry.and_then(|sum| sum.checked_add(goal));
        }
    }
    let mut rules: BTreeMap<String, usize> = BTreeMap::new();
    for p in &report.proposals {
        for d in p.findings {
            *rules.entry(d.rule.to_string()).or_default() += 1;
        }
    }
    html! {
        ul id="summary" {
            li { (report.proposals.len()) " proposals" }
            li { "asked in total: "
                @for (i, (currency, money)) in asked.iter().enumerate() {
                    @if i > 0 { ", " }
                    @match money {
                        Some(money) => { (money.display(*currency)) }
                        None => { "more " (currency.code()) " than can be added exactly" }
                    }
                }
            }
            li { (failing) " with a budget that fails" }
            li { "findings by rule: "
                @if rules.is_empty() { "none" }
                @for (i, (rule, n)) in rules.iter().enumerate() {
                    @if i > 0 { ", " }
                    code { (rule) } " " (n)
                }
            }
        }
    }
}

fn real(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.2}"))
}

fn row(report: &Report<'_>, p: &ReportProposal<'_>) -> Markup {
    let r = p.row;
    let score = |key: &str| {
        r.scores
            .as_ref()
            .and_then(|s| s.section(key))
            .map(|s| s.score)
    };
    html! {
        tr data-id=(r.id) {
            th scope="row" { a href={ "#p-" (r.id) } { (r.id) } }
            td { (r.title.as_deref().unwrap_or("—")) }
            td { (r.applicant.join("; ")) }
            td.num { (amount(r, r.goal)) @if r.minimum.is_some() { br; span.muted { "min " (amount(r, r.minimum)) } } }
            td { (verdict(r)) }
            @for key in &report.sections { td { (percent_bar(key, score(key))) } }
            @if report.reviews {
                @let review = r.review.as_deref().copied().unwrap_or_default();
                td.num { (real(review.mean)) }
                td.num { (real(review.score)) }
                td.num { (real(review.spread)) }
            }
            @if let Some((_, currency)) = report.shortlist {
                @if let Some(d) = p.decision {
                    td { (d.level.as_deref().unwrap_or("not funded")) " " (d.granted.display(currency)) }
                    td { (d.reason.as_deref().unwrap_or("funded at its goal")) }
                } @else { td { "—" } td { "—" } }
            }
        }
    }
}

pub fn render_report(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Grant round report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "Grant round report" }
                (summary(report))
                h2 { "Proposals" }
                table id="proposals" {
                    caption { "One row per proposal; each scored section as a bar out of 100." }
                    thead { tr {
                        th scope="col" { "id" } th scope="col" { "title" } th scope="col" { "applicant" }
                        th.num scope="col" { "goal" } th scope="col" { "budget" }
                        @for key in &report.sections { th scope="col" { (key) } }
                        @if report.reviews {
                            th.num scope="col" { "review mean" } th.num scope="col" { "calibrated" } th.num scope="col" { "spread" }
                        }
                        @if report.shortlist.is_some() { th scope="col" { "shortlist" } th scope="col" { "reason" } }
                    } }
                    tbody { @for p in &report.proposals { (row(report, p)) } }
                }
                @if let Some((list, currency)) = report.shortlist {
                    p id="pool" { "Pool " (list.pool.display(currency)) ", granted " (list.granted.display(currency)) ", remaining " (list.remaining.display(currency))
                        @if !list.proven_optimal { " — not proven optimal" } "." }
                }
                h2 { "Score distribution" }
                (distribution(report))
                h2 { "Each proposal" }
                @for p in &report.proposals { (details(p)) }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())
}
