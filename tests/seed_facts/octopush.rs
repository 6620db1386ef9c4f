//! octopush: the terms of service, their Art. 28 annex and appendix of measures, fact by fact.

use super::*;

const OCTOPUSH: &str = "registers/octopush";
const OCTOPUSH_PROCESSOR: &str = "message-sending-for-users";
const OCTOPUSH_CONTROLLER: [&str; 6] = [
    "user-accounts",
    "invoicing-and-payment",
    "contract-management-and-support",
    "evidence-records",
    "commercial-reference",
    "verified-reviews",
];

#[test]
fn octopush_layout() {
    assert_layout(OCTOPUSH);
}

#[test]
fn octopush_organisation() {
    let r = load(OCTOPUSH);
    let org = &r.config.item.organisation;
    assert_eq!(org.name, "Octopush");
    assert_eq!(org.legal_form.as_deref(), Some("SAS"));
    assert_eq!(org.share_capital.as_deref(), Some("30,000 euros"));
    assert_eq!(
        org.registration.as_deref(),
        Some("RCS Marseille 538 371 816")
    );
    assert_contains_all(
        org.address.as_deref().unwrap(),
        &["131, avenue du Prado", "13008 Marseille"],
        "address",
    );
    assert_eq!(org.website.as_deref(), Some("https://www.octopush.com"));
    let dpo = r.config.item.dpo.as_ref().expect("dpo(at)octopush.com");
    assert_eq!(dpo.email.as_deref(), Some("dpo@octopush.com"));
}

#[test]
fn octopush_activities_and_dates() {
    let r = load(OCTOPUSH);
    let mut ids: Vec<&str> = OCTOPUSH_CONTROLLER.to_vec();
    ids.push(OCTOPUSH_PROCESSOR);
    assert_eq!(
        set(r.activities.iter().map(|a| a.item.id.as_str())),
        set(ids)
    );
    for a in r.activities.iter().map(|a| &a.item) {
        // The terms carry no version date: the transcription date, said in the notes.
        assert_eq!(a.created, date("2026-11-23"), "{}", a.id);
        assert_eq!(a.updated, date("2026-11-23"), "{}", a.id);
        assert_contains_all(
            a.notes.as_deref().unwrap(),
            &["2026-11-23", "transcribed"],
            &a.id,
        );
        // The terms state no legal basis anywhere.
        assert!(
            a.purposes.iter().all(|p| p.legal_basis.is_none()),
            "{}",
            a.id
        );
        // Waivers only keep the terms' gaps visible: no legal basis, no recipients or retention,
        // no destination of the transfers, no audit right.
        assert!(
            a.waivers
                .iter()
                .all(|w| ["RP101", "RP200", "RP508", "RP603"].contains(&w.rule.as_str())),
            "{}",
            a.id
        );
    }
    assert_eq!(
        activity(&r, OCTOPUSH_PROCESSOR).role,
        ActivityRole::Processor
    );
    for id in OCTOPUSH_CONTROLLER {
        assert_eq!(activity(&r, id).role, ActivityRole::Controller, "{id}");
    }
}

#[test]
fn octopush_processing_description() {
    let r = load(OCTOPUSH);
    let a = activity(&r, OCTOPUSH_PROCESSOR);
    assert_eq!(a.controllers.len(), 1);
    assert_eq!(a.controllers[0].name, "Users");
    assert_contains_all(
        a.controllers[0].description.as_deref().unwrap(),
        &["professional activity exclusively"],
        "Users",
    );
    assert_eq!(purposes(a), vec!["Sending e-mail, SMS or other messages"]);
    assert_eq!(
        set(a.operations.iter().map(|o| match o {
            Operation::Recording => "recording",
            Operation::Storage => "storage",
            Operation::Organisation => "organisation",
            Operation::Adaptation => "adaptation",
            Operation::Transmission => "transmission",
            Operation::Erasure => "erasure",
            _ => "other",
        })),
        set([
            "recording",
            "storage",
            "organisation",
            "adaptation",
            "transmission",
            "erasure"
        ])
    );
    assert_eq!(
        a.processing_categories,
        vec!["Recording, storage, organization, modification, communication, deletion of Data."]
    );
    assert_eq!(
        subject_names(a),
        set([
            "Customers",
            "Prospects",
            "Partners",
            "Suppliers",
            "Employees of customers, prospects, partners, prospective suppliers or partners"
        ])
    );
    assert_eq!(a.data_categories.len(), 1);
    assert_contains_all(
        &category_text(&a.data_categories[0]),
        &[
            "Identification data of message recipients",
            "surname",
            "first name",
            "telephone number",
            "e-mail address",
        ],
        "data",
    );
    assert_contains_all(a.sources.join(" ").as_str(), &["The User"], "source");
    assert_eq!(recipient_named(a, "Routers").kind, RecipientKind::Other);
    assert_contains_all(
        recipient_named(a, "Routers")
            .description
            .as_deref()
            .unwrap(),
        &["routing of messages"],
        "Routers",
    );
    recipient_named(a, "Telecommunications operators");
    assert_contains_all(
        a.description.as_deref().unwrap(),
        &[
            "User is the Data Controller",
            "Octopush is a Processor",
            "mobile communication services",
        ],
        "description",
    );
}

