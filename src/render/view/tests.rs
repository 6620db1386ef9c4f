//! Unit tests of `render::view`.

use super::*;

#[test]
fn fill_substitutes_in_the_translation_only() {
    let filled = super::fill(
        "from {event} for {duration}, {unknown} {",
        &[("event", "{duration}{event}"), ("duration", "P1Y")],
    );
    assert_eq!(filled, "from {duration}{event} for P1Y, {unknown} {");
}

#[test]
fn dates_follow_the_language() {
    let d = NaiveDate::from_ymd_opt(2024, 3, 14).unwrap();
    assert_eq!(format_date(d, Language::Fr), "14 mars 2024");
    assert_eq!(format_date(d, Language::En), "14 March 2024");
    let first = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
    assert_eq!(format_date(first, Language::Fr), "1er mai 2019");
}

/// Regression: the view matched a vendor's safeguard by the exact country string, so a
/// transfer to `UK` lost the vendor's safeguard recorded for `GB`, which the rules accept:
/// the document and the check disagreed.
#[test]
fn a_transfer_to_uk_shows_the_vendors_safeguard_for_gb() {
    use crate::model::testing::{activity_with, register, vendor};
    let v = vendor(serde_json::json!({
        "id": "v", "name": "V", "role": "processor", "service": "S",
        "transfer_safeguards": [{"country": "GB", "mechanism": "scc_2021_914", "reference": "DPA annex 3"}],
    }));
    let a = activity_with(serde_json::json!({"transfers": [{"country": "UK", "vendor": "v"}]}));
    let reg = register(vec![v], vec![a]);
    let b = Builder {
        register: &reg,
        t: &Translations::new(),
        lang: Language::En,
        shared: None,
    };
    let view = b.activity(&reg.activities[0].item);
    let transfer = &view.transfers[0];
    assert!(transfer.mechanism.is_some(), "{transfer:?}");
    assert_eq!(transfer.reference.as_deref(), Some("DPA annex 3"));
}

#[test]
fn a_date_version_is_written_out_in_the_document_language() {
    assert_eq!(version_text("2026-11-23", Language::Fr), "23 novembre 2026");
    assert_eq!(version_text("2026-11-23", Language::En), "23 November 2026");
    assert_eq!(version_text("a8d751f-dirty", Language::Fr), "a8d751f-dirty");
}

/// A register of two activities naming one measure of the catalogue (`backup`, an Annex III
/// "restoration" measure) and one processor (`host`, with notes).
fn two_activities_naming_one_measure() -> Register {
    use crate::model::testing::{activity_with, register, vendor};
    let named = |id: &str| {
        activity_with(serde_json::json!({
            "id": id, "name": format!("Activity {id}"), "security_measures": ["backup"],
            "recipients": [{"kind": "vendor", "vendor": "host"}],
        }))
    };
    let host = vendor(serde_json::json!({
        "id": "host", "name": "Host", "role": "processor", "service": "Hosting",
        "locations": [{"country": "US"}], "notes": "Renewal in March",
        "transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914"}],
    }));
    let mut reg = register(vec![host], vec![named("a"), named("b")]);
    reg.measures.push(crate::model::Sourced {
        file: std::path::Path::new("reg/measures.yaml").into(),
        pointer: "/measures/0".into(),
        item: serde_json::from_value(serde_json::json!({
            "id": "backup", "category": "restoration", "description": "Daily backups"
        }))
        .unwrap(),
    });
    reg
}

#[test]
fn the_activities_of_a_document_share_the_measures_they_name_and_the_empty_headings() {
    let reg = two_activities_naming_one_measure();
    let t = Translations::new();
    let views = ActivityViews::new(&reg, &t, Language::En);
    let (a, b) = (
        views.activity(&reg.activities[0].item),
        views.activity(&reg.activities[1].item),
    );
    assert!(Shared::ptr_eq(&a.measures[0], &b.measures[0]));
    // Each activity's row of its processor names that activity, over one view of the vendor.
    assert!(Shared::ptr_eq(
        &a.subprocessors[0].vendor,
        &b.subprocessors[0].vendor
    ));
    assert_eq!(a.subprocessors[0].activities, ["Activity a"]);
    assert_eq!(b.subprocessors[0].activities, ["Activity b"]);
    assert_eq!(a.measures_by_category.len(), 17);
    for (ga, gb) in a.measures_by_category.iter().zip(&b.measures_by_category) {
        // The heading holding the measure is each activity's own; every other one is shared.
        assert_eq!(
            Shared::ptr_eq(ga, gb),
            ga.key != "restoration",
            "{}",
            ga.key
        );
    }
    let restoration = a
        .measures_by_category
        .iter()
        .find(|g| g.key == "restoration")
        .unwrap();
    assert!(Shared::ptr_eq(&restoration.measures[0], &a.measures[0]));
    // A view made on its own shares nothing.
    let alone = activity(&reg, &t, Language::En, &reg.activities[1].item);
    assert!(!Shared::ptr_eq(&alone.measures[0], &a.measures[0]));
    assert!(!Shared::ptr_eq(
        &alone.subprocessors[0].vendor,
        &a.subprocessors[0].vendor
    ));
}

#[test]
fn shared_views_make_the_same_template_values_and_json_as_views_made_alone() {
    let reg = two_activities_naming_one_measure();
    let t = Translations::new();
    let views = ActivityViews::new(&reg, &t, Language::En);
    for a in &reg.activities {
        let shared = views.activity(&a.item);
        let alone = activity(&reg, &t, Language::En, &a.item);
        // The second activity's value is made from the first one's shared values.
        assert_eq!(
            template_value(&shared).unwrap(),
            tera::Value::from_serializable(&alone)
        );
        assert_eq!(
            serde_json::to_string(&shared).unwrap(),
            serde_json::to_string(&alone).unwrap()
        );
    }
}

#[test]
fn a_shared_view_changed_is_copied_and_converted_again() {
    let reg = two_activities_naming_one_measure();
    let t = Translations::new();
    let views = ActivityViews::new(&reg, &t, Language::En);
    let a = views.activity(&reg.activities[0].item);
    let before = template_value(&a.measures[0]).unwrap();
    let mut changed = a.measures[0].clone();
    changed.make_mut().description = "Hourly backups".into();
    assert!(!Shared::ptr_eq(&changed, &a.measures[0]));
    assert_eq!(a.measures[0].description, "Daily backups");
    assert_eq!(template_value(&a.measures[0]).unwrap(), before);
    let after = template_value(&changed).unwrap();
    assert_ne!(after, before);
    assert_eq!(after, tera::Value::from_serializable(&*changed));
}
