//! The example registers in `registers/` transcribe three source documents (a CNIL register sheet,
//! terms of service with an Art. 28 annex, terms of use). These
//! tests load each register and check that every fact of its seed is in the loaded model, in the
//! field that should carry it: a fact lost or moved to the wrong field fails here.
//!
//! This file holds the helpers; each module is one register and its source document.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use ropa::model::*;

mod octopush;
mod zerosix;
mod zetapush;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn load(dir: &str) -> Register {
    match ropa::load::load_register(Path::new(dir)) {
        Ok(register) => register,
        Err(diagnostics) => panic!("{dir} does not load: {diagnostics:#?}"),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn activity<'a>(r: &'a Register, id: &str) -> &'a Activity {
    &r.activity(id)
        .unwrap_or_else(|| panic!("no activity {id}"))
        .item
}

fn vendor_named<'a>(r: &'a Register, name: &str) -> &'a Vendor {
    r.vendors
        .iter()
        .map(|v| &v.item)
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vendor named {name:?}"))
}

fn measure<'a>(r: &'a Register, id: &str) -> &'a Measure {
    &r.measure(id)
        .unwrap_or_else(|| panic!("no measure {id}"))
        .item
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    items.into_iter().collect()
}

fn purposes(a: &Activity) -> Vec<&str> {
    a.purposes.iter().map(|p| p.description.trim()).collect()
}

fn subject_names(a: &Activity) -> BTreeSet<&str> {
    set(a.data_subjects.iter().map(|s| s.name.as_str()))
}

fn data_category<'a>(a: &'a Activity, id: &str) -> &'a DataCategory {
    a.data_categories
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{}: no data category {id}", a.id))
}

/// Name and description of a data category, for checking the items it lists.
fn category_text(c: &DataCategory) -> String {
    format!(
        "{} {} {}",
        c.group.as_deref().unwrap_or(""),
        c.name,
        c.description.as_deref().unwrap_or("")
    )
}

fn retention_rule<'a>(a: &'a Activity, text_contains: &str) -> &'a RetentionRule {
    a.retention
        .iter()
        .find(|r| r.text.as_deref().is_some_and(|t| t.contains(text_contains)))
        .unwrap_or_else(|| {
            panic!(
                "{}: no retention rule whose text contains {text_contains:?}",
                a.id
            )
        })
}

fn recipient_named<'a>(a: &'a Activity, name_contains: &str) -> &'a Recipient {
    a.recipients
        .iter()
        .find(|r| r.name.as_deref().is_some_and(|n| n.contains(name_contains)))
        .unwrap_or_else(|| panic!("{}: no recipient named like {name_contains:?}", a.id))
}

/// All descriptions of the measures filed under a CNIL heading, joined.
fn under_cnil_heading(r: &Register, heading: CnilHeading) -> String {
    r.measures
        .iter()
        .filter(|m| m.item.cnil_heading == Some(heading))
        .map(|m| m.item.description.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The measure whose description contains `needle`.
fn measure_with<'a>(r: &'a Register, needle: &str) -> &'a Measure {
    let found: Vec<&Measure> = r
        .measures
        .iter()
        .map(|m| &m.item)
        .filter(|m| m.description.contains(needle))
        .collect();
    assert!(!found.is_empty(), "no measure describes {needle:?}");
    found[0]
}

fn assert_contains_all(haystack: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(
            haystack.contains(needle),
            "{what}: {needle:?} missing from {haystack:?}"
        );
    }
}

/// Every file of a register starts with the yaml-language-server schema comment for its kind, and
/// every activity file is named after its id.
fn assert_layout(dir: &str) {
    let root = Path::new(dir);
    for (file, schema) in [
        ("ropa.yaml", "../../schemas/register.schema.json"),
        ("vendors.yaml", "../../schemas/vendors.schema.json"),
        ("measures.yaml", "../../schemas/measures.schema.json"),
    ] {
        let path = root.join(file);
        if !path.exists() {
            assert_ne!(file, "ropa.yaml", "{dir} has no ropa.yaml");
            continue;
        }
        let first = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={schema}"),
            "{}",
            path.display()
        );
    }
    let register = load(dir);
    for a in &register.activities {
        let text = std::fs::read_to_string(&a.file).unwrap();
        assert_eq!(
            text.lines().next().unwrap_or(""),
            "# yaml-language-server: $schema=../../../schemas/activity.schema.json",
            "{}",
            a.file.display()
        );
        assert_eq!(
            a.file.file_name().unwrap().to_str().unwrap(),
            format!("{}.yaml", a.item.id),
            "activity file named after its id"
        );
    }
}