#[test]
fn octopush_processing_agreement() {
    let r = load(OCTOPUSH);
    let a = activity(&r, OCTOPUSH_PROCESSOR);
    let pa = a.processing_agreement.as_ref().expect("Art. 28 annex");
    assert_contains_all(
        pa.reference.as_deref().unwrap(),
        &["Annex - Protection of personal data"],
        "reference",
    );
    assert_contains_all(
        pa.subject_matter.as_deref().unwrap(),
        &["User is the Data Controller"],
        "subject-matter",
    );
    assert_contains_all(
        pa.duration.as_deref().unwrap(),
        &[
            "annual term",
            "automatically renewed",
            "one (1) year from the last use of the Services",
        ],
        "duration",
    );
    assert_eq!(
        pa.obligations,
        vec![
            ProcessorObligation::DocumentedInstructions,
            ProcessorObligation::Confidentiality,
            ProcessorObligation::Security,
            ProcessorObligation::SubProcessors,
            ProcessorObligation::DataSubjectRights,
            ProcessorObligation::Assistance,
            ProcessorObligation::DeletionOrReturn,
        ]
    );
    assert_eq!(pa.breach_notification.as_deref(), Some("PT36H"));
    let auth = pa.sub_processor_authorisation.as_ref().unwrap();
    assert_eq!(auth.kind, AuthorisationKind::General);
    assert_eq!(auth.notice, None, "the annex sets no notice of changes");
    assert_contains_all(
        auth.text.as_deref().unwrap(),
        &[
            "may use a Sub-processor",
            "same obligations",
            "written contract",
            "remains fully liable",
        ],
        "sub-processors",
    );
    assert_contains_all(
        pa.end_of_services.as_deref().unwrap(),
        &[
            "return the Personal Data to the User",
            "destroy any existing copies",
            "law of the European Union",
            "confirms in writing",
        ],
        "end of services",
    );
    let commitments = pa.commitments.join("\n");
    assert_contains_all(
        &commitments,
        &[
            "documented instructions",
            "immediately informs the User in writing",
            "must first inform Octopush of any processing of other Data",
            "any other category of Data Subjects",
            "constant confidentiality, integrity, availability and resilience",
            "Standard Contractual Clauses",
            "Article 46 § 2",
            "prior analysis of the applicable legislation of the recipient country",
            "additional measures",
            "Articles 13 and 14",
            "Art. 15",
            "Art. 16",
            "Art. 17",
            "Art. 18",
            "Art. 20",
            "Art. 21",
            "immediately forward it to the User",
            "thirty-six (36) hours",
            "impact analysis",
            "consulting the supervisory authority",
            "demonstration of the respect by the User",
            "investigation",
            "same protective measures",
            "confirm oral instructions in writing",
            "supervise Processing",
            "seven (7) calendar days",
        ],
        "commitments",
    );
}

#[test]
fn octopush_transfers() {
    let r = load(OCTOPUSH);
    let a = activity(&r, OCTOPUSH_PROCESSOR);
    assert_eq!(a.transfers.len(), 1);
    let t = &a.transfers[0];
    assert_eq!(t.country, None, "the annex names no destination country");
    // "Standard Contractual Clauses adopted by the European Commission": no decision named.
    assert_eq!(
        t.mechanism,
        Some(TransferMechanism::StandardContractualClauses)
    );
    assert_eq!(t.scc_module, None);
    assert_contains_all(
        t.description.as_deref().unwrap(),
        &[
            "outside the European Union and the European Economic Area",
            "France and/or abroad",
        ],
        "transfer",
    );
}

