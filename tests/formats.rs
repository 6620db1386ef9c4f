//! The output formats of `ropa check` on one register with findings of every kind
//! (tests/fixtures/formats: an error outside any activity, errors in activities, an expired
//! waiver, a waived finding and an unused waiver), each pinned by a snapshot; then the properties
//! the snapshots alone do not show: SARIF validity against the published schema, stable
//! fingerprints, JUnit structure and escaping, GitHub command shape.
//!
//! Other rules added later may add findings to the snapshots; review and accept them.

mod common;
use common::copy_dir;

use std::path::Path;

use chrono::NaiveDate;
use ropa::check::{CheckOptions, check};
use ropa::diagnostics::{
    AppliedWaiver, Diagnostic, Format, Report, Severity, WriteOptions, github, human, json, junit,
    sarif,
};
use ropa::source::Position;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/formats";
const CLEAN: &str = "tests/fixtures/clean";
/// A copy of the OASIS SARIF 2.1.0 JSON schema (errata01), committed so
/// that the test runs on a fresh clone and offline.
const SARIF_SCHEMA: &str = "tests/fixtures/sarif-schema-2.1.0.json";

fn run(path: impl AsRef<Path>) -> Report {
    let path = path.as_ref();
    check(
        path,
        &CheckOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            overrides: Vec::new(),
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e:#}", path.display()))
}

fn fixture() -> Report {
    run(FIXTURE)
}

#[test]
fn fixture_has_every_kind_of_finding() {
    let report = fixture();
    let (errors, warnings, infos) = report.counts();
    assert!(errors > 0, "no error");
    assert!(warnings > 0, "no warning");
    assert!(infos > 0, "no info");
    assert!(report.waived() > 0, "no waived finding");
    for code in ["RP013", "RP021", "RP900", "RP901", "RP902"] {
        assert!(
            report.diagnostics.iter().any(|d| d.code == code),
            "no {code} in the fixture's findings"
        );
    }
}

#[test]
fn human_format() {
    insta::assert_snapshot!("human", human::render(&fixture(), false));
}

#[test]
fn json_format() {
    insta::assert_snapshot!("json", json::render(&fixture()));
}

#[test]
fn sarif_format() {
    let report = fixture();
    let text = sarif::render(&report, ropa::rules::catalogue());
    let mut log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        text,
        format!("{}\n", serde_json::to_string_pretty(&log).unwrap())
    );
    // The rule descriptors repeat every rule's documentation, which other tests pin
    // (`sarif_documents_every_rule_and_indexes_results`); the snapshot keeps only their ids, so
    // that editing a rule's text does not churn it.
    let rules = &mut log["runs"][0]["tool"]["driver"]["rules"];
    let ids: Vec<Value> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            Value::from(format!(
                "{} {}",
                r["id"].as_str().unwrap(),
                r["name"].as_str().unwrap()
            ))
        })
        .collect();
    *rules = Value::Array(ids);
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn github_format() {
    insta::assert_snapshot!("github", github::render(&fixture()));
}

#[test]
fn junit_format() {
    insta::assert_snapshot!("junit", junit::render(&fixture(), Severity::Error));
}

#[test]
fn junit_format_failing_on_warnings() {
    insta::assert_snapshot!(
        "junit_fail_on_warning",
        junit::render(&fixture(), Severity::Warning)
    );
}

