//! `grantctl init`: a skeleton with every field, whose only findings are
//! the required values and scored answers left to fill in, and which never
//! overwrites a file.

use std::fs;

use super::{grantctl, grantctl_in};

#[test]
fn init_writes_a_skeleton_whose_only_findings_ask_to_fill_it_in() {
    let dir = tempfile::tempdir().unwrap();
    let run = grantctl_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("created `proposal.md`"),
        "{}",
        run.stderr
    );
    let written = fs::read_to_string(dir.path().join("proposal.md")).unwrap();
    assert_eq!(written, grantctl(&["init", "-"]).stdout);

    let run = grantctl_in(dir.path(), &["check", "--format", "json", "proposal.md"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("missing-field", 4),  // title
            ("missing-field", 11), // funding.goal
            ("missing-field", 17), // budget[0].item
            ("missing-field", 18), // budget[0].amount
            ("empty-section", 38), // the track record question
            ("empty-section", 40), // the premortem question
        ]
    );

    // Filled in, it is clean: every section heading is there, and the
    // scored ones are answered.
    let filled = written
        .replacen("title: \"\"", "title: Reading group", 1)
        .replacen("  goal:  ", "  goal: 5000", 1)
        .replacen("- item: \"\"", "- item: Books", 1)
        .replacen("    amount:  ", "    amount: 5000", 1)
        .replacen("projects?\n", "projects?\n\nWe ran 2 groups.\n", 1)
        .replacen("(premortem)\n", "(premortem)\n\n- Few people come.\n", 1);
    fs::write(dir.path().join("proposal.md"), filled).unwrap();
    let run = grantctl_in(dir.path(), &["check", "--format", "json", "proposal.md"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"));
}

#[test]
fn the_skeleton_names_every_field_of_the_schema() {
    let skeleton = grantctl(&["init", "-"]).stdout;
    let schema: serde_json::Value = serde_json::from_str(&grantctl(&["schema"]).stdout).unwrap();
    let objects = [
        ("", &schema["properties"]),
        ("funding.", &schema["definitions"]["Funding"]["properties"]),
        (
            "budget line ",
            &schema["definitions"]["BudgetLine"]["properties"],
        ),
        (
            "grantctl.",
            &schema["definitions"]["Settings"]["properties"],
        ),
    ];
    for (place, properties) in objects {
        for field in properties.as_object().unwrap().keys() {
            let written = skeleton.lines().any(|l| {
                l.trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&format!("{field}:"))
            });
            assert!(written, "the skeleton has no {place}{field}");
        }
    }
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.md");
    fs::write(&path, "my own words").unwrap();
    let run = grantctl_in(dir.path(), &["init", "mine.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "grantctl: error: `mine.md` already exists; grantctl init never overwrites a file\n"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "my own words");

    // Nor follows a dangling link to create its target.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("target.md"), dir.path().join("link.md"))
            .unwrap();
        let run = grantctl_in(dir.path(), &["init", "link.md"]);
        assert_eq!(run.code, 2);
        assert!(!dir.path().join("target.md").exists());
    }

    // A folder that does not exist: exit 2, and nothing left behind.
    let run = grantctl_in(dir.path(), &["init", "no/such/folder/p.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("failed to create `no/such/folder/p.md`"),
        "{}",
        run.stderr
    );
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["link.md", "mine.md"]);
}
