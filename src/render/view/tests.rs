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