#[test]
fn output_is_deterministic() {
    use clap::ValueEnum as _;
    // Files load in parallel; the output must not depend on which finishes first. Every format
    // of `ropa check --format`, from the library's own list.
    let write = |format: Format, report: &Report| {
        let mut out = Vec::new();
        format
            .write(
                report,
                ropa::rules::catalogue(),
                &WriteOptions::default(),
                &mut out,
            )
            .unwrap();
        out
    };
    let first = fixture();
    for _ in 0..5 {
        let again = fixture();
        for &format in Format::value_variants() {
            assert_eq!(write(format, &first), write(format, &again), "{format:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SARIF
// ---------------------------------------------------------------------------------------------

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(SARIF_SCHEMA).expect("the SARIF schema copy exists");
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    // The schema is draft-04 (its `$schema`); every `$ref` in it is local (`#/definitions/...`),
    // so compiling it needs no network (jsonschema is built without its HTTP resolver).
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let validator = sarif_validator();
    let log: Value =
        serde_json::from_str(&sarif::render(&fixture(), ropa::rules::catalogue())).unwrap();
    assert_valid_sarif(&validator, &log);
    let clean: Value =
        serde_json::from_str(&sarif::render(&run(CLEAN), ropa::rules::catalogue())).unwrap();
    assert_valid_sarif(&validator, &clean);
    // Absolute paths are made relative to the root, percent-encoded: never `file://` URIs.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("a register");
    copy_dir(Path::new(FIXTURE), &copy);
    let absolute = sarif::to_value_in(&run(&copy), ropa::rules::catalogue(), dir.path(), None);
    assert_valid_sarif(&validator, &absolute);
    let location = &absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    let uri = location["artifactLocation"]["uri"].as_str().unwrap();
    assert!(uri.starts_with("a%20register/activities/"), "{uri}");
    assert_eq!(location["artifactLocation"]["uriBaseId"], sarif::SRCROOT);
}

/// `--help-uri BASE` links each SARIF rule to its section of the generated reference: the anchor
/// of its heading in src/rules/REFERENCE.md. Without it, no rule has a `helpUri`.
#[test]
fn sarif_help_uri_links_each_rule_to_its_section_of_the_reference() {
    let base = "https://git.example.org/ropa/blob/v0.1.0/src/rules/REFERENCE.md";
    let sarif = |extra: &[&str]| -> Value {
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"))
            .args([
                "check",
                FIXTURE,
                "--as-of",
                "2026-11-25",
                "--format",
                "sarif",
            ])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let log = sarif(&["--help-uri", base]);
    assert_valid_sarif(&sarif_validator(), &log);
    // GitHub's anchor of a heading: lower case, spaces to dashes, other punctuation dropped.
    let reference = std::fs::read_to_string("src/rules/REFERENCE.md").unwrap();
    let anchors: std::collections::HashSet<String> = reference
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|h| {
            h.to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), ropa::rules::catalogue().codes().len());
    for rule in rules {
        let uri = rule["helpUri"].as_str().unwrap();
        let anchor = uri.strip_prefix(&format!("{base}#")).unwrap();
        assert!(anchors.contains(anchor), "{uri}: no such heading");
        assert_eq!(anchor, rule["id"].as_str().unwrap().to_lowercase());
    }
    let plain = sarif(&[]);
    let rules = plain["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().all(|r| r.get("helpUri").is_none()));
    // Not an absolute URL: refused before anything is checked.
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ropa"))
        .args([
            "check",
            FIXTURE,
            "--format",
            "sarif",
            "--help-uri",
            "REFERENCE.md",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "invalid value 'REFERENCE.md' for '--help-uri <URL>': expected an absolute URL"
        ),
        "{stderr}"
    );
}

#[test]
fn sarif_schema_check_catches_an_invalid_log() {
    // Guards against a validator that accepts everything (a schema that failed to load rules).
    let validator = sarif_validator();
    let mut log: Value =
        serde_json::from_str(&sarif::render(&fixture(), ropa::rules::catalogue())).unwrap();
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
}

#[test]
fn sarif_documents_every_rule_and_indexes_results() {
    let log = sarif::to_value(&fixture(), ropa::rules::catalogue());
    let run = &log["runs"][0];
    assert_eq!(log["$schema"], sarif::SCHEMA_URI);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "ropa");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let all = ropa::rules::catalogue().codes();
    assert_eq!(rules.len(), all.len());
    for (descriptor, m) in rules.iter().zip(all) {
        assert_eq!(descriptor["id"], m.code);
        assert_eq!(descriptor["name"], m.name);
        assert_eq!(descriptor["shortDescription"]["text"], m.summary);
        assert_eq!(descriptor["help"]["markdown"], m.documentation());
        assert!(
            !descriptor["fullDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        let level = sarif::level(m.default_severity);
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), fixture().diagnostics.len());
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("tests/fixtures/formats/"), "{uri}");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["kind"], "external");
    let justification = suppressed[0]["suppressions"][0]["justification"]
        .as_str()
        .unwrap();
    assert!(justification.contains("CISO") && justification.contains("2027-03-31"));
    assert!(results.iter().any(|r| r["level"] == "note"));
}

#[test]
fn sarif_fingerprints_survive_edits_above_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path());
    let fingerprints = |report: &Report| -> Vec<(String, String, u64)> {
        let log = sarif::to_value(report, ropa::rules::catalogue());
        let mut v: Vec<(String, String, u64)> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["ropa/v2"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = fingerprints(&run(dir.path()));
    let activity = dir.path().join("activities/customer-accounts.yaml");
    let text = std::fs::read_to_string(&activity).unwrap();
    std::fs::write(&activity, format!("# A comment\n# added above\n{text}")).unwrap();
    let after = fingerprints(&run(dir.path()));
    assert_eq!(before.len(), after.len());
    let lines_moved = before.iter().zip(&after).any(|(b, a)| b.2 != a.2);
    assert!(lines_moved, "the edit should move findings");
    let ids = |v: &[(String, String, u64)]| {
        let mut ids: Vec<(String, String)> =
            v.iter().map(|(c, f, _)| (c.clone(), f.clone())).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&before), ids(&after));
    // Distinct findings have distinct fingerprints.
    let mut unique: Vec<&String> = before.iter().map(|(_, f, _)| f).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len());
}

