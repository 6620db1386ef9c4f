//! Documents say only what the register says: "not stated" for what it does not hold, "none"
//! only where it states that there is none (`no_dpo`, `no_representative`,
//! `recipients_statement`, `transfers_statement`, `processors_statement`...), in every document,
//! language and format. Also: what the register holds is printed (commitments, notes, a former
//! CIL), Annex I.B lists only what each transfer declares, and `ropa render` marks a register
//! with errors as a draft and refuses `--final` for it.
//!
//! The "none" and "not stated" words are recognised by laying a translation table over the
//! built-in one that replaces them with markers, so that register text saying "None" (a quoted
//! source) cannot make the test pass or fail.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use ropa::load::load_register;
use ropa::model::{Language, Register};
use ropa::render::{self, Document, Format, RenderOptions};

const NONE: &str = "QQNONEQQ";
const NOT_STATED: &str = "QQNOTSTATEDQQ";
const NO_SUB: &str = "QQNOSUBPROCESSORQQ";
const SUB_NOT_STATED: &str = "QQSUBPROCESSORSNOTSTATEDQQ";
const NOT_APPLICABLE: &str = "QQNOTAPPLICABLEQQ";
const FORMER_CIL: &str = "QQFORMERCILQQ";

/// A templates folder holding only translation tables with the markers.
fn marker_templates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    let table = serde_json::json!({
        "none": NONE,
        "not_stated": NOT_STATED,
        "no_subprocessors": NO_SUB,
        "subprocessors_not_stated": SUB_NOT_STATED,
        "not_applicable": NOT_APPLICABLE,
        "former_cil": FORMER_CIL,
    });
    for lang in ["en", "fr"] {
        std::fs::write(
            dir.path().join(format!("i18n/{lang}.json")),
            table.to_string(),
        )
        .unwrap();
    }
    dir
}

fn opts(format: Format, lang: Language, templates: &Path) -> RenderOptions {
    RenderOptions {
        format,
        lang,
        as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        version: "test".to_string(),
        templates_dir: Some(templates.to_path_buf()),
        draft_errors: 0,
    }
}

/// Every document of `register` in every language and format: (what, text).
fn every_document(register: &Register, templates: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in [Language::En, Language::Fr] {
        for format in [Format::Md, Format::Html] {
            let o = opts(format, lang, templates);
            for document in Document::ALL {
                let activities: Vec<Option<String>> = if document.per_activity() {
                    render::eligible_activities(document, register, None)
                        .iter()
                        .map(|a| Some(a.id.clone()))
                        .collect()
                } else {
                    vec![None]
                };
                for id in activities {
                    let text = render::render(document, register, id.as_deref(), None, &o)
                        .unwrap_or_else(|e| panic!("{}: {e:#}", document.name()));
                    out.push((
                        format!("{} {id:?} {lang:?} {format:?}", document.name()),
                        text,
                    ));
                }
            }
        }
    }
    out
}

/// Write a register: `ropa.yaml` and `activities/<id>.yaml` files, and `vendors.yaml` when given.
fn register(config: &str, activities: &[(&str, &str)], vendors: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("activities")).unwrap();
    std::fs::write(dir.path().join("ropa.yaml"), config).unwrap();
    for (id, text) in activities {
        std::fs::write(dir.path().join(format!("activities/{id}.yaml")), text).unwrap();
    }
    if let Some(v) = vendors {
        std::fs::write(dir.path().join("vendors.yaml"), v).unwrap();
    }
    dir
}

fn load(dir: &Path) -> Register {
    load_register(dir).unwrap_or_else(|d| panic!("does not load: {d:#?}"))
}

/// A register that states almost nothing: no DPO, no representative, no country, purposes
/// without a basis, no recipients, retention, transfers or processors.
fn everything_absent() -> tempfile::TempDir {
    register(
        "organisation:\n  name: Quiet SAS\n",
        &[
            (
                "ctrl",
                "id: ctrl\nname: Controller activity\nrole: controller\ncreated: 2026-01-01\nupdated: 2026-01-01\npurposes:\n  - description: Serve customers\n",
            ),
            (
                "proc",
                "id: proc\nname: Processor activity\nrole: processor\ncreated: 2026-01-01\nupdated: 2026-01-01\ntransfers:\n  - description: Support from abroad\n",
            ),
        ],
        None,
    )
}

