//! zerosix: the CNIL register sheet (a processor record, in French), fact by fact.

use super::*;

const ZEROSIX: &str = "registers/zerosix";

#[test]
fn zerosix_layout() {
    assert_layout(ZEROSIX);
}

#[test]
fn zerosix_organisation_and_dpo() {
    let r = load(ZEROSIX);
    let org = &r.config.item.organisation;
    assert_eq!(org.name, "ZS SERVICES");
    assert_eq!(org.head.as_ref().unwrap().name, "GUIEYSSE Nicolas");
    assert_contains_all(
        org.address.as_deref().unwrap(),
        &["119 avenue Jacques Cartier", "34000 Montpellier"],
        "organisation address",
    );
    assert_eq!(org.email.as_deref(), Some("contact@zerosix.com"));
    // The sheet gives no website, legal form, registration or capital.
    assert_eq!(org.website, None);
    assert_eq!(org.registration, None);

    let dpo = r.config.item.dpo.as_ref().expect("DPO");
    assert_eq!(dpo.name, "JAILLET Maxime");
    assert_eq!(
        dpo.email.as_deref(),
        Some("donnees-personnelles@zerosix.com")
    );
    assert_contains_all(
        dpo.address.as_deref().unwrap(),
        &["119 avenue Jacques Cartier", "34000 Montpellier"],
        "DPO address",
    );
    assert!(r.config.item.representative.is_none());
}

#[test]
fn zerosix_activity_identity_role_and_dates() {
    let r = load(ZEROSIX);
    assert_eq!(r.activities.len(), 1);
    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(a.name, "Gestion du service ZEROSIX");
    assert_eq!(a.role, ActivityRole::Processor);
    assert_contains_all(
        a.description.as_deref().unwrap(),
        &["pour le compte du client en qualité de sous-traitant"],
        "description",
    );
    assert_eq!(a.controllers.len(), 1);
    assert_eq!(a.controllers[0].name, "Commerçants clients de ZS SERVICES");
    assert_eq!(a.created, date("2019-05-16"));
    assert_eq!(a.updated, date("2024-03-14"));
    // The waivers keep the sheet's gaps visible: the undeclared analytics tool, and no
    // authorisation of the customers for its sub-processors.
    let rules: Vec<&str> = a.waivers.iter().map(|w| w.rule.as_str()).collect();
    assert_eq!(rules, ["RP605", "RP602"]);
}

#[test]
fn zerosix_purposes_and_operations() {
    let r = load(ZEROSIX);
    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(
        purposes(a),
        vec![
            "Délivrer le service de gestion d’un programme de fidélité et de relances",
            "Création et gestion de comptes utilisateurs en ligne",
            "Animation d’un programme de fidélité",
            "Envoi de messages par SMS, e-mail ou par voie postale à des fins de prospection commerciale.",
            "Réalisation de statistiques, reportings",
        ]
    );
    // A processor record: the sheet gives no legal basis, and none is invented.
    assert!(a.purposes.iter().all(|p| p.legal_basis.is_none()));
    assert_eq!(
        a.operations,
        vec![
            Operation::Collection,
            Operation::Recording,
            Operation::Storage,
            Operation::Use,
            Operation::Erasure
        ]
    );
    assert_eq!(
        a.processing_categories,
        vec![
            "Collecte, enregistrement, stockage, utilisation, effacement des données personnelles."
        ]
    );
}

#[test]
fn zerosix_data_subjects() {
    let r = load(ZEROSIX);
    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(
        subject_names(a),
        set([
            "Clients finaux du commerçant",
            "Prospects parrainés par des clients"
        ])
    );
    let prospects = a
        .data_subjects
        .iter()
        .find(|s| s.id == "prospects-parraines")
        .unwrap();
    assert_contains_all(
        prospects.description.as_deref().unwrap(),
        &["SMS unique d’invitation"],
        "prospects",
    );
}