#[test]
fn octopush_security_measures() {
    let r = load(OCTOPUSH);
    let appendix: [(&str, &str, MeasureCategory); 9] = [
        (
            "Physical access control",
            "ISO 27001 certified data host",
            MeasureCategory::PhysicalSecurity,
        ),
        (
            "System access control",
            "double authentication factor",
            MeasureCategory::IdentificationAuthorisation,
        ),
        (
            "System access control",
            "All access to the ISMS is tracked and stored.",
            MeasureCategory::EventsLogging,
        ),
        (
            "Data access control",
            "two-factor authentication",
            MeasureCategory::IdentificationAuthorisation,
        ),
        (
            "Data access control",
            "All access to the ISMS is tracked and stored.",
            MeasureCategory::EventsLogging,
        ),
        (
            "Control of Data transmissions",
            "end-to-end encrypted",
            MeasureCategory::TransmissionProtection,
        ),
        (
            "Control of the Data entered",
            "integrity is checked by software during each entry",
            MeasureCategory::DataQuality,
        ),
        (
            "Protection against loss or destruction of Data",
            "continuous and secure backups",
            MeasureCategory::Restoration,
        ),
        (
            "Protection against loss or destruction of Data",
            "A PRA is defined",
            MeasureCategory::Restoration,
        ),
    ];
    let processor = activity(&r, OCTOPUSH_PROCESSOR);
    for (title, text, category) in appendix {
        let m = r
            .measures
            .iter()
            .map(|m| &m.item)
            .find(|m| m.title.as_deref() == Some(title) && m.description.contains(text))
            .unwrap_or_else(|| panic!("no measure {title:?} / {text:?}"));
        assert_eq!(m.category, category, "{title}: {text}");
        assert!(
            processor.security_measures.contains(&m.id),
            "{} not applied",
            m.id
        );
    }
    for text in [
        "regularly monitors these measures",
        "without the prior written consent of the User",
        "obligation of confidentiality",
        "necessary training in the protection of Personal Data",
        "strictly necessary",
    ] {
        let m = measure_with(&r, text);
        assert!(
            processor.security_measures.contains(&m.id),
            "{} not applied",
            m.id
        );
    }
    let login = measure_with(&r, "username and a password");
    assert!(
        activity(&r, "user-accounts")
            .security_measures
            .contains(&login.id)
    );
}

#[test]
fn octopush_controller_activities() {
    let r = load(OCTOPUSH);

    let accounts = activity(&r, "user-accounts");
    assert_contains_all(
        accounts.description.as_deref().unwrap(),
        &[
            "personal data of the User or of the User's agents",
            "proof of power",
            "correct and complete information",
        ],
        "accounts",
    );
    assert_contains_all(
        &category_text(data_category(accounts, "credentials")),
        &["Username and password"],
        "credentials",
    );
    data_category(accounts, "proof-of-power");
    assert!(subject_names(accounts).contains("Agents of Users that are legal persons"));
    assert_contains_all(
        accounts.notes.as_deref().unwrap(),
        &["available on the Platform"],
        "notes",
    );

    let invoicing = activity(&r, "invoicing-and-payment");
    assert_contains_all(
        &category_text(data_category(invoicing, "payment-data")),
        &[
            "credit card",
            "bank transfer",
            "SEPA direct debit",
            "check",
            "third-party payment service provider",
        ],
        "payment data",
    );
    assert_contains_all(
        invoicing.description.as_deref().unwrap(),
        &[
            "monthly",
            "fifteen (15) calendar days",
            "forty (40) euros",
            "in his User Account",
        ],
        "invoicing",
    );
    let psp = recipient_named(invoicing, "Paypal");
    assert_contains_all(psp.name.as_deref().unwrap(), &["Stripe"], "PSP");

    let contract = activity(&r, "contract-management-and-support");
    assert_contains_all(
        contract.description.as_deref().unwrap(),
        &[
            "notified to the User by e-mail",
            "technical support",
            "scheduled maintenance",
        ],
        "contract management",
    );
    assert_eq!(
        recipient_named(contract, "relevant authority").kind,
        RecipientKind::Authority
    );

    let evidence = activity(&r, "evidence-records");
    assert_contains_all(
        &category_text(data_category(evidence, "telephone-recordings")),
        &["Telephone recordings operated by Octopush"],
        "evidence",
    );
    assert_contains_all(
        &category_text(data_category(evidence, "operation-records")),
        &["operations carried out by the User on the Platform"],
        "evidence",
    );
    assert_contains_all(
        &category_text(data_category(evidence, "exchanges")),
        &["faxes", "electronic messages", "postal mail"],
        "evidence",
    );

    let reference = activity(&r, "commercial-reference");
    assert_contains_all(
        &category_text(data_category(reference, "name-and-logo")),
        &["Name and logo of the User"],
        "reference",
    );
    assert_eq!(reference.operations, vec![Operation::Dissemination]);

    let reviews = activity(&r, "verified-reviews");
    assert_eq!(
        purposes(reviews),
        vec!["Collecting his opinion following his order"]
    );
    assert_eq!(reviews.recipients.len(), 1);
    assert_eq!(
        reviews.recipients[0].vendor.as_deref(),
        Some("verified-reviews")
    );
    assert_contains_all(
        reviews.notes.as_deref().unwrap(),
        &["opposing the distribution", "dpo(at)octopush.com"],
        "objection",
    );
    let vr = vendor_named(&r, "Verified Reviews");
    assert_eq!(vr.role, VendorRole::Controller);
    assert_contains_all(
        vr.processing_description.as_deref().unwrap(),
        &[
            "only as part of its solution and for its sole purposes",
            "refrains from communicating to anyone",
        ],
        "Verified Reviews",
    );
    assert_eq!(r.vendors.len(), 1, "Octopush names no other vendor");
}