/// The same register, stating "none" wherever the model lets it.
fn everything_stated_as_none() -> tempfile::TempDir {
    let statements = "recipients_statement: Nobody receives the data.\ntransfers_statement: The data stays in France.\nprocessors_statement: Processed in-house only.\nretention_statement: Nothing is stored.\nspecial_categories_statement: No special category is processed.\n";
    register(
        "organisation:\n  name: Plain SAS\nno_dpo: Not required, no core activity of Art. 37(1).\nno_representative: Not required.\n",
        &[
            (
                "ctrl",
                &format!(
                    "id: ctrl\nname: Controller activity\nrole: controller\ncreated: 2026-01-01\nupdated: 2026-01-01\npurposes:\n  - description: Serve customers\n    legal_basis: contract\n{statements}"
                ),
            ),
            (
                "proc",
                &format!(
                    "id: proc\nname: Processor activity\nrole: processor\ncreated: 2026-01-01\nupdated: 2026-01-01\n{statements}"
                ),
            ),
        ],
        None,
    )
}

#[test]
fn absent_data_is_not_stated_and_never_none_in_any_document() {
    let dir = everything_absent();
    let templates = marker_templates();
    let register = load(dir.path());
    for (what, text) in every_document(&register, templates.path()) {
        assert!(!text.contains(NONE), "{what} says none:\n{text}");
        assert!(
            !text.contains(NO_SUB),
            "{what} says no sub-processor:\n{text}"
        );
        assert!(
            text.contains(NOT_STATED) || text.contains(SUB_NOT_STATED),
            "{what} never says not stated:\n{text}"
        );
    }
    // The DPO and the representative of an organisation whose country is not stated.
    let o = opts(Format::Md, Language::En, templates.path());
    let sheet = render::render(Document::Sheet, &register, Some("ctrl"), None, &o).unwrap();
    let dpo = section(&sheet, "## Data protection officer");
    assert_eq!(dpo.trim(), NOT_STATED, "{sheet}");
    let representative = section(&sheet, "## Representative in the Union");
    assert_eq!(representative.trim(), NOT_STATED, "{sheet}");
    // A purpose without a basis says so.
    assert!(
        sheet.contains(&format!("- Serve customers — legal basis: {NOT_STATED}")),
        "{sheet}"
    );
    // The public list does not claim there is no sub-processor.
    let list = render::render(Document::Subprocessors, &register, None, None, &o).unwrap();
    assert!(list.contains(SUB_NOT_STATED), "{list}");
}

#[test]
fn none_is_printed_only_with_the_register_statement() {
    let dir = everything_stated_as_none();
    let templates = marker_templates();
    let register = load(dir.path());
    for (what, text) in every_document(&register, templates.path()) {
        if what.starts_with("sheet") || what.starts_with("register") {
            for statement in [
                "Not required, no core activity of Art. 37(1).",
                "Nobody receives the data.",
                "The data stays in France.",
                "Processed in-house only.",
                "Nothing is stored.",
                "No special category is processed.",
            ] {
                assert!(
                    text.contains(statement),
                    "{what} lacks {statement:?}:\n{text}"
                );
            }
            assert!(
                text.contains(&format!("{NONE} — Not required, no core activity")),
                "{what}:\n{text}"
            );
            assert!(
                text.contains(&format!("{NONE} — Nobody receives")),
                "{what}"
            );
            assert!(text.contains(&format!("{NONE} — The data stays")), "{what}");
            assert!(
                text.contains(&format!("{NONE} — Processed in-house")),
                "{what}"
            );
        }
        if what.starts_with("subprocessors") {
            assert!(text.contains(NO_SUB), "{what}:\n{text}");
            assert!(!text.contains(SUB_NOT_STATED), "{what}");
        }
        if what.starts_with("annex") {
            assert!(
                text.contains(&format!("{NO_SUB} Processed in-house only.")),
                "{what}:\n{text}"
            );
        }
    }
}

