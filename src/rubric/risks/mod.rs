//! Reads a premortem into risks: each cause of failure the applicant
//! names, with the line of its stated outcome and of its mitigation.
//!
//! Premortems are written as bullets and numbered lists (sub-items give
//! the outcome or the response), tables (`| Risk | Impact | Mitigation |`),
//! labels (`Risk:`, `Impact:`, `Mitigation:`, plain or bold), bold-label
//! paragraphs (`**Burn-out:** …`), sub-headings (`### Risk 1: …`), and
//! prose ("The main risk is that…"). Every cue is a `reading` pattern of
//! the rubric. A list introduced as what the project still delivers is not
//! risks; an outcome is a stated consequence, not any "might"; a
//! mitigation is an action, not any nested line.

use super::prose::{Label, Labelled, clauses, label_of, labels, sentences};
use super::reading::Reading;
use crate::sections::{Block, BlockKind, CELL};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Risk {
    pub cause: String,
    pub line: u32,
    pub outcome: Option<u32>,
    pub mitigation: Option<u32>,
}

/// What the list items that follow are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Causes,
    /// Responses to the last risk ("How we address this:").
    Answers,
    /// Consequences of the last risk.
    Outcomes,
    /// What the project still delivers: not risks.
    Skip,
}

/// Which cells of a risk table say what.
#[derive(Debug, Clone, Copy)]
struct Columns {
    cause: usize,
    outcome: Option<usize>,
    mitigation: Option<usize>,
}

struct Reader<'a> {
    reading: &'a Reading,
    risks: Vec<Risk>,
    mode: Mode,
    /// The last risk owns the paragraphs that follow (it was a heading,
    /// a label or a bold label), until another block says otherwise.
    owner: bool,
    /// The last top-level item was a risk, and its sub-items answer it.
    item: Option<Mode>,
    table: Option<Columns>,
    /// A list has been read since `mode` was set: the next list is not
    /// the one its introduction introduced.
    listed: bool,
    /// The last risk was named by a heading or a label and nothing has
    /// described it yet: the next paragraph describes it, not a new risk.
    fresh: bool,
}

/// Finds the risks in a premortem's blocks, in order.
pub(super) fn find_risks(blocks: &[Block], reading: &Reading) -> Vec<Risk> {
    let mut reader = Reader {
        reading,
        risks: Vec::new(),
        mode: Mode::Causes,
        owner: false,
        item: None,
        table: None,
        listed: false,
        fresh: false,
    };
    for block in blocks.iter().filter(|b| !b.text.trim().is_empty()) {
        match block.kind {
            BlockKind::Heading { .. } => reader.heading(block),
            BlockKind::Row { header: true } => reader.table = columns(&block.text, reading),
            BlockKind::Row { header: false } => reader.row(block),
            BlockKind::Paragraph => reader.paragraph(block),
            BlockKind::Item { depth: 0 } => reader.item(block),
            BlockKind::Item { .. } => reader.sub_item(block),
        }
    }
    reader.risks
}

/// The columns of a risk table's header, if it is one.
fn columns(header: &str, reading: &Reading) -> Option<Columns> {
    let mut found = (None, None, None);
    for (i, cell) in header.split(CELL).enumerate() {
        match label_of(cell, &reading.labels) {
            Some(Label::Cause) if found.0.is_none() => found.0 = Some(i),
            Some(Label::Outcome) if found.1.is_none() => found.1 = Some(i),
            Some(Label::Mitigation) if found.2.is_none() => found.2 = Some(i),
            _ => {}
        }
    }
    let cause = found
        .0
        .or((found.1.is_some() || found.2.is_some()).then_some(0))?;
    Some(Columns {
        cause,
        outcome: found.1,
        mitigation: found.2,
    })
}

/// Whether a table cell or a label's text says something (not `-`,
/// `n/a`, `none`).
fn says_something(cell: &str) -> bool {
    let cell = cell.trim().trim_matches(['*', '_', '.']);
    !(cell.is_empty()
        || [
            "-",
            "—",
            "–",
            "n/a",
            "na",
            "none",
            "tbd",
            "tba",
            "?",
            "no",
            "nothing",
            "unknown",
            "not applicable",
            "none yet",
            "none planned",
        ]
        .contains(&cell.to_lowercase().as_str()))
}