#[test]
fn zerosix_data_categories() {
    let r = load(ZEROSIX);
    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(a.data_categories.len(), 9);
    let expected: [(&str, &[&str]); 9] = [
        (
            "etat-civil-identite",
            &[
                "Etat-civil",
                "identité",
                "nom",
                "prénom",
                "adresse",
                "date de naissance",
                "numéro de téléphone",
                "e-mail",
            ],
        ),
        (
            "donnees-de-connexion",
            &[
                "Données de connexion",
                "horodatage",
                "date de dernière connexion",
                "identifiants",
                "mots de passe",
            ],
        ),
        (
            "internet-mesure-audience",
            &[
                "Internet, web app ZEROSIX",
                "mesure d’audience",
                "cookies",
                "données de navigation",
            ],
        ),
        (
            "internet-cookies-de-session",
            &[
                "Internet, web app ZEROSIX",
                "Cookies de session",
                "utilisation du service",
            ],
        ),
        (
            "autres-depenses",
            &[
                "Autres catégories",
                "Dépenses réalisées chez le commerçant client de ZS SERVICES",
            ],
        ),
        (
            "autres-produits-achetes",
            &[
                "Autres catégories",
                "Produits achetés chez le commerçant client de ZS SERVICES",
            ],
        ),
        (
            "autres-codes-promotionnels",
            &[
                "Autres catégories",
                "Codes promotionnels acquis et utilisés chez le commerçant client de ZS SERVICES",
            ],
        ),
        (
            "autres-programme-de-fidelite",
            &[
                "Autres catégories",
                "programme de fidélité",
                "nombre de points",
                "récompenses demandées",
                "e-mails",
                "SMS envoyés",
            ],
        ),
        (
            "autres-enquetes-de-satisfaction",
            &[
                "Autres catégories",
                "souscription du commerçant à la fonctionnalité correspondante",
                "enquêtes de satisfaction",
                "avis",
            ],
        ),
    ];
    for (id, items) in expected {
        assert_contains_all(&category_text(data_category(a, id)), items, id);
    }
    // The sheet's row headings are kept as each category's group.
    for c in &a.data_categories {
        let expected = if c.id.starts_with("internet-") {
            Some("Internet, web app ZEROSIX")
        } else if c.id.starts_with("autres-") {
            Some("Autres catégories de données")
        } else {
            None
        };
        assert_eq!(c.group.as_deref(), expected, "{}", c.id);
    }
    assert_eq!(
        data_category(a, "internet-mesure-audience").tools,
        vec!["Google Analytics"]
    );
    assert!(
        a.data_categories
            .iter()
            .filter(|c| c.id != "internet-mesure-audience")
            .all(|c| c.tools.is_empty())
    );
    // No special category, no criminal data.
    assert!(
        a.data_categories
            .iter()
            .all(|c| c.special_category.is_none() && !c.criminal_data)
    );
    assert_contains_all(
        a.special_categories_statement.as_deref().unwrap(),
        &[
            "Données sensibles : NEANT",
            "conditions générales ZS SERVICES interdisent la collecte et le traitement de données sensibles",
        ],
        "special categories statement",
    );
}

#[test]
fn zerosix_recipients() {
    let r = load(ZEROSIX);
    let a = activity(&r, "gestion-du-service-zerosix");
    let internal = set(a
        .recipients
        .iter()
        .filter(|x| x.kind == RecipientKind::Internal)
        .map(|x| x.name.as_deref().unwrap()));
    assert_eq!(
        internal,
        set([
            "Dirigeants de la société",
            "Equipes techniques",
            "Equipes supports"
        ])
    );
    let vendors = set(a
        .recipients
        .iter()
        .filter(|x| x.kind == RecipientKind::Vendor)
        .map(|x| x.vendor.as_deref().unwrap()));
    assert_eq!(
        vendors,
        set([
            "aws",
            "brevo",
            "high-connexion",
            "sinch",
            "maileva",
            "matomo"
        ])
    );
    for x in a
        .recipients
        .iter()
        .filter(|x| x.kind == RecipientKind::Vendor)
    {
        assert!(x.description.as_deref().unwrap().contains("sous-traitant"));
    }
}

