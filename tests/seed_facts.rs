//! The example registers in `registers/` transcribe three source documents (a CNIL register sheet,
//! terms of service with an Art. 28 annex, terms of use). These
//! tests load each register and check that every fact of its seed is in the loaded model, in the
//! field that should carry it: a fact lost or moved to the wrong field fails here.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use ropa::model::*;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn load(dir: &str) -> Register {
    match ropa::load::load_register(Path::new(dir)) {
        Ok(register) => register,
        Err(diagnostics) => panic!("{dir} does not load: {diagnostics:#?}"),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn activity<'a>(r: &'a Register, id: &str) -> &'a Activity {
    &r.activity(id)
        .unwrap_or_else(|| panic!("no activity {id}"))
        .item
}

fn vendor_named<'a>(r: &'a Register, name: &str) -> &'a Vendor {
    r.vendors
        .iter()
        .map(|v| &v.item)
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vendor named {name:?}"))
}

fn measure<'a>(r: &'a Register, id: &str) -> &'a Measure {
    &r.measure(id)
        .unwrap_or_else(|| panic!("no measure {id}"))
        .item
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    items.into_iter().collect()
}

fn purposes(a: &Activity) -> Vec<&str> {
    a.purposes.iter().map(|p| p.description.trim()).collect()
}

fn subject_names(a: &Activity) -> BTreeSet<&str> {
    set(a.data_subjects.iter().map(|s| s.name.as_str()))
}

fn data_category<'a>(a: &'a Activity, id: &str) -> &'a DataCategory {
    a.data_categories
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{}: no data category {id}", a.id))
}

/// Name and description of a data category, for checking the items it lists.
fn category_text(c: &DataCategory) -> String {
    format!(
        "{} {} {}",
        c.group.as_deref().unwrap_or(""),
        c.name,
        c.description.as_deref().unwrap_or("")
    )
}

fn retention_rule<'a>(a: &'a Activity, text_contains: &str) -> &'a RetentionRule {
    a.retention
        .iter()
        .find(|r| r.text.as_deref().is_some_and(|t| t.contains(text_contains)))
        .unwrap_or_else(|| {
            panic!(
                "{}: no retention rule whose text contains {text_contains:?}",
                a.id
            )
        })
}

fn recipient_named<'a>(a: &'a Activity, name_contains: &str) -> &'a Recipient {
    a.recipients
        .iter()
        .find(|r| r.name.as_deref().is_some_and(|n| n.contains(name_contains)))
        .unwrap_or_else(|| panic!("{}: no recipient named like {name_contains:?}", a.id))
}

/// All descriptions of the measures filed under a CNIL heading, joined.
fn under_cnil_heading(r: &Register, heading: CnilHeading) -> String {
    r.measures
        .iter()
        .filter(|m| m.item.cnil_heading == Some(heading))
        .map(|m| m.item.description.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The measure whose description contains `needle`.
fn measure_with<'a>(r: &'a Register, needle: &str) -> &'a Measure {
    let found: Vec<&Measure> = r
        .measures
        .iter()
        .map(|m| &m.item)
        .filter(|m| m.description.contains(needle))
        .collect();
    assert!(!found.is_empty(), "no measure describes {needle:?}");
    found[0]
}

fn assert_contains_all(haystack: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(
            haystack.contains(needle),
            "{what}: {needle:?} missing from {haystack:?}"
        );
    }
}

/// Every file of a register starts with the yaml-language-server schema comment for its kind, and
/// every activity file is named after its id.
fn assert_layout(dir: &str) {
    let root = Path::new(dir);
    for (file, schema) in [
        ("ropa.yaml", "../../schemas/register.schema.json"),
        ("vendors.yaml", "../../schemas/vendors.schema.json"),
        ("measures.yaml", "../../schemas/measures.schema.json"),
    ] {
        let path = root.join(file);
        if !path.exists() {
            assert_ne!(file, "ropa.yaml", "{dir} has no ropa.yaml");
            continue;
        }
        let first = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={schema}"),
            "{}",
            path.display()
        );
    }
    let register = load(dir);
    for a in &register.activities {
        let text = std::fs::read_to_string(&a.file).unwrap();
        assert_eq!(
            text.lines().next().unwrap_or(""),
            "# yaml-language-server: $schema=../../../schemas/activity.schema.json",
            "{}",
            a.file.display()
        );
        assert_eq!(
            a.file.file_name().unwrap().to_str().unwrap(),
            format!("{}.yaml", a.item.id),
            "activity file named after its id"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// ZEROSIX: CNIL register sheet (processor record), French
// ---------------------------------------------------------------------------------------------

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
    // The only waiver keeps the sheet's undeclared analytics tool visible.
    assert_eq!(a.waivers.len(), 1);
    assert_eq!(a.waivers[0].rule, "RP602");
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

// ---------------------------------------------------------------------------------------------
// OCTOPUSH: terms of service, Art. 28 annex and appendix of measures
// ---------------------------------------------------------------------------------------------

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
        // Waivers only keep the terms' gaps visible: no legal basis, no recipients or retention.
        assert!(
            a.waivers
                .iter()
                .all(|w| ["RP101", "RP200"].contains(&w.rule.as_str())),
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

// ---------------------------------------------------------------------------------------------
// ZETAPUSH: general terms of use
// ---------------------------------------------------------------------------------------------

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
    let cil = r.config.item.dpo.as_ref().expect("CIL");
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
