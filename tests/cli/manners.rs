//! Output manners: colour only on a terminal (NO_COLOR and --color
//! honoured), --quiet, errors on stderr and data on stdout.

use super::{Grantctl, Run, grantctl};

const ESC: char = '\u{1b}';

fn with_env(args: &[&str], key: &str, value: &str) -> Run {
    Grantctl::new(args).env(key, value).run()
}

#[test]
fn colour_is_off_when_piped_and_on_when_asked() {
    let piped = grantctl(&["check", "examples/budget-total.md"]);
    assert!(!piped.stdout.contains(ESC));

    let always = grantctl(&["check", "--color", "always", "examples/budget-total.md"]);
    assert!(
        always
            .stdout
            .starts_with("\u{1b}[1m\u{1b}[91merror[budget-total]\u{1b}[0m"),
        "{:?}",
        always.stdout
    );
    // Without the escapes it is the plain output, byte for byte.
    let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(&always.stdout, "");
    assert_eq!(stripped, piped.stdout);

    // The flag beats NO_COLOR; the global flag goes before the command too.
    let forced = with_env(
        &["--color", "always", "check", "examples/budget-total.md"],
        "NO_COLOR",
        "1",
    );
    assert!(forced.stdout.contains(ESC));
    let never = grantctl(&["check", "--color", "never", "examples/budget-total.md"]);
    assert_eq!(never.stdout, piped.stdout);

    // Data formats are never coloured.
    for format in ["json", "sarif", "github", "json-lines"] {
        let run = grantctl(&[
            "check",
            "--color",
            "always",
            "--format",
            format,
            "examples/",
        ]);
        assert!(!run.stdout.contains(ESC), "{format}");
    }
    let csv = grantctl(&[
        "compare",
        "--color",
        "always",
        "--format",
        "csv",
        "proposals/",
    ]);
    assert!(!csv.stdout.contains(ESC));
}

/// Runs `grantctl args` on a terminal (script(1)); `None` without script.
fn on_a_terminal(args: &[&str], no_color: Option<&str>) -> Option<String> {
    let mut run = Grantctl::new(args);
    if let Some(value) = no_color {
        run = run.env("NO_COLOR", value);
    }
    let output = run.on_a_terminal()?.output().unwrap();
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn auto_colours_a_terminal_unless_no_color_is_set() {
    let Some(coloured) = on_a_terminal(&["check", "examples/budget-total.md"], None) else {
        return;
    };
    assert!(coloured.contains(ESC), "{coloured:?}");
    let plain = on_a_terminal(&["check", "examples/budget-total.md"], Some("1")).unwrap();
    assert!(!plain.contains(ESC), "{plain:?}");
    assert!(plain.contains("error[budget-total]"));
}

#[test]
fn quiet_prints_findings_only() {
    let run = grantctl(&["check", "--quiet", "examples/budget-total.md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("error[budget-total]"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("total 14/100"),
        "no scores: {}",
        run.stdout
    );
    assert!(!run.stdout.contains("checked 1 file"), "no summary");

    let clean = grantctl(&["check", "-q", "proposals/apart-research.md"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""));

    // Notes are dropped; data and errors are not.
    let empty = tempfile::tempdir().unwrap();
    let dir = empty.path().to_str().unwrap();
    let noted = grantctl(&["compare", "--format", "csv", dir]);
    assert!(
        noted.stderr.starts_with("note: no proposals"),
        "{}",
        noted.stderr
    );
    let quiet = grantctl(&["compare", "-q", "--format", "csv", dir]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    assert_eq!(quiet.stdout, noted.stdout);
    let missing = grantctl(&["check", "-q", "no-such-folder"]);
    assert_eq!(missing.code, 2);
    assert_eq!(missing.stdout, "");
    assert_eq!(
        missing.stderr,
        "grantctl: error: path `no-such-folder` does not exist\n"
    );
}

#[test]
fn data_goes_to_stdout_and_problems_to_stderr() {
    let run = grantctl(&["check", "--format", "json", "examples/budget-total.md"]);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with('['));
    let run = grantctl(&[
        "compare",
        "--format",
        "json",
        "--rubric",
        "nope.yaml",
        "proposals/",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("grantctl: error: failed to read rubric `nope.yaml`")
    );
}
