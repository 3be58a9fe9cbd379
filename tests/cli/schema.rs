//! `grantctl schema`: the front matter's JSON Schema accepts every bundled
//! proposal and rejects front matter that `check` calls malformed.

use std::path::Path;

use super::{findings, grantctl};

fn validator() -> jsonschema::Validator {
    let run = grantctl(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::validator_for(&schema).expect("a valid draft-07 schema")
}

/// A file's front matter as JSON, as an editor's YAML server would see it.
fn front_matter(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split("\n---\n").next())
        .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
    serde_yaml::from_str(yaml).unwrap()
}

fn errors(validator: &jsonschema::Validator, file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    validator
        .iter_errors(&front_matter(&path))
        .map(|e| format!("{e} at `{}`", e.instance_path()))
        .collect()
}

/// The rules of `check` that are about the front matter's shape, which
/// the schema describes too (the arithmetic is `check`'s alone).
const SHAPE_RULES: &[&str] = &["missing-field", "field-type", "unknown-field"];

#[test]
fn the_schema_agrees_with_check_on_every_bundled_proposal() {
    let validator = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("proposals");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("proposals/{name}"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    let mut valid = 0;
    for file in &files {
        let (_, findings) = findings(&[file]);
        let shape: Vec<&str> = findings
            .iter()
            .filter(|(_, _, _, rule)| SHAPE_RULES.contains(&rule.as_str()))
            .map(|(_, _, _, rule)| rule.as_str())
            .collect();
        let found = errors(&validator, file);
        if shape.is_empty() {
            assert_eq!(found, Vec::<String>::new(), "{file}");
            valid += 1;
        } else {
            assert!(
                !found.is_empty(),
                "{file}: check found {shape:?}, the schema nothing"
            );
        }
    }
    assert!(valid >= 3, "only {valid} valid proposals");
    // MATS states no goal and no budget (the application has none): both
    // are required by the schema, as `check` reports them missing.
    assert_eq!(
        errors(&validator, "proposals/mats.md"),
        [
            "\"funding\" is a required property at ``",
            "\"budget\" is a required property at ``"
        ]
    );
    // Budget arithmetic is `check`'s job, not the schema's.
    assert_eq!(
        errors(&validator, "examples/budget-total.md"),
        Vec::<String>::new()
    );
}

#[test]
fn malformed_front_matter_is_rejected_where_it_is_wrong() {
    let validator = validator();
    let cases = [
        ("examples/field-type.md", "/budget"),
        ("examples/unknown-field.md", ""),
        ("examples/typo-ammount.md", "/budget/0"),
        ("examples/missing-field.md", "/budget/2"),
    ];
    for (file, at) in cases {
        let found = errors(&validator, file);
        assert!(
            found.iter().any(|e| e.ends_with(&format!("at `{at}`"))),
            "{file}: expected an error at `{at}`, got {found:?}"
        );
    }
}

#[test]
fn the_schema_offers_every_currency_and_rule_for_completion() {
    let run = grantctl(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let currencies = schema["definitions"]["CurrencyCode"]["enum"]
        .as_array()
        .unwrap();
    assert!(currencies.contains(&"GBP".into()) && currencies.contains(&"USD".into()));
    let rules = schema["definitions"]["RuleId"]["enum"].as_array().unwrap();
    assert!(rules.contains(&"unknown-field".into()));
}

#[test]
fn the_language_server_modeline_is_just_a_comment_to_check() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("proposals/apart-research.md"),
    )
    .unwrap();
    let with_modeline = text.replacen(
        "---\n",
        "---\n# yaml-language-server: $schema=proposal.schema.json\n",
        1,
    );
    assert_ne!(with_modeline, text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), with_modeline).unwrap();
    let run = grantctl(&[
        "check",
        "--format",
        "json",
        dir.path().join("a.md").to_str().unwrap(),
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"));
}

/// The editor set-up the README documents, run as an editor runs it:
/// remark with remark-lint-frontmatter-schema (installed by `.ci/run` into
/// `target/editor-tools` from `examples/editor/package.json`) and the settings in
/// `examples/editor/.remarkrc.mjs`, over proposals in a folder of their own.
#[test]
fn the_documented_editor_set_up_flags_what_check_flags() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tools = root.join("target/editor-tools/node_modules");
    let remark = tools.join(".bin/remark");
    if !remark.exists() {
        crate::skip("remark is not installed in target/editor-tools (see .ci/run)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let proposals = dir.path().join("proposals");
    std::fs::create_dir(&proposals).unwrap();
    for (file, name) in [
        ("proposals/apart-research.md", "apart-research.md"),
        ("proposals/mats.md", "mats.md"),
        ("examples/field-type.md", "field-type.md"),
        ("examples/unknown-field.md", "unknown-field.md"),
    ] {
        std::fs::copy(root.join(file), proposals.join(name)).unwrap();
    }
    std::fs::copy(
        root.join("examples/editor/.remarkrc.mjs"),
        dir.path().join(".remarkrc.mjs"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&tools, dir.path().join("node_modules")).unwrap();
    std::fs::write(
        dir.path().join("proposal.schema.json"),
        grantctl(&["schema"]).stdout,
    )
    .unwrap();
    let output = std::process::Command::new(&remark)
        .args(["--no-stdout", "--no-color", "proposals/"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stderr);
    let section = |name: &str| -> String {
        report
            .split(&format!("proposals/{name}"))
            .nth(1)
            .unwrap_or_else(|| panic!("{name} not in {report}"))
            .split("\nproposals/")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(
        section("apart-research.md").contains("no issues found"),
        "{report}"
    );
    assert!(
        section("field-type.md").contains("Must be array"),
        "{report}"
    );
    assert!(
        section("unknown-field.md").contains("Must NOT have additional properties"),
        "{report}"
    );
    let mats = section("mats.md");
    assert!(
        mats.contains("required property 'funding'") && mats.contains("required property 'budget'"),
        "{report}"
    );
}
