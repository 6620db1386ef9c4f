//! Unit tests of the transfers rules on registers built in memory.

use super::*;
use crate::diagnostics::Severity;
use crate::rules::testing::{activity_with, check, d, register, vendor};
use serde_json::{Value, json};

fn aws(extra: Value) -> Vendor {
    let mut v = json!({
        "id": "aws", "name": "AWS", "role": "processor", "service": "Hosting",
        "locations": [{"country": "FR"}, {"country": "US"}],
    });
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        for (k, x) in e {
            o.insert(k.clone(), x.clone());
        }
    }
    vendor(v)
}

fn uses_aws(transfers: Value) -> Activity {
    activity_with(json!({
        "recipients": [{"kind": "vendor", "vendor": "aws"}],
        "transfers": transfers,
    }))
}

fn run(rule: &dyn Rule, v: Vendor, a: Activity, as_of: NaiveDate) -> Vec<Diagnostic> {
    check(rule, &register(vec![v], vec![a]), as_of)
}

#[test]
fn undeclared_transfer_points_at_the_recipient() {
    let found = run(
        &UndeclaredTransfer,
        aws(json!({})),
        uses_aws(json!([])),
        d(2026, 11, 25),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer.as_deref(), Some("/recipients/0"));
    assert!(found[0].message.contains("United States (US)"));
    // Declared for this vendor, or for the country without a vendor: listed.
    for t in [
        json!([{"country": "US", "vendor": "aws"}]),
        json!([{"country": "US"}]),
    ] {
        assert!(
            run(
                &UndeclaredTransfer,
                aws(json!({})),
                uses_aws(t),
                d(2026, 11, 25)
            )
            .is_empty()
        );
    }
    // Declared for another vendor: not listed for this one.
    let other = json!([{"country": "US", "vendor": "other"}]);
    assert_eq!(
        run(
            &UndeclaredTransfer,
            aws(json!({})),
            uses_aws(other),
            d(2026, 11, 25)
        )
        .len(),
        1
    );
    // EEA locations are no transfers.
    let eu = aws(json!({"locations": [{"country": "DE"}, {"country": "NO"}]}));
    assert!(
        run(
            &UndeclaredTransfer,
            eu,
            uses_aws(json!([])),
            d(2026, 11, 25)
        )
        .is_empty()
    );
}

#[test]
fn implied_transfer_without_safeguard_is_an_error() {
    let found = run(
        &TransferWithoutSafeguard,
        aws(json!({})),
        uses_aws(json!([])),
        d(2026, 11, 25),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].pointer.as_deref(), Some("/recipients/0"));
    // The vendor's safeguard frames it.
    let framed = aws(
        json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]}),
    );
    assert!(
        run(
            &TransferWithoutSafeguard,
            framed,
            uses_aws(json!([])),
            d(2026, 11, 25)
        )
        .is_empty()
    );
    // So does a country-level declared transfer's mechanism.
    let declared = uses_aws(json!([{"country": "US", "mechanism": "binding_corporate_rules"}]));
    assert!(
        run(
            &TransferWithoutSafeguard,
            aws(json!({})),
            declared,
            d(2026, 11, 25)
        )
        .is_empty()
    );
}

#[test]
fn us_adequacy_needs_dpf_certification_and_starts_on_2023_07_10() {
    let certified = || aws(json!({"dpf_certified": true}));
    // Without any mechanism, adequacy covers a certified vendor and nothing is said.
    assert!(
        run(
            &TransferWithoutSafeguard,
            certified(),
            uses_aws(json!([])),
            d(2023, 7, 10)
        )
        .is_empty()
    );
    let before = run(
        &TransferWithoutSafeguard,
        certified(),
        uses_aws(json!([])),
        d(2023, 7, 9),
    );
    assert_eq!(before.len(), 1);
    assert!(
        before[0].message.contains("invalidated on 2020-07-16"),
        "{}",
        before[0].message
    );
    // An explicit adequacy_decision: the same dates.
    let explicit =
        || uses_aws(json!([{"country": "US", "vendor": "aws", "mechanism": "adequacy_decision"}]));
    assert!(
        run(
            &TransferWithoutSafeguard,
            certified(),
            explicit(),
            d(2023, 7, 10)
        )
        .is_empty()
    );
    let found = run(
        &TransferWithoutSafeguard,
        certified(),
        explicit(),
        d(2023, 7, 9),
    );
    assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/mechanism"));
    // Not certified: not covered.
    let found = run(
        &TransferWithoutSafeguard,
        aws(json!({})),
        explicit(),
        d(2026, 11, 25),
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("`dpf_certified: true`"));
}

