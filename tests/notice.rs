//! The information notice (Art. 13/14): golden Markdown and HTML for the main audience of each
//! example register that has controller activities, in English and French; every statement of
//! the notice traced to the register field it comes from (the listing is a snapshot, and each
//! entry is checked against the field's value in the YAML file); what the register does not state
//! flagged, never invented; the Art. 21 objection shown first for legitimate interests; and the
//! command line.
//!
//! Snapshots are in tests/snapshots/notice__*.snap.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use ropa::model::{Language, Register};
use ropa::render::privacy_notice::{Fact, notice_view, render_notice};
use ropa::render::{Format, RenderOptions, translations};
use serde_json::Value;

const AS_OF: &str = "2026-11-25";

/// The example registers with a controller activity, and their main audience. ZEROSIX holds
/// only a processor record: its notice is its customers' duty (tested below).
const EXAMPLES: &[(&str, &str)] = &[("octopush", "individual-users"), ("zetapush", "customers")];

fn load(root: &str) -> Register {
    ropa::load::load_register(Path::new(root)).unwrap_or_else(|d| panic!("{root}: {d:#?}"))
}

/// A register in a temporary folder: its `ropa.yaml` and its activities by id.
fn temp_register(config: &str, activities: &[(&str, String)]) -> (tempfile::TempDir, Register) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("r");
    std::fs::create_dir_all(root.join("activities")).unwrap();
    std::fs::write(root.join("ropa.yaml"), config).unwrap();
    for (id, text) in activities {
        std::fs::write(root.join(format!("activities/{id}.yaml")), text).unwrap();
    }
    let register = load(root.to_str().unwrap());
    (dir, register)
}

fn opts(format: Format, lang: Language) -> RenderOptions {
    RenderOptions {
        format,
        lang,
        as_of: NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap(),
        version: "golden-version".into(),
        templates_dir: None,
        draft_errors: 0,
    }
}

fn code(lang: Language) -> &'static str {
    match lang {
        Language::En => "en",
        Language::Fr => "fr",
    }
}

#[test]
fn golden_notices() {
    for (name, subjects) in EXAMPLES {
        let register = load(&format!("registers/{name}"));
        for lang in [Language::En, Language::Fr] {
            for format in [Format::Md, Format::Html] {
                let text = render_notice(&register, subjects, &opts(format, lang))
                    .unwrap_or_else(|e| panic!("{name} {lang:?}: {e:#}"));
                let snapshot = format!("{name}-{subjects}-{}-{}", code(lang), format.ext());
                insta::assert_snapshot!(snapshot, text);
            }
        }
    }
}

/// Every object of the view that has a `source` is a fact.
fn facts(value: &Value, out: &mut Vec<Fact>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("source") && map.contains_key("labelled") {
                out.push(serde_json::from_value(value.clone()).unwrap());
            } else {
                map.values().for_each(|v| facts(v, out));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| facts(v, out)),
        _ => {}
    }
}

/// The register's files as JSON values, by their path relative to the register.
fn files(root: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut paths = vec![
        "ropa.yaml".to_string(),
        "vendors.yaml".to_string(),
        "measures.yaml".to_string(),
    ];
    for e in std::fs::read_dir(Path::new(root).join("activities")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        paths.push(format!("activities/{name}"));
    }
    for path in paths {
        let Ok(text) = std::fs::read_to_string(Path::new(root).join(&path)) else {
            continue;
        };
        let doc = ropa::yaml::parse_str(&text, &Default::default()).unwrap();
        out.insert(path, doc.value);
    }
    out
}

/// The label a labelled fact must show for the raw value of its field.
fn expected_label(
    field: &str,
    raw: &Value,
    lang: Language,
    t: &BTreeMap<String, String>,
) -> Option<String> {
    use ropa::legal;
    use ropa::model::{LegalBasis, SpecialCategory, TransferMechanism};
    let key = raw.as_str()?;
    let quoted = Value::String(key.to_string());
    Some(match field {
        "legal_basis" => {
            legal::label(&serde_json::from_value::<LegalBasis>(quoted).ok()?, lang).to_string()
        }
        "special_category" => legal::label(
            &serde_json::from_value::<SpecialCategory>(quoted).ok()?,
            lang,
        )
        .to_string(),
        "mechanism" => {
            legal::mechanism_info(serde_json::from_value::<TransferMechanism>(quoted).ok()?)
                .label(lang)
                .to_string()
        }
        "country" => legal::country_name(key, lang)?.to_string(),
        "requirement" => t.get(&format!("notice_provision_{key}"))?.clone(),
        _ => return None,
    })
}

