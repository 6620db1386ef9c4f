//! Standard contractual clauses: former and current decisions, versions and modules.

use super::*;

/// What `TransferWithoutSafeguard` finds on `date` for a transfer to AWS (with these fields) in
/// the US.
fn aws_findings(fields: Value, date: NaiveDate) -> Vec<Diagnostic> {
    run(
        &TransferWithoutSafeguard,
        aws(fields),
        uses_aws(json!([])),
        date,
    )
}

/// AWS with the 2010/87 clauses for the US, signed on `date`.
fn former_sccs(date: &str) -> Value {
    json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2010_87", "date": date}]})
}

#[test]
fn former_sccs_cover_transfers_until_2022_12_27_inclusive() {
    assert!(aws_findings(former_sccs("2018-05-25"), d(2022, 12, 27)).is_empty());
    let found = aws_findings(former_sccs("2018-05-25"), d(2022, 12, 28));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("after 2022-12-27"),
        "{}",
        found[0].message
    );
}

#[test]
fn former_sccs_signed_from_their_repeal_on_27_september_2021_are_never_valid() {
    assert_eq!(
        aws_findings(former_sccs("2021-09-27"), d(2022, 1, 1)).len(),
        1
    );
    assert!(aws_findings(former_sccs("2021-09-26"), d(2022, 1, 1)).is_empty());
}

#[test]
fn the_2001_and_2004_clauses_are_no_longer_valid() {
    for m in ["scc_2001_497", "scc_2004_915"] {
        let v = json!({"transfer_safeguards": [{"country": "US", "mechanism": m}]});
        assert_eq!(aws_findings(v, d(2026, 11, 25)).len(), 1, "{m}");
    }
}

#[test]
fn the_2021_914_clauses_apply_from_27_june_2021() {
    let new = || json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]});
    assert!(aws_findings(new(), d(2021, 6, 27)).is_empty());
    assert_eq!(aws_findings(new(), d(2021, 6, 26)).len(), 1);
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