#[test]
fn canada_needs_pipeda_and_switzerland_needs_nothing() {
    let ca =
        |pipeda: bool| aws(json!({"locations": [{"country": "CA"}], "subject_to_pipeda": pipeda}));
    assert!(
        run(
            &TransferWithoutSafeguard,
            ca(true),
            uses_aws(json!([])),
            d(2026, 11, 25)
        )
        .is_empty()
    );
    assert_eq!(
        run(
            &TransferWithoutSafeguard,
            ca(false),
            uses_aws(json!([])),
            d(2026, 11, 25)
        )
        .len(),
        1
    );
    let ch = aws(json!({"locations": [{"country": "CH"}]}));
    assert!(
        run(
            &TransferWithoutSafeguard,
            ch,
            uses_aws(json!([])),
            d(2026, 11, 25)
        )
        .is_empty()
    );
}

#[test]
fn uk_immigration_control_was_excluded_until_the_renewal() {
    let gb = |exclusions: Value| {
        let mut fields = json!({"locations": [{"country": "GB"}]});
        if !exclusions.is_null() {
            fields["adequacy_exclusions"] = exclusions;
        }
        aws(fields)
    };
    let before = d(2024, 1, 1);
    let after = d(2026, 1, 1);
    let excluded = json!(["gb_immigration_control"]);
    let found = run(
        &TransferWithoutSafeguard,
        gb(excluded.clone()),
        uses_aws(json!([])),
        before,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0].message.contains("gb_immigration_control"),
        "{}",
        found[0].message
    );
    assert!(
        run(
            &TransferWithoutSafeguard,
            gb(excluded),
            uses_aws(json!([])),
            after
        )
        .is_empty()
    );
    let unstated = run(
        &TransferWithoutSafeguard,
        gb(Value::Null),
        uses_aws(json!([])),
        before,
    );
    assert_eq!(unstated.len(), 1);
    assert_eq!(unstated[0].severity, Severity::Warning);
    assert!(
        run(
            &TransferWithoutSafeguard,
            gb(Value::Null),
            uses_aws(json!([])),
            after
        )
        .is_empty()
    );
}

#[test]
fn korea_and_japan_cover_only_their_scope() {
    let as_of = d(2026, 11, 25);
    let kr = |exclusions: Value| {
        aws(
            json!({"locations": [{"country": "KR"}], "role": "controller",
            "adequacy_exclusions": exclusions}),
        )
    };
    let credit = run(
        &TransferWithoutSafeguard,
        kr(json!(["kr_credit_information"])),
        uses_aws(json!([])),
        as_of,
    );
    assert_eq!(credit.len(), 1);
    assert_eq!(credit[0].severity, Severity::Error);
    assert!(
        run(
            &TransferWithoutSafeguard,
            kr(json!([])),
            uses_aws(json!([])),
            as_of
        )
        .is_empty()
    );
    // An exclusion of another decision does not matter here.
    assert!(
        run(
            &TransferWithoutSafeguard,
            kr(json!(["gb_immigration_control"])),
            uses_aws(json!([])),
            as_of
        )
        .is_empty()
    );
    let jp = |role: &str| {
        aws(json!({"locations": [{"country": "JP"}], "role": role, "adequacy_exclusions": []}))
    };
    let ministry = run(
        &TransferWithoutSafeguard,
        jp("authority"),
        uses_aws(json!([])),
        as_of,
    );
    assert_eq!(ministry.len(), 1);
    assert!(
        ministry[0].message.contains("public authority"),
        "{}",
        ministry[0].message
    );
    assert!(
        run(
            &TransferWithoutSafeguard,
            jp("processor"),
            uses_aws(json!([])),
            as_of
        )
        .is_empty()
    );
}

#[test]
fn outermost_regions_and_aland_are_no_transfer() {
    for code in ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"] {
        let v = aws(json!({"locations": [{"country": code}]}));
        assert!(
            run(
                &TransferWithoutSafeguard,
                v,
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .is_empty(),
            "{code}"
        );
        let v = aws(json!({"locations": [{"country": code}]}));
        assert!(
            run(&UndeclaredTransfer, v, uses_aws(json!([])), d(2026, 11, 25)).is_empty(),
            "{code}"
        );
    }
}

