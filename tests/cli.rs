//! The `ropa` binary: exit codes (0 clean, 1 findings at or above `--fail-on`, 2 usage and I/O
//! errors), messages on stderr, the output formats end to end, `ropa explain` and `ropa rules`.
//! Every check passes `--as-of 2026-11-25` so that no result depends on the clock.

mod common;
use common::copy_of;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const AS_OF: &str = "2026-11-25";
/// A complete controller register that yields no error and no warning.
const CLEAN: &str = "tests/fixtures/clean";
/// A register with errors, a warning, an info and a waived finding.
const FINDINGS: &str = "tests/fixtures/formats";

fn ropa() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

/// `ropa check <path> --as-of 2026-11-25 <extra...>`.
fn check(path: impl AsRef<Path>, extra: &[&str]) -> Command {
    let mut cmd = ropa();
    cmd.arg("check")
        .arg(path.as_ref())
        .args(["--as-of", AS_OF, "--color", "never"])
        .args(extra);
    cmd
}

/// The names of every `--format`, from the library's own list.
fn formats() -> Vec<String> {
    use clap::ValueEnum as _;
    ropa::diagnostics::Format::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value())
        .map(|v| v.get_name().to_owned())
        .collect()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The clean register with one dangling measure reference: exactly one RP021 error.
