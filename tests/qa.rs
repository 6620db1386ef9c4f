//! Defects found by trying to break `ropa` from the command line as a user would: each test pins
//! the fixed behaviour. Every check passes `--as-of 2026-11-25` so that no result depends on the
//! clock.

mod common;
use common::{copy_dir, copy_of};

use std::io::Read as _;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;

const AS_OF: &str = "2026-11-25";
/// A complete controller register that yields no error and no warning.
const CLEAN: &str = "tests/fixtures/clean";
const ACTIVITY: &str = "activities/customer-accounts.yaml";

fn ropa() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

fn check(path: impl AsRef<Path>, extra: &[&str]) -> std::process::Output {
    ropa()
        .arg("check")
        .arg(path.as_ref())
        .args(["--as-of", AS_OF, "--color", "never"])
        .args(extra)
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_diagnostics(path: &Path) -> Vec<Value> {
    let output = check(path, &["--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

/// Replace `from` (which must occur) by `to` in a file of a register copy.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The line number (1-based) of the first line of a file that contains `needle`.
fn line_of(dir: &Path, file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let index = text.lines().position(|l| l.contains(needle)).unwrap();
    index as u64 + 1
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    // `ropa check registers/ --format sarif | head` closes the pipe long before the report ends.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"))
        .args(["check", "registers", "--as-of", AS_OF, "--format", "sarif"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(status.code(), Some(101), "{err}");
}

#[test]
fn unknown_key_in_an_optional_block_is_named_at_its_line() {
    let dir = copy_of(CLEAN);
    edit(
        dir.path(),
        "ropa.yaml",
        "  email: dpo@example-books.eu",
        "  emial: dpo@example-books.eu",
    );
    let diagnostics = json_diagnostics(dir.path());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "RP011", "{d:#?}");
    assert_eq!(d["message"], "unknown field `emial`");
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `email`?"),
        "{d:#?}"
    );
    assert_eq!(
        d["line"],
        line_of(dir.path(), "ropa.yaml", "emial:"),
        "{d:#?}"
    );
    assert_eq!(d["column"], 3);
}

#[test]
fn wrong_value_in_an_optional_block_is_named_at_its_line() {
    let dir = copy_of(CLEAN);
    edit(dir.path(), ACTIVITY, "  done: false", "  done: no");
    let diagnostics = json_diagnostics(dir.path());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "RP010", "{d:#?}");
    assert_eq!(d["pointer"], "/dpia/done", "{d:#?}");
    assert_eq!(
        d["message"], "`dpia.done` has the wrong type: found a string",
        "{d:#?}"
    );
    assert_eq!(d["line"], line_of(dir.path(), ACTIVITY, "done: no"));
    assert_eq!(d["column"], 9);
    // `no` is text in YAML 1.2: the help says what to write instead, not to quote it.
    let help = d["help"].as_str().unwrap();
    assert!(help.contains("`true` or `false`"), "{help}");
    assert!(!help.contains("quote the value"), "{help}");
}

#[test]
fn an_invalid_date_in_an_optional_block_is_named() {
    let dir = copy_of(CLEAN);
    edit(
        dir.path(),
        ACTIVITY,
        "  date: 2026-10-01",
        "  date: 2026-02-30",
    );
    let diagnostics = json_diagnostics(dir.path());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["message"], "`dpia.date` is not a valid date", "{d:#?}");
    assert_eq!(d["line"], line_of(dir.path(), ACTIVITY, "date: 2026-02-30"));
}

#[test]
fn a_wrong_type_at_the_root_does_not_suggest_quoting() {
    let dir = copy_of(CLEAN);
    std::fs::write(dir.path().join("ropa.yaml"), "- a\n").unwrap();
    let diagnostics = json_diagnostics(dir.path());
    let d = &diagnostics[0];
    assert_eq!(d["message"], "the file has the wrong type: found a list");
    let help = d["help"].as_str().unwrap();
    assert!(!help.contains("quote the value"), "{help}");
    assert!(help.contains("mapping"), "{help}");
}

#[test]
fn register_text_cannot_send_control_characters_to_the_terminal() {
    let dir = copy_of(CLEAN);
    edit(
        dir.path(),
        ACTIVITY,
        "  - description: Create and manage customer accounts, deliver orders and handle returns\n    legal_basis: contract\n",
        "  - description: \"evil\\e[2J\\nsecond line\"\n",
    );
    let output = check(dir.path(), &[]);
    let out = stdout(&output);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(
        out.contains(
            "the record does not state a legal basis for purpose `evil\\u{1b}[2J\\nsecond line`"
        ),
        "{out}"
    );
}

#[test]
fn raw_control_characters_in_a_quoted_line_keep_the_caret_aligned() {
    let dir = copy_of(CLEAN);
    edit(
        dir.path(),
        ACTIVITY,
        "  - description: Create and manage customer accounts, deliver orders and handle returns\n    legal_basis: contract\n",
        "  - {description: \u{1b}Xred\u{7}, legal_basis: contrat}\n",
    );
    let out = stdout(&check(dir.path(), &[]));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    let lines: Vec<&str> = out.lines().collect();
    let quoted = lines
        .iter()
        .position(|l| l.contains("legal_basis: contrat"))
        .unwrap();
    let caret = lines[quoted + 1];
    assert_eq!(
        caret.find('^').unwrap(),
        lines[quoted].find("contrat").unwrap(),
        "\n{}\n{caret}",
        lines[quoted]
    );
}

#[test]
fn the_caret_is_under_the_value_after_wide_characters() {
    let dir = copy_of(CLEAN);
    edit(
        dir.path(),
        ACTIVITY,
        "  - description: Create and manage customer accounts, deliver orders and handle returns\n    legal_basis: contract\n",
        "  - {description: \"😀😀 客户 שלום\", legal_basis: contrat}\n",
    );
    let out = stdout(&check(dir.path(), &[]));
    let lines: Vec<&str> = out.lines().collect();
    let quoted = lines
        .iter()
        .position(|l| l.contains("legal_basis: contrat"))
        .unwrap();
    let caret = lines[quoted + 1];
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let value_at = width(&lines[quoted][..lines[quoted].find("contrat").unwrap()]);
    let caret_at = width(&caret[..caret.find('^').unwrap()]);
    assert_eq!(caret_at, value_at, "\n{}\n{caret}", lines[quoted]);
    assert_eq!(caret.matches('^').count(), "contrat".len());
}

#[test]
fn a_byte_order_mark_is_underlined_alone() {
    let dir = copy_of(CLEAN);
    let path = dir.path().join("ropa.yaml");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, bytes).unwrap();
    let out = stdout(&check(dir.path(), &[]));
    // The invisible mark is shown escaped, and underlined alone.
    assert!(out.contains("1 | \\u{feff}# A minimal"), "{out}");
    let caret = out.lines().find(|l| l.contains('^')).unwrap();
    assert_eq!(caret.matches('^').count(), "\\u{feff}".len(), "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_finds_each_register_once() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(Path::new(CLEAN), &root.path().join("x/acme"));
    std::os::unix::fs::symlink("..", root.path().join("x/up")).unwrap();
    let output = check(root.path(), &["--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["registers"], 1, "{report:#?}");
    assert_eq!(report["summary"]["activities"], 1, "{report:#?}");
}

#[test]
fn an_activities_file_instead_of_a_folder_is_an_error() {
    let dir = copy_of(CLEAN);
    std::fs::remove_dir_all(dir.path().join("activities")).unwrap();
    std::fs::write(dir.path().join("activities"), "id: x\n").unwrap();
    let output = check(dir.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "RP012", "{report:#?}");
    assert!(
        d["file"].as_str().unwrap().ends_with("activities"),
        "{report:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_broken_symlinked_activity_is_an_error() {
    let dir = copy_of(CLEAN);
    std::os::unix::fs::symlink(
        "/nonexistent/payroll.yaml",
        dir.path().join("activities/payroll.yaml"),
    )
    .unwrap();
    let output = check(dir.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "RP012", "{report:#?}");
    assert!(
        d["file"].as_str().unwrap().ends_with("payroll.yaml"),
        "{report:#?}"
    );
}

#[test]
fn a_vendors_folder_instead_of_a_file_is_an_error() {
    let dir = copy_of(CLEAN);
    std::fs::create_dir(dir.path().join("vendors.yaml")).unwrap();
    let output = check(dir.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["code"], "RP012", "{report:#?}");
}

#[test]
fn no_processor_activity_for_an_annex_reads_well() {
    let output = ropa()
        .args(["render", "annex", CLEAN, "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("to render an annex for"), "{err}");
}

#[test]
fn a_value_in_the_wrong_case_gets_a_suggestion() {
    let dir = copy_of(CLEAN);
    edit(dir.path(), "ropa.yaml", "language: en", "language: EN");
    let diagnostics = json_diagnostics(dir.path());
    let help = diagnostics[0]["help"].as_str().unwrap();
    assert!(help.starts_with("did you mean `en`?"), "{help}");
}

#[test]
fn a_yaml_merge_key_is_named_as_such() {
    let dir = copy_of(CLEAN);
    edit(
        dir.path(),
        ACTIVITY,
        "  - kind: internal\n    name: Accounting\n",
        "  - <<: {kind: internal}\n    name: Accounting\n",
    );
    let diagnostics = json_diagnostics(dir.path());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert!(
        d["message"].as_str().unwrap().contains("merge key"),
        "{d:#?}"
    );
    assert_eq!(d["line"], line_of(dir.path(), ACTIVITY, "<<:"));
    assert_eq!(d["column"], 5);
}

#[test]
fn explain_suggests_the_rule_meant() {
    let output = ropa()
        .args(["explain", "missing-legal-basi"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("did you mean `missing-legal-basis`?"), "{err}");
}

/// A required text left empty is an error at its line, not an empty heading in every document.
#[test]
fn an_empty_required_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ropa.yaml"),
        "organisation:\n  name: \"\"\n",
    )
    .unwrap();
    let output = assert_cmd::cargo::cargo_bin_cmd!("ropa")
        .args(["check", "--as-of", "2026-11-25", "--color", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("error[RP010]: `organisation.name` is empty"),
        "{out}"
    );
    assert!(out.contains("ropa.yaml:2:9"), "{out}");
}

/// `--deny`, `--warn` and `--allow` naming the same rule: the last on the command line wins.
#[test]
fn the_last_severity_flag_wins() {
    let fixture = "tests/fixtures/rules/RP200-missing-legal-basis/fail";
    let copy = common::with_default_settings(Path::new(fixture));
    let fixture = copy.as_ref().map_or(Path::new(fixture), |c| c.path());
    let code = |flags: &[&str]| {
        assert_cmd::cargo::cargo_bin_cmd!("ropa")
            .arg("check")
            .arg(fixture)
            .args(["--as-of", "2026-11-25"])
            .args(flags)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(1));
    assert_eq!(code(&["--allow", "RP200", "--deny", "RP200"]), Some(1));
    assert_eq!(code(&["--deny", "RP200", "--allow", "RP200"]), Some(0));
    assert_eq!(
        code(&["--deny", "RP200", "--warn", "missing-legal-basis"]),
        Some(0)
    );
    assert_eq!(
        code(&["--warn", "RP200", "--deny", "missing-legal-basis"]),
        Some(1)
    );
}

/// A register inside another register's folder (a subsidiary's) is found and checked too; the
/// outer register's own activities folder is not searched for registers.
#[test]
fn a_register_nested_in_another_is_checked() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(Path::new(CLEAN), &root.path().join("group"));
    copy_dir(Path::new(CLEAN), &root.path().join("group/subsidiary"));
    let output = assert_cmd::cargo::cargo_bin_cmd!("ropa")
        .args(["check", "--as-of", "2026-11-25", "--color", "never"])
        .arg(root.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("in 2 registers and 2 activities"), "{out}");
}