#[test]
fn partner_recipients_outside_the_eea_are_transfers() {
    let as_of = d(2026, 11, 25);
    let partner = |transfers: Value| {
        activity_with(json!({
            "recipients": [{"kind": "partner", "name": "Mumbai reseller", "country": "IN"}],
            "transfers": transfers,
        }))
    };
    let undeclared = check(
        &UndeclaredTransfer,
        &register(vec![], vec![partner(json!([]))]),
        as_of,
    );
    assert_eq!(undeclared.len(), 1);
    assert_eq!(undeclared[0].severity, Severity::Error);
    let unframed = check(
        &TransferWithoutSafeguard,
        &register(vec![], vec![partner(json!([]))]),
        as_of,
    );
    assert_eq!(unframed.len(), 1);
    let framed = partner(json!([{"country": "IN", "importer": "Mumbai reseller",
        "mechanism": "scc_2021_914", "scc_module": "one"}]));
    let register = register(vec![], vec![framed]);
    assert!(check(&UndeclaredTransfer, &register, as_of).is_empty());
    assert!(check(&TransferWithoutSafeguard, &register, as_of).is_empty());
}

#[test]
fn uk_adequacy_is_continuous_across_its_renewal() {
    let gb = || aws(json!({"locations": [{"country": "GB"}], "adequacy_exclusions": []}));
    for date in [
        d(2021, 6, 28),
        d(2025, 12, 19),
        d(2025, 12, 28),
        d(2031, 12, 27),
    ] {
        assert!(
            run(&TransferWithoutSafeguard, gb(), uses_aws(json!([])), date).is_empty(),
            "{date}"
        );
    }
    assert_eq!(
        run(
            &TransferWithoutSafeguard,
            gb(),
            uses_aws(json!([])),
            d(2021, 6, 27)
        )
        .len(),
        1
    );
    // `UK` is read as `GB`.
    let uk = aws(json!({"locations": [{"country": "UK"}]}));
    assert!(
        run(
            &TransferWithoutSafeguard,
            uk,
            uses_aws(json!([])),
            d(2026, 11, 25)
        )
        .is_empty()
    );
}

#[test]
fn former_sccs_cover_transfers_until_2022_12_27_inclusive() {
    let old = |date: Value| {
        aws(
            json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2010_87", "date": date}]}),
        )
    };
    assert!(
        run(
            &TransferWithoutSafeguard,
            old(json!("2018-05-25")),
            uses_aws(json!([])),
            d(2022, 12, 27)
        )
        .is_empty()
    );
    let found = run(
        &TransferWithoutSafeguard,
        old(json!("2018-05-25")),
        uses_aws(json!([])),
        d(2022, 12, 28),
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("after 2022-12-27"),
        "{}",
        found[0].message
    );
    // Signed on or after the repeal of 27 September 2021: never valid.
    let late = run(
        &TransferWithoutSafeguard,
        old(json!("2021-09-27")),
        uses_aws(json!([])),
        d(2022, 1, 1),
    );
    assert_eq!(late.len(), 1);
    assert!(
        run(
            &TransferWithoutSafeguard,
            old(json!("2021-09-26")),
            uses_aws(json!([])),
            d(2022, 1, 1)
        )
        .is_empty()
    );
    for m in ["scc_2001_497", "scc_2004_915"] {
        let v = aws(json!({"transfer_safeguards": [{"country": "US", "mechanism": m}]}));
        assert_eq!(
            run(
                &TransferWithoutSafeguard,
                v,
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .len(),
            1,
            "{m}"
        );
    }
    // The 2021/914 clauses apply from 27 June 2021.
    let new = || {
        aws(
            json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]}),
        )
    };
    assert!(
        run(
            &TransferWithoutSafeguard,
            new(),
            uses_aws(json!([])),
            d(2021, 6, 27)
        )
        .is_empty()
    );
    assert_eq!(
        run(
            &TransferWithoutSafeguard,
            new(),
            uses_aws(json!([])),
            d(2021, 6, 26)
        )
        .len(),
        1
    );
}

#[test]
fn privacy_shield_is_never_a_mechanism() {
    let v = aws(json!({"dpf_certified": true}));
    let a = uses_aws(json!([{"country": "US", "vendor": "aws", "mechanism": "privacy_shield"}]));
    for date in [d(2019, 1, 1), d(2026, 11, 25)] {
        let found = run(&TransferWithoutSafeguard, v.clone(), a.clone(), date);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("C-311/18"));
    }
}