// ---------------------------------------------------------------------------------------------
// JUnit
// ---------------------------------------------------------------------------------------------

/// The catalogue entry of RP021, found by name.
fn unresolved_reference() -> &'static ropa::catalogue::Code {
    ropa::rules::catalogue()
        .find("unresolved-reference")
        .expect("RP021 is catalogued")
}

fn hostile_report() -> Report {
    let mut waived = Diagnostic::new(unresolved_reference(), "waived <b>")
        .at_position(
            std::path::Path::new("regs/a&b/activities/x.yaml"),
            Position::new(3, 1),
        )
        .activity("x");
    waived.waiver = Some(std::sync::Arc::new(AppliedWaiver {
        reason: "because \"reasons\" & <more>".into(),
        approved_by: "O'Brien".into(),
        expires: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
    }));
    Report {
        diagnostics: vec![
            Diagnostic::new(
                unresolved_reference(),
                "vendor `<&\"'>` does not exist\u{7}",
            )
            .at_position(
                std::path::Path::new("regs/a&b/activities/x.yaml"),
                Position::new(2, 5),
            )
            .activity("x"),
            waived,
        ],
        registers: vec!["regs/a&b".into()],
        activities: vec![
            (
                "regs/a&b".into(),
                "x".into(),
                "regs/a&b/activities/x.yaml".into(),
            ),
            (
                "regs/a&b".into(),
                "y<z".into(),
                "regs/a&b/activities/y.yaml".into(),
            ),
        ],
        ..Report::default()
    }
}

#[test]
fn junit_escapes_hostile_text() {
    let xml = junit::render(&hostile_report(), Severity::Error);
    assert!(
        xml.contains("vendor `&lt;&amp;&quot;&apos;&gt;` does not exist\\u{7}"),
        "{xml}"
    );
    assert!(xml.contains("classname=\"regs/a&amp;b\""), "{xml}");
    assert!(xml.contains("name=\"y&lt;z\""), "{xml}");
    assert!(
        xml.contains("because &quot;reasons&quot; &amp; &lt;more&gt; (approved by O&apos;Brien"),
        "{xml}"
    );
    assert!(!xml.contains("<&"));
    assert!(!xml.contains("<b>"));
    assert!(!xml.contains('\u{7}'));
    assert_well_formed(&xml);
}