#[test]
fn zerosix_retention() {
    let r = load(ZEROSIX);
    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(a.retention.len(), 5);

    // Contract duration, then 12 months of intermediate archive; earlier end on the end customer's request.
    let contract = retention_rule(
        a,
        "Durée de la relation contractuelle entre ZS SERVICES et le client",
    );
    assert_contains_all(
        contract.text.as_deref().unwrap(),
        &["archivées pendant une période de 12 mois"],
        "text",
    );
    assert_eq!(contract.periods.len(), 2);
    assert_eq!(contract.periods[0].phase, Some(RetentionPhase::Active));
    assert_contains_all(
        contract.periods[0].until.as_deref().unwrap(),
        &["relation contractuelle"],
        "until",
    );
    assert_eq!(
        contract.periods[1].phase,
        Some(RetentionPhase::IntermediateArchive)
    );
    assert_eq!(contract.periods[1].duration.as_deref(), Some("P12M"));
    assert_eq!(
        contract.early_end,
        vec!["demande de suppression des données par le client final"]
    );

    // Cards never activated: 3 months from the invitation.
    let never = retention_rule(a, "n’ayant jamais activé leurs cartes de fidélité");
    assert_eq!(never.data_subjects, vec!["clients-finaux"]);
    assert_eq!(never.periods.len(), 1);
    assert_eq!(never.periods[0].duration.as_deref(), Some("P3M"));
    assert_contains_all(
        never.periods[0].from.as_deref().unwrap(),
        &["invitation à finaliser l’inscription"],
        "from",
    );

    // Activated card: period of use + 3 years, 5 years for the optics sector.
    let active = retention_rule(a, "ayant une carte de fidélité activée");
    assert_eq!(active.data_subjects, vec!["clients-finaux"]);
    assert_eq!(active.periods.len(), 2);
    assert_contains_all(
        active.periods[0].until.as_deref().unwrap(),
        &["période d’utilisation du service"],
        "until",
    );
    assert_eq!(active.periods[1].duration.as_deref(), Some("P3Y"));
    assert_eq!(active.periods[1].variants.len(), 1);
    assert_contains_all(
        &active.periods[1].variants[0].condition,
        &["secteur de l’optique"],
        "variant",
    );
    assert_eq!(active.periods[1].variants[0].duration, "P5Y");

    // Technical backups: 12 to 24 months.
    let backups = retention_rule(a, "Données de sauvegarde technique");
    assert_eq!(
        backups.scope.as_deref(),
        Some("Données de sauvegarde technique")
    );
    let range = backups.periods[0].range.as_ref().expect("range");
    assert_eq!((range.min.as_str(), range.max.as_str()), ("P12M", "P24M"));
    assert_eq!(backups.periods[0].duration, None);

    // Referred users: contact details deleted once the referral message is sent.
    let referral = retention_rule(a, "Utilisateurs parrainés");
    assert_eq!(referral.data_subjects, vec!["prospects-parraines"]);
    assert_contains_all(
        referral.periods[0].until.as_deref().unwrap(),
        &["envoi du message de parrainage"],
        "until",
    );
    assert_eq!(referral.end_action, Some(EndAction::Delete));
    assert_contains_all(
        referral.text.as_deref().unwrap(),
        &["Suppression des coordonnées"],
        "text",
    );
}

#[test]
fn zerosix_vendors_and_transfers() {
    let r = load(ZEROSIX);
    assert_eq!(r.vendors.len(), 6);
    assert!(
        r.vendors
            .iter()
            .all(|v| v.item.role == VendorRole::SubProcessor)
    );
    // The sheet's "Contrôle des sous-traitants" says they are bound by the general terms of
    // service; it gives no contract date.
    assert!(r.vendors.iter().all(|v| {
        v.item.contract.as_ref().is_some_and(|c| {
            c.date.is_none()
                && c.reference
                    .as_deref()
                    .is_some_and(|r| r.contains("Conditions générales de services"))
        })
    }));

    let aws = vendor_named(&r, "Amazon Web Services");
    assert_eq!(aws.service, "Hébergement");
    assert!(
        aws.locations
            .iter()
            .any(|l| l.country.as_deref() == Some("FR") && l.place.as_deref() == Some("Paris"))
    );
    assert!(
        aws.locations
            .iter()
            .any(|l| l.country.as_deref() == Some("US"))
    );
    assert_eq!(aws.transfer_safeguards.len(), 1);
    let scc = &aws.transfer_safeguards[0];
    assert_eq!(scc.country, "US");
    // "Signature de clauses contractuelles types": no decision named.
    assert_eq!(
        scc.mechanism,
        Some(TransferMechanism::StandardContractualClauses)
    );
    assert_eq!(scc.scc_module, None, "the sheet names no SCC module");
    assert_contains_all(
        scc.reference.as_deref().unwrap(),
        &["Signature de clauses contractuelles types"],
        "SCC reference",
    );

    let brevo = vendor_named(&r, "Brevo (Ex Sendinblue)");
    assert_eq!(brevo.service, "Routage d’email");
    // "Europe" is a region, not a country: no country is invented.
    assert_eq!(brevo.locations.len(), 1);
    assert_eq!(brevo.locations[0].region.as_deref(), Some("Europe"));
    assert_eq!(brevo.locations[0].country, None);
    assert_contains_all(
        brevo.notes.as_deref().unwrap(),
        &["Europe", "N/A"],
        "Brevo notes",
    );

    let hc = vendor_named(&r, "High Connexion");
    assert_eq!(hc.service, "Routage de SMS");
    let places = set(hc.locations.iter().map(|l| l.place.as_deref().unwrap()));
    assert_eq!(places, set(["Paris", "Vénissieux", "Aix-En-Provence"]));
    assert!(
        hc.locations
            .iter()
            .all(|l| l.country.as_deref() == Some("FR"))
    );

    let sinch = vendor_named(&r, "Sinch");
    assert_eq!(sinch.service, "Routage de SMS");
    assert_eq!(sinch.locations.len(), 1);
    assert_eq!(sinch.locations[0].region.as_deref(), Some("Europe"));
    assert_eq!(sinch.locations[0].country, None);
    assert_contains_all(sinch.notes.as_deref().unwrap(), &["Europe"], "Sinch notes");

    let maileva = vendor_named(&r, "Maileva");
    assert_contains_all(
        &maileva.service,
        &["Routage de messages promotionnels", "voie postale"],
        "Maileva service",
    );
    assert_contains_all(
        maileva.notes.as_deref().unwrap(),
        &["« Non »", "« Néant »"],
        "Maileva notes",
    );
    assert!(maileva.transfer_safeguards.is_empty());

    let matomo = vendor_named(&r, "Matomo");
    assert_eq!(matomo.service, "Mesure d’Audience");
    assert_eq!(matomo.locations.len(), 1);
    assert_eq!(matomo.locations[0].country.as_deref(), Some("FR"));
    assert_contains_all(matomo.notes.as_deref().unwrap(), &["N/A"], "Matomo notes");

    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(a.transfers.len(), 1);
    let t = &a.transfers[0];
    assert_eq!(t.country.as_deref(), Some("US"));
    assert_eq!(t.vendor.as_deref(), Some("aws"));
    assert_contains_all(
        t.description.as_deref().unwrap(),
        &["données des utilisateurs de la plateforme"],
        "transfer",
    );
    assert_eq!(t.scc_module, None);
}