/// Each statement of the notice with the field it comes from: its value is that field's value
/// (or the label of it), and a statement flagged as not stated has no value in the register.
#[test]
fn every_statement_of_the_notice_comes_from_a_field_of_the_register() {
    for (name, subjects) in EXAMPLES {
        let root = format!("registers/{name}");
        let register = load(&root);
        let files = files(&root);
        for lang in [Language::En, Language::Fr] {
            let t = translations(lang, None).unwrap();
            let view = notice_view(&register, subjects, &t, &opts(Format::Md, lang)).unwrap();
            let mut found = Vec::new();
            facts(&serde_json::to_value(&view).unwrap(), &mut found);
            assert!(found.len() > 20, "{name}: only {} facts", found.len());
            let mut listing = String::new();
            let mut missing = 0;
            for fact in &found {
                let (file, pointer) = fact.source.split_once('#').unwrap();
                let doc = files
                    .get(file)
                    .unwrap_or_else(|| panic!("{name}: {} names no file", fact.source));
                let raw = doc.pointer(pointer);
                let field = pointer.rsplit('/').next().unwrap();
                match &fact.text {
                    None => {
                        missing += 1;
                        assert!(
                            raw.is_none_or(|v| v.is_null()
                                || v.as_str() == Some("")
                                || v.as_array().is_some_and(Vec::is_empty)),
                            "{name}: {} is flagged as not stated but holds {raw:?}",
                            fact.source
                        );
                        listing.push_str(&format!("{} -> (not stated)\n", fact.source));
                    }
                    Some(text) => {
                        let raw = raw.unwrap_or_else(|| {
                            panic!("{name}: `{text}` cites {}, which is absent", fact.source)
                        });
                        if fact.labelled {
                            if let Some(label) = expected_label(field, raw, lang, &t) {
                                assert_eq!(text, &label, "{name}: {}", fact.source);
                            } else {
                                // A retention rule spelled out from its structure.
                                assert!(raw.is_object(), "{name}: {} is {raw:?}", fact.source);
                            }
                        } else {
                            assert_eq!(
                                raw.as_str(),
                                Some(text.as_str()),
                                "{name}: the notice's text differs from {}",
                                fact.source
                            );
                        }
                        let short: String = text.chars().take(60).collect();
                        listing.push_str(&format!("{} -> {short}\n", fact.source));
                    }
                }
            }
            assert!(
                missing > 0,
                "{name}: the examples leave gaps that must be flagged"
            );
            assert_eq!(view.gaps.len(), missing, "{name}: every gap is listed once");
            if lang == Language::En {
                insta::assert_snapshot!(format!("{name}-{subjects}-sources"), listing);
            }
            // Every fact reaches the document, and every gap is flagged in it.
            let text = render_notice(&register, subjects, &opts(Format::Md, lang)).unwrap();
            let flag = &t["notice_not_stated"];
            assert!(
                text.matches(flag.as_str()).count() >= missing,
                "{name} {lang:?}: fewer flags than gaps"
            );
        }
    }
}

#[test]
fn legitimate_interests_put_the_objection_first_and_consent_its_withdrawal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("r");
    std::fs::create_dir_all(root.join("activities")).unwrap();
    std::fs::write(root.join("ropa.yaml"), "organisation:\n  name: Acme\n").unwrap();
    std::fs::write(
        root.join("activities/marketing.yaml"),
        "id: marketing\nname: Marketing\nrole: controller\ncreated: 2026-01-01\nupdated: 2026-01-01\n\
         purposes:\n  - description: Fraud prevention\n    legal_basis: legitimate_interests\n\
         \x20 - description: Newsletter\n    legal_basis: consent\n\
         data_subjects:\n  - id: customers\n    name: Customers\n",
    )
    .unwrap();
    let register = load(root.to_str().unwrap());
    let t = translations(Language::En, None).unwrap();
    let view = notice_view(
        &register,
        "customers",
        &t,
        &opts(Format::Html, Language::En),
    )
    .unwrap();
    let listed: Vec<&str> = view
        .objection
        .iter()
        .map(|f| f.text.as_deref().unwrap())
        .collect();
    assert_eq!(listed, ["Fraud prevention"]);
    assert!(view.consent);
    // The legitimate interest itself is not stated: flagged.
    assert!(
        view.gaps
            .iter()
            .any(|g| g.source == "activities/marketing.yaml#/purposes/0/legitimate_interest"),
        "{:?}",
        view.gaps
    );
    let html = render_notice(&register, "customers", &opts(Format::Html, Language::En)).unwrap();
    let objection = html.find("class=\"objection\"").expect("objection box");
    let controller = html.find("id=\"controller\"").unwrap();
    assert!(
        objection < controller,
        "the objection comes before the rest"
    );
    assert!(html.contains("withdraw it at any time"));
    assert_eq!(html.matches("<h1").count(), 1);
    for article in [
        "Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 20", "Art. 21", "Art. 22", "Art. 77",
    ] {
        assert!(html.contains(article), "{article} missing");
    }
}