#[test]
fn junit_structure_and_counts() {
    let report = fixture();
    let xml = junit::render(&report, Severity::Error);
    assert_well_formed(&xml);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    // One suite, two activities and ropa.yaml, which has a finding outside any activity.
    assert_eq!(xml.matches("<testsuite ").count(), 1);
    assert_eq!(xml.matches("<testcase ").count(), 3);
    assert_eq!(xml.matches("<failure ").count(), 3);
    assert!(xml.contains(
        "<testsuites name=\"ropa\" tests=\"3\" failures=\"3\" errors=\"0\" skipped=\"0\">"
    ));
    assert!(xml.contains("name=\"ropa.yaml\""));
    assert!(xml.contains("name=\"customer-accounts\""));
    assert!(xml.contains("name=\"newsletters\""));
    // The waived finding and the info never fail a test case; they are listed as output.
    assert!(xml.contains("<system-out>"));

    let clean = junit::render(&run(CLEAN), Severity::Error);
    assert_well_formed(&clean);
    assert_eq!(clean.matches("<testcase ").count(), 1);
    assert!(!clean.contains("<failure"));
    assert!(clean.contains("tests=\"1\" failures=\"0\""));
}

/// A minimal well-formedness check: tags balance, and `&` only starts a known entity or a
/// character reference.
fn assert_well_formed(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        check_entities(&rest[..start]);
        let end = rest[start..].find('>').expect("tag closes") + start;
        let tag = &rest[start + 1..end];
        check_entities(tag);
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "unbalanced </{name}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap().to_string();
            stack.push(name);
        }
        // Attribute values hold no raw `<` or `"` inside: every quote pairs up.
        assert_eq!(tag.matches('"').count() % 2, 0, "odd quotes in <{tag}>");
        rest = &rest[end + 1..];
    }
    check_entities(rest);
    assert!(stack.is_empty(), "unclosed {stack:?}");
}

fn check_entities(text: &str) {
    assert!(!text.contains('>'), "raw > in {text:?}");
    for (i, _) in text.match_indices('&') {
        let after = &text[i..];
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#"]
            .iter()
            .any(|e| after.starts_with(e));
        assert!(ok, "bare & in {text:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// GitHub
// ---------------------------------------------------------------------------------------------

#[test]
fn github_commands_then_a_plain_summary() {
    let report = fixture();
    let out = github::render(&report);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), report.diagnostics.len() + 1);
    let (summary, commands) = lines.split_last().unwrap();
    for line in commands {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(line.contains(",line=") && line.contains(",col=") && line.contains(",title=RP"));
    }
    assert!(!summary.starts_with("::"), "{summary}");
    assert!(summary.starts_with("ropa: "), "{summary}");
    // The waived finding is a notice that says so.
    assert!(
        commands
            .iter()
            .any(|l| l.starts_with("::notice") && l.contains("::waived: "))
    );
}

#[test]
fn github_escapes_hostile_text() {
    let out = github::render(&hostile_report());
    let first = out.lines().next().unwrap();
    // `&` needs no escaping; a BEL is shown escaped, as in the human format, so that the log
    // of a CI job cannot be driven by register text.
    assert_eq!(
        first,
        "::error file=regs/a&b/activities/x.yaml,line=2,col=5,title=RP021 unresolved-reference::vendor `<&\"'>` does not exist\\u{7}"
    );
    let mut report = hostile_report();
    report.diagnostics[0].message = "50%\r\nnext: line, and more".into();
    report.diagnostics[0].file = Some(std::path::Path::new("a,b:c.yaml").into());
    let first = github::render(&report).lines().next().unwrap().to_string();
    assert_eq!(
        first,
        "::error file=a%2Cb%3Ac.yaml,line=2,col=5,title=RP021 unresolved-reference::50%25%0D%0Anext: line, and more"
    );
}
