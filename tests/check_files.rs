//! `ropa check FILE...`: activity files are checked against their register's settings and
//! catalogues without reading the register's other activities; the checks that need the whole
//! register are named as skipped; a catalogue file checks the whole register; any other file is
//! a usage error.

mod common;
use common::copy_of;

use std::path::Path;

use serde_json::Value;

const AS_OF: &str = "2026-11-25";
/// A complete controller register that yields no error and no warning.
const CLEAN: &str = "tests/fixtures/clean";
const ACTIVITY: &str = "activities/customer-accounts.yaml";

fn check_json(paths: &[&Path]) -> (i32, Value, String) {
    let output = assert_cmd::cargo::cargo_bin_cmd!("ropa")
        .arg("check")
        .args(paths)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap_or(-1), json, stderr)
}

fn codes(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let name = Path::new(file).file_name().unwrap_or_default();
            (
                d["code"].as_str().unwrap().to_string(),
                name.to_string_lossy().into_owned(),
            )
        })
        .collect()
}

/// The clean register with a second activity, a copy of the first under another file name
/// (same id: RP020 and RP013 in the whole register) whose YAML is then broken when `broken`.
fn register_with_second_activity(broken: bool) -> tempfile::TempDir {
    let dir = copy_of(CLEAN);
    let text = std::fs::read_to_string(dir.path().join(ACTIVITY)).unwrap();
    let second = if broken {
        format!("{text}\n  - : [\n")
    } else {
        text
    };
    std::fs::write(dir.path().join("activities/copy.yaml"), second).unwrap();
    dir
}

#[test]
fn an_activity_file_is_checked_without_the_other_activities() {
    let dir = register_with_second_activity(true);
    // The whole register reports the broken file.
    let (code, whole, _) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    assert!(codes(&whole).contains(&("RP001".into(), "copy.yaml".into())));
    assert!(whole["summary"].get("skipped").is_none());
    // The good file alone is clean: the broken one is not read.
    let (code, one, stderr) = check_json(&[&dir.path().join(ACTIVITY)]);
    assert_eq!(code, 0, "{one}\n{stderr}");
    assert_eq!(codes(&one), vec![]);
    assert_eq!(one["summary"]["activities"], 1);
    assert_eq!(one["summary"]["registers"], 1);
    let skipped = one["summary"]["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s.as_str().unwrap().contains("duplicate-id")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|s| s.as_str().unwrap().contains("unused-vendor"))
    );
}

#[test]
fn whole_register_rules_are_skipped_and_said_so() {
    let dir = register_with_second_activity(false);
    let (_, whole, _) = check_json(&[dir.path()]);
    assert!(codes(&whole).contains(&("RP020".into(), "customer-accounts.yaml".into())));
    // Each file alone: its own file-name finding, no duplicate id.
    let (code, one, _) = check_json(&[&dir.path().join("activities/copy.yaml")]);
    assert_eq!(code, 1);
    assert_eq!(codes(&one), vec![("RP013".into(), "copy.yaml".into())]);
    // Both files: still not the whole register, so still no duplicate-id.
    let (_, both, _) = check_json(&[
        &dir.path().join("activities/copy.yaml"),
        &dir.path().join(ACTIVITY),
    ]);
    assert_eq!(both["summary"]["activities"], 2);
    assert!(!codes(&both).iter().any(|(c, _)| c == "RP020"));
    // The human summary names the skipped checks.
    let output = assert_cmd::cargo::cargo_bin_cmd!("ropa")
        .arg("check")
        .arg(dir.path().join(ACTIVITY))
        .args(["--as-of", AS_OF, "--color", "never"])
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&output.stdout);
    assert!(
        human.contains("not checked, as only some activity files were given: ids unique across activities (duplicate-id)"),
        "{human}"
    );
}

#[test]
fn an_activity_file_is_checked_against_its_catalogues_and_settings() {
    let dir = copy_of(CLEAN);
    let activity = dir.path().join(ACTIVITY);
    let text = std::fs::read_to_string(&activity).unwrap();
    std::fs::write(
        &activity,
        text.replace("  - daily-backups\n", "  - daily-backups\n  - pen-test\n"),
    )
    .unwrap();
    let (code, report, _) = check_json(&[&activity]);
    assert_eq!(code, 1);
    assert_eq!(
        codes(&report),
        vec![("RP021".into(), "customer-accounts.yaml".into())]
    );
    // The register's settings apply: the rule turned off there is off for the file too.
    let config = dir.path().join("ropa.yaml");
    let settings = std::fs::read_to_string(&config).unwrap();
    assert!(
        settings.contains("settings:\n  language: en\n"),
        "{settings}"
    );
    std::fs::write(
        &config,
        settings.replace(
            "settings:\n",
            "settings:\n  rules:\n    unresolved-reference: off\n",
        ),
    )
    .unwrap();
    let (code, report, _) = check_json(&[&activity]);
    assert_eq!((code, codes(&report)), (0, vec![]));
}

#[test]
fn a_broken_catalogue_is_reported_with_the_activity() {
    let dir = copy_of(CLEAN);
    std::fs::write(dir.path().join("measures.yaml"), "measures: [\n").unwrap();
    let (code, report, _) = check_json(&[&dir.path().join(ACTIVITY)]);
    assert_eq!(code, 1);
    let found = codes(&report);
    assert!(
        found.contains(&("RP001".into(), "measures.yaml".into())),
        "{found:?}"
    );
}

#[test]
fn a_catalogue_file_checks_the_whole_register() {
    let dir = register_with_second_activity(false);
    let (_, report, _) = check_json(&[&dir.path().join("ropa.yaml")]);
    assert_eq!(report["summary"]["activities"], 2);
    assert!(report["summary"].get("skipped").is_none());
    assert!(codes(&report).iter().any(|(c, _)| c == "RP020"));
    // A catalogue and an activity of the same register: the whole register.
    let (_, report, _) = check_json(&[&dir.path().join(ACTIVITY), &dir.path().join("ropa.yaml")]);
    assert_eq!(report["summary"]["activities"], 2);
}

#[test]
fn a_file_outside_a_register_is_a_usage_error() {
    let dir = copy_of(CLEAN);
    let stray = dir.path().join("notes.yaml");
    std::fs::write(&stray, "a: 1\n").unwrap();
    let (code, _, stderr) = check_json(&[&stray]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not a file of a register") && stderr.contains("activities/<id>.yaml"),
        "{stderr}"
    );
}