impl Reader<'_> {
    fn push(&mut self, cause: &str, line: u32) -> &mut Risk {
        let cause = cause.trim().trim_matches(['*', '_', ':', ' ']).trim();
        self.risks.push(Risk {
            cause: cause.to_string(),
            line,
            outcome: None,
            mitigation: None,
        });
        self.risks.last_mut().expect("just pushed")
    }

    /// A risk whose own words may state its outcome ("…would waste
    /// mentor time").
    fn cause(&mut self, cause: &str, line: u32) {
        let states_outcome = self.reading.outcome_cues.is_match(cause);
        self.push(cause, line).outcome = states_outcome.then_some(line);
    }

    fn heading(&mut self, block: &Block) {
        self.table = None;
        self.item = None;
        self.listed = false;
        let text = block.text.trim().trim_end_matches(':');
        if self.reading.risk_containers.is_match(text) {
            let answers = label_of(text, &self.reading.labels) == Some(Label::Mitigation);
            self.mode = if answers { Mode::Answers } else { Mode::Causes };
            self.owner = false;
            return;
        }
        self.mode = Mode::Causes;
        if !self.labelled(block, true) {
            self.push(strip_numbering(text), block.line);
        }
        self.owner = true;
        self.fresh = true;
    }

    fn row(&mut self, block: &Block) {
        let Some(columns) = self.table else {
            return;
        };
        let cells: Vec<&str> = block.text.split(CELL).collect();
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .copied()
                .filter(|c| says_something(c))
        };
        let Some(cause) = cell(Some(columns.cause)) else {
            return;
        };
        let (outcome, mitigation) = (cell(columns.outcome), cell(columns.mitigation));
        let line = block.line;
        let risk = self.push(cause, line);
        risk.outcome = outcome.map(|_| line);
        risk.mitigation = mitigation.map(|_| line);
        self.owner = false;
    }

    fn paragraph(&mut self, block: &Block) {
        self.table = None;
        self.item = None;
        let text = block.text.trim_end();
        let intro = text.ends_with(':');
        // "How we address this:" answered in paragraphs rather than a list:
        // each is an answer until one names a new risk or a label.
        let answering = self.mode == Mode::Answers && !self.listed;
        self.listed = false;
        if answering && !intro && !self.names_cause(text) {
            self.answer(block.line, Mode::Answers);
            return;
        }
        self.mode = Mode::Causes;
        if self.labelled(block, false) {
            return;
        }
        if self.bold_label(block) {
            return;
        }
        if is_enumerated(text) {
            // "(1) Chapters take longer…": a list written as paragraphs.
            let first = sentences(text).into_iter().next().unwrap_or(0..text.len());
            self.cause(strip_numbering(&text[first.clone()]), block.line);
            self.consequences(block, first.start, false);
            self.owner = true;
            return;
        }
        if intro && self.reading.not_risks.is_match(text) {
            self.mode = Mode::Skip;
            self.owner = false;
            return;
        }
        let before = self.risks.len();
        // "We see three ways this could fail:" introduces, it names nothing.
        if intro && sentences(text).len() == 1 {
            let answers = self.reading.mitigation_cues.is_match(text);
            self.mode = if answers { Mode::Answers } else { Mode::Causes };
            return;
        }
        self.prose(block, 0, true);
        if self.risks.len() > before {
            self.owner = true;
        }
        if intro {
            let answers = self.reading.mitigation_cues.is_match(last_sentence(text));
            self.mode = if answers { Mode::Answers } else { Mode::Causes };
        }
    }

    fn item(&mut self, block: &Block) {
        self.table = None;
        self.owner = false;
        self.fresh = false;
        self.item = None;
        if block.first && std::mem::replace(&mut self.listed, true) {
            self.mode = Mode::Causes;
        }
        match self.mode {
            Mode::Skip => return,
            Mode::Answers | Mode::Outcomes => {
                let mode = self.mode;
                self.answer(block.line, mode);
                return;
            }
            Mode::Causes => {}
        }
        let before = self.risks.len();
        if !self.labelled(block, true) && !self.bold_label(block) {
            let text = &block.text;
            let first = sentences(text).into_iter().next().unwrap_or(0..text.len());
            self.push(&text[first.clone()], block.line);
            self.consequences(block, first.start, true);
        }
        if self.risks.len() > before {
            let answers = block.text.trim_end().ends_with(':');
            self.item = Some(if answers { Mode::Answers } else { Mode::Causes });
        }
    }

    fn sub_item(&mut self, block: &Block) {
        let Some(children) = self.item else {
            return;
        };
        let (_, found) = labels(&block.text, &self.reading.labels, &[]);
        if let Some(first) = found.first() {
            let says = says_something(&block.text[first.text.clone()]);
            match first.label {
                Label::Outcome if says => self.answer(block.line, Mode::Outcomes),
                Label::Mitigation if says => self.answer(block.line, Mode::Answers),
                _ => {}
            }
            return;
        }
        let text = block.text.trim();
        if children == Mode::Answers
            || self.reading.action_verbs.is_match(text)
            || self.reading.mitigation_cues.is_match(text)
        {
            self.answer(block.line, Mode::Answers);
        } else if self.reading.outcome_cues.is_match(text) {
            self.answer(block.line, Mode::Outcomes);
        }
    }

    /// Gives the last risk an outcome or a mitigation at `line`, if it has
    /// none yet.
    fn answer(&mut self, line: u32, mode: Mode) {
        if let Some(risk) = self.risks.last_mut() {
            let slot = match mode {
                Mode::Outcomes => &mut risk.outcome,
                _ => &mut risk.mitigation,
            };
            slot.get_or_insert(line);
        }
    }

    /// Reads `Risk: … Impact: … Mitigation: …` labels; false when the
    /// block has none that name a cause, an outcome or a mitigation.
    fn labelled(&mut self, block: &Block, starts_risk: bool) -> bool {
        let text = &block.text;
        let breaks: Vec<usize> = block.breaks.iter().map(|(at, _)| *at as usize).collect();
        let (prefix, found) = labels(text, &self.reading.labels, &breaks);
        if !found.iter().any(|l| l.label != Label::Other) {
            return false;
        }
        // Text before the labels is the cause when no `Risk:` label names one
        // before the first outcome or mitigation ("**Risk 1 — Burn-out.**
        // Likelihood: low. Impact: …").
        let opens_with_answer = found
            .iter()
            .find(|l| l.label != Label::Other)
            .is_some_and(|l| matches!(l.label, Label::Outcome | Label::Mitigation));
        let cause = strip_numbering(text[prefix.clone()].trim());
        if !cause.is_empty() && opens_with_answer {
            self.cause(cause, block.line_at(prefix.start));
        }
        let mut previous: Option<usize> = None;
        for Labelled {
            label,
            at,
            text: range,
        } in found
        {
            let body = text[range.clone()].trim();
            let line = block.line_at(at);
            // In a paste of plain lines, a later "How we address this:" ends
            // a line that names the next risk: its text is that risk's cause.
            let line_start = breaks[..breaks.partition_point(|&b| b <= at)]
                .last()
                .copied()
                .unwrap_or(0);
            let own_line = text[line_start..at].trim();
            if matches!(label, Label::Outcome | Label::Mitigation)
                && previous.is_some_and(|p| p < line_start)
                && !own_line.is_empty()
            {
                self.cause(strip_numbering(own_line), block.line_at(line_start));
            }
            previous = Some(at);
            match label {
                Label::Cause => self.cause(if body.is_empty() { cause } else { body }, line),
                Label::Outcome if body.is_empty() => self.mode = Mode::Outcomes,
                Label::Mitigation if body.is_empty() => self.mode = Mode::Answers,
                // "Mitigation: none." states that there is none.
                Label::Outcome if says_something(body) => self.answer(line, Mode::Outcomes),
                Label::Mitigation if says_something(body) => self.answer(line, Mode::Answers),
                Label::Outcome | Label::Mitigation | Label::Other => {}
            }
        }
        self.owner = starts_risk || block.kind == BlockKind::Paragraph;
        self.fresh = false;
        true
    }

    /// A block that opens with a short bold label (`**Burn-out:** …`) names
    /// a risk by it; its text says the outcome and the response.
    fn bold_label(&mut self, block: &Block) -> bool {
        let Some(lead) = block.lead_text() else {
            return false;
        };
        let label = lead.trim().trim_end_matches(':').trim();
        let short = label.split_whitespace().count() <= 12;
        if !short || label.is_empty() || self.reading.risk_containers.is_match(label) {
            return false;
        }
        if self.reading.not_risks.is_match(&block.text)
            && !self.reading.risk_cues.is_match(&block.text)
        {
            return false;
        }
        self.push(strip_numbering(label), block.line);
        self.described(block, block.lead);
        self.owner = block.kind == BlockKind::Paragraph;
        true
    }

    /// Prose from byte `from`: a sentence that names a cause starts a risk;
    /// one that states a consequence or a response gives it to the risk
    /// this block started (or, when `follows`, the risk that owns it).
    fn prose(&mut self, block: &Block, from: usize, follows: bool) {
        let mut started = false;
        let describes = std::mem::take(&mut self.fresh) && follows && self.owner;
        for range in clauses(&block.text) {
            if range.end <= from {
                continue;
            }
            let sentence = &block.text[range.clone()];
            let line = block.line_at(range.start);
            let names_cause = self.names_cause(sentence);
            if names_cause && describes && !started {
                // The heading named the risk; this sentence describes it.
                if self.reading.outcome_cues.is_match(sentence) {
                    self.answer(line, Mode::Outcomes);
                }
                started = true;
            } else if names_cause {
                let states_outcome = self.reading.outcome_cues.is_match(sentence);
                let risk = self.push(sentence, line);
                risk.outcome = states_outcome.then_some(line);
                started = true;
            } else if started || (follows && self.owner) {
                self.cue(sentence, line);
            }
        }
    }

    /// The text after a label that named a risk (`**Bad placements:** a poor
    /// fit could sour…`): what it says may happen is the outcome, what the
    /// applicant does the mitigation.
    fn described(&mut self, block: &Block, from: usize) {
        for range in clauses(&block.text) {
            if range.end <= from {
                continue;
            }
            let clause = &block.text[range.clone()];
            let line = block.line_at(range.start);
            if self.names_cause(clause) {
                self.answer(line, Mode::Outcomes);
            } else {
                self.cue(clause, line);
            }
        }
    }

    /// Whether a sentence names a cause of failure: a risk cue, and not
    /// good news, a mitigation or an action.
    fn names_cause(&self, sentence: &str) -> bool {
        self.reading.risk_cues.is_match(sentence)
            && !self.reading.not_risks.is_match(sentence)
            && !self.reading.mitigation_cues.is_match(sentence)
            && !self.reading.action_verbs.is_match(sentence)
    }

    /// The outcome and mitigation sentences of the risk a block just named,
    /// from byte `from` (the first sentence counts only for an outcome
    /// when `first_is_cause`).
    fn consequences(&mut self, block: &Block, from: usize, first_is_cause: bool) {
        for (i, range) in clauses(&block.text).into_iter().enumerate() {
            if range.end <= from {
                continue;
            }
            let sentence = &block.text[range.clone()];
            let line = block.line_at(range.start);
            if i == 0 && first_is_cause {
                if self.reading.outcome_cues.is_match(sentence) {
                    self.answer(line, Mode::Outcomes);
                }
                continue;
            }
            self.cue(sentence, line);
        }
    }

    /// A clause after a risk: what the applicant does about it (a
    /// mitigation cue, or an action verb after "we"), else what it leads to.
    fn cue(&mut self, sentence: &str, line: u32) {
        if self.reading.mitigation_cues.is_match(sentence)
            || self.reading.action_verbs.is_match(sentence)
        {
            self.answer(line, Mode::Answers);
        } else if self.reading.outcome_cues.is_match(sentence) {
            self.answer(line, Mode::Outcomes);
        }
    }
}

