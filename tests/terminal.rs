//! Nothing a register, a spreadsheet or a command line holds can act on the terminal: every path
//! that quotes register text, a key, a file name or an argument escapes its control characters.
//! Each test puts `ESC [2J` (clear the screen) and BEL where the path quotes it, and checks that
//! neither reaches standard output or standard error raw, while the escaped form does (so the
//! text was really quoted).

mod common;
use common::{copy_of, git};

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

const AS_OF: &str = "2026-11-25";
const CLEAN: &str = "tests/fixtures/clean";
const ACTIVITY: &str = "activities/customer-accounts.yaml";
/// Clear the screen, ring the bell.
const HOSTILE: &str = "\u{1b}[2J\u{7}";
/// How the terminal formats show it.
const SHOWN: &str = "\\u{1b}[2J\\u{7}";
/// How JSON shows it.
const SHOWN_JSON: &str = "\\u001b[2J\\u0007";

fn ropa() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("ropa");
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

/// Neither output holds a raw ESC or BEL, and one of them shows `shown`.
#[track_caller]
fn assert_escaped(what: &str, output: &Output, shown: &str) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (name, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        assert!(
            !text.contains(['\u{1b}', '\u{7}']),
            "{what}: raw control character on {name}: {text:?}"
        );
    }
    assert!(
        stdout.contains(shown) || stderr.contains(shown),
        "{what}: {shown} not quoted:\n{stdout}\n{stderr}"
    );
}

/// The clean register with `from` replaced by `to` in `file`.
fn edited(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = copy_of(CLEAN);
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

/// An activity with an unknown key holding the sequence: it does not load.
fn bad_key() -> tempfile::TempDir {
    edited(
        ACTIVITY,
        "id: customer-accounts\n",
        "id: customer-accounts\n\"\\e[2J\\a\": 1\n",
    )
}

/// An activity whose name holds the sequence: it loads (with RP015).
fn bad_name() -> tempfile::TempDir {
    edited(
        ACTIVITY,
        "name: Customer accounts and orders\n",
        "name: \"Customer accounts \\e[2J\\a\"\n",
    )
}

#[test]
fn check_escapes_in_every_format() {
    let dir = bad_key();
    for (format, shown) in [
        ("human", SHOWN),
        ("github", SHOWN),
        ("junit", SHOWN),
        ("json", SHOWN_JSON),
        ("sarif", SHOWN_JSON),
    ] {
        let output = ropa()
            .arg("check")
            .arg(dir.path())
            .args(["--as-of", AS_OF, "--color", "never", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_escaped(format, &output, shown);
    }
}

#[test]
fn settings_errors_escape() {
    let dir = edited(
        "ropa.yaml",
        "settings:\n",
        "settings:\n  rules:\n    \"\\e[2J\\a\": off\n",
    );
    let output = ropa()
        .arg("check")
        .arg(dir.path())
        .args(["--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    assert_escaped("settings", &output, SHOWN);
    assert!(String::from_utf8_lossy(&output.stdout).contains("RP902"));
}

#[test]
fn render_export_list_and_show_escape() {
    let dir = bad_key();
    let out = tempfile::tempdir().unwrap();
    let render = ropa()
        .args(["render", "register"])
        .arg(dir.path())
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(render.status.code(), Some(2));
    assert_escaped("render", &render, SHOWN);
    let export = ropa()
        .args(["export", "csv"])
        .arg(dir.path())
        .arg("-o")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(2));
    assert_escaped("export", &export, SHOWN);
    let dir = bad_name();
    let list = ropa()
        .args(["list", "activities"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_escaped("list", &list, SHOWN);
    for format in ["text", "json"] {
        let show = ropa()
            .args(["show", "customer-accounts"])
            .arg(dir.path())
            .args(["--format", format])
            .output()
            .unwrap();
        let shown = if format == "json" { SHOWN_JSON } else { SHOWN };
        assert_escaped(&format!("show --format {format}"), &show, shown);
    }
}

#[test]
fn diff_escapes_in_every_format() {
    let repo = tempfile::tempdir().unwrap();
    common::git_init(repo.path());
    common::copy_dir(Path::new(CLEAN), &repo.path().join("reg"));
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "v1"]);
    let path = repo.path().join("reg").join(ACTIVITY);
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "name: Customer accounts and orders\n",
        "name: \"Customer accounts \\e[2J\\a\"\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    // Markdown shows them as documents do.
    let shown_md = "\\[U+001B\\]\\[2J\\[U+0007\\]";
    for (format, shown) in [("text", SHOWN), ("md", shown_md), ("json", SHOWN_JSON)] {
        let output = ropa()
            .current_dir(repo.path())
            .args(["diff", "HEAD", "reg", "--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert_escaped(&format!("diff --format {format}"), &output, shown);
    }
}

#[test]
fn import_escapes_what_the_spreadsheet_holds() {
    let dir = tempfile::tempdir().unwrap();
    // The sheet of a CSV file is named after the file, and the import quotes it.
    let csv = dir.path().join(format!("{HOSTILE}.csv"));
    std::fs::write(
        &csv,
        format!("Nom du traitement;Finalité;{HOSTILE}\nPaie;Payer les salariés;{HOSTILE}x\n"),
    )
    .unwrap();
    let output = ropa()
        .args(["import", "csv"])
        .arg(&csv)
        .arg("-o")
        .arg(dir.path().join("out"))
        .args(["--organisation", "Acme", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_escaped("import", &output, SHOWN);
}

#[test]
fn explain_escapes_the_rule_it_does_not_know() {
    let output = ropa().args(["explain", HOSTILE]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_escaped("explain", &output, SHOWN);
}

/// clap's errors quote the argument; on a terminal they used to be written with it raw.
#[cfg(target_os = "linux")]
#[test]
fn command_line_errors_never_reach_the_terminal_raw() {
    let option = format!("--{HOSTILE}");
    let runs: [(&str, &[&str]); 4] = [
        ("a bad --format", &["check", CLEAN, "--format", HOSTILE]),
        ("a bad --as-of", &["check", CLEAN, "--as-of", HOSTILE]),
        ("an unknown subcommand", &[HOSTILE]),
        ("an unknown option", &["check", &option]),
    ];
    for (what, args) in runs {
        let env = [("TERM", "xterm-256color")];
        let shown = common::on_a_terminal(args, &env, true);
        assert!(shown.contains("error: "), "{what}: {shown}");
        assert!(
            !shown.contains(['\u{1b}', '\u{7}']),
            "{what}: raw control character: {shown:?}"
        );
    }
}
