//! Unit tests of `legal`.

use super::*;
use crate::model::{
    ActivityRole, Art9Condition, Art35Case, AuthorisationKind, CnilHeading, EndAction, LegalBasis,
    MeasureCategory, Operation, ProcessorObligation, RecipientKind, RetentionPhase,
    SpecialCategory, TransferFrequency, VendorRole, Wp248Criterion,
};
use schemars::JsonSchema;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn embedded_file_parses_and_checks() {
    let data = parse(EU_JSON).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(data.as_of, d("2026-11-23"));
    assert!(!data.sources.is_empty());
}

#[test]
fn every_field_of_the_file_is_read() {
    // deny_unknown_fields rejects typos; this checks nothing is dropped on the way either.
    fn strip_nulls(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.retain(|_, v| !v.is_null() && *v != serde_json::json!([]));
                map.values_mut().for_each(strip_nulls);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
            _ => {}
        }
    }
    let mut raw: serde_json::Value = serde_json::from_str(EU_JSON).unwrap();
    let mut back = serde_json::to_value(eu()).unwrap();
    strip_nulls(&mut raw);
    strip_nulls(&mut back);
    assert_eq!(raw, back);
}

#[test]
fn problems_are_reported() {
    let mut data = eu().clone();
    data.legal_bases.pop();
    data.transfer_mechanisms
        .push(data.transfer_mechanisms[0].clone());
    data.adequacy[0].jurisdiction = "XX".into();
    let text = serde_json::to_string(&data).unwrap();
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("legal_bases: `legitimate_interests` has no entry"),
        "{err}"
    );
    assert!(err.contains("`adequacy_decision` appears twice"), "{err}");
    assert!(err.contains("`XX` is not in countries"), "{err}");
    assert!(parse("{}").is_err());
    assert!(parse(r#"{"as_of": "2026-11-23", "typo": 1}"#).is_err());
}

#[test]
fn eea_has_thirty_members() {
    assert_eq!(eea_members().count(), 30);
    let states = eu()
        .countries
        .iter()
        .filter(|c| c.eu && c.part_of.is_none());
    assert_eq!(states.count(), 27);
    // Outermost regions and the Åland Islands are inside the Union; overseas countries and
    // territories are not (Art. 349, 355 TFEU).
    for code in ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"] {
        assert!(is_eu(code) && is_eea(code), "{code}");
    }
    for code in ["NC", "PF", "BL", "PM", "WF", "GL", "AW", "CW", "SX", "GI"] {
        assert!(country(code).is_some() && !is_eea(code), "{code}");
    }
    for code in ["NO", "IS", "LI", "FR", "DE", "IE", "no", " fr ", "EL"] {
        assert!(is_eea(code), "{code}");
    }
    for code in ["CH", "GB", "UK", "US", "", "XX", "NOR", "é"] {
        assert!(!is_eea(code), "{code}");
    }
    assert!(is_eu("FR") && !is_eu("NO"));
}

#[test]
fn country_names() {
    assert_eq!(country_name("NO", Language::En), Some("Norway"));
    assert_eq!(country_name("NO", Language::Fr), Some("Norvège"));
    assert_eq!(country_name("UK", Language::Fr), Some("Royaume-Uni"));
    assert_eq!(country_name("US", Language::Fr), Some("États-Unis"));
    assert_eq!(country_name("ZZ", Language::En), None);
    let required = [
        "US", "IN", "CN", "SG", "AU", "BR", "MA", "TN", "PH", "UA", "RU", "TR", "ZA", "MX", "AE",
        "HK", "TW", "VN", "ID", "EG",
    ];
    for code in required {
        assert!(country(code).is_some(), "{code}");
    }
    for a in &eu().adequacy {
        assert!(!a.name(Language::En).is_empty() && !a.name(Language::Fr).is_empty());
        if a.kind != JurisdictionKind::InternationalOrganisation {
            assert!(country(&a.jurisdiction).is_some(), "{}", a.id);
        }
    }
    for c in &eu().countries {
        assert!(!c.name.en.is_empty() && !c.name.fr.is_empty(), "{}", c.code);
    }
}

