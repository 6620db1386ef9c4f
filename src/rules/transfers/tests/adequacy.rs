//! Adequacy decisions: their dates, conditions, scopes and exclusions.

use super::*;

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