#[test]
fn the_example_registers_never_say_none_without_a_statement() {
    let templates = marker_templates();
    for example in [
        "registers/zerosix",
        "registers/octopush",
        "registers/zetapush",
    ] {
        let register = load(Path::new(example));
        for (what, text) in every_document(&register, templates.path()) {
            assert!(!text.contains(NONE), "{example} {what} says none:\n{text}");
            assert!(
                !text.contains(NO_SUB),
                "{example} {what} says no sub-processor"
            );
        }
    }
    // Octopush records sub-processors it does not name: its public list says it does not name
    // them, not that there are none.
    let octopush = load(Path::new("registers/octopush"));
    for lang in [Language::En, Language::Fr] {
        let list = render::render(
            Document::Subprocessors,
            &octopush,
            None,
            None,
            &opts(Format::Md, lang, templates.path()),
        )
        .unwrap();
        assert!(list.contains(SUB_NOT_STATED), "{list}");
    }
}

/// The text under a Markdown heading, up to the next heading.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?} in:\n{text}"))
        + heading.len()
        + 1;
    let rest = &text[start..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    &rest[..end]
}

fn with_commitments_and_notes() -> tempfile::TempDir {
    register(
        "organisation:\n  name: Host SAS\n  country: FR\n  notes: Organisation remark kept in the binder.\nformer_cil:\n  name: Jean Dupont\n  designated: 2012-03-01\n",
        &[(
            "hosting",
            "id: hosting\nname: Hosting\nrole: processor\ncreated: 2026-01-01\nupdated: 2026-01-01\ncontrollers:\n  - name: Customer\ndata_subjects:\n  - id: users\n    name: End users\n  - id: staff\n    name: Customer staff\ndata_categories:\n  - id: contact\n    name: Contact details\n  - id: logs\n    name: Connection logs\n  - id: health\n    name: Health records\n    special_category: health\nrecipients:\n  - kind: vendor\n    vendor: cloud\ntransfers:\n  - country: US\n    vendor: cloud\n    mechanism: scc_2021_914\n    scc_module: three\n    data_categories: [logs]\n    data_subjects: [staff]\n    purposes: [Remote support]\n    retention: Thirty days\n  - country: IN\n    importer: Support desk\n    mechanism: scc_2021_914\n  - country: JP\n    importer: Clinic partner\n    mechanism: adequacy_decision\n    data_categories: [health, logs]\nprocessing_agreement:\n  breach_notification: PT24H\n  breach_notification_text: Notified as soon as known.\n  commitments:\n    - Forward every data-subject request within two days.\n    - Notify a breach as soon as known.\nnotes: Activity remark about the hosting.\n",
        )],
        Some(
            "vendors:\n  - id: cloud\n    name: Cloud Inc\n    role: sub_processor\n    service: Support\n    locations:\n      - country: US\n    notes: Vendor remark about the contract.\n",
        ),
    )
}

#[test]
fn commitments_and_notes_reach_the_annex_and_the_sheet() {
    let dir = with_commitments_and_notes();
    let register = load(dir.path());
    let templates = marker_templates();
    for lang in [Language::En, Language::Fr] {
        for format in [Format::Md, Format::Html] {
            let o = opts(format, lang, templates.path());
            for document in [Document::Annex, Document::Sheet, Document::Register] {
                let text = render::render(document, &register, Some("hosting"), None, &o)
                    .or_else(|_| render::render(document, &register, None, None, &o))
                    .unwrap();
                for expected in [
                    "Forward every data-subject request within two days.",
                    "Notify a breach as soon as known.",
                    "Notified as soon as known.",
                    "Activity remark about the hosting.",
                    "Vendor remark about the contract.",
                ] {
                    assert!(
                        text.contains(expected),
                        "{} {lang:?} {format:?} lacks {expected:?}:\n{text}",
                        document.name()
                    );
                }
                if document != Document::Annex {
                    assert!(text.contains("Organisation remark kept in the binder."));
                    // The CIL is printed as such, under its own label, and the DPO the
                    // register does not name stays "not stated" just before it.
                    let cil = text.find(FORMER_CIL).unwrap_or_else(|| panic!("{text}"));
                    assert!(
                        text[cil..].find("Jean Dupont").is_some_and(|at| at < 80),
                        "{text}"
                    );
                    assert!(
                        text[..cil]
                            .rfind(NOT_STATED)
                            .is_some_and(|at| cil - at < 120),
                        "{text}"
                    );
                    // Established in France: Art. 27 does not apply.
                    assert!(text.contains(NOT_APPLICABLE), "{text}");
                }
            }
        }
    }
}