#[test]
fn us_adequacy_requires_dpf() {
    let dpf = adequacy_on("US", d("2024-01-01")).expect("DPF in force");
    assert_eq!(dpf.decision.as_deref(), Some("(EU) 2023/1795"));
    assert_eq!(dpf.requires, Some(Requirement::DpfCertified));
    assert!(adequacy_on("US", d("2023-07-09")).is_none());
    assert!(adequacy_on("US", d("2023-07-10")).is_some());
    // History: Privacy Shield, then Safe Harbour, each ending the day before its judgment.
    let ps = adequacy_on("US", d("2018-01-01")).unwrap();
    assert_eq!(ps.decision.as_deref(), Some("(EU) 2016/1250"));
    assert!(adequacy_on("US", d("2020-07-16")).is_none());
    assert!(adequacy_on("US", d("2020-07-15")).is_some());
    assert_eq!(
        adequacy_on("US", d("2010-01-01")).unwrap().requires,
        Some(Requirement::SafeHarbourCertified)
    );
    assert!(adequacy_on("US", d("2015-10-06")).is_none());
    assert_eq!(adequacy_history("US").len(), 3);
}

#[test]
fn brazil_from_january_2026() {
    assert!(adequacy_on("BR", d("2026-02-01")).is_some());
    assert!(adequacy_on("BR", d("2026-01-26")).is_some());
    assert!(adequacy_on("BR", d("2025-12-01")).is_none());
}

#[test]
fn uk_renewed_to_2031() {
    let a = adequacy_on("GB", d("2030-06-01")).expect("UK renewal");
    assert_eq!(a.valid_until, Some(d("2031-12-27")));
    assert!(adequacy_on("UK", d("2031-12-27")).is_some());
    assert!(adequacy_on("GB", d("2031-12-28")).is_none());
    assert_eq!(
        adequacy_on("GB", d("2022-01-01"))
            .unwrap()
            .decision
            .as_deref(),
        Some("(EU) 2021/1772")
    );
    assert!(adequacy_on("GB", d("2021-06-27")).is_none());
}

#[test]
fn other_adequacy_decisions() {
    let today = d("2026-11-23");
    for code in [
        "CH", "CA", "AR", "GG", "IM", "JE", "FO", "AD", "IL", "UY", "NZ", "JP", "KR", "GB", "US",
        "BR",
    ] {
        assert!(adequacy_on(code, today).is_some(), "{code}");
    }
    for code in ["IN", "CN", "FR", "XX", ""] {
        assert!(adequacy_on(code, today).is_none(), "{code}");
    }
    let ca = adequacy_on("CA", today).unwrap();
    assert_eq!(ca.requires, Some(Requirement::SubjectToPipeda));
    assert!(ca.scope.is_some());
    assert_eq!(adequacy_on("CH", today).unwrap().requires, None);
    let epo = organisation_adequacy_on("European Patent Organisation", today).unwrap();
    assert_eq!(
        epo.name(Language::Fr),
        "Organisation européenne des brevets"
    );
    assert!(organisation_adequacy_on("epo", today).is_some());
    assert!(organisation_adequacy_on("EPO", d("2025-07-14")).is_none());
    assert!(organisation_adequacy_on("United Nations", today).is_none());
    assert!(adequacy_on("EPO", today).is_none());
}

