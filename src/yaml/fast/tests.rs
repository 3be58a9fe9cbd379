//! The fast reading must give exactly the events saphyr-parser gives,
//! wherever it reads a document at all.

use std::path::Path;

use proptest::prelude::*;
use saphyr_parser::{Event, Parser, Span};

use super::events;

/// What the tree builder reads of each event: the event, and for every
/// event but an end, where it starts and (for a list) whether its span is
/// empty, which marks a block list.
fn project(events: &[(Event<'_>, Span)]) -> Vec<String> {
    events
        .iter()
        .map(|(event, span)| match event {
            Event::MappingEnd | Event::SequenceEnd | Event::DocumentEnd | Event::StreamEnd => {
                format!("{event:?}")
            }
            _ => format!(
                "{event:?} at {}:{} empty={}",
                span.start.line(),
                span.start.col(),
                span.is_empty()
            ),
        })
        .collect()
}

fn full(text: &str) -> Result<Vec<String>, String> {
    let mut parser = Parser::new_from_str(text);
    let mut out = Vec::new();
    while let Some(next) = parser.next_event() {
        out.push(next.map_err(|e| e.to_string())?);
    }
    Ok(project(&out))
}

/// `text`, and `text` with CRLF line ends, are read fast to the full
/// parser's events.
#[track_caller]
fn same(text: &str) {
    agrees(text);
    agrees(&crlf(text));
}

/// `text` is read fast to the full parser's events.
#[track_caller]
fn agrees(text: &str) {
    let fast = events(text).unwrap_or_else(|| panic!("the fast reading declined:\n{text}"));
    assert_eq!(project(&fast), full(text).expect("valid YAML"), "\n{text}");
}

/// `text` as saved on Windows.
fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[track_caller]
fn declined(text: &str) {
    assert!(events(text).is_none(), "read fast:\n{text}");
}

#[test]
fn reads_the_shapes_of_real_front_matter() {
    same("title: \"Umbra: x\"\napplicant: Umbra Group, Inc.\nempty:\n");
    same("causes:\n  - Effective altruism\n  - 'AI safety'\nfunding:\n  goal: 117150 # c\n");
    same(
        "budget:\n- item: Prizes\n  quantity: 5\n- item: P\n  lines:\n  - item: \"R, c\"\n    amount: 2,560\n-\n- x\nlast: ~\n",
    );
    same("# a comment first\n\ntitle: A\n  # an indented comment\nurl: https://x.org/a#b\n");
    same("a:\n  b:\n    c: 1\n    d:\n  e: 2\nf: São Paulo – “quoted”\n");
    same("list:\n- a\n-\n  k: v\n- x\n");
    same("# \na: ['', b]\n");
    same("causes: [Santé, b, “c”, 'd é', e]\n");
    // As applications write money: ranges, approximations, suffixes.
    same(
        "budget:\n- item: Hire\n  amount: $150k - $250k\n  note: ~$750 a - b\n  unit_cost: ~1.2M\n",
    );
    same("x: 1\ny:\n");
    same(
        "budget:\n  - item: a\n    amount: $1\n  - item: b\n    lines:\n      - item: c\n        amount: 2\nz: 3",
    );
    same("k: a #not-a-comment#\nm: 'x' # c\nn: \"y\"   \n");
    same("causes: [A b, 'c', \"d\"]\ne: []\nf: [ x , y ]  # c\ng: [Science & technology]\n");
}

#[test]
fn leaves_everything_else_to_the_full_parser() {
    for text in [
        "a: [1, [2]]\n",
        "a: [b: 1]\n",
        "- [a]\n",
        "a: {b: 1}\n",
        "a: &x 1\nb: *x\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: !tag x\n",
        "a:\n  continued\n",
        "a: b\n  continued\n",
        "a: 'it''s'\n",
        "a: \"line\\n\"\n",
        "a: \"open\n  close\"\n",
        "a: b: c\n",
        "a:\tb\n",
        "a: b\r",
        "a: b\rc: d\n",
        "a: b\r\r\n",
        "a: 'b\r\n  c'\r\n",
        "\"a\": b\n",
        "? a\n: b\n",
        "- a\n- b\n",
        "a:  \n",
        "a: # comment\n",
        "a: -5\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "  a: 1\n",
        "a: 1\n b: 2\n",
        "a:\n  - x\n  b: 1\n",
        "a: \u{feff}x\n",
        "a: x\u{2028}y\n",
        "a: x\u{85}y\n",
        "a: x\u{9f}\n",
        "a: \u{fffe}\n",
        "# only a comment\n",
        "",
    ] {
        declined(text);
    }
    // Past `LONGEST`, even the plainest document goes to the full parser.
    let mut text = String::new();
    while text.len() <= super::LONGEST {
        text.push_str(&format!("k{}: v\n", text.len()));
    }
    declined(&text);
    let cut = text[..super::LONGEST].rfind('\n').unwrap() + 1;
    agrees(&text[..cut]);
}

/// Every front matter in the repository's proposals, examples and test
/// fixtures: read fast, the events are the full parser's.
#[test]
fn agrees_on_every_proposal_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut read_fast = 0;
    for folder in ["proposals", "examples", "tests"] {
        for entry in ignore::WalkBuilder::new(root.join(folder))
            .build()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let Some(yaml) = front_matter(&text) else {
                continue;
            };
            if let Some(fast) = events(yaml) {
                assert_eq!(Ok(project(&fast)), full(yaml), "{}", path.display());
                read_fast += 1;
            }
        }
    }
    assert!(read_fast >= 20, "only {read_fast} read fast");
    // WhiteBox's budget note is a folded block (`>-`), left to the full parser.
    for seed in ["apart-research", "apart-hackathons", "mats"] {
        let text = std::fs::read_to_string(root.join(format!("proposals/{seed}.md"))).unwrap();
        let yaml = front_matter(&text).unwrap();
        assert!(events(yaml).is_some(), "{seed} is not read fast");
    }
}

