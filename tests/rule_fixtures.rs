//! Every rule has a register that fails it and one that passes it, under
//! tests/fixtures/rules/<CODE>-<name>/{fail,pass}; the findings on `fail` are pinned by a snapshot
//! in the JSON format (so that a change of the human format does not touch them). A fixture
//! without its own `ropa.yaml` is checked with the shared tests/fixtures/rules/ropa.yaml, and
//! one without an `as-of` file (a date) on the shared check date.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;

use chrono::NaiveDate;
use ropa::check::{CheckOptions, check};
use ropa::diagnostics::{Report, human, json};

const FIXTURES: &str = "tests/fixtures/rules";

/// Rules whose failing input cannot be committed as a file; each is tested elsewhere.
const TESTED_ELSEWHERE: &[(&str, &str)] = &[
    (
        "RP005",
        "tests/yaml_inputs.rs builds an over-size input with a small limit",
    ),
    ("RP012", "tests/cli.rs makes a file unreadable at run time"),
];

/// The check date of the fixture in `dir`: the date written in its `as-of` file (a rule about
/// the check date itself, RP802, needs a later one), else the date shared by every fixture.
fn as_of(dir: &Path) -> NaiveDate {
    match std::fs::read_to_string(dir.join("as-of")) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{}/as-of: {e}", dir.display())),
        Err(_) => NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    }
}

/// A fixture register ready to check: the folder itself when it has its own `ropa.yaml`, else
/// a copy of it with the shared default one.
struct Fixture {
    /// The folder in the repository, as findings should name it.
    dir: PathBuf,
    /// The copy with the default `ropa.yaml`, if one was needed.
    copy: Option<tempfile::TempDir>,
}

impl Fixture {
    fn new(dir: &Path) -> Self {
        Fixture {
            dir: dir.to_path_buf(),
            copy: common::with_default_settings(dir),
        }
    }

    /// Where the register to check is.
    fn path(&self) -> &Path {
        self.copy.as_ref().map_or(self.dir.as_path(), |c| c.path())
    }

    fn check(&self) -> Report {
        check(
            self.path(),
            &CheckOptions {
                as_of: as_of(&self.dir),
                overrides: Vec::new(),
            },
        )
        .unwrap_or_else(|e| panic!("{}: {e:#}", self.dir.display()))
    }

    /// Text of a report with the copy's folder named as the fixture's.
    fn in_repository(&self, text: String) -> String {
        match &self.copy {
            Some(copy) => text.replace(
                &copy.path().display().to_string(),
                &self.dir.display().to_string(),
            ),
            None => text,
        }
    }
}

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .expect("tests/fixtures/rules exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn tested_elsewhere(code: &str) -> bool {
    TESTED_ELSEWHERE.iter().any(|(c, _)| *c == code)
}

#[test]
fn every_rule_has_fixtures() {
    let dirs = fixture_dirs();
    for m in ropa::rules::catalogue().codes() {
        if tested_elsewhere(m.code) {
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
        let fail = Fixture::new(&dir.join("fail"));
        let report = fail.check();
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.code == code && d.waiver.is_none()),
            "{name}/fail does not trigger {code}:\n{}",
            human::render(&report, false)
        );
        let pass = Fixture::new(&dir.join("pass")).check();
        assert!(
            !pass.diagnostics.iter().any(|d| d.code == code),
            "{name}/pass triggers {code}:\n{}",
            human::render(&pass, false)
        );
        let findings: Report = Report {
            diagnostics: report
                .diagnostics
                .iter()
                .filter(|d| d.code == code)
                .cloned()
                .collect(),
            ..report.clone()
        };
        insta::assert_snapshot!(name.clone(), fail.in_repository(json::render(&findings)));
    }
}

/// What the stages really emit against the catalogue: every code that a fixture run reports is
/// the catalogue's entry (not a look-alike that no listing shows, with another name or text), and
/// every entry
/// of the catalogue, loading codes included, is reported by some fixture (or is tested elsewhere,
/// as listed above).
#[test]
fn the_catalogue_is_what_the_stages_emit() {
    let catalogue = ropa::rules::catalogue();
    let mut emitted = BTreeSet::new();
    for dir in fixture_dirs() {
        for side in ["fail", "pass"] {
            for d in Fixture::new(&dir.join(side)).check().diagnostics {
                assert!(
                    catalogue.find(d.code.code) == Some(d.code),
                    "{}/{side} reports {} ({}), which is not the catalogue's entry",
                    dir.display(),
                    d.code.code,
                    d.code.name
                );
                emitted.insert(d.code.code);
            }
        }
    }
    let never: Vec<&str> = catalogue
        .codes()
        .iter()
        .map(|c| c.code)
        .filter(|c| !emitted.contains(c) && !tested_elsewhere(c))
        .collect();
    assert!(
        never.is_empty(),
        "catalogue codes no fixture reports: {never:?}"
    );
}

/// A rule file that no area registers would never run, and nothing else would notice: every
/// `declare_rule!` under src/rules/<area>/ must be in the catalogue, one rule per file.
#[test]
fn every_rule_file_is_registered() {
    let catalogue = ropa::rules::catalogue();
    let mut files = 0;
    for area in std::fs::read_dir("src/rules").unwrap() {
        let area = area.unwrap().path();
        if !area.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&area).unwrap() {
            let file = file.unwrap().path();
            if !file.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let declared = text.matches("declare_rule!").count();
            let stem = file.file_stem().unwrap().to_string_lossy();
            if matches!(stem.as_ref(), "mod" | "tests") {
                assert_eq!(declared, 0, "{}: rules go one per file", file.display());
                continue;
            }
            files += 1;
            assert_eq!(declared, 1, "{}: one rule per file", file.display());
            // The code is a literal of `declare_rule!`, or, for a rule whose entry the catalogue
            // declares (`pub struct Name = crate::catalogue::…;`), the one its `//!` line names.
            let code = text
                .split("code: \"")
                .nth(1)
                .or_else(|| {
                    text.contains("= crate::catalogue::")
                        .then(|| text.split("//! ").nth(1))?
                })
                .and_then(|rest| rest.get(..5))
                .filter(|code| code.starts_with("RP"))
                .unwrap_or_else(|| panic!("{}: no `code: \"RP…\"`", file.display()));
            assert!(
                catalogue.find(code).is_some(),
                "{} declares {code}, which its area's `RULES` does not list",
                file.display()
            );
        }
    }
    // One file per registered rule: the catalogue holds the stages' codes and the rules'.
    let rules = catalogue.codes().len() - ropa::catalogue::stage_codes().count();
    assert_eq!(
        files, rules,
        "rule files under src/rules against registered rules"
    );
}
