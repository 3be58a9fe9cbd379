use super::surrogates::may_help;
use super::*;

const DOC: &str = "\
title: Example
funding:
  goal: 50000
  # a comment
  minimum: 10000
budget:
  - item: Prizes
    amount: 10000
    note: |
      item: not a key
      - not an item
  - item: Staff
    lines:
    - item: PM
      amount: 1
    - {item: Flow, amount: 2}
\"quoted key\": 1
";

fn entries(node: &Node) -> &[Entry] {
    match &node.value {
        Value::Map(entries) => entries,
        other => panic!("a mapping, found {other:?}"),
    }
}

fn get<'a>(node: &'a Node, key: &str) -> &'a Node {
    &entries(node)
        .iter()
        .find(|e| &*e.key == key)
        .unwrap_or_else(|| panic!("no key {key}"))
        .value
}

fn items(node: &Node) -> &[Node] {
    match &node.value {
        Value::Seq(items) => items,
        other => panic!("a list, found {other:?}"),
    }
}

#[track_caller]
fn at(pos: Pos, line: u32, column: u32) {
    assert_eq!((pos.line, pos.column), (line, column));
}

#[test]
fn every_key_and_item_has_the_position_the_parser_read_it_at() {
    let root = parse(DOC, 2).unwrap();
    let keys: Vec<(&str, u32, u32)> = entries(&root)
        .iter()
        .map(|e| (&*e.key, e.key_pos.line, e.key_pos.column))
        .collect();
    assert_eq!(
        keys,
        [
            ("title", 2, 1),
            ("funding", 3, 1),
            ("budget", 7, 1),
            ("quoted key", 18, 1)
        ]
    );
    at(entries(get(&root, "funding"))[1].key_pos, 6, 3);
    let budget = items(get(&root, "budget"));
    // A block item is placed at its `-`.
    at(budget[0].pos, 8, 3);
    at(budget[1].pos, 13, 3);
    let lines = items(get(&budget[1], "lines"));
    at(lines[0].pos, 15, 5);
    // A flow mapping in a block list is placed at its `-` too, and its
    // keys where they stand.
    at(lines[1].pos, 17, 5);
    at(entries(&lines[1])[1].key_pos, 17, 20);
    assert_eq!(
        get(&budget[0], "note").value,
        Value::Str("item: not a key\n- not an item\n".into())
    );
    assert_eq!(
        root.position_of("budget[1].lines[1].amount"),
        Pos {
            line: 17,
            column: 20
        }
    );
    // Past the tree: the nearest ancestor.
    assert_eq!(
        root.position_of("budget[0].amount.x"),
        Pos { line: 9, column: 5 }
    );
    assert_eq!(root.position_of("nothing"), root.pos);
}

/// The value of `amount` in the first budget line.
fn amount(text: &str) -> Value {
    let root = parse(text, 1).unwrap_or_else(|e| panic!("{text}: {e}"));
    get(&items(get(&root, "budget"))[0], "amount").value.clone()
}

#[test]
fn a_number_is_its_own_text_in_every_way_yaml_can_write_it() {
    let digits = "999.9999999999999999";
    let number = Value::Number(digits.into());
    for text in [
        format!("budget:\n  - amount: {digits}\n"),
        format!("budget: [{{item: A, amount: {digits}}}]\n"),
        format!("{{\"budget\": [{{\"item\": \"A\", \"amount\": {digits}}}]}}\n"),
        format!("budget:\n  - amount:\n      {digits}\n"),
        format!("budget:\n  - &a amount: {digits}\n"),
        format!("budget:\n  - !!float amount: !custom {digits}\n"),
        format!("budget:\n  - ? amount\n    : {digits}\n"),
        format!("base: &b {{amount: {digits}}}\nbudget:\n  - <<: *b\n    item: A\n"),
        format!("x: &n {digits}\nbudget:\n  - amount: *n\n"),
    ] {
        assert_eq!(amount(&text), number, "{text}");
    }
    // Quoted, it is a string with the same text.
    assert_eq!(
        amount(&format!("budget:\n  - amount: \"{digits}\"\n")),
        Value::Str(digits.into())
    );
}

#[test]
fn no_key_can_stand_in_for_another() {
    // A top-level key spelled like a path is just a key.
    let root = parse(
        "\"budget[0].amount\": 1000\nbudget:\n  - item: A\n    amount: 9000\n",
        1,
    )
    .unwrap();
    assert_eq!(
        get(&items(get(&root, "budget"))[0], "amount").value,
        Value::Number("9000".into())
    );
    // A key-like line inside a quoted string is part of the string.
    let root = parse(
        "budget:\n  - item: \"two\n      amount: 1000.000000000000000\"\n    amount: 9000\n",
        1,
    )
    .unwrap();
    let line = &items(get(&root, "budget"))[0];
    assert_eq!(get(line, "amount").value, Value::Number("9000".into()));
    assert_eq!(
        get(line, "item").value,
        Value::Str("two amount: 1000.000000000000000".into())
    );
    // NEL is not a line break in YAML 1.2, so it cannot start a new key.
    let err = parse(
        "budget:\n  - item: A\u{85}amount: 1000\n    amount: 9000\n",
        1,
    );
    assert!(err.is_err(), "{err:?}");
}