#[test]
fn unknown_importer_of_a_restricted_decision_is_a_warning() {
    let a = activity_with(
        json!({"transfers": [{"country": "US", "importer": "Acme Inc.", "mechanism": "adequacy_decision"}]}),
    );
    let found = check(
        &TransferWithoutSafeguard,
        &register(vec![], vec![a]),
        d(2026, 11, 25),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn international_organisation_adequacy() {
    let a = activity_with(
        json!({"transfers": [{"international_organisation": "European Patent Office", "mechanism": "adequacy_decision"}]}),
    );
    let reg = register(vec![], vec![a]);
    assert!(check(&TransferWithoutSafeguard, &reg, d(2025, 7, 15)).is_empty());
    assert_eq!(
        check(&TransferWithoutSafeguard, &reg, d(2025, 7, 14)).len(),
        1
    );
}

#[test]
fn eea_transfer_is_information_only() {
    let a = uses_aws(json!([{"country": "DE", "vendor": "aws"}]));
    let v = aws(json!({"locations": [{"country": "DE"}]}));
    let found = run(&TransferWithinEea, v.clone(), a.clone(), d(2026, 11, 25));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Info);
    assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/country"));
    assert!(run(&TransferWithoutSafeguard, v, a, d(2026, 11, 25)).is_empty());
}

#[test]
fn art49_3_derogations_are_withheld_from_public_authorities() {
    let transfer = |m: &str| {
        activity_with(json!({"transfers": [
            {"country": "IN", "importer": "Lab", "mechanism": m, "documentation": "TIA-4"}
        ]}))
    };
    let as_of = d(2026, 11, 25);
    for m in [
        "derogation_explicit_consent",
        "derogation_contract",
        "derogation_contract_in_interest",
        "compelling_legitimate_interests",
    ] {
        let mut reg = register(vec![], vec![transfer(m)]);
        assert!(
            check(&TransferWithoutSafeguard, &reg, as_of).is_empty(),
            "{m}"
        );
        reg.config.item.organisation.public_authority = true;
        let found = check(&TransferWithoutSafeguard, &reg, as_of);
        assert_eq!(found.len(), 1, "{m}");
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/mechanism"));
        assert!(
            found[0].message.contains("Art. 49(3)"),
            "{}",
            found[0].message
        );
    }
    // Points (d) to (g) remain open to public authorities.
    for m in [
        "derogation_public_interest",
        "derogation_legal_claims",
        "derogation_vital_interests",
        "derogation_public_register",
    ] {
        let mut reg = register(vec![], vec![transfer(m)]);
        reg.config.item.organisation.public_authority = true;
        assert!(
            check(&TransferWithoutSafeguard, &reg, as_of).is_empty(),
            "{m}"
        );
    }
    // A vendor's safeguard is read the same way.
    let v = aws(
        json!({"transfer_safeguards": [{"country": "US", "mechanism": "derogation_contract"}]}),
    );
    let mut reg = register(vec![v], vec![uses_aws(json!([]))]);
    reg.config.item.organisation.public_authority = true;
    let found = check(&TransferWithoutSafeguard, &reg, as_of);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer.as_deref(), Some("/recipients/0"));
}

#[test]
fn compelling_interests_exclude_continuous_transfers() {
    let transfer = |frequency: Value| {
        let mut t = json!({"country": "IN", "importer": "Lab", "documentation": "TIA-4",
            "mechanism": "compelling_legitimate_interests"});
        if !frequency.is_null() {
            t["frequency"] = frequency;
        }
        register(vec![], vec![activity_with(json!({"transfers": [t]}))])
    };
    let as_of = d(2026, 11, 25);
    let found = check(
        &TransferWithoutSafeguard,
        &transfer(json!("continuous")),
        as_of,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0].message.contains("not repetitive"),
        "{}",
        found[0].message
    );
    for f in [json!("one_off"), Value::Null] {
        assert!(
            check(&TransferWithoutSafeguard, &transfer(f.clone()), as_of).is_empty(),
            "{f}"
        );
    }
    // Recital 111 and EDPB Guidelines 2/2018: (b), (c) and (e) cover occasional transfers
    // only; the important public interest of (d) is not so limited.
    let with = |mechanism: &str| {
        let a = activity_with(json!({"transfers": [{"country": "IN", "importer": "Hotel",
            "mechanism": mechanism, "frequency": "continuous"}]}));
        check(&TransferWithoutSafeguard, &register(vec![], vec![a]), as_of)
    };
    for m in [
        "derogation_contract",
        "derogation_contract_in_interest",
        "derogation_legal_claims",
    ] {
        let found = with(m);
        assert_eq!(found.len(), 1, "{m}");
        assert!(
            found[0].message.contains("occasional"),
            "{}",
            found[0].message
        );
    }
    assert!(with("derogation_public_interest").is_empty());
}

