//! zetapush: the general terms of use, fact by fact.

use super::*;

const ZETAPUSH: &str = "registers/zetapush";

#[test]
fn zetapush_layout() {
    assert_layout(ZETAPUSH);
}

#[test]
fn zetapush_organisation() {
    let r = load(ZETAPUSH);
    let org = &r.config.item.organisation;
    assert_eq!(org.name, "ZetaPush");
    assert_eq!(org.legal_form.as_deref(), Some("SAS"));
    assert_eq!(org.share_capital.as_deref(), Some("22,862 €"));
    assert_eq!(org.registration.as_deref(), Some("RCS Rennes 809 463 912"));
    assert_contains_all(
        org.address.as_deref().unwrap(),
        &[
            "1137 a Avenue des Champs Blancs",
            "35510 Cesson-Sévigné",
            "France",
        ],
        "address",
    );
    assert_eq!(org.phone.as_deref(), Some("+33 (0)2 30 96 47 36"));
    // The GTU name a CIL (the pre-2018 French role), not a DPO.
    assert!(r.config.item.dpo.is_none());
    let cil = r.config.item.former_cil.as_ref().expect("CIL");
    assert_contains_all(
        &cil.name,
        &["Correspondant Informatique et Libertés"],
        "CIL",
    );
    assert_contains_all(
        cil.address.as_deref().unwrap(),
        &["1137A Avenue des Champs Blancs", "35510 CESSON-SEVIGNE"],
        "CIL address",
    );
    assert_eq!(
        cil.email, None,
        "the e-mail address is missing from the GTU"
    );
    assert!(r.vendors.is_empty(), "the GTU name no vendor");
}

#[test]
fn zetapush_activities_and_dates() {
    let r = load(ZETAPUSH);
    assert_eq!(
        set(r.activities.iter().map(|a| a.item.id.as_str())),
        set([
            "account-opening",
            "customer-relationship-management",
            "customer-services-processing",
            "website-cookies"
        ])
    );
    for a in r.activities.iter().map(|a| &a.item) {
        assert_eq!(a.created, date("2026-11-23"), "{}", a.id);
        assert_eq!(a.updated, date("2026-11-23"), "{}", a.id);
        assert_contains_all(
            a.notes.as_deref().unwrap(),
            &["2026-11-23", "transcribed"],
            &a.id,
        );
    }
}

#[test]
fn zetapush_customer_data_as_controller() {
    let r = load(ZETAPUSH);
    let a = activity(&r, "customer-relationship-management");
    assert_eq!(a.role, ActivityRole::Controller);
    assert_eq!(a.purposes.len(), 2);
    assert_contains_all(
        &a.purposes[0].description,
        &[
            "customer relationship management",
            "billing",
            "support",
            "services maintenance",
            "sales management",
            "archiving",
            "telephony",
            "improvement in quality",
            "services security and performance",
            "debt recovery",
        ],
        "CRM purpose",
    );
    assert_eq!(
        a.purposes[0].legal_basis, None,
        "the GTU give no basis for CRM"
    );
    assert_contains_all(
        &a.purposes[1].description,
        &[
            "current regulation respect",
            "retention of connection and identification data",
        ],
        "legal purpose",
    );
    assert_eq!(a.purposes[1].legal_basis, Some(LegalBasis::LegalObligation));

    assert_contains_all(
        &category_text(data_category(a, "relationship-management-data")),
        &[
            "last name",
            "mailing address",
            "e-mail address",
            "phone numbers of Customer’s collaborators",
        ],
        "CRM data",
    );
    data_category(a, "connection-identification-data");
    data_category(a, "legal-obligation-data");
    assert!(subject_names(a).contains("Customer’s collaborators"));

    let crm = retention_rule(a, "thirty-six (36) months");
    assert_eq!(crm.data_categories, vec!["relationship-management-data"]);
    assert_eq!(crm.periods.len(), 2);
    assert_contains_all(
        crm.periods[0].until.as_deref().unwrap(),
        &["termination"],
        "until",
    );
    assert_eq!(crm.periods[1].duration.as_deref(), Some("P36M"));
    assert_contains_all(
        crm.periods[1].from.as_deref().unwrap(),
        &["termination"],
        "from",
    );

    let connection = retention_rule(a, "twelve (12) months");
    assert_eq!(
        connection.data_categories,
        vec!["connection-identification-data"]
    );
    assert_eq!(connection.periods.len(), 1);
    assert_eq!(connection.periods[0].duration.as_deref(), Some("P12M"));

    let other = retention_rule(a, "according to the current regulations");
    assert_eq!(other.data_categories, vec!["legal-obligation-data"]);
    assert!(other.periods.is_empty());
    assert_contains_all(
        other.legal_reference.as_deref().unwrap(),
        &["current regulations"],
        "legal reference",
    );

    let authorities = recipient_named(a, "Judicial or administrative authorities");
    assert_eq!(authorities.kind, RecipientKind::Authority);
    assert_contains_all(
        authorities.description.as_deref().unwrap(),
        &["requisitions", "inform the Customer"],
        "authorities",
    );

    assert_contains_all(
        a.notes.as_deref().unwrap(),
        &[
            "access, correct and suppress",
            "thirty (30) days",
            "FR 46 809 463 912",
            "Mikael Morvan",
            "9 a.m to 6 p.m CET/CEST",
        ],
        "notes",
    );
}