#[test]
fn zerosix_security_measures() {
    let r = load(ZEROSIX);
    assert!(r.measures.iter().all(|m| m.item.cnil_heading.is_some()));
    let expected: [(CnilHeading, &[&str]); 7] = [
        (
            CnilHeading::AccessControl,
            &[
                "login et mot de passe",
                "droits spécifiques",
                "dirigeants ou le lead développeur",
            ],
        ),
        (
            CnilHeading::Traceability,
            &[
                "Journalisation des accès des utilisateurs",
                "identifiant, date et heure de connexion",
            ],
        ),
        (
            CnilHeading::SoftwareProtection,
            &[
                "l’ensemble des logiciels utilisés (Cloud)",
                "mise à jour des librairies",
                "mise à jour des serveurs",
                "Firewall applicatif (CloudFlare)",
                "DDoS",
                "OWASP",
            ],
        ),
        (
            CnilHeading::Backup,
            &[
                "Amazon Web Services (AWS)",
                "data-centers de Paris",
                "quotidiennement",
                "centres de données Parisiens",
            ],
        ),
        (
            CnilHeading::Other,
            &[
                "réplication des données sur plusieurs data-centers",
                "Répartition de la charge",
                "surveillance automatisée",
                "Auto-scaling",
                "VPC (Virtual Private Cloud)",
            ],
        ),
        (
            CnilHeading::Encryption,
            &["https", "VPN", "authentification multi facteur", "SSO"],
        ),
        (
            CnilHeading::ProcessorOversight,
            &["Sur la base des conditions générales de services."],
        ),
    ];
    for (heading, items) in expected {
        assert_contains_all(
            &under_cnil_heading(&r, heading),
            items,
            &format!("{heading:?}"),
        );
    }
    // Architecture is a heading of its own on the sheet.
    assert!(
        r.measures
            .iter()
            .filter(|m| m.item.cnil_heading == Some(CnilHeading::Other))
            .all(|m| m.item.title.as_deref() == Some("Architecture"))
    );
    // Closest SCC Annex III headings.
    assert_eq!(
        measure_with(&r, "login et mot de passe").category,
        MeasureCategory::IdentificationAuthorisation
    );
    assert_eq!(
        measure_with(&r, "Journalisation").category,
        MeasureCategory::EventsLogging
    );
    assert_eq!(
        measure_with(&r, "CloudFlare").category,
        MeasureCategory::ConfidentialityIntegrityAvailability
    );
    assert_eq!(
        measure_with(&r, "quotidiennement").category,
        MeasureCategory::Restoration
    );
    assert_eq!(
        measure_with(&r, "https").category,
        MeasureCategory::TransmissionProtection
    );
    assert_eq!(
        measure_with(&r, "VPN").category,
        MeasureCategory::IdentificationAuthorisation
    );
    assert_eq!(
        measure_with(&r, "VPC").category,
        MeasureCategory::SystemConfiguration
    );
    assert_eq!(
        measure_with(&r, "conditions générales de services").category,
        MeasureCategory::Accountability
    );
    // The activity applies every measure of the sheet.
    let a = activity(&r, "gestion-du-service-zerosix");
    assert_eq!(
        set(a.security_measures.iter().map(String::as_str)),
        set(r.measures.iter().map(|m| m.item.id.as_str()))
    );
    assert!(
        measure(&r, "pare-feu-applicatif-cloudflare")
            .description
            .contains("CloudFlare")
    );
}
