//! The findings on the three example registers are pinned: each is a real gap of its seed
//! document, either shown as a warning or waived with its reason.

use std::path::Path;

use chrono::NaiveDate;
use ropa::check::{CheckOptions, check};
use ropa::diagnostics::{Report, Severity, human};

fn run(name: &str) -> Report {
    check(
        &Path::new("registers").join(name),
        &CheckOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            overrides: Vec::new(),
        },
    )
    .unwrap()
}

#[test]
fn examples_pass_the_check() {
    for name in ["zerosix", "octopush", "zetapush"] {
        let report = run(name);
        assert!(
            !report.fails(Severity::Error),
            "{name} has unwaived errors:\n{}",
            human::render(&report, false)
        );
        assert!(!report.activities.is_empty());
    }
}

#[test]
fn zerosix_undeclared_analytics_tool_is_found() {
    let report = run("zerosix");
    let found = report
        .diagnostics
        .iter()
        .find(|d| d.code == "RP602")
        .expect("RP602 on Google Analytics");
    assert!(
        found.message.contains("Google Analytics"),
        "{}",
        found.message
    );
    assert_eq!(found.pointer.as_deref(), Some("/data_categories/2/tools/0"));
    assert_eq!(found.severity, Severity::Error);
    let waiver = found
        .waiver
        .as_ref()
        .expect("kept visible through a waiver");
    assert!(waiver.reason.contains("Google Analytics"));
}

#[test]
fn zerosix_us_transfer_safeguard_is_named_without_its_version() {
    let report = run("zerosix");
    let scc = report
        .diagnostics
        .iter()
        .find(|d| d.code == "RP503")
        .expect("RP503 on the AWS clauses");
    assert!(scc.message.contains("United States"), "{}", scc.message);
    assert_eq!(scc.severity, Severity::Warning);
    // The unstated SCC version is a warning, not a missing safeguard.
    assert!(!report.diagnostics.iter().any(|d| d.code == "RP501"));
}

#[test]
fn findings_are_pinned() {
    for name in ["zerosix", "octopush", "zetapush"] {
        insta::assert_snapshot!(format!("findings-{name}"), human::render(&run(name), false));
    }
}
