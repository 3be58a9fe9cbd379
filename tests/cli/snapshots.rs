//! Every renderer's output pinned once, with insta: each check format over
//! `examples/`, each compare format over `proposals/`, and the rule book
//! and help. A change to any of them is a diff to review, not a surprise;
//! after an intended one, `cargo insta review` (or `INSTA_UPDATE=always
//! cargo test`) records it. Under `CI=true` a mismatch fails.

use super::Grantctl;

/// The command, its exit code, stdout and stderr, as one text.
fn pinned(args: &[&str]) -> String {
    let run = Grantctl::new(args).run();
    format!(
        "$ grantctl {}\nexit {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        run.code,
        run.stdout,
        run.stderr
    )
}

macro_rules! pin {
    ($name:ident, $($arg:expr),+ $(,)?) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(pinned(&[$($arg),+]));
        }
    };
}

pin!(check_human, "check", "examples/");
pin!(check_json, "check", "--format", "json", "examples/");
pin!(
    check_json_lines,
    "check",
    "--format",
    "json-lines",
    "examples/"
);
pin!(check_github, "check", "--format", "github", "examples/");
pin!(check_sarif, "check", "--format", "sarif", "examples/");
pin!(compare_table, "compare", "proposals/");
pin!(compare_csv, "compare", "--format", "csv", "proposals/");
pin!(compare_json, "compare", "--format", "json", "proposals/");
pin!(
    compare_markdown,
    "compare",
    "--format",
    "markdown",
    "proposals/"
);
pin!(rules, "rules");
pin!(explain, "explain", "budget-percent");
pin!(help, "--help");
pin!(check_help, "check", "--help");
pin!(compare_help, "compare", "--help");
