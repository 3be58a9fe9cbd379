//! The CI integrations as shipped: the GitHub workflow's commands run as
//! written and annotate the right lines, and the pre-commit hook's entry
//! checks the files pre-commit would pass it.

use std::path::Path;

use super::{Grantctl, Run, findings, grantctl};

fn yaml(file: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Runs a workflow step's shell command with the built grantctl first on
/// PATH, as if installed, and the step summary written to `summary`;
/// `None` (a skip) without bash.
fn run_step(command: &str, summary: &Path) -> Option<Run> {
    let step = Grantctl::new(&[]).env("GITHUB_STEP_SUMMARY", summary.to_str().unwrap());
    let output = step.shell(command)?.output().expect("bash runs");
    Some(Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        stdout_bytes: 0,
        peak_kb: None,
        folder: None,
    })
}

#[test]
fn the_github_workflow_annotates_findings_and_writes_the_summary() {
    let workflow = yaml("examples/github-workflow.yml");
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    let step = |name: &str| -> String {
        let step = steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step `{name}`"));
        step["run"].as_str().unwrap().to_string()
    };
    assert!(step("Install grantctl").starts_with("cargo install --locked"));
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");

    let Some(check) = run_step(&step("Check proposals"), &summary) else {
        return;
    };
    assert_eq!(
        check.code, 1,
        "MATS has errors, so the step fails: {}",
        check.stderr
    );
    let (_, expected) = findings(&["proposals/"]);
    let annotated: Vec<(String, u64)> = check
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
        .map(|l| {
            let file = l.split("file=").nth(1).unwrap().split(',').next().unwrap();
            let line = l.split(",line=").nth(1).unwrap().split(',').next().unwrap();
            (file.to_string(), line.parse().unwrap())
        })
        .collect();
    let wanted: Vec<(String, u64)> = expected
        .iter()
        .map(|(f, l, _, _)| (f.clone(), *l))
        .collect();
    assert_eq!(annotated, wanted);
    assert!(annotated.iter().any(|(f, _)| f == "proposals/mats.md"));

    let compare = run_step(&step("Compare proposals"), &summary).unwrap();
    assert_eq!(compare.code, 0, "exit 1 is tolerated: {}", compare.stderr);
    let written = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(
        written,
        grantctl(&["compare", "--format", "markdown", "proposals/"]).stdout
    );
    assert!(written.starts_with("| file | id |"), "{written}");

    // Exit 2 (grantctl could not run) still fails the step.
    let broken = step("Compare proposals").replace("proposals/", "no-such-folder/");
    assert_ne!(run_step(&broken, &summary).unwrap().code, 0);
}

#[test]
fn the_pre_commit_hook_checks_the_files_it_is_given() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "grantctl");
    assert_eq!(hook["language"], "rust");
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[..2], ["grantctl", "check"]);

    // pre-commit passes the staged Markdown files its `exclude` lets through.
    let exclude = regex::Regex::new(hook["exclude"].as_str().unwrap()).unwrap();
    let staged = [
        "README.md",
        "rubrics/README.md",
        "proposals/mats.md",
        "examples/budget-total.md",
    ];
    let passed: Vec<&str> = staged
        .iter()
        .copied()
        .filter(|f| !exclude.is_match(f))
        .collect();
    assert_eq!(passed, ["proposals/mats.md", "examples/budget-total.md"]);

    let mut args: Vec<&str> = entry[1..].to_vec();
    args.extend(&passed);
    let run = grantctl(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("error[budget-total]"));
    assert!(run.stdout.contains("proposals/mats.md"));
}
