//! Shell completions and man pages come from the clap definition, so they
//! list every command and flag the binary has.

use super::{Grantctl, grantctl};

const COMMANDS: &[&str] = &[
    "check",
    "compare",
    "rules",
    "explain",
    "schema",
    "init",
    "completions",
    "man",
];

#[test]
fn completions_cover_every_command_and_flag_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = grantctl(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in COMMANDS.iter().chain(&["--deny-warnings", "--format"]) {
            let word = word.trim_start_matches('-');
            assert!(
                run.stdout.contains(word),
                "{shell} completion lacks `{word}`"
            );
        }
        // These three also complete a flag's values.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                run.stdout.contains("sarif"),
                "{shell} completion lacks `sarif`"
            );
        }
    }
    let run = grantctl(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
}

#[test]
fn the_bash_script_is_valid_bash() {
    let script = grantctl(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grantctl.bash");
    std::fs::write(&path, script).unwrap();
    let Some(mut bash) = Grantctl::new(&[]).shell("bash -n \"$0\"") else {
        return;
    };
    let status = bash.arg(&path).status().unwrap();
    assert!(status.success());
}

#[test]
fn man_pages_for_grantctl_and_each_command() {
    let main = grantctl(&["man"]);
    assert_eq!(main.code, 0);
    assert!(main.stdout.contains(".TH grantctl 1"), "{}", main.stdout);
    for command in COMMANDS {
        assert!(
            main.stdout.contains(&format!("grantctl\\-{command}(1)")),
            "grantctl(1) does not list {command}"
        );
        let page = grantctl(&["man", command]);
        assert_eq!(page.code, 0, "{command}: {}", page.stderr);
        assert!(page.stdout.contains(&format!(".TH grantctl-{command} 1")));
    }
    let check = grantctl(&["man", "check"]).stdout;
    assert!(check.contains("\\fBgrantctl check\\fR") && check.contains("\\-\\-deny\\-warnings"));

    let unknown = grantctl(&["man", "chek"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no command `chek`"),
        "{}",
        unknown.stderr
    );
}