#[test]
fn zetapush_customer_data_as_processor() {
    let r = load(ZETAPUSH);
    let a = activity(&r, "customer-services-processing");
    assert_eq!(a.role, ActivityRole::Processor);
    assert_eq!(a.controllers.len(), 1);
    assert_contains_all(
        a.controllers[0].description.as_deref().unwrap(),
        &["remains solely responsible"],
        "controller",
    );
    assert_contains_all(
        a.description.as_deref().unwrap(),
        &[
            "BaaS",
            "acts as subcontractor only on Customer's instructions",
        ],
        "description",
    );
    assert_contains_all(
        a.processing_categories.join(" ").as_str(),
        &["hosting and functional services", "support and expertise"],
        "categories",
    );
    assert_contains_all(
        a.special_categories_statement.as_deref().unwrap(),
        &["critical data", "health data"],
        "sensitive data",
    );
    assert_eq!(
        recipient_named(a, "authorities").kind,
        RecipientKind::Authority
    );

    let pa = a.processing_agreement.as_ref().expect("processing terms");
    assert_eq!(
        pa.obligations,
        vec![
            ProcessorObligation::DocumentedInstructions,
            ProcessorObligation::Security,
            ProcessorObligation::AuditsAndInformation
        ]
    );
    assert_eq!(pa.breach_notification, None, "the GTU set no deadline");
    assert_contains_all(
        &pa.commitments.join("\n"),
        &[
            "not to reach nor to use the data of the Customer",
            "data center(s) location",
            "prior agreement",
            "certificates and audit reports",
            "additional invoice",
        ],
        "commitments",
    );

    let expected: [(&str, MeasureCategory, CnilHeading); 5] = [
        (
            "access controls via an authentication system and a password policy",
            MeasureCategory::IdentificationAuthorisation,
            CnilHeading::AccessControl,
        ),
        (
            "a logical isolation system between each Customers",
            MeasureCategory::ConfidentialityIntegrityAvailability,
            CnilHeading::Other,
        ),
        (
            "users and administrators authentication processes",
            MeasureCategory::IdentificationAuthorisation,
            CnilHeading::AccessControl,
        ),
        (
            "an authorizations management system in case of support or maintenance operations",
            MeasureCategory::IdentificationAuthorisation,
            CnilHeading::AccessControl,
        ),
        (
            "trace all completed actions on its information system",
            MeasureCategory::EventsLogging,
            CnilHeading::Traceability,
        ),
    ];
    for (text, category, heading) in expected {
        let m = measure_with(&r, text);
        assert_eq!(m.category, category, "{text}");
        assert_eq!(m.cnil_heading, Some(heading), "{text}");
        assert!(a.security_measures.contains(&m.id), "{} not applied", m.id);
    }
    assert_contains_all(
        &measure_with(&r, "logical isolation").description,
        &["Applications are isolated each other"],
        "isolation",
    );
    assert_contains_all(
        &measure_with(&r, "reporting actions").description,
        &["incident affecting Customer’s data"],
        "reporting",
    );
}

#[test]
fn zetapush_account_opening_and_cookies() {
    let r = load(ZETAPUSH);
    let account = activity(&r, "account-opening");
    assert_eq!(account.role, ActivityRole::Controller);
    assert_contains_all(
        account.description.as_deref().unwrap(),
        &[
            "formulaire d’inscription",
            "crée des identifiants",
            "envoyés par e-mail",
            "Le compte est activé",
        ],
        "account opening",
    );
    assert!(account.purposes.iter().all(|p| p.legal_basis.is_none()));

    let cookies = activity(&r, "website-cookies");
    assert_eq!(cookies.role, ActivityRole::Controller);
    assert_eq!(
        purposes(cookies),
        vec![
            "offer you a better browsing experience",
            "analyze site traffic"
        ]
    );
    assert!(
        cookies
            .purposes
            .iter()
            .all(|p| p.legal_basis == Some(LegalBasis::Consent))
    );
    assert!(cookies.purposes.iter().all(|p| {
        p.consent_record
            .as_deref()
            .unwrap()
            .contains("continue to use this site")
    }));
}