/// The text between a file's `---` lines (the model layer's splitter is
/// above this one).
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    Some(&rest[..=end])
}

/// Values good and bad: plain, quoted, flow, YAML's indicators and the
/// characters it treats specially.
const VALUES: &[&str] = &[
    "",
    " ",
    "1",
    "~",
    "null",
    "yes",
    "$1,200",
    "two words",
    "a: b",
    "a:b",
    "x #c",
    "x#c",
    "'q'",
    "'it''s'",
    "\"d\"",
    "\"e\\n\"",
    "\"f\" #c",
    "\"g\"x",
    "[1]",
    "{a: 1}",
    "-5",
    "- 1",
    "&a x",
    "*a",
    "!t x",
    "|",
    ">",
    "#",
    "é – “q”",
    "http://x.org/#a",
    "a,b",
    "?x",
    ":x",
    "'open",
    "\"open",
    "x  ",
    "%",
    "@",
    "`",
    "[a, b]",
    "[]",
    "[ ]",
    "[ a ]",
    "['x', \"y\"]",
    "[a,]",
    "[a: b]",
    "[a, [b]]",
    "['a, b']",
    "[a] x",
    "[a] #c",
    "[a]#c",
    "[-a]",
    "[a b, c]",
    "[a #b]",
    "[\"a\\\"\"]",
    "['', b]",
    "[a,b]",
    "[ a , b ]  # c",
    "[é, b]",
    "['“', x, é]",
    "a\u{85}b",
    "x\u{a0}y",
    "\u{feff}x",
    "é\u{2029}",
];

/// One line of a generated document: an indent and one of the shapes
/// front matter takes, good and bad.
fn line() -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec![0usize, 1, 2, 3, 4, 6]);
    let key = prop::sample::select(vec![
        "a",
        "b",
        "item",
        "unit_cost",
        "x-y",
        "_k",
        "2k",
        "a b",
    ]);
    let value = prop::sample::select(VALUES);
    let shape = prop::sample::select(vec![0u8, 1, 2, 3, 4, 5, 6, 7]);
    (indent, key, value, shape).prop_map(|(indent, key, value, shape)| {
        let pad = " ".repeat(indent);
        match shape {
            0 => format!("{pad}{key}: {value}"),
            1 => format!("{pad}{key}:"),
            2 => format!("{pad}- {value}"),
            3 => format!("{pad}- {key}: {value}"),
            4 => format!("{pad}-"),
            5 => format!("{pad}# {value}"),
            6 => pad,
            _ => format!("{pad}{value}"),
        }
    })
}

/// A node of a well-formed document: a value from `VALUES`, a mapping or
/// a list, nested at most three deep.
#[derive(Debug, Clone)]
enum Tree {
    Value(&'static str),
    Map(Vec<(&'static str, Tree)>),
    List(Vec<Tree>),
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop::sample::select(VALUES).prop_map(Tree::Value);
    leaf.prop_recursive(3, 24, 4, |inner| {
        let key = prop::sample::select(vec!["a", "b", "item", "unit_cost", "x-y"]);
        prop_oneof![
            prop::collection::vec((key, inner.clone()), 1..4).prop_map(Tree::Map),
            prop::collection::vec(inner, 1..4).prop_map(Tree::List),
        ]
    })
}

/// Writes `tree` as the value of a key at `indent`; `compact` writes a
/// list at its key's own column, as `budget:` then `- item:` does.
fn write(tree: &Tree, indent: usize, compact: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    match tree {
        Tree::Value(value) => {
            out.push(' ');
            out.push_str(value);
            out.push('\n');
        }
        Tree::Map(entries) => {
            out.push('\n');
            for (key, value) in entries {
                out.push_str(&format!("{pad}  {key}:"));
                write(value, indent + 2, compact, out);
            }
        }
        Tree::List(items) => {
            out.push('\n');
            let dash = if compact { indent } else { indent + 2 };
            for item in items {
                out.push_str(&format!("{}-", " ".repeat(dash)));
                match item {
                    Tree::Value(_) => write(item, dash, compact, out),
                    Tree::Map(entries) => {
                        for (n, (key, value)) in entries.iter().enumerate() {
                            let lead = if n == 0 {
                                " ".to_string()
                            } else {
                                " ".repeat(dash + 2)
                            };
                            out.push_str(&format!("{lead}{key}:"));
                            write(value, dash + 2, compact, out);
                        }
                    }
                    Tree::List(_) => write(item, dash, compact, out),
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Wherever the fast reading reads a document, the full parser reads
    /// it too, to the same events at the same places.
    #[test]
    fn never_disagrees_with_the_full_parser(lines in prop::collection::vec(line(), 1..12)) {
        let text = lines.join("\n") + "\n";
        for text in [crlf(&text), text] {
            if let Some(fast) = events(&text) {
                prop_assert_eq!(Ok(project(&fast)), full(&text), "{}", text);
            }
        }
    }

    /// Well-formed documents of nested mappings and lists, both list
    /// styles: wherever the fast reading reads one, the events are the
    /// full parser's.
    #[test]
    fn agrees_on_nested_documents(entries in prop::collection::vec(tree(), 1..5), compact: bool) {
        let mut text = String::new();
        for (n, value) in entries.iter().enumerate() {
            text.push_str(&format!("k{n}:"));
            write(value, 0, compact, &mut text);
        }
        for text in [crlf(&text), text] {
            if let Some(fast) = events(&text) {
                prop_assert_eq!(Ok(project(&fast)), full(&text), "{}", text);
            }
        }
    }
}
