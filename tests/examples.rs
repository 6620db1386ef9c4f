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

/// Every waiver of an example relies on its source document and quotes the passage it relies on
/// (each quote checked by hand against the seed), so a reader can find it: a reason that only
/// paraphrases or asserts a gap fails here.
#[test]
fn every_example_waiver_quotes_its_source() {
    let mut waivers = 0;
    for name in ["zerosix", "octopush", "zetapush"] {
        let register = ropa::load::load_register(&Path::new("registers").join(name)).unwrap();
        for a in register.activities.iter().map(|a| &a.item) {
            for w in &a.waivers {
                assert!(
                    quotes_a_passage(&w.reason),
                    "{name} {}: the {} waiver quotes no passage of its source: {}",
                    a.id,
                    w.rule,
                    w.reason
                );
                waivers += 1;
            }
        }
    }
    assert!(
        waivers >= 20,
        "only {waivers} waivers: the test checks little"
    );
}

/// Whether `text` holds a passage of at least three words between quotation marks ("…", “…”
/// or « … »).
fn quotes_a_passage(text: &str) -> bool {
    [('"', '"'), ('\u{201c}', '\u{201d}'), ('\u{ab}', '\u{bb}')]
        .into_iter()
        .any(|(open, close)| {
            let mut rest = text;
            while let Some(start) = rest.find(open) {
                let after = &rest[start + open.len_utf8()..];
                let Some(end) = after.find(close) else {
                    return false;
                };
                if after[..end].split_whitespace().count() >= 3 {
                    return true;
                }
                rest = &after[end + close.len_utf8()..];
            }
            false
        })
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

/// The text under the Markdown heading whose title is `title`, at any level, up to the next
/// heading; `None` when the document has no such heading.
fn under<'a>(text: &'a str, title: &str) -> Option<&'a str> {
    let start = text.match_indices('\n').map(|(i, _)| i + 1).find(|&i| {
        let line = text[i..].lines().next().unwrap_or("");
        line.starts_with('#') && line.trim_start_matches('#').trim() == title
    })?;
    let body = &text[start..];
    let body = &body[body.find('\n').map_or(body.len(), |n| n + 1)..];
    Some(&body[..body.find("\n#").unwrap_or(body.len())])
}

/// On every example register, in both languages, each sheet prints exactly "Not stated" under
/// the DPO, recipients, retention, processors and transfers headings where the register neither
/// lists them nor states that there are none; where it states none, the statement.
#[test]
fn every_example_sheet_says_not_stated_where_the_register_is_silent() {
    use ropa::model::Language;
    use ropa::render::{self, Document, Format, RenderOptions};
    let mut checked = 0;
    for name in ["zerosix", "octopush", "zetapush"] {
        let register = ropa::load::load_register(&Path::new("registers").join(name)).unwrap();
        let config = &register.config.item;
        for lang in [Language::En, Language::Fr] {
            let t = render::translations(lang, None).unwrap();
            let opts = RenderOptions {
                format: Format::Md,
                lang,
                as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                version: "test".into(),
                templates_dir: None,
                draft_errors: 0,
            };
            for a in register.activities.iter().map(|a| &a.item) {
                let sheet =
                    render::render(Document::Sheet, &register, Some(&a.id), None, &opts).unwrap();
                // The sub-processors table, when the activity has any.
                let table = under(&sheet, &t["subprocessors_and_transfers"])
                    .is_some_and(|b| b.contains('|'));
                for (key, silent) in [
                    ("dpo", config.dpo.is_none() && config.no_dpo.is_none()),
                    (
                        "recipients",
                        a.recipients.is_empty() && a.recipients_statement.is_none(),
                    ),
                    (
                        "retention",
                        a.retention.is_empty() && a.retention_statement.is_none(),
                    ),
                    (
                        "subprocessors_and_transfers",
                        !table && a.processors_statement.is_none(),
                    ),
                    (
                        "transfers",
                        a.transfers.is_empty() && a.transfers_statement.is_none(),
                    ),
                ] {
                    let body = under(&sheet, &t[key])
                        .unwrap_or_else(|| panic!("{name} {}: no heading {key}", a.id));
                    if silent {
                        // Its first paragraph (a former CIL may follow the DPO's).
                        assert_eq!(
                            body.trim().split("\n\n").next().unwrap(),
                            t["not_stated"],
                            "{name} {} {lang:?}: {key}",
                            a.id
                        );
                        checked += 1;
                    } else {
                        let first = body.trim().split("\n\n").next().unwrap();
                        assert_ne!(first, t["none"], "{name} {} {key}", a.id);
                        assert_ne!(first, t["not_stated"], "{name} {} {key}", a.id);
                    }
                }
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} silent fields: the test checks nothing"
    );
}
