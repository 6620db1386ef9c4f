//! Every rule has a register that fails it and one that passes it, under
//! tests/fixtures/rules/<CODE>-<name>/{fail,pass}; the findings on `fail` are pinned by a snapshot.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ropa::check::{CheckOptions, check};
use ropa::diagnostics::{Report, human};

/// Rules whose failing input cannot be committed as a file; each is tested elsewhere.
const TESTED_ELSEWHERE: &[(&str, &str)] = &[
    (
        "RP005",
        "tests/yaml_inputs.rs builds an over-size input with a small limit",
    ),
    ("RP012", "tests/cli.rs makes a file unreadable at run time"),
    (
        "RP802",
        "the fixtures' check date is fixed; src/rules/reviews/legal_data_outdated.rs moves it",
    ),
];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn run(path: &Path) -> Report {
    check(
        path,
        &CheckOptions {
            as_of: as_of(),
            overrides: Vec::new(),
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e:#}", path.display()))
}

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/rules")
        .expect("tests/fixtures/rules exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_rule_has_fixtures() {
    let dirs = fixture_dirs();
    for m in ropa::rules::catalogue().codes() {
        if TESTED_ELSEWHERE.iter().any(|(c, _)| *c == m.code) {
            continue;
        }
        let expected = format!("{}-{}", m.code, m.name);
        assert!(
            dirs.iter()
                .any(|d| d.file_name().unwrap() == expected.as_str()),
            "rule {} has no fixture folder tests/fixtures/rules/{expected}",
            m.code
        );
    }
}

#[test]
fn fixtures_fail_and_pass() {
    for dir in fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let code = &name[..5];
        let fail = run(&dir.join("fail"));
        assert!(
            fail.diagnostics
                .iter()
                .any(|d| d.code == code && d.waiver.is_none()),
            "{name}/fail does not trigger {code}:\n{}",
            human::render(&fail, false)
        );
        let pass = run(&dir.join("pass"));
        assert!(
            !pass.diagnostics.iter().any(|d| d.code == code),
            "{name}/pass triggers {code}:\n{}",
            human::render(&pass, false)
        );
        let findings: Report = Report {
            diagnostics: fail
                .diagnostics
                .iter()
                .filter(|d| d.code == code)
                .cloned()
                .collect(),
            ..fail.clone()
        };
        insta::assert_snapshot!(name.clone(), human::render(&findings, false));
    }
}