#[test]
fn registered_fields_replace_the_flags() {
    let (_dir, register) = temp_register(
        "organisation:\n  name: Acme\n  address: 1 rue de la Paix, Paris\n  email: privacy@acme.example\n\
         dpo:\n  name: Jane Doe\n  email: dpo@acme.example\n\
         settings:\n  supervisory_authority:\n    name: CNIL\n    website: https://www.cnil.fr\n",
        &[(
            "hiring",
            "id: hiring\nname: Recruitment\nrole: controller\ncreated: 2026-01-01\nupdated: 2026-01-01\n\
         purposes:\n  - description: Assess applications\n    legal_basis: contract\n\
         data_subjects:\n  - id: candidates\n    name: Job applicants\n\
         data_categories:\n  - id: cv\n    name: CV\n\
         sources:\n  - Recruitment agencies\n\
         recipients:\n  - kind: internal\n    name: HR department\n\
         transfers:\n  - country: US\n    importer: Parent company\n    mechanism: scc_2021_914\n\
         retention:\n  - text: Two years after the last contact\n\
         automated_decision_making: No decision is made by automated means.\n\
         data_provision:\n  requirement: contract_prerequisite\n  consequences: the application cannot be assessed\n"
                .to_string(),
        )],
    );
    let t = translations(Language::En, None).unwrap();
    let view = notice_view(&register, "candidates", &t, &opts(Format::Md, Language::En)).unwrap();
    assert_eq!(view.gaps, vec![], "a complete register leaves no gap");
    assert_eq!(view.articles, "Articles 13 and 14");
    let text = render_notice(&register, "candidates", &opts(Format::Md, Language::En)).unwrap();
    for expected in [
        "CNIL",
        "Recruitment agencies",
        "United States",
        "Standard contractual clauses",
        "the application cannot be assessed",
        "No decision is made by automated means.",
        "Two years after the last contact",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(!text.contains("not stated in the register"), "{text}");
    assert!(
        !text.contains("Your right to object"),
        "no legitimate interest here"
    );
}

/// Three activities for the same audience: one that lists its recipients and transfers, one that
/// states it has none (`recipients_statement`, `transfers_statement`, `retention_statement`, and
/// `no_dpo` for the organisation), one that says nothing. The notice prints the statement where
/// the record gives one ("None" only there) and flags only what is really absent, in both
/// languages and formats.
#[test]
fn a_statement_of_none_is_printed_and_only_absent_data_is_flagged() {
    let head = |id: &str| {
        format!(
            "id: {id}\nname: Activity {id}\nrole: controller\ncreated: 2026-01-01\nupdated: 2026-01-01\n\
             purposes:\n  - description: Serve {id}\n    legal_basis: contract\n\
             data_subjects:\n  - id: customers\n    name: Customers\n\
             data_categories:\n  - id: contact\n    name: Contact details\n\
             automated_decision_making: No decision is made by automated means.\n\
             data_provision:\n  requirement: contractual\n"
        )
    };
    let listed = head("listed")
        + "recipients:\n  - kind: internal\n    name: Support team\n\
           transfers:\n  - country: US\n    importer: Parent company\n    mechanism: scc_2021_914\n\
           retention:\n  - text: Two years after the end of the contract\n";
    let stated = head("stated")
        + "recipients_statement: Only the controller's own staff see the data\n\
           transfers_statement: Hosted in Paris, nothing leaves the EEA\n\
           retention_statement: Nothing is stored, requests are answered at once\n";
    let (_dir, register) = temp_register(
        "organisation:\n  name: Acme\n  address: 1 rue de la Paix, Paris\n  email: privacy@acme.example\n\
         no_dpo: Not required, no core activity of Art. 37(1)(b) or (c)\n",
        &[
            ("listed", listed),
            ("stated", stated),
            ("silent", head("silent")),
        ],
    );
    for lang in [Language::En, Language::Fr] {
        let t = translations(lang, None).unwrap();
        let view = notice_view(&register, "customers", &t, &opts(Format::Md, lang)).unwrap();
        let gaps: Vec<&str> = view
            .gaps
            .iter()
            .map(|g| g.source.as_str())
            .filter(|s| {
                ["recipients", "transfers", "retention", "dpo"]
                    .iter()
                    .any(|k| s.contains(k))
            })
            .collect();
        assert_eq!(
            gaps,
            [
                "activities/silent.yaml#/recipients",
                "activities/silent.yaml#/transfers",
                "activities/silent.yaml#/retention",
            ],
            "{lang:?}: only the silent activity's gaps"
        );
        assert!(view.dpo_name.is_none(), "the record states there is no DPO");
        let none = &t["none"];
        let flag = &t["notice_not_stated"];
        for format in [Format::Md, Format::Html] {
            let text = render_notice(&register, "customers", &opts(format, lang)).unwrap();
            // An activity's section: from its heading (the gap list names it before) to the
            // next activity or the rights.
            let rights = text.rfind(t["notice_rights"].as_str()).unwrap();
            let section = |id: &str| {
                let start = text[..rights].rfind(&format!("Activity {id}")).unwrap();
                let rest = &text[start..rights];
                let end = rest[1..].find("Activity ").map_or(rest.len(), |e| e + 1);
                rest[..end].to_string()
            };
            let (listed, stated, silent) =
                (section("listed"), section("stated"), section("silent"));
            for expected in [
                format!("{none} — Only the controller"),
                format!("{none} — Hosted in Paris, nothing leaves the EEA"),
                "Nothing is stored, requests are answered at once".to_string(),
            ] {
                assert!(
                    stated.contains(&expected),
                    "{lang:?} {format:?}: {expected} in:\n{stated}"
                );
            }
            assert!(
                !stated.contains(flag.as_str()),
                "{lang:?} {format:?}:\n{stated}"
            );
            assert!(
                !listed.contains(flag.as_str()),
                "{lang:?} {format:?}:\n{listed}"
            );
            assert!(!listed.contains(&format!("{none} —")), "{listed}");
            assert_eq!(
                silent.matches(flag.as_str()).count(),
                3,
                "{lang:?} {format:?}: recipients, transfers, retention flagged:\n{silent}"
            );
            assert!(!silent.contains(&format!("{none} —")), "{silent}");
            // "None" is printed exactly where the register states it: two activity statements
            // and the DPO.
            assert_eq!(
                text.matches(&format!("{none} —")).count(),
                3,
                "{lang:?} {format:?}:\n{text}"
            );
            assert!(text.contains("Not required, no core activity"), "{text}");
        }
    }
}

/// Every audience of every example register with controller activities, in both languages and
/// formats: "None" is printed only where the register states that there is none, and every gap
/// is flagged. "None" is recognised by a marker laid over the built-in translation, so register
/// text cannot pass or fail the test.
#[test]
fn the_examples_notices_say_none_only_with_a_statement() {
    const NONE: &str = "QQNONEQQ";
    let templates = tempfile::tempdir().unwrap();
    std::fs::create_dir(templates.path().join("i18n")).unwrap();
    for lang in ["en", "fr"] {
        let table = format!("{{\"none\": \"{NONE}\"}}");
        std::fs::write(templates.path().join(format!("i18n/{lang}.json")), table).unwrap();
    }
    let mut notices = 0;
    for (name, _) in EXAMPLES {
        let register = load(&format!("registers/{name}"));
        for (subjects, _, _) in ropa::render::privacy_notice::audiences(&register) {
            for lang in [Language::En, Language::Fr] {
                let t = translations(lang, Some(templates.path())).unwrap();
                let mut o = opts(Format::Md, lang);
                o.templates_dir = Some(templates.path().to_path_buf());
                let view = notice_view(&register, &subjects, &t, &o).unwrap();
                let statements = usize::from(view.dpo_statement.is_some())
                    + view
                        .activities
                        .iter()
                        .map(|a| {
                            usize::from(a.recipients_statement.is_some())
                                + usize::from(a.transfers_statement.is_some())
                        })
                        .sum::<usize>();
                for format in [Format::Md, Format::Html] {
                    o.format = format;
                    let text = render_notice(&register, &subjects, &o).unwrap();
                    assert_eq!(
                        text.matches(NONE).count(),
                        statements,
                        "{name} {subjects} {lang:?} {format:?}:\n{text}"
                    );
                    assert!(
                        text.matches(t["notice_not_stated"].as_str()).count() >= view.gaps.len(),
                        "{name} {subjects} {lang:?} {format:?}: a gap is not flagged"
                    );
                    notices += 1;
                }
            }
        }
    }
    assert!(notices >= 8, "{notices} notices");
}

fn ropa() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

#[test]
fn cli_renders_a_notice_and_explains_a_wrong_audience() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.html");
    ropa()
        .args([
            "render",
            "notice",
            "registers/zetapush",
            "--subjects",
            "customers",
        ])
        .args(["--lang", "fr", "--format", "html", "--as-of", AS_OF, "-o"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("non précisé dans le registre"));

    let output = ropa()
        .args([
            "render",
            "notice",
            "registers/zetapush",
            "--subjects",
            "customer",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("did you mean `customers`?"), "{err}");

    let output = ropa()
        .args(["render", "notice", "registers/octopush"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--subjects ID") && err.contains("individual-users"),
        "{err}"
    );

    // ZEROSIX keeps only a processor record: the notice is its customers' duty.
    let output = ropa()
        .args([
            "render",
            "notice",
            "registers/zerosix",
            "--subjects",
            "clients-finaux",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("controller activit"), "{err}");
}