#[test]
fn compelling_interests_need_documentation() {
    let a = activity_with(
        json!({"transfers": [{"country": "IN", "importer": "Lab", "mechanism": "compelling_legitimate_interests"}]}),
    );
    let found = check(
        &UndocumentedCompellingInterests,
        &register(vec![], vec![a]),
        d(2026, 11, 25),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/mechanism"));
    let documented = activity_with(
        json!({"transfers": [{"country": "IN", "importer": "Lab", "mechanism": "compelling_legitimate_interests", "documentation": "TIA-4"}]}),
    );
    assert!(
        check(
            &UndocumentedCompellingInterests,
            &register(vec![], vec![documented]),
            d(2026, 11, 25)
        )
        .is_empty()
    );
    // Documented in the vendor's safeguard for the same country and mechanism.
    let v = aws(
        json!({"transfer_safeguards": [{"country": "US", "mechanism": "compelling_legitimate_interests", "documentation": "TIA-5"}]}),
    );
    let a = uses_aws(
        json!([{"country": "US", "vendor": "aws", "mechanism": "compelling_legitimate_interests"}]),
    );
    assert!(run(&UndocumentedCompellingInterests, v, a, d(2026, 11, 25)).is_empty());
}

#[test]
fn scc_version_and_module() {
    let v = aws(json!({"role": "sub_processor", "transfer_safeguards": [
        {"country": "US", "mechanism": "standard_contractual_clauses"},
        {"country": "IN", "mechanism": "scc_2021_914"},
        {"country": "JP", "mechanism": "scc_2021_914", "scc_module": "three"},
    ]}));
    let a = uses_aws(json!([]));
    let unstated = run(&SccVersionUnstated, v.clone(), a.clone(), d(2026, 11, 25));
    assert_eq!(unstated.len(), 1);
    assert_eq!(
        unstated[0].pointer.as_deref(),
        Some("/vendors/0/transfer_safeguards/0/mechanism")
    );
    assert!(
        unstated[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`scc_module: three`")
    );
    let no_module = run(&SccModuleMissing, v, a, d(2026, 11, 25));
    assert_eq!(no_module.len(), 1);
    assert_eq!(
        no_module[0].pointer.as_deref(),
        Some("/vendors/0/transfer_safeguards/1/mechanism")
    );
    // An activity's transfer takes the module of the vendor's matching safeguard.
    let v = aws(
        json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]}),
    );
    let a = uses_aws(json!([{"country": "US", "vendor": "aws", "mechanism": "scc_2021_914"}]));
    assert!(run(&SccModuleMissing, v, a, d(2026, 11, 25)).is_empty());
}

#[test]
fn usual_modules() {
    use ActivityRole::*;
    assert_eq!(
        usual_module(Some(Controller), VendorRole::Processor),
        Some(SccModule::Two)
    );
    assert_eq!(
        usual_module(Some(Processor), VendorRole::SubProcessor),
        Some(SccModule::Three)
    );
    assert_eq!(
        usual_module(Some(Processor), VendorRole::Controller),
        Some(SccModule::Four)
    );
    assert_eq!(
        usual_module(Some(JointController), VendorRole::Controller),
        Some(SccModule::One)
    );
    assert_eq!(
        usual_module(None, VendorRole::Processor),
        Some(SccModule::Two)
    );
    assert_eq!(usual_module(None, VendorRole::Authority), None);
}

#[test]
fn location_without_country() {
    let v = aws(json!({"locations": [{"country": "FR"}, {"region": "Europe"}, {}]}));
    let found = run(
        &LocationWithoutCountry,
        v,
        uses_aws(json!([])),
        d(2026, 11, 25),
    );
    let pointers: Vec<_> = found.iter().filter_map(|f| f.pointer.as_deref()).collect();
    assert_eq!(
        pointers,
        ["/vendors/0/locations/1", "/vendors/0/locations/2"]
    );
    assert!(found[0].message.contains("`Europe`"));
}
