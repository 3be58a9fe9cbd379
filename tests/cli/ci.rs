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

#[test]
fn the_system_hook_runs_the_installed_binary_quietly() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let system = hooks
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "grantctl-system")
        .expect("a hook for an installed binary");
    assert_eq!(system["language"], "system");
    assert_eq!(system["entry"], hooks[0]["entry"]);
    assert_eq!(system["exclude"], hooks[0]["exclude"]);
    let entry: Vec<&str> = system["entry"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .collect();
    assert!(entry.contains(&"--quiet"), "{entry:?}");
    let mut args: Vec<&str> = entry[1..].to_vec();
    args.extend(["proposals/mats.md", "proposals/apart-research.md"]);
    let run = grantctl(&args);
    assert_eq!(run.code, 1);
    // Findings only: no scores, no summary.
    assert!(
        run.stdout.starts_with("error[missing-field]"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("checked 2 files"), "{}", run.stdout);
}

/// The release packaging and the binary workflow's install step, end to
/// end but for the download: `.github/scripts/package` packs the test
/// binary as the release workflow would, a stand-in `gh` serves the
/// archive, and the step installs it where the next steps find it.
#[test]
fn a_release_archive_installs_as_the_binary_workflow_says() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = "x86_64-unknown-linux-musl";
    let Some(mut package) = Grantctl::new(&[]).shell(&format!(
        ".github/scripts/package \"{}\" {target} v0.1.0 \"{}\"",
        env!("CARGO_BIN_EXE_grantctl"),
        dir.path().join("dist").display()
    )) else {
        return;
    };
    let packed = package.current_dir(root).output().unwrap();
    assert!(
        packed.status.success(),
        "{}",
        String::from_utf8_lossy(&packed.stderr)
    );
    let archive = dir
        .path()
        .join(format!("dist/grantctl-v0.1.0-{target}.tar.gz"));
    assert!(archive.exists());

    // `gh release download … --output -` writes the asset to stdout.
    let bin = dir.path().join("fake-bin");
    std::fs::create_dir(&bin).unwrap();
    let gh = bin.join("gh");
    std::fs::write(&gh, format!("#!/bin/sh\ncat \"{}\"\n", archive.display())).unwrap();
    std::fs::set_permissions(&gh, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let workflow = yaml("examples/github-workflow-binary.yml");
    let steps = workflow["jobs"]["check"]["steps"].as_array().unwrap();
    let step = |name: &str| {
        steps.iter().find(|s| s["name"] == name).unwrap()["run"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let runner_temp = dir.path().join("runner-temp");
    std::fs::create_dir(&runner_temp).unwrap();
    let github_path = dir.path().join("github-path");
    let env = &workflow["env"];
    let install = std::process::Command::new("bash")
        .args(["-e", "-c", &step("Install grantctl")])
        .current_dir(root)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_PATH", &github_path)
        .env("GRANTCTL_REPO", env["GRANTCTL_REPO"].as_str().unwrap())
        .env(
            "GRANTCTL_VERSION",
            env["GRANTCTL_VERSION"].as_str().unwrap(),
        )
        .output()
        .unwrap();
    assert!(
        install.status.success(),
        "{}",
        String::from_utf8_lossy(&install.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&github_path).unwrap().trim(),
        runner_temp.to_str().unwrap()
    );
    for shipped in [
        "grantctl",
        "grantctl.1",
        "README.md",
        "completions/grantctl.bash",
    ] {
        assert!(runner_temp.join(shipped).exists(), "{shipped}");
    }
    // The next step finds the installed binary, and only it, on PATH.
    let check = std::process::Command::new("bash")
        .args(["-e", "-c", &step("Check proposals")])
        .current_dir(root)
        .env("PATH", format!("{}:/usr/bin:/bin", runner_temp.display()))
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let out = String::from_utf8(check.stdout).unwrap();
    assert!(out.contains("::error file=proposals/mats.md"), "{out}");
}

/// actionlint cannot be installed from the package registries this suite
/// may use, so the release workflow is held to what the install path
/// needs: it builds the archive the binary workflow downloads, with the
/// packaging script tested above, and publishes it on a version tag.
#[test]
fn the_release_workflow_builds_what_the_binary_workflow_downloads() {
    let release = yaml(".github/workflows/release.yml");
    assert_eq!(release["on"]["push"]["tags"][0], "v*");
    let targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    let binary = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/github-workflow-binary.yml"),
    )
    .unwrap();
    let downloaded = binary
        .split("--pattern \"grantctl-$GRANTCTL_VERSION-")
        .nth(1)
        .and_then(|rest| rest.split(".tar.gz").next())
        .unwrap();
    assert!(
        targets.contains(&downloaded),
        "{downloaded} not in {targets:?}"
    );
    let steps = release["jobs"]["build"]["steps"].as_array().unwrap();
    let package = steps
        .iter()
        .find(|s| s["name"] == "Package (Unix)")
        .unwrap();
    assert!(
        package["run"]
            .as_str()
            .unwrap()
            .starts_with(".github/scripts/package ")
    );
    let publish = release["jobs"]["release"]["steps"].as_array().unwrap();
    assert!(publish.iter().any(|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.starts_with("gh release create"))
    }));
    assert_eq!(
        release["jobs"]["release"]["permissions"]["contents"],
        "write"
    );
}
