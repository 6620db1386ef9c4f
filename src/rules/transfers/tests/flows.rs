//! Which flows an activity makes: declared, implied by recipients, inside or outside the EEA.

use super::*;

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
    // A partner and an "other" recipient are read like a vendor.
    for kind in ["partner", "other"] {
        let partner = |transfers: Value| {
            activity_with(json!({
                "recipients": [{"kind": kind, "name": "Mumbai reseller", "country": "IN"}],
                "transfers": transfers,
            }))
        };
        let undeclared = check(
            &UndeclaredTransfer,
            &register(vec![], vec![partner(json!([]))]),
            as_of,
        );
        assert_eq!(undeclared.len(), 1, "{kind}");
        assert_eq!(undeclared[0].severity, Severity::Error);
        let unframed = check(
            &TransferWithoutSafeguard,
            &register(vec![], vec![partner(json!([]))]),
            as_of,
        );
        assert_eq!(unframed.len(), 1, "{kind}");
        let framed = partner(json!([{"country": "IN", "importer": "Mumbai reseller",
            "mechanism": "scc_2021_914", "scc_module": "one"}]));
        let register = register(vec![], vec![framed]);
        assert!(check(&UndeclaredTransfer, &register, as_of).is_empty());
        assert!(check(&TransferWithoutSafeguard, &register, as_of).is_empty());
    }
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
