//! SARIF that code scanning can track: distinct findings never share a fingerprint, and a
//! finding keeps its fingerprint and URI when CI runs from another directory, names the register
//! by an absolute path, or when lines are inserted above it. Waived findings are suppressions.

mod common;
use common::copy_dir;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_json::Value;

const AS_OF: &str = "2026-11-25";

fn sarif_in(dir: &Path, path: &Path, extra: &[&str]) -> Value {
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"))
        .current_dir(dir)
        .arg("check")
        .arg(path)
        .args(["--as-of", AS_OF, "--format", "sarif"])
        .args(extra)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
}

/// Each result's (fingerprint, uri, rule, message), in order.
fn results(log: &Value) -> Vec<(String, String, String, String)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["ropa/v2"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                r["ruleId"].as_str().unwrap().to_string(),
                r["message"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_are_unique_on_the_examples() {
    let here = std::env::current_dir().unwrap();
    let log = sarif_in(&here, Path::new("registers"), &[]);
    let all = results(&log);
    assert!(all.len() > 40, "{}", all.len());
    let distinct: HashSet<&String> = all.iter().map(|r| &r.0).collect();
    assert_eq!(distinct.len(), all.len(), "{all:#?}");
}

#[test]
fn fingerprints_and_uris_do_not_depend_on_the_directory_or_the_spelling() {
    let here = std::env::current_dir().unwrap();
    let root = ["--root", here.to_str().unwrap()];
    let from_top = results(&sarif_in(&here, Path::new("registers"), &root));
    let from_inside = results(&sarif_in(&here.join("registers"), Path::new("."), &root));
    let from_below = results(&sarif_in(
        &here.join("registers/octopush"),
        Path::new("../../registers"),
        &root,
    ));
    let absolute = results(&sarif_in(Path::new("/"), &here.join("registers"), &root));
    assert_eq!(from_top, from_inside);
    assert_eq!(from_top, from_below);
    assert_eq!(from_top, absolute);
    for (_, uri, _, _) in &from_top {
        assert!(uri.starts_with("registers/"), "{uri}");
    }
    // Without --root, the git top level (this repository) is the root: the same URIs.
    let git = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .output();
    if git.is_ok_and(|o| o.status.success()) {
        assert_eq!(
            results(&sarif_in(&here.join("registers"), Path::new("."), &[])),
            from_top
        );
        // ...and from outside the repository, by absolute path, the git top level of the path.
        assert_eq!(
            results(&sarif_in(Path::new("/"), &here.join("registers"), &[])),
            from_top
        );
    } else {
        eprintln!("SKIPPED: the git top-level default of --root (not a git checkout)");
    }
}

#[test]
fn fingerprints_survive_lines_inserted_above() {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(Path::new("registers/octopush"), copy.path());
    let root = ["--root", copy.path().to_str().unwrap()];
    let by_message = |log: &Value| -> BTreeMap<(String, String, String), String> {
        results(log)
            .into_iter()
            .map(|(f, uri, rule, message)| ((uri, rule, message), f))
            .collect()
    };
    let before = sarif_in(copy.path(), Path::new("."), &root);
    for entry in std::fs::read_dir(copy.path().join("activities")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("# inserted\n# lines\n\n{text}")).unwrap();
    }
    let after = sarif_in(copy.path(), Path::new("."), &root);
    let lines = |log: &Value| -> Vec<u64> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64())
            .collect()
    };
    // The findings moved down...
    assert_ne!(lines(&before), lines(&after));
    // ...and kept their fingerprints.
    assert_eq!(by_message(&before), by_message(&after));
    let uris: Vec<String> = results(&after).into_iter().map(|r| r.1).collect();
    assert!(
        uris.iter().any(|u| u.starts_with("activities/")),
        "{uris:?}"
    );
    assert!(
        uris.iter()
            .all(|u| !u.contains("file:") && !u.starts_with('/'))
    );
}

#[test]
fn runs_rules_and_waivers_carry_what_code_scanning_reads() {
    let here = std::env::current_dir().unwrap();
    let log = sarif_in(&here, Path::new("tests/fixtures/formats"), &[]);
    let run = &log["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "ropa/check/");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rp501 = rules.iter().find(|r| r["id"] == "RP501").unwrap();
    let tags = rp501["properties"]["tags"].as_array().unwrap();
    assert_eq!(tags[0], "gdpr");
    assert_eq!(tags[1], "area/transfers");
    assert!(tags.contains(&Value::from("gdpr/art-46")), "{tags:?}");
    let waived: Vec<&Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(
        waived[0]["suppressions"][0]["justification"],
        "Pen test booked with \"Acme & Sons\" <audit> for Q1 2027 (approved by CISO, until 2027-03-31)"
    );
}

#[test]
fn github_format_leaves_out_waived_findings_unless_asked() {
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"))
            .args([
                "check",
                "tests/fixtures/formats",
                "--as-of",
                AS_OF,
                "--format",
                "github",
            ])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let plain = run(&[]);
    assert!(!plain.contains("(waived)"), "{plain}");
    assert!(plain.contains("1 waived"), "{plain}");
    let shown = run(&["--show-waived"]);
    assert_eq!(
        shown.matches("::notice ").count() - plain.matches("::notice ").count(),
        1
    );
    assert!(
        shown.contains("RP021 unresolved-reference (waived)"),
        "{shown}"
    );
}