#[test]
fn annex_one_b_lists_only_what_each_transfer_declares() {
    let dir = with_commitments_and_notes();
    let register = load(dir.path());
    let templates = marker_templates();
    for (lang, subjects, data, sensitive_heading) in [
        (
            Language::En,
            "Categories of data subjects whose personal data is transferred",
            "Categories of personal data transferred",
            "Sensitive data transferred",
        ),
        (
            Language::Fr,
            "Catégories de personnes concernées dont les données à caractère personnel sont transférées",
            "Catégories de données à caractère personnel transférées",
            "Données sensibles transférées",
        ),
    ] {
        let o = opts(Format::Md, lang, templates.path());
        let annex = render::render(Document::Annex, &register, None, None, &o).unwrap();
        let i_b = &annex[annex.find("### ").unwrap()..];
        let transfer = if lang == Language::En {
            "Transfer"
        } else {
            "Transfert"
        };
        let i_b = &i_b[i_b
            .find(&format!("{transfer} 1"))
            .unwrap_or_else(|| panic!("{annex}"))..];
        assert!(
            i_b.contains(&format!("| {subjects} | Customer staff |")),
            "{i_b}"
        );
        assert!(
            i_b.contains(&format!("| {data} | Connection logs |")),
            "{i_b}"
        );
        assert!(
            !i_b.contains("End users") && !i_b.contains("Contact details"),
            "{i_b}"
        );
        assert!(
            i_b.contains("Remote support") && i_b.contains("Thirty days"),
            "{i_b}"
        );
        // Sensitive data: "None" derived where every declared category is known and none is
        // special; "Not stated" where the transfer declares no category; listed where some is.
        let sensitive = |n: usize| {
            let row = annex
                .split("\n### ")
                .filter(|block| block.starts_with(&format!("{transfer} {n}")))
                .find_map(|block| block.lines().find(|l| l.contains(sensitive_heading)))
                .unwrap_or_else(|| panic!("transfer {n}:\n{annex}"));
            row.rsplit('|').nth(1).unwrap().trim().to_string()
        };
        insta::assert_snapshot!(format!("annex_one_b_{}", transfer.to_lowercase()), i_b);
        assert_eq!(sensitive(1), NONE, "declares only connection logs");
        assert_eq!(sensitive(2), NOT_STATED, "declares no category");
        assert_eq!(sensitive(3), "Health records", "declares health records");
    }
}

/// The start of the draft banner, by language.
const BANNERS: [(&str, &str); 2] = [
    ("en", "Draft — the check finds"),
    ("fr", "Projet — la vérification relève"),
];

fn ropa() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("ropa").unwrap()
}

