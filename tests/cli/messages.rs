//! Issue 13, messages: each says what was written, whole and as written,
//! and what is expected.

use crate::{folder, grantctl_in, messages_of};

const PROPOSAL: &str =
    "---\ntitle: T\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 100\n---\n";

#[test]
fn a_size_in_grantctl_yaml_is_quoted_as_written() {
    for (written, message) in [
        (
            "1e9",
            "line 1: `1e9` is not a size; write bytes or a number with K, M or G, e.g. `10M`",
        ),
        (
            "1e30",
            "line 1: `1e30` is not a size; write bytes or a number with K, M or G, e.g. `10M`",
        ),
        (
            "-5",
            "line 1: `-5` is not a size; write bytes or a number with K, M or G, e.g. `10M`",
        ),
        (
            "[1]",
            "line 1: `max-file-size` must be a number of bytes or a size such as `10M`, found a list",
        ),
    ] {
        let dir = folder(&[
            ("grantctl.yaml", &format!("max-file-size: {written}\n")),
            ("p.md", PROPOSAL),
        ]);
        let run = grantctl_in(dir.path(), &["check", "p.md"]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.ends_with(&format!("{message}\n")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn amounts_and_numbers_are_quoted_whole_never_as_a_fragment_or_a_float() {
    let text = PROPOSAL.replace(
        "    amount: 100\n",
        "    amount: \"2024-01-01\"\n  - item: B\n    quantity: 1e30\n    unit_cost: 1\n    amount: 1\n  - item: C\n    amount: 0.1000000000000000055511\n",
    );
    let dir = folder(&[("p.md", &text)]);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "p.md"]);
    let messages: Vec<String> = messages_of(&run.stdout, &run.stderr)
        .into_iter()
        .filter(|r| r.2 == "amount")
        .map(|r| r.3)
        .collect();
    assert_eq!(
        messages,
        [
            "invalid amount in `budget[0].amount`: `2024-01-01` is not an amount; write e.g. `50000`, `\"$22k\"`, `\"1,200.50\"` or `\"USD 1.2M\"`",
            "invalid number in `budget[1].quantity`: `1e30` cannot be read exactly as a decimal number (too many digits or too large)",
            "invalid amount in `budget[2].amount`: `0.1000000000000000055511` has more than two decimal places (sub-cent)",
        ]
    );
}

#[test]
fn a_json_surrogate_pair_is_the_character_it_encodes() {
    let text = "---\n{\"title\": \"\\ud83d\\ude00 Emoji\", \"funding\": {\"goal\": 100}, \"budget\": [{\"item\": \"A\", \"amount\": 100}]}\n---\n";
    let dir = folder(&[("p.md", text)]);
    let run = grantctl_in(dir.path(), &["compare", "--format", "csv", "p.md"]);
    assert!(
        run.stdout.contains("\np.md,p,😀 Emoji,,USD,100,,100,true,"),
        "{}",
        run.stdout
    );
    // A lone surrogate is still refused, and the message says what it is.
    let lone = text.replace("\\ude00", "");
    let dir = folder(&[("p.md", &lone)]);
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "p.md"]);
    let rows = messages_of(&run.stdout, &run.stderr);
    assert_eq!(rows[0].2, "frontmatter");
    assert!(
        rows[0].3.contains("half a UTF-16 surrogate pair"),
        "{}",
        rows[0].3
    );
}