#[test]
fn merge_keys_apply_with_explicit_keys_winning() {
    let text = "base: &b {item: A, amount: 1}\nmore: &m {note: n, amount: 9}\nline:\n  <<: [*b, *m]\n  amount: 2\n";
    let root = parse(text, 1).unwrap();
    let merged: Vec<(&str, &Value)> = entries(get(&root, "line"))
        .iter()
        .map(|e| (&*e.key, &e.value.value))
        .collect();
    assert_eq!(
        merged,
        [
            ("amount", &Value::Number("2".into())),
            ("item", &Value::Str("A".into())),
            ("note", &Value::Str("n".into())),
        ]
    );
    let err = parse("a: 1\nb:\n  <<: 5\n", 1).unwrap_err();
    assert_eq!((err.line, err.column), (3, 3));
    assert_eq!(
        err.message,
        "a merge key `<<` takes a mapping or a list of mappings"
    );
    // A quoted `<<` is an ordinary key.
    let root = parse("\"<<\": 5\n", 1).unwrap();
    assert_eq!(&*entries(&root)[0].key, "<<");
}

#[test]
fn duplicate_keys_are_refused_at_the_second() {
    let err = parse("title: x\nbudget: []\nfunding: {}\nbudget: []\n", 2).unwrap_err();
    assert_eq!((err.line, err.column), (5, 1));
    assert_eq!(
        err.message,
        "duplicate key `budget` (first defined on line 3)"
    );
    let mut text: String = (0..100).map(|i| format!("k{i}: {i}\n")).collect();
    text.push_str("k42: again\n");
    let err = parse(&text, 1).unwrap_err();
    assert_eq!((err.line, err.column), (101, 1));
    assert_eq!(
        err.message,
        "duplicate key `k42` (first defined on line 43)"
    );
}

#[test]
fn limits_stop_bombs_and_deep_nesting() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f"])
    {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let err = parse(&bomb, 1).unwrap_err();
    assert!(
        err.message.starts_with("repetition limit exceeded"),
        "{}",
        err.message
    );
    let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let err = parse(&deep, 1).unwrap_err();
    assert!(
        err.message.starts_with("recursion limit exceeded"),
        "{}",
        err.message
    );
}

#[test]
fn odd_documents_are_errors_or_null() {
    assert_eq!(parse("", 2).unwrap().value, Value::Null);
    assert_eq!(parse("# only a comment\n", 2).unwrap().value, Value::Null);
    let err = parse("a: 1\n--- \nb: 2\n", 2).unwrap_err();
    assert!(
        err.message.contains("second YAML document"),
        "{}",
        err.message
    );
    let err = parse("a: 1\rb: 2\n", 2).unwrap_err();
    assert_eq!((err.line, err.column), (2, 5));
    assert!(err.message.contains("carriage return"), "{}", err.message);
    assert!(parse("a: 1\r\nb: 2\r\n", 2).is_ok());
    let err = parse("a: [1,\nb: c\n", 2).unwrap_err();
    assert_eq!(err.line, 3);
    let err = parse("? [a]\n: 1\n", 1).unwrap_err();
    assert_eq!(
        err.message,
        "a key must be a single value, not a list or a mapping"
    );
}

#[test]
fn values_describe_themselves_for_messages() {
    assert_eq!(
        Value::Number("0x10".into()).kind(),
        "a number not written in decimal"
    );
    assert_eq!(Value::Number("42".into()).described(), "a number `42`");
    assert_eq!(Value::Seq(Box::new([])).described(), "a list");
    let long = "x".repeat(100);
    assert_eq!(
        Value::Str(long.into()).described(),
        format!("a string `{}…`", "x".repeat(40))
    );
}

fn title(text: &str) -> Result<Value, YamlError> {
    let node = parse(text, 1)?;
    let Value::Map(entries) = node.value else {
        panic!("a mapping")
    };
    Ok(entries[0].value.value.clone())
}

#[test]
fn a_json_surrogate_pair_in_a_double_quoted_string_is_its_character() {
    assert_eq!(
        title("title: \"\\ud83d\\ude00 x \\uD83D\\uDE01\"\n"),
        Ok(Value::Str("😀 x 😁".into()))
    );
    // JSON front matter: positions after the pair stay where they are.
    let node = parse("{\"title\": \"\\ud83d\\ude00\", \"id\": \"a\"}\n", 2).unwrap();
    let Value::Map(entries) = node.value else {
        panic!()
    };
    assert_eq!(
        (entries[1].key_pos.line, entries[1].key_pos.column),
        (2, 27)
    );
}

#[test]
fn a_pair_written_as_literal_text_is_kept_or_refused_never_changed() {
    // Single quotes and plain scalars hold the backslashes as text.
    assert_eq!(
        title("title: '\\ud83d\\ude00'\n"),
        Ok(Value::Str("\\ud83d\\ude00".into()))
    );
    // A lone surrogate, or a pair in the wrong order, is still refused.
    for text in [
        "title: \"\\ud83d\"\n",
        "title: \"\\ude00\\ud83d\"\n",
        "title: \"x\" # \"\\ud83d\\ude00\"\nid: \"\\ud800\"\n",
    ] {
        let err = title(text).unwrap_err();
        assert!(may_help(&err), "{text}: {}", err.message);
    }
}