/// A cause without its number: `Risk 1 — Burn-out.` → `Burn-out.`,
/// `(2) Late grants` → `Late grants`.
fn strip_numbering(text: &str) -> &str {
    let text = text.trim_start_matches(['(', '#']);
    let lower = text.to_lowercase();
    let text = if lower.starts_with("risk") {
        &text[4..]
    } else {
        text
    };
    let digits = text
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = digits.len() < text.trim_start().len();
    let rest = if numbered { digits } else { text };
    let rest = rest.trim_start_matches([')', '.', ':', ' ', '—', '–', '-']);
    if rest.is_empty() { text } else { rest }
}

/// `(1) …`, `1) …`, `(a) …` at the start of a paragraph.
fn is_enumerated(text: &str) -> bool {
    let rest = text
        .trim_start()
        .strip_prefix('(')
        .unwrap_or(text.trim_start());
    let mark = rest.chars().take_while(char::is_ascii_alphanumeric).count();
    (1..=2).contains(&mark)
        && rest[mark..].starts_with(") ")
        && (rest[..mark].chars().all(|c| c.is_ascii_digit()) || mark == 1)
}

fn last_sentence(text: &str) -> &str {
    sentences(text).last().map_or(text, |r| &text[r.clone()])
}

#[cfg(test)]
mod tests;
pub(super) mod worth;