fn with_one_error() -> tempfile::TempDir {
    let dir = copy_of(CLEAN);
    let activity = dir.path().join("activities/customer-accounts.yaml");
    let text = std::fs::read_to_string(&activity).unwrap();
    let text = text.replace(
        "  - daily-backups\n",
        "  - daily-backups\n  - penetration-test\n",
    );
    std::fs::write(&activity, text).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------------
// Exit codes
// ---------------------------------------------------------------------------------------------

#[test]
fn clean_register_exits_0() {
    let output = check(CLEAN, &["--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["summary"]["errors"],
        0,
        "{}",
        serde_json::to_string_pretty(&report["diagnostics"]).unwrap()
    );
    assert_eq!(
        report["summary"]["warnings"],
        0,
        "{}",
        serde_json::to_string_pretty(&report["diagnostics"]).unwrap()
    );
    assert_eq!(output.status.code(), Some(0));
    // Nothing at warning level either, so the stricter threshold passes too.
    check(CLEAN, &["--fail-on", "warning"]).assert().code(0);
}

#[test]
fn clean_register_exits_0_in_every_format() {
    for format in formats() {
        let output = check(CLEAN, &["--format", &format]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "--format {format}");
        assert!(!stdout(&output).is_empty(), "--format {format}");
        assert!(stderr(&output).is_empty(), "--format {format}");
    }
}

#[test]
fn errors_exit_1() {
    let output = check(FINDINGS, &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(out.contains("error[RP021]"), "{out}");
    assert!(
        out.contains("3 errors, 1 warning, 1 info (1 waived)"),
        "{out}"
    );
    assert!(stderr(&output).is_empty());
}

#[test]
fn errors_exit_1_in_every_format() {
    for format in formats() {
        check(FINDINGS, &["--format", &format]).assert().code(1);
    }
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = with_one_error();
    check(dir.path(), &[]).assert().code(1);
    // Demoted to a warning, the finding no longer fails the run...
    check(dir.path(), &["--warn", "RP021"]).assert().code(0);
    // ...unless warnings fail it.
    check(dir.path(), &["--warn", "RP021", "--fail-on", "warning"])
        .assert()
        .code(1);
    check(
        dir.path(),
        &["--warn", "unresolved-reference", "--fail-on", "info"],
    )
    .assert()
    .code(1);
    // `--allow` is applied after `--deny` and turns the rule off.
    check(dir.path(), &["--deny", "RP021", "--allow", "RP021"])
        .assert()
        .code(0);
    let output = check(dir.path(), &["--allow", "RP021", "--fail-on", "warning"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn missing_path_exits_2() {
    let output = check("tests/fixtures/no-such-register", &[])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("no-such-register does not exist"), "{err}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn folder_without_register_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(dir.path(), &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no register found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unknown_rule_in_deny_exits_2() {
    let output = check(CLEAN, &["--deny", "no-such-rule"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
    assert!(err.contains("ropa rules"), "{err}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn bad_as_of_exits_2() {
    let output = ropa()
        .args(["check", CLEAN, "--as-of", "25/11/2026"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("`25/11/2026` is not a date"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn unknown_format_exits_2() {
    let output = check(CLEAN, &["--format", "xml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    for format in formats() {
        assert!(err.contains(&format), "{err}");
    }
}

#[test]
fn unreadable_file_is_rp012() {
    use std::os::unix::fs::PermissionsExt;
    let dir = copy_of(CLEAN);
    let activity = dir.path().join("activities/customer-accounts.yaml");
    std::fs::set_permissions(&activity, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root (as in many CI containers) reads a file whatever its mode: then there is nothing to
    // test, and the assertion is skipped rather than failed.
    if std::fs::read(&activity).is_ok() {
        eprintln!(
            "skipped: {} is still readable (running as root?)",
            activity.display()
        );
        return;
    }
    let output = check(dir.path(), &[]).output().unwrap();
    // Restore the mode so that the temporary folder can be removed.
    std::fs::set_permissions(&activity, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("error[RP012]: cannot read the file"), "{out}");
    assert!(out.contains("customer-accounts.yaml"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// Formats end to end
// ---------------------------------------------------------------------------------------------

#[test]
fn sarif_format_on_the_command_line() {
    let output = check(FINDINGS, &["--format", "sarif"]).output().unwrap();
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "ropa");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn github_format_on_the_command_line() {
    let output = check(FINDINGS, &["--format", "github"]).output().unwrap();
    let out = stdout(&output);
    assert!(out.starts_with("::error file="), "{out}");
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("ropa: 3 errors"), "{last}");
}

#[test]
fn junit_format_follows_fail_on() {
    let dir = with_one_error();
    let demoted = ["--format", "junit", "--warn", "RP021"];
    let output = check(dir.path(), &demoted).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let xml = stdout(&output);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");
    let mut args = demoted.to_vec();
    args.extend(["--fail-on", "warning"]);
    let output = check(dir.path(), &args).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let xml = stdout(&output);
    assert!(
        xml.contains("<failure message=\"1 finding\" type=\"warning\">"),
        "{xml}"
    );
}

// ---------------------------------------------------------------------------------------------
// explain and rules
// ---------------------------------------------------------------------------------------------

#[test]
fn explain_prints_the_sections() {
    let output = ropa().args(["explain", "RP010"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(out.starts_with("# RP010 schema-violation\n"), "{out}");
    assert!(out.contains("default severity: error"), "{out}");
    for section in ["## What it checks", "## Why", "## Example", "## How to fix"] {
        assert!(out.contains(section), "no {section} in {out}");
    }
    // By name too.
    let by_name = ropa()
        .args(["explain", "schema-violation"])
        .output()
        .unwrap();
    assert_eq!(stdout(&by_name), out);
}

/// The "Why" of the transfer and retention rules quotes the Regulation's own words, each with its
/// reference, as the other rules do (the quotations checked against OJ L 119, 4.5.2016).
#[test]
fn explain_quotes_the_articles() {
    const ART_30_1_E: &str = "\"where applicable, transfers of personal data to a third country or \
        an international organisation, including the identification of that third country or \
        international organisation and, in the case of transfers referred to in the second \
        subparagraph of Article 49(1), the documentation of suitable safeguards\" (Art. 30(1)(e))";
    let quotes: [(&str, &[&str]); 4] = [
        (
            "RP405",
            &[
                "\"kept in a form which permits identification of data subjects for no longer than \
               is necessary for the purposes for which the personal data are processed\" \
               (Art. 5(1)(e))",
            ],
        ),
        (
            "RP502",
            &[
                "\"may take place only if the transfer is not repetitive, concerns only a limited \
                 number of data subjects, is necessary for the purposes of compelling legitimate \
                 interests pursued by the controller which are not overridden by the interests or \
                 rights and freedoms of the data subject, and the controller has assessed all the \
                 circumstances surrounding the data transfer and has on the basis of that \
                 assessment provided suitable safeguards with regard to the protection of \
                 personal data.\" (Art. 49(1), second subparagraph)",
                "\"The controller or processor shall document the assessment as well as the \
                 suitable safeguards referred to in the second subparagraph of paragraph 1 of \
                 this Article in the records referred to in Article 30.\" (Art. 49(6))",
                "\"in the case of transfers referred to in the second subparagraph of Article \
                 49(1), the documentation of suitable safeguards\" (Art. 30(1)(e))",
            ],
        ),
        ("RP507", &[ART_30_1_E]),
        (
            "RP509",
            &[
                "\"In the absence of a decision pursuant to Article 45(3), a controller or \
                 processor may transfer personal data to a third country or an international \
                 organisation only if the controller or processor has provided appropriate \
                 safeguards, and on condition that enforceable data subject rights and effective \
                 legal remedies for data subjects are available.\" (Art. 46(1))",
                "\"standard data protection clauses adopted by the Commission in accordance with \
                 the examination procedure referred to in Article 93(2)\" (Art. 46(2)(c))",
            ],
        ),
    ];
    for (code, quotes) in quotes {
        let why = explained_why(code);
        for quote in quotes {
            assert!(why.contains(quote), "{code}: {quote} not in {why}");
        }
    }
}

/// The "Why" section of `ropa explain <code>`, its wrapped lines joined, so that a quotation
/// is compared word for word.
fn explained_why(code: &str) -> String {
    let output = ropa().args(["explain", code]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    let why = out
        .split("## Why")
        .nth(1)
        .and_then(|rest| rest.split("## Example").next())
        .unwrap_or_else(|| panic!("{code}: no Why section in {out}"));
    why.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every rule that issue 10 added quotes the words of the article it applies, closing the
/// quotation with the reference: `"..." (Art. N)`. RP802 is left out: it checks the age of
/// ropa's own legal data, which no article governs.
#[test]
fn explain_of_every_rule_of_issue_10_quotes_its_article() {
    for code in [
        "RP104", "RP105", "RP106", "RP204", "RP205", "RP206", "RP404", "RP405", "RP502", "RP507",
        "RP508", "RP509", "RP510", "RP603", "RP604", "RP605",
    ] {
        let why = explained_why(code);
        assert!(why.contains("\" (Art. "), "{code} quotes no article: {why}");
    }
}

#[test]
fn explain_unknown_rule_exits_2() {
    let output = ropa().args(["explain", "nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("no rule `nope`"), "{err}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn rules_lists_every_rule() {
    let output = ropa().arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(out.contains("RP021"), "{out}");
    assert!(out.contains("unresolved-reference"), "{out}");
    for code in ropa::rules::catalogue().codes() {
        assert!(out.contains(code.code), "{} missing", code.code);
    }
}

/// Every bad input of the loader, through the binary: exit 1, the finding's code at its exact
/// file:line:column, and no panic.
#[test]
fn bad_inputs_exit_1_with_their_location() {
    let cases = [
        ("RP001-yaml-syntax", "activities/newsletter.yaml:2:7"),
        ("RP002-duplicate-key", "activities/newsletter.yaml:3:1"),
        (
            "RP003-nesting-too-deep",
            "activities/newsletter.yaml:88:129",
        ),
        ("RP004-alias-limit", "activities/newsletter.yaml:30:12"),
        ("RP006-not-utf8", "activities/newsletter.yaml:2:20"),
        ("RP007-byte-order-mark", "activities/newsletter.yaml:1:1"),
        ("RP008-tab-indentation", "activities/newsletter.yaml:12:1"),
        ("RP009-empty-file", "activities/payroll.yaml:1:1"),
        ("RP010-schema-violation", "activities/newsletter.yaml:5:10"),
        ("RP011-unknown-field", "activities/newsletter.yaml:19:1"),
    ];
    for (fixture, location) in cases {
        let dir = format!("tests/fixtures/rules/{fixture}/fail");
        let copy = common::with_default_settings(Path::new(&dir));
        let dir = copy
            .as_ref()
            .map_or(dir, |c| c.path().display().to_string());
        let output = check(&dir, &[]).output().unwrap();
        let out = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{fixture}:\n{out}");
        let code = &fixture[..5];
        assert!(out.contains(&format!("error[{code}]")), "{fixture}:\n{out}");
        assert!(
            out.contains(&format!("--> {dir}/{location}")),
            "{fixture}: expected {location}:\n{out}"
        );
        assert!(!stderr(&output).contains("panicked"), "{fixture}");
    }
}

/// `ropa render` takes its documents from the library's list: `--help` shows each with its help,
/// and each name is accepted (the run then fails on the missing register or a missing option of
/// the document, not on the name).
#[test]
fn render_accepts_and_lists_every_document_of_the_library() {
    let help = ropa().args(["render", "--help"]).output().unwrap();
    let help = stdout(&help);
    for kind in ropa::render::DOCUMENTS {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("- {}:", kind.name))
                    && l.trim_end().ends_with(kind.help)),
            "{} is not listed with its help:\n{help}",
            kind.name
        );
        let output = ropa()
            .args(["render", kind.name, "no-such-register", "--as-of", AS_OF])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", kind.name);
        let err = stderr(&output);
        assert!(
            !err.contains("invalid value")
                && (err.contains("no-such-register") || err.contains("needs --")),
            "{}: {err}",
            kind.name
        );
    }
}
