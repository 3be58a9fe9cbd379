//! Issue 13, a proposals repository's CI under attack: a pull request can
//! edit grantctl.yaml, commit links, ignore files and odd file names. No
//! secret may reach the output, no failing proposal may be hidden, no run
//! may hang, and `--output` may never replace what the run reads.

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::bounded::run_bounded;
use crate::{Grantctl, folder, folder_of, grantctl_in, messages_of};

const BODY: &str = "\n## Track record\n\nNone.\n\n## Premortem\n\nNone.\n";

/// A proposal whose budget is $1 short: it must fail wherever it is.
fn failing(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nfunding:\n  goal: 100\nbudget:\n  - item: A\n    amount: 99\n---\n{BODY}"
    )
}

fn passing(title: &str) -> String {
    failing(title).replace("amount: 99", "amount: 100")
}

const SECRET: &str = "ghp_S3cr3tT0k3nThatMustNeverBePrinted0000";

fn private_key() -> String {
    format!(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n{SECRET}\n-----END OPENSSH PRIVATE KEY-----\n"
    )
}

/// Every line of stdout and stderr, for checks that must hold on all of them.
fn all_output(run: &crate::Run) -> String {
    format!("{}\n{}", run.stdout, run.stderr)
}

#[test]
fn a_rubric_path_in_grantctl_yaml_never_prints_the_file_it_names() {
    let dir = folder(&[
        ("secrets/id_ed25519", &private_key()),
        ("secrets/token", &format!("{SECRET}\n")),
        ("secrets/env.yaml", &format!("GITHUB_TOKEN: {SECRET}\n")),
        (
            "secrets/list.yaml",
            &format!("sections:\n  - key: {SECRET}\n    headings: [3]\n    oops: 1\n"),
        ),
        ("proposals/a.md", &passing("A")),
    ]);
    for secret in ["id_ed25519", "token", "env.yaml", "list.yaml"] {
        fs::write(
            dir.path().join("grantctl.yaml"),
            format!("rubric: secrets/{secret}\n"),
        )
        .unwrap();
        for args in [&["check", "proposals"][..], &["compare", "proposals"]] {
            let run = run_bounded(dir.path(), args);
            assert_eq!(run.code, 2, "{secret}: {}", run.stderr);
            assert!(run.stderr.contains("invalid rubric"), "{}", run.stderr);
            assert!(
                !all_output(&run).contains("S3cr3t") && !all_output(&run).contains("b3Blbn"),
                "{secret} leaked: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn links_out_of_a_checked_folder_are_findings_not_followed() {
    let dir = folder(&[("proposals/a.md", &passing("A"))]);
    let proposals = dir.path().join("proposals");
    symlink("/proc/self/environ", proposals.join("environ.md")).unwrap();
    symlink("/", proposals.join("root")).unwrap();
    symlink("/usr", proposals.join("usr")).unwrap();
    symlink("a.md", proposals.join("inside.md")).unwrap();
    let started = Instant::now();
    let run = run_bounded(dir.path(), &["check", "--format", "json", "proposals"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    let rows = messages_of(&run.stdout, &run.stderr);
    let files: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r.2 == "io")
        .map(|r| (r.0.as_str(), r.3.as_str()))
        .collect();
    assert_eq!(
        files,
        [
            (
                "proposals/environ.md",
                "symbolic link to `/proc/self/environ` leads outside `proposals`; links that leave a checked folder are not followed"
            ),
            (
                "proposals/root",
                "symbolic link to `/` leads outside `proposals`; links that leave a checked folder are not followed"
            ),
            (
                "proposals/usr",
                "symbolic link to `/usr` leads outside `proposals`; links that leave a checked folder are not followed"
            ),
        ]
    );
    // Nothing outside was read: only the two proposals inside have scores.
    assert!(
        rows.iter().all(|r| r.0.starts_with("proposals/")),
        "{rows:?}"
    );
    let compare = run_bounded(dir.path(), &["compare", "--format", "csv", "proposals"]);
    assert_eq!(compare.stdout.lines().count(), 1 + 5, "{}", compare.stdout);
    assert!(compare.stdout.contains("proposals/inside.md,inside,A,"));
    // The environment never reaches the output.
    let home = std::env::var("PATH").unwrap();
    assert!(!all_output(&run).contains(&home));
    // A file named on the command line is read: the person asked for it.
    let named = run_bounded(
        dir.path(),
        &["check", "--format", "json", "proposals/inside.md"],
    );
    assert_eq!(named.code, 0, "{}", named.stdout);
}

#[test]
fn ignore_files_cannot_hide_a_committed_proposal_and_exclude_is_counted() {
    let dir = folder(&[
        ("proposals/.ignore", "bad.md\n"),
        ("proposals/.gitignore", "worse.md\nhidden/\n"),
        ("proposals/bad.md", &failing("Bad")),
        ("proposals/worse.md", &failing("Worse")),
        ("proposals/hidden/also.md", &failing("Also")),
        ("proposals/.drafts/draft.md", &failing("Draft")),
        ("proposals/good.md", &passing("Good")),
    ]);
    let run = run_bounded(dir.path(), &["check", "--format", "json", "proposals"]);
    assert_eq!(run.code, 1);
    let mut failing: Vec<String> = messages_of(&run.stdout, &run.stderr)
        .into_iter()
        .filter(|r| r.2 == "budget-total")
        .map(|r| r.0)
        .collect();
    failing.sort();
    assert_eq!(
        failing,
        [
            "proposals/.drafts/draft.md",
            "proposals/bad.md",
            "proposals/hidden/also.md",
            "proposals/worse.md"
        ]
    );
    // `exclude` is the one way to skip a proposal, and the summary says so.
    fs::write(
        dir.path().join("grantctl.yaml"),
        "exclude: [bad.md, worse.md, hidden/, .drafts/]\n",
    )
    .unwrap();
    let run = run_bounded(dir.path(), &["check", "proposals"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with(
            "checked 1 file: no problems found\nskipped 4: 4 excluded by grantctl.yaml\nsettings from `grantctl.yaml` (exclude)\n"
        ),
        "{}",
        run.stdout
    );
    let json = run_bounded(dir.path(), &["check", "--format", "json", "proposals"]);
    assert_eq!(json.stdout.trim(), "[]");
    assert!(
        json.stderr
            .contains("note: skipped 4: 4 excluded by grantctl.yaml"),
        "{}",
        json.stderr
    );
}

#[test]
fn settings_above_the_repository_do_not_apply_and_those_that_do_are_named() {
    let dir = folder(&[
        ("grantctl.yaml", "ignore: [budget-total]\n"),
        ("repo/proposals/bad.md", &failing("Bad")),
    ]);
    let repo = dir.path().join("repo");
    fs::create_dir(repo.join(".git")).unwrap();
    let run = run_bounded(&repo, &["check", "proposals"]);
    assert_eq!(
        run.code, 1,
        "the config above the repository applied: {}",
        run.stdout
    );
    assert!(!run.stdout.contains("settings from"), "{}", run.stdout);
    // The same settings inside the repository apply, and say so.
    fs::write(repo.join("grantctl.yaml"), "ignore: [budget-total]\n").unwrap();
    let run = run_bounded(&repo, &["check", "proposals"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.ends_with(
            "checked 1 file: no problems found\nsettings from `grantctl.yaml` (ignores 1 rule)\n"
        ),
        "{}",
        run.stdout
    );
    // Outside any repository the search goes on up, as before.
    fs::remove_dir(repo.join(".git")).unwrap();
    fs::remove_file(repo.join("grantctl.yaml")).unwrap();
    let run = run_bounded(&repo.join("proposals"), &["check", "bad.md"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn no_output_line_starts_with_a_file_name_a_runner_would_obey() {
    let names = [
        "::error::x.md",
        "::add-mask::y.md",
        "##[warning]z.md",
        "  ::stop-commands::w.md",
    ];
    let files: Vec<(&str, String)> = names.iter().map(|n| (*n, failing(n.trim()))).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = folder(&refs);
    // Named one by one, as `grantctl check -- *.md` names them, and walked.
    let mut named: Vec<Vec<&str>> = Vec::new();
    for command in [
        &["check"][..],
        &["check", "--format", "sarif"],
        &["compare"],
        &["compare", "--format", "csv"],
        &["compare", "--format", "markdown"],
        &["compare", "--format", "json"],
    ] {
        let mut args = command.to_vec();
        args.push("--");
        args.extend(names);
        named.push(args);
        let mut walked = command.to_vec();
        walked.push(".");
        named.push(walked);
    }
    for args in &named {
        let run = run_bounded(dir.path(), args);
        assert_eq!(run.code, 1, "{args:?}");
        for line in run.stdout.lines().chain(run.stderr.lines()) {
            let start = line.trim_start();
            assert!(
                !start.starts_with("::") && !start.starts_with("##["),
                "{args:?}: {line}"
            );
        }
    }
    // `--format github` writes commands on purpose, and only its own.
    let mut github = vec!["check", "--format", "github", "--"];
    github.extend(names);
    let run = run_bounded(dir.path(), &github);
    let (summary, annotations) = run.stdout.lines().partition::<Vec<_>, _>(|l| {
        l.starts_with("grantctl: ") || l.starts_with("::notice title=grantctl::")
    });
    assert_eq!(summary.len(), 2, "{}", run.stdout);
    for line in annotations {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
    }
    // CSV quotes such a name and reads back the same.
    let mut csv = vec!["compare", "--format", "csv", "--"];
    csv.extend(names);
    let csv = run_bounded(dir.path(), &csv);
    assert!(
        csv.stdout.contains("\n\"::add-mask::y.md\","),
        "{}",
        csv.stdout
    );
    // As the only column, the name is quoted and the record still ends.
    let only = run_bounded(
        dir.path(),
        &[
            "compare",
            "--format",
            "csv",
            "--columns",
            "file",
            "--",
            "::add-mask::y.md",
        ],
    );
    assert_eq!(only.stdout, "file\n\"::add-mask::y.md\"\n");
}

#[test]
fn a_rubric_or_settings_file_that_is_a_fifo_or_endless_is_refused_in_bounds() {
    let dir = folder(&[("a.md", &passing("A"))]);
    let fifo = dir.path().join("rubric.fifo");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    for rubric in ["rubric.fifo", "/dev/zero", "/dev/urandom"] {
        let run = run_bounded(dir.path(), &["check", "--rubric", rubric, "a.md"]);
        assert_eq!(run.code, 2, "{rubric}");
        assert!(
            run.stderr.contains("cannot read: is not a regular file"),
            "{rubric}: {}",
            run.stderr
        );
    }
    symlink("/dev/zero", dir.path().join("grantctl.yaml")).unwrap();
    let run = run_bounded(dir.path(), &["check", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid config"), "{}", run.stderr);
    fs::remove_file(dir.path().join("grantctl.yaml")).unwrap();
    // A settings file past the size limit is refused, not read.
    fs::write(dir.path().join("grantctl.yaml"), "# x\n".repeat(1000)).unwrap();
    let run = run_bounded(dir.path(), &["check", "--max-file-size", "1K", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("over the size limit of 1024 bytes"),
        "{}",
        run.stderr
    );
}

/// `compare --output TARGET` in `dir`: the exit code and stderr.
fn compare_to(dir: &Path, target: &str, extra: &[&str]) -> (i32, String) {
    // The format follows the name (`.md` is Markdown, `.csv` CSV).
    let mut args = vec!["compare", "--output", target];
    args.extend_from_slice(extra);
    let run = grantctl_in(dir, &args);
    (run.code, run.stderr)
}

#[test]
fn output_never_replaces_what_the_run_reads_by_any_name() {
    let dir = folder(&[
        ("proposals/a.md", &passing("A")),
        ("real/b.md", &passing("B")),
        ("rubric.yaml", include_str!("../../rubrics/default.yaml")),
        ("grantctl.yaml", "rubric: rubric.yaml\n"),
    ]);
    let root = dir.path();
    symlink("../real/b.md", root.join("proposals/b.md")).unwrap();
    symlink("proposals/a.md", root.join("out-a.csv")).unwrap();
    let cases = [
        (
            "out-a.csv",
            "one of the proposals being compared (`proposals/a.md`)",
        ),
        (
            "real/b.md",
            "one of the proposals being compared (`proposals/b.md`)",
        ),
        ("proposals/b.md", "one of the proposals being compared"),
        ("rubric.yaml", "the rubric in use"),
        ("grantctl.yaml", "the settings file in use"),
    ];
    for (target, what) in cases {
        let (code, stderr) = compare_to(root, target, &["proposals"]);
        assert_eq!(code, 2, "{target}");
        assert!(
            stderr.contains(&format!("refusing to write `{target}`: it is {what}")),
            "{stderr}"
        );
    }
    assert_eq!(
        fs::read_to_string(root.join("proposals/a.md")).unwrap(),
        passing("A")
    );
    assert_eq!(
        fs::read_to_string(root.join("real/b.md")).unwrap(),
        passing("B")
    );
    assert!(
        fs::symlink_metadata(root.join("proposals/b.md"))
            .unwrap()
            .is_symlink()
    );
    // A link to a file that is not an input: the file is replaced, the link kept.
    fs::write(root.join("old.csv"), "old\n").unwrap();
    symlink("old.csv", root.join("round.csv")).unwrap();
    assert_eq!(compare_to(root, "round.csv", &["proposals/a.md"]).0, 0);
    assert!(
        fs::symlink_metadata(root.join("round.csv"))
            .unwrap()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(root.join("old.csv"))
            .unwrap()
            .starts_with("file,id,")
    );
    // A link to nothing is not followed to create a file.
    symlink("nowhere/x.csv", root.join("dangling.csv")).unwrap();
    let (code, stderr) = compare_to(root, "dangling.csv", &["proposals"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("a symbolic link to nothing"), "{stderr}");
    assert!(!root.join("nowhere").exists());
}

#[test]
fn output_to_a_fifo_or_device_is_a_stream_not_a_replacement() {
    let dir = folder(&[("a.md", &passing("A"))]);
    let fifo = dir.path().join("out.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    assert_eq!(
        compare_to(dir.path(), "out.fifo", &["--format", "csv", "a.md"]).0,
        0
    );
    assert!(reader.join().unwrap().starts_with("file,id,"));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // A character device of our own, like /dev/null: written, not replaced.
    let null = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        assert_eq!(compare_to(dir.path(), "null", &["a.md"]).0, 0);
        assert!(fs::metadata(&null).unwrap().file_type().is_char_device());
    }
}

#[test]
fn an_interrupted_output_keeps_the_old_file_and_leaves_no_temporary_file() {
    let files: Vec<(String, String)> = (0..4000)
        .map(|i| (format!("p/{i:04}.md"), passing(&format!("T{i}"))))
        .collect();
    let dir = folder_of(&files);
    for signal in [libc::SIGINT, libc::SIGTERM] {
        fs::write(dir.path().join("round.csv"), "old\n").unwrap();
        let args = [
            "compare",
            "--threads",
            "1",
            "--format",
            "csv",
            "-o",
            "round.csv",
            "p",
        ];
        let mut child = Grantctl::new(&args)
            .cwd(dir.path())
            .command()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let temporary = || {
            fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().starts_with(".grantctl-"))
        };
        let started = Instant::now();
        while !temporary() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(128 + signal), "{status:?}");
        assert_eq!(
            fs::read_to_string(dir.path().join("round.csv")).unwrap(),
            "old\n"
        );
        assert!(!temporary(), "a .grantctl-*.tmp was left behind");
    }
}

#[test]
fn init_errors_name_the_file_asked_for_not_a_temporary_one() {
    let dir = tempfile::tempdir().unwrap();
    let run = grantctl_in(dir.path(), &["init", "no-such-folder/p.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "grantctl: error: failed to create `no-such-folder/p.md`: No such file or directory (os error 2)\n"
    );
}

#[test]
fn stdin_is_one_proposal_named_dash() {
    let run = Grantctl::new(&["check", "--format", "json", "-"])
        .stdin(failing("T").as_bytes())
        .run();
    assert_eq!(run.code, 1);
    let rows = messages_of(&run.stdout, &run.stderr);
    assert_eq!(
        rows,
        [(
            "<stdin>".to_string(),
            4,
            "budget-total".to_string(),
            "budget lines add up to $99 but funding.goal is $100 (short by $1)".to_string()
        )]
    );
}
