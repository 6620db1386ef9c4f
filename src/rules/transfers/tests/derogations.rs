//! Art. 49 derogations: public authorities, continuous transfers, documentation.

use super::*;

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