/// The standard output of a `ropa` run that must succeed.
fn stdout_ok(args: &[&str]) -> String {
    let out = ropa().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// `ropa render register ROOT --final` is refused, with the reason and nothing printed.
fn assert_final_refused(root: &str) {
    let out = ropa()
        .args([
            "render",
            "register",
            root,
            "--as-of",
            "2026-11-25",
            "--final",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("--final refused: the check finds"),
        "{stderr}"
    );
}

#[test]
fn a_register_with_errors_renders_as_a_draft_and_refuses_final() {
    let dir = everything_absent();
    let root = dir.path().to_str().unwrap();
    for (lang, banner) in BANNERS {
        for format in ["md", "html"] {
            let out = ropa()
                .args([
                    "render",
                    "sheet",
                    root,
                    "--activity",
                    "ctrl",
                    "--as-of",
                    "2026-11-25",
                ])
                .args(["--lang", lang, "--format", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{out:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains(banner), "{lang} {format}:\n{text}");
            if format == "md" {
                assert!(text.starts_with(&format!("> **{banner}")), "{text}");
            } else {
                assert!(
                    text.contains("<p class=\"draft\" role=\"alert\">"),
                    "{text}"
                );
            }
        }
    }
    assert_final_refused(root);
    // A register whose check passes renders as final, with or without --final.
    for extra in [&[][..], &["--final"][..]] {
        let args = [
            "render",
            "register",
            "registers/octopush",
            "--as-of",
            "2026-11-25",
        ];
        let text = stdout_ok(&[&args[..], extra].concat());
        assert!(!text.contains("Draft —"), "{text}");
    }
}

/// The banner counts the errors `ropa check` counts, the loader's included: a file that is not
/// read (`ignored-file`), raised to an error by the settings, makes documents and the site drafts
/// and refuses `--final`, as it fails the check.
#[test]
fn the_draft_banner_counts_what_the_check_counts() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new("registers/octopush"), dir.path());
    let settings = dir.path().join("ropa.yaml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str("settings:\n  rules:\n    ignored-file: error\n");
    std::fs::write(&settings, text).unwrap();
    std::fs::write(dir.path().join("activities/notes.YAML"), "id: notes\n").unwrap();
    let root = dir.path().to_str().unwrap();
    let check = ropa()
        .args(["check", root, "--as-of", "2026-11-25", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1), "{check:?}");
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 1, "{report}");

    let text = stdout_ok(&["render", "register", root, "--as-of", "2026-11-25"]);
    assert!(
        text.starts_with("> **Draft — the check finds 1 error"),
        "{}",
        &text[..200.min(text.len())]
    );
    assert_final_refused(root);
    let site = tempfile::tempdir().unwrap();
    let out_dir = site.path().join("site");
    ropa()
        .args(["site", root, "--as-of", "2026-11-25", "-o"])
        .arg(&out_dir)
        .assert()
        .success();
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(index.contains("Draft — the check finds 1 error"), "{index}");
}

/// The part of an SVG map from its draft banner to the group that moves the drawing below it.
fn svg_banner(svg: &str) -> &str {
    let start = svg.find("<g class=\"draft\"").expect("a draft banner");
    let end = start + svg[start..].find("<g transform=").unwrap();
    &svg[start..end]
}

#[test]
fn the_map_and_every_site_page_carry_the_draft_banner() {
    let dir = everything_absent();
    let root = dir.path().to_str().unwrap();
    for (lang, banner) in BANNERS {
        let out = ropa()
            .args(["render", "map", root, "--format", "svg", "--lang", lang])
            .args(["--as-of", "2026-11-25"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let svg = String::from_utf8(out.stdout).unwrap();
        let shown = svg_banner(&svg);
        assert!(shown.contains(banner), "{lang}: {shown}");
        insta::assert_snapshot!(format!("map_draft_banner_{lang}"), shown);
        // The banner is visible text, inside the drawing's height, and the drawing moves down.
        assert!(shown.contains("<text "), "{shown}");
        assert!(svg.contains("<g transform=\"translate(0 40)\">"), "{svg}");
        assert!(svg.ends_with("</g>\n</svg>\n"), "the group is closed");

        let site = tempfile::tempdir().unwrap();
        let out_dir = site.path().join("site");
        let out = ropa()
            .args(["site", root, "--lang", lang, "--as-of", "2026-11-25", "-o"])
            .arg(&out_dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let mut pages = 0;
        for entry in std::fs::read_dir(&out_dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                pages += 1;
                let html = std::fs::read_to_string(&path).unwrap();
                assert!(
                    html.contains("<p class=\"draft\" role=\"alert\">") && html.contains(banner),
                    "{lang}: {} has no banner",
                    path.display()
                );
            }
        }
        assert!(pages >= 6, "{pages} pages");
    }
    // --final is refused for both, and nothing is written.
    let out = ropa()
        .args(["render", "map", root, "--format", "svg", "--final"])
        .args(["--as-of", "2026-11-25"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    let site = tempfile::tempdir().unwrap();
    let out_dir = site.path().join("site");
    let out = ropa()
        .args(["site", root, "--as-of", "2026-11-25", "--final", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!out_dir.exists(), "nothing written");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--final refused"));
    // A register whose check passes: no banner, with or without --final.
    for extra in [&[][..], &["--final"][..]] {
        let args = ["render", "map", "registers/octopush", "--format", "svg"];
        let svg = stdout_ok(&[&args[..], &["--as-of", "2026-11-25"], extra].concat());
        assert!(!svg.contains("class=\"draft\""), "{svg}");
        assert!(!svg.contains("translate(0 40)"));
        let site = tempfile::tempdir().unwrap();
        let out_dir = site.path().join("site");
        let out = ropa()
            .args(["site", "registers/octopush", "--as-of", "2026-11-25"])
            .args(extra)
            .arg("-o")
            .arg(&out_dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
        assert!(!index.contains("class=\"draft\""), "{index}");
    }
}