/// Every adequacy entry with its dates, scope conditions and source, pinned: a change to the
/// legal data shows up here as a reviewable diff.
#[test]
fn adequacy_entries_with_their_scope_and_sources() {
    let mut out = String::new();
    for a in &eu().adequacy {
        out.push_str(&format!(
            "{} | {} | {} | adopted {} | in force {}{} | tag {:?}\n",
            a.id,
            a.name(Language::En),
            a.decision.as_deref().unwrap_or("number not known"),
            a.adopted,
            a.in_force,
            a.valid_until
                .map_or_else(String::new, |d| format!(" to {d}")),
            a.tag
        ));
        if let Some(r) = a.requires {
            out.push_str(&format!("  requires: {}\n", crate::model::yaml_name(&r)));
        }
        if let Some(scope) = &a.scope {
            out.push_str(&format!("  scope: {}\n", scope.en));
        }
        for e in &a.excludes {
            let t = term(*e).expect("parse() checks every exclusion has an entry");
            out.push_str(&format!(
                "  excludes {}: {} [{}; {}]\n",
                crate::model::yaml_name(e),
                t.label.en,
                t.article(Language::En).unwrap_or(""),
                t.source
            ));
        }
        if let Some(inv) = &a.invalidated {
            out.push_str(&format!("  invalidated {} by {}\n", inv.date, inv.case));
        }
        out.push_str(&format!("  source: {}\n", a.source));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn adequacy_scopes() {
    let today = d("2026-11-23");
    let kr = adequacy_on("KR", today).unwrap();
    assert_eq!(
        kr.excludes,
        vec![
            AdequacyExclusion::KrCreditInformation,
            AdequacyExclusion::KrMissionaryActivities,
            AdequacyExclusion::KrCandidateNomination
        ]
    );
    let jp = adequacy_on("JP", today).unwrap();
    assert_eq!(jp.requires, Some(Requirement::PrivateSector));
    let uk_before = adequacy_on("GB", d("2024-01-01")).unwrap();
    assert_eq!(
        uk_before.excludes,
        vec![AdequacyExclusion::GbImmigrationControl]
    );
    assert!(adequacy_on("GB", today).unwrap().excludes.is_empty());
    let epo = organisation_adequacy_on("EPO", today).unwrap();
    assert_eq!(epo.decision.as_deref(), Some("(EU) 2025/1382"));
    assert_eq!(epo.adopted, d("2025-07-15"));
}

#[test]
fn every_iso_3166_code_is_known() {
    // 249 ISO 3166-1 codes, plus XK, the code the EU institutions use for Kosovo.
    assert_eq!(eu().countries.len(), 250);
    for c in &eu().countries {
        assert!(c.part_of.is_none() || c.eu, "{}", c.code);
    }
}

#[test]
fn scc_validity() {
    use TransferMechanism::*;
    for old in [Scc2001497, Scc2004915, Scc201087] {
        assert!(scc_valid_on(old, d("2022-12-01")), "{old:?}");
        assert!(scc_valid_on(old, d("2022-12-27")), "{old:?}");
        assert!(!scc_valid_on(old, d("2023-01-01")), "{old:?}");
        assert!(!mechanism_valid_on(old, d("2023-01-01")), "{old:?}");
        assert_eq!(
            scc_set(old).unwrap().concluded_before,
            Some(d("2021-09-27"))
        );
    }
    assert!(scc_valid_on(Scc2021914, d("2023-01-01")));
    assert!(scc_valid_on(Scc2021914, d("2021-06-27")));
    assert!(!scc_valid_on(Scc2021914, d("2021-06-26")));
    assert_eq!(scc_set(Scc2021914).unwrap().modules.len(), 4);
    assert!(!scc_valid_on(StandardContractualClauses, d("2024-01-01")));
    assert!(mechanism_valid_on(
        StandardContractualClauses,
        d("2024-01-01")
    ));
    assert!(mechanism_info(StandardContractualClauses).is_scc());
    assert!(mechanism_info(Scc201087).is_scc());
    assert!(!mechanism_info(BindingCorporateRules).is_scc());
    assert!(!scc_valid_on(BindingCorporateRules, d("2024-01-01")));
    assert!(mechanism_valid_on(BindingCorporateRules, d("2024-01-01")));
    let c2p = eu()
        .scc_sets
        .iter()
        .find(|s| s.id == "(EU) 2021/915")
        .unwrap();
    assert!(!c2p.transfer_mechanism && c2p.mechanism.is_none());
}

#[test]
fn privacy_shield_never_valid() {
    for date in ["2016-08-01", "2019-01-01", "2024-01-01"] {
        assert!(!mechanism_valid_on(
            TransferMechanism::PrivacyShield,
            d(date)
        ));
        assert!(!scc_valid_on(TransferMechanism::PrivacyShield, d(date)));
    }
    let info = mechanism_info(TransferMechanism::PrivacyShield);
    assert!(!info.valid);
    assert_eq!(info.kind, MechanismKind::Invalidated);
}

#[test]
fn mechanism_details() {
    use TransferMechanism::*;
    let cli = mechanism_info(CompellingLegitimateInterests);
    assert!(cli.is_derogation() && cli.needs_documentation && cli.not_for_public_authorities);
    assert_eq!(cli.article(Language::En), "Art. 49(1), second subparagraph");
    assert_eq!(
        cli.dpv.as_deref(),
        Some("https://w3id.org/dpv/legal/eu/gdpr#A49-2")
    );
    assert!(mechanism_info(DerogationLegalClaims).is_derogation());
    assert!(!mechanism_info(DerogationLegalClaims).not_for_public_authorities);
    assert!(!mechanism_info(Scc2021914).is_derogation());
    assert!(mechanism_info(AdHocClauses).needs_authorisation);
    assert_eq!(
        mechanism_info(Scc2021914).article(Language::En),
        "Art. 46(2)(c)"
    );
    assert_eq!(
        mechanism_info(BindingCorporateRules).label(Language::Fr),
        "Règles d’entreprise contraignantes"
    );
    assert_eq!(
        label(&AdequacyDecision, Language::Fr),
        "Décision d’adéquation"
    );
}

#[test]
fn legal_basis_terms() {
    let f = term(LegalBasis::LegitimateInterests).unwrap();
    assert_eq!(f.letter.as_deref(), Some("f"));
    assert_eq!(f.article(Language::En), Some("Art. 6(1)(f)"));
    assert_eq!(
        f.dpv.as_deref(),
        Some("https://w3id.org/dpv/legal/eu/gdpr#A6-1-f")
    );
    assert_eq!(label(&LegalBasis::Consent, Language::Fr), "Consentement");
    assert_eq!(
        label(&LegalBasis::Contract, Language::Fr),
        "Exécution d’un contrat"
    );
    // Art. 6(1)(e) covers both branches: a task in the public interest, or official authority.
    assert_eq!(
        label(&LegalBasis::PublicTask, Language::Fr),
        "Exécution d’une mission d’intérêt public ou relevant de l’exercice de l’autorité publique"
    );
    // Art. 9(2)(d) is limited to bodies with a political, philosophical, religious or
    // trade-union aim, and to members, former members and regular contacts.
    let d = label(&Art9Condition::NotForProfitBody, Language::Fr);
    assert!(
        d.contains("finalité politique, philosophique, religieuse ou syndicale"),
        "{d}"
    );
    assert!(d.contains("anciens membres"), "{d}");
    let d = label(&Art9Condition::NotForProfitBody, Language::En);
    assert!(
        d.contains("trade-union aim") && d.contains("former members"),
        "{d}"
    );
    let j = term(Art9Condition::ArchivingResearchStatistics).unwrap();
    assert_eq!(j.letter.as_deref(), Some("j"));
    assert_eq!(
        j.dpv.as_deref(),
        Some("https://w3id.org/dpv/legal/eu/gdpr#A9-2-j")
    );
    assert_eq!(
        label(&CnilHeading::AccessControl, Language::Fr),
        "Contrôle d’accès des utilisateurs"
    );
    assert_eq!(
        label(&MeasureCategory::PseudonymisationEncryption, Language::Fr),
        "Mesures de pseudonymisation et de chiffrement des données à caractère personnel"
    );
    assert_eq!(
        term(MeasureCategory::PortabilityErasure).unwrap().number,
        Some(17)
    );
    assert_eq!(
        term(Wp248Criterion::PreventsRights).unwrap().number,
        Some(9)
    );
}

/// Every variant of `T`, found from its JSON Schema and deserialized from its serde name.
fn all<T: JsonSchema + serde::de::DeserializeOwned>() -> Vec<T> {
    let names = variant_names::<T>();
    assert!(!names.is_empty(), "{}", std::any::type_name::<T>());
    names
        .into_iter()
        .map(|n| serde_json::from_value(serde_json::Value::String(n)).unwrap())
        .collect()
}

fn assert_labelled<T: Labelled + JsonSchema + serde::de::DeserializeOwned + std::fmt::Debug>(
    expected: usize,
) {
    let values = all::<T>();
    assert_eq!(values.len(), expected, "{}", std::any::type_name::<T>());
    for v in values {
        for lang in [Language::En, Language::Fr] {
            let text = label(&v, lang);
            assert!(!text.is_empty() && text != MISSING_LABEL, "{v:?} {lang:?}");
            assert_eq!(text.trim(), text, "{v:?} {lang:?}");
        }
    }
}

#[test]
fn every_model_enum_variant_has_labels() {
    assert_labelled::<LegalBasis>(6);
    assert_labelled::<SpecialCategory>(8);
    assert_labelled::<Art9Condition>(10);
    assert_labelled::<TransferMechanism>(22);
    assert_labelled::<Wp248Criterion>(9);
    assert_labelled::<Art35Case>(3);
    assert_labelled::<MeasureCategory>(17);
    assert_labelled::<CnilHeading>(7);
    assert_labelled::<Operation>(15);
    assert_labelled::<ProcessorObligation>(8);
    assert_labelled::<RetentionPhase>(3);
    assert_labelled::<EndAction>(3);
    assert_labelled::<SccModule>(4);
    assert_labelled::<ActivityRole>(3);
    assert_labelled::<VendorRole>(5);
    assert_labelled::<RecipientKind>(5);
    assert_labelled::<TransferFrequency>(2);
    assert_labelled::<AuthorisationKind>(2);
}

#[test]
fn every_entry_has_a_source() {
    let data = eu();
    let mut sources: Vec<&str> = Vec::new();
    sources.extend(data.countries.iter().map(|c| c.source.as_str()));
    sources.extend(data.adequacy.iter().map(|a| a.source.as_str()));
    sources.extend(data.scc_sets.iter().map(|s| s.source.as_str()));
    sources.extend(data.transfer_mechanisms.iter().map(|m| m.source.as_str()));
    sources.extend(data.legal_bases.iter().map(|t| t.source.as_str()));
    sources.extend(data.measure_categories.iter().map(|t| t.source.as_str()));
    for s in sources {
        assert!(s.starts_with("http://") || s.starts_with("https://"), "{s}");
    }
}

/// Headings and labels are printed in documents: one kind of apostrophe, the typographic one
/// (’), in both languages, never the typewriter one between two letters.
#[test]
fn the_legal_data_writes_one_kind_of_apostrophe() {
    for (name, text) in [
        ("eu.json", EU_JSON),
        ("retention_fr.json", super::retention_references::FR_JSON),
    ] {
        let chars: Vec<char> = text.chars().collect();
        let typewriter: Vec<String> = chars
            .windows(3)
            .filter(|w| w[1] == '\'' && w[0].is_alphabetic() && w[2].is_alphabetic())
            .map(|w| w.iter().collect())
            .collect();
        assert!(typewriter.is_empty(), "{name}: {typewriter:?}");
        assert!(text.contains('’'), "{name} has no apostrophe to check");
    }
}
