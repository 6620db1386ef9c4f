//! The columns of the "Register" sheet, in the layout of the CNIL register or of the ICO
//! controller template, with their headings in English and French. Export writes these headings;
//! import recognises them (and a few common variants) to know what a column holds.

use crate::model::{CnilHeading, Language};

/// Which authority's register the "Register" sheet follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The CNIL "registre des activités de traitement" (fiche de registre, one row per activity).
    Cnil,
    /// The ICO controller documentation template (its 30 columns, after a reference and a name).
    Ico,
}

/// What a column of the "Register" sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The activity's id (CNIL "N° / REF").
    Ref,
    /// Its name.
    Name,
    /// What the processing is.
    Description,
    /// The business function that owns it.
    Owner,
    /// The organisation's role (controller, joint controller, processor).
    Role,
    /// Date the record was created.
    Created,
    /// Date it was last updated.
    Updated,
    /// Date of its last review.
    Reviewed,
    /// Date of its next review.
    NextReview,
    /// Controllers on whose behalf a processor acts, one per line.
    Controllers,
    /// Joint controllers, one per line.
    JointControllers,
    /// Categories of processing carried out for each controller, one per line.
    ProcessingCategories,
    /// The first purpose.
    MainPurpose,
    /// The other purposes, one per line.
    OtherPurposes,
    /// Every purpose, one per line.
    Purposes,
    /// The legal basis of each purpose, one line per purpose.
    LegalBasis,
    /// The legitimate interest of each purpose, one line per purpose.
    LegitimateInterest,
    /// The legitimate interests assessment of each purpose, one line per purpose.
    LiaReference,
    /// Where consent is recorded, one line per purpose.
    ConsentRecord,
    /// The legal obligation or task of each purpose, one line per purpose.
    LegalReference,
    /// Operations performed, comma-separated labels.
    Operations,
    /// Categories of data subjects, one per line (`name: details`).
    DataSubjects,
    /// Categories of personal data, one per line (`name: items`).
    DataCategories,
    /// The special categories: one line per sensitive data category, or the record's statement.
    SensitiveData,
    /// The Art. 9(2) condition of each sensitive category, one per line.
    Art9Condition,
    /// Where the data comes from, one per line.
    Sources,
    /// Internal recipients, one per line.
    InternalRecipients,
    /// Vendors, authorities, partners and other recipients, one per line.
    ExternalRecipients,
    /// Every recipient, one per line.
    Recipients,
    /// The Art. 28 contracts of the processors among the recipients, one per line.
    ProcessorContracts,
    /// Destination of each declared transfer outside the EEA, one per line.
    TransferCountries,
    /// Importer of each declared transfer, one per line.
    TransferImporters,
    /// Safeguard of each declared transfer, one per line.
    TransferSafeguards,
    /// Retention rules, one per line.
    Retention,
    /// Security measures under one CNIL heading, or all of them, one per line.
    Measures(Option<CnilHeading>),
    /// Automated decision-making, including profiling.
    AutomatedDecision,
    /// Places where the processors process the data.
    Location,
    /// Whether a DPIA is required.
    DpiaRequired,
    /// Whether it was carried out.
    DpiaProgress,
    /// Reference of the DPIA.
    DpiaReference,
    /// Free notes.
    Notes,
    /// A column of the authority's template that the register does not record; left empty.
    /// The number is the column's place in the ICO controller template (1 to 30), or 100 plus
    /// its place in the ICO processor template.
    NotRecorded(u8),
}

/// A column: what it holds and its headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// What the column holds.
    pub field: Field,
    /// Heading in English.
    pub en: &'static str,
    /// Heading in French.
    pub fr: &'static str,
    /// Width in characters.
    pub width: u8,
}

impl Column {
    /// The heading in `lang`.
    pub fn heading(&self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.en,
            Language::Fr => self.fr,
        }
    }
}

const fn col(field: Field, en: &'static str, fr: &'static str, width: u8) -> Column {
    Column {
        field,
        en,
        fr,
        width,
    }
}

use Field as F;

/// The CNIL register: the fiche de registre's blocks as columns, its seven security headings
/// each in a column, then what ropa records besides.
#[rustfmt::skip]
pub const CNIL: &[Column] = &[
    col(F::Ref, "No. / Ref", "N° / REF", 18),
    col(F::Name, "Name / acronym", "Nom / sigle", 30),
    col(F::Created, "Date created", "Date de création", 12),
    col(F::Updated, "Last updated", "Mise à jour", 12),
    col(F::Role, "Role of the organisation", "Rôle de l'organisme", 16),
    col(F::Controllers, "Controller(s) on whose behalf", "Responsable(s) du traitement", 30),
    col(F::JointControllers, "Joint controller(s)", "Responsable(s) conjoint(s)", 24),
    col(F::MainPurpose, "Main purpose", "Finalité principale", 40),
    col(F::OtherPurposes, "Sub-purposes", "Sous-finalités", 40),
    col(F::LegalBasis, "Legal basis", "Base légale", 28),
    col(F::LegitimateInterest, "Legitimate interest", "Intérêt légitime", 28),
    col(F::ConsentRecord, "Consent record", "Preuve du consentement", 20),
    col(F::LegalReference, "Legal obligation or task", "Obligation légale ou mission", 24),
    col(F::DataSubjects, "Categories of data subjects", "Catégories de personnes concernées", 36),
    col(F::DataCategories, "Categories of personal data", "Catégories de données personnelles", 50),
    col(F::SensitiveData, "Sensitive data", "Données sensibles", 30),
    col(F::Art9Condition, "Art. 9(2) condition", "Condition de l'article 9(2)", 24),
    col(F::Retention, "Retention period", "Durée de conservation", 50),
    col(F::InternalRecipients, "Internal recipients", "Destinataires internes", 30),
    col(F::ExternalRecipients, "External recipients and processors", "Destinataires externes et sous-traitants", 36),
    col(F::TransferCountries, "Transfers outside the EU: country", "Transferts hors UE : pays", 20),
    col(F::TransferImporters, "Transfers outside the EU: recipient", "Transferts hors UE : destinataire", 24),
    col(F::TransferSafeguards, "Transfers outside the EU: safeguards", "Transferts hors UE : garanties", 36),
    col(F::Measures(Some(CnilHeading::AccessControl)), "User access control", "Contrôle d'accès des utilisateurs", 36),
    col(F::Measures(Some(CnilHeading::Traceability)), "Logging measures", "Mesures de traçabilité", 36),
    col(F::Measures(Some(CnilHeading::SoftwareProtection)), "Software protection", "Mesures de protection des logiciels", 36),
    col(F::Measures(Some(CnilHeading::Backup)), "Data backup", "Sauvegarde des données", 36),
    col(F::Measures(Some(CnilHeading::Encryption)), "Data encryption", "Chiffrement des données", 36),
    col(F::Measures(Some(CnilHeading::ProcessorOversight)), "Processor oversight", "Contrôle des sous-traitants", 36),
    col(F::Measures(Some(CnilHeading::Other)), "Other measures", "Autres mesures", 36),
    col(F::Description, "Description", "Description", 40),
    col(F::Owner, "Business function", "Service responsable", 20),
    col(F::ProcessingCategories, "Categories of processing", "Catégories de traitements", 30),
    col(F::Operations, "Operations", "Opérations", 30),
    col(F::Sources, "Sources of the data", "Sources des données", 24),
    col(F::AutomatedDecision, "Automated decision-making", "Décision automatisée", 24),
    col(F::DpiaRequired, "DPIA required", "AIPD requise", 12),
    col(F::DpiaReference, "DPIA reference", "Référence de l'AIPD", 20),
    col(F::Reviewed, "Last reviewed", "Dernière revue", 12),
    col(F::NextReview, "Next review", "Prochaine revue", 12),
    col(F::Notes, "Notes", "Notes", 30),
];

/// The ICO templates: a reference and a name first (the templates have neither, and a row must
/// be traceable to its activity), then the thirty columns of the controller template in order,
/// then the columns of the processor template (Art. 30(2)) that the controller template lacks:
/// the controller's name and contact details, its representative and the categories of
/// processing. The processor template's other columns (third countries, safeguards, security
/// measures) are the controller template's columns 8, 9 and 11, filled for every record.
#[rustfmt::skip]
pub const ICO: &[Column] = &[
    col(F::Ref, "Ref", "Réf.", 18),
    col(F::Name, "Name", "Nom", 30),
    col(F::Owner, "Business function", "Fonction métier", 20),
    col(F::Purposes, "Purpose of processing", "Finalité du traitement", 40),
    col(F::JointControllers, "Name and contact details of joint controller (if applicable)", "Nom et coordonnées du responsable conjoint (le cas échéant)", 28),
    col(F::DataSubjects, "Categories of individuals", "Catégories de personnes", 30),
    col(F::DataCategories, "Categories of personal data", "Catégories de données personnelles", 44),
    col(F::Recipients, "Categories of recipients", "Catégories de destinataires", 34),
    col(F::ProcessorContracts, "Link to contract with processor", "Lien vers le contrat avec le sous-traitant", 28),
    col(F::TransferCountries, "Names of third countries or international organisations that personal data are transferred to (if applicable)", "Pays tiers ou organisations internationales destinataires de transferts (le cas échéant)", 24),
    col(F::TransferSafeguards, "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)", "Garanties des transferts vers des pays tiers ou organisations internationales (le cas échéant)", 34),
    col(F::Retention, "Retention schedule (if possible)", "Durées de conservation (si possible)", 44),
    col(F::Measures(None), "General description of technical and organisational security measures (if possible)", "Description générale des mesures de sécurité techniques et organisationnelles (si possible)", 44),
    col(F::LegalBasis, "Article 6 lawful basis for processing personal data", "Base légale de l'article 6", 28),
    col(F::Art9Condition, "Article 9 condition for processing special category data", "Condition de l'article 9 pour les données sensibles", 28),
    col(F::LegitimateInterest, "Legitimate interests for the processing (if applicable)", "Intérêts légitimes poursuivis (le cas échéant)", 28),
    col(F::LiaReference, "Link to record of legitimate interests assessment (if applicable)", "Lien vers l'évaluation des intérêts légitimes (le cas échéant)", 24),
    col(F::NotRecorded(16), "Rights available to individuals", "Droits des personnes", 20),
    col(F::AutomatedDecision, "Existence of automated decision-making, including profiling (if applicable)", "Décision automatisée, y compris le profilage (le cas échéant)", 24),
    col(F::Sources, "The source of the personal data (if applicable)", "Source des données personnelles (le cas échéant)", 24),
    col(F::ConsentRecord, "Link to record of consent", "Lien vers la preuve du consentement", 20),
    col(F::Location, "Location of personal data", "Localisation des données personnelles", 28),
    col(F::DpiaRequired, "Data Protection Impact Assessment required?", "Analyse d'impact requise ?", 14),
    col(F::DpiaProgress, "Data Protection Impact Assessment progress", "Avancement de l'analyse d'impact", 14),
    col(F::DpiaReference, "Link to Data Protection Impact Assessment", "Lien vers l'analyse d'impact", 20),
    col(F::NotRecorded(24), "Has a personal data breach occurred?", "Une violation de données a-t-elle eu lieu ?", 14),
    col(F::NotRecorded(25), "Link to record of personal data breach", "Lien vers le registre des violations", 20),
    col(F::NotRecorded(26), "Data Protection Act 2018 Schedule 1 Condition for processing", "Condition de l'annexe 1 du Data Protection Act 2018", 20),
    col(F::NotRecorded(27), "GDPR Article 6 lawful basis for processing", "Base légale de l'article 6 du RGPD", 20),
    col(F::NotRecorded(28), "Link to retention and erasure policy document", "Lien vers la politique de conservation et d'effacement", 20),
    col(F::NotRecorded(29), "Is personal data retained and erased in accordance with the policy document?", "Les données sont-elles conservées et effacées conformément à la politique ?", 14),
    col(F::NotRecorded(30), "Reasons for not adhering to policy document (if applicable)", "Raisons de l'écart à la politique (le cas échéant)", 20),
    col(F::Controllers, "Name and contact details of controller", "Nom et coordonnées du responsable du traitement", 30),
    col(F::NotRecorded(102), "Controller's representative", "Représentant du responsable du traitement", 20),
    col(F::ProcessingCategories, "Categories of processing", "Catégories de traitements", 30),
    col(F::LegalReference, "Legal obligation or task", "Obligation légale ou mission", 24),
    col(F::Role, "Role of the organisation", "Rôle de l'organisme", 16),
    col(F::Created, "Date created", "Date de création", 12),
    col(F::Updated, "Last updated", "Mise à jour", 12),
    col(F::Description, "Description", "Description", 40),
    col(F::Notes, "Notes", "Notes", 30),
];

/// The columns of a layout.
pub fn columns(layout: Layout) -> &'static [Column] {
    match layout {
        Layout::Cnil => CNIL,
        Layout::Ico => ICO,
    }
}

/// Other headings found in registers kept by hand, with the field they mean. Compared after
/// [`normalise`], like the headings of the layouts.
pub const ALIASES: &[(&str, Field)] = &[
    ("id", F::Ref),
    ("ref", F::Ref),
    ("reference", F::Ref),
    ("n°", F::Ref),
    ("numero", F::Ref),
    ("nom", F::Name),
    ("name", F::Name),
    ("activite", F::Name),
    ("activity", F::Name),
    ("traitement", F::Name),
    ("nom du traitement", F::Name),
    ("processing activity", F::Name),
    ("finalite", F::Purposes),
    ("finalites", F::Purposes),
    ("finalite(s)", F::Purposes),
    ("finalite(s) du traitement", F::Purposes),
    ("finalites du traitement", F::Purposes),
    ("purpose", F::Purposes),
    ("purposes", F::Purposes),
    ("lawful basis", F::LegalBasis),
    ("legal basis", F::LegalBasis),
    ("fondement juridique", F::LegalBasis),
    ("base juridique", F::LegalBasis),
    ("personnes concernees", F::DataSubjects),
    ("data subjects", F::DataSubjects),
    ("donnees traitees", F::DataCategories),
    ("categories de donnees", F::DataCategories),
    ("personal data", F::DataCategories),
    ("destinataires", F::Recipients),
    ("destinataires des donnees", F::Recipients),
    ("recipients", F::Recipients),
    ("sous-traitants", F::ExternalRecipients),
    ("processors", F::ExternalRecipients),
    ("duree de conservation", F::Retention),
    ("durees de conservation", F::Retention),
    ("retention", F::Retention),
    ("retention period", F::Retention),
    ("mesures de securite", F::Measures(None)),
    ("security measures", F::Measures(None)),
    ("transferts hors ue", F::TransferCountries),
    ("transfers", F::TransferCountries),
    ("third countries", F::TransferCountries),
    ("garanties", F::TransferSafeguards),
    ("safeguards", F::TransferSafeguards),
    ("date de creation", F::Created),
    ("created", F::Created),
    ("mise a jour", F::Updated),
    ("derniere mise a jour", F::Updated),
    ("updated", F::Updated),
    ("last updated", F::Updated),
    ("commentaires", F::Notes),
    ("comments", F::Notes),
    ("remarques", F::Notes),
];

/// A heading reduced for comparison: lower case, accents and typographic quotes folded, runs of
/// spaces made one, a trailing colon or asterisk dropped.
pub fn normalise(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    for c in heading.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '’' | '‘' | '`' => '\'',
            '\u{a0}' | '\n' | '\r' | '\t' => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with([' ', ':', '*']) {
        out.pop();
    }
    out
}

/// The field a heading names, in either language and either layout, or by a common variant.
pub fn field_of(heading: &str) -> Option<Field> {
    let wanted = normalise(heading);
    if wanted.is_empty() {
        return None;
    }
    CNIL.iter()
        .chain(ICO)
        .find(|c| normalise(c.en) == wanted || normalise(c.fr) == wanted)
        .map(|c| c.field)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == wanted)
                .map(|(_, f)| *f)
        })
}

/// A field's name for mapping files and messages, for example `legal_basis` or
/// `measures.encryption`.
pub fn field_name(field: Field) -> String {
    let name = match field {
        F::Ref => "ref",
        F::Name => "name",
        F::Description => "description",
        F::Owner => "owner",
        F::Role => "role",
        F::Created => "created",
        F::Updated => "updated",
        F::Reviewed => "reviewed",
        F::NextReview => "next_review",
        F::Controllers => "controllers",
        F::JointControllers => "joint_controllers",
        F::ProcessingCategories => "processing_categories",
        F::MainPurpose => "main_purpose",
        F::OtherPurposes => "other_purposes",
        F::Purposes => "purposes",
        F::LegalBasis => "legal_basis",
        F::LegitimateInterest => "legitimate_interest",
        F::LiaReference => "lia_reference",
        F::ConsentRecord => "consent_record",
        F::LegalReference => "legal_reference",
        F::Operations => "operations",
        F::DataSubjects => "data_subjects",
        F::DataCategories => "data_categories",
        F::SensitiveData => "sensitive_data",
        F::Art9Condition => "art9_condition",
        F::Sources => "sources",
        F::InternalRecipients => "internal_recipients",
        F::ExternalRecipients => "external_recipients",
        F::Recipients => "recipients",
        F::ProcessorContracts => "processor_contracts",
        F::TransferCountries => "transfer_countries",
        F::TransferImporters => "transfer_importers",
        F::TransferSafeguards => "transfer_safeguards",
        F::Retention => "retention",
        F::Measures(None) => "measures",
        F::Measures(Some(h)) => return format!("measures.{}", crate::export::key_of(&h)),
        F::AutomatedDecision => "automated_decision_making",
        F::Location => "location",
        F::DpiaRequired => "dpia_required",
        F::DpiaProgress => "dpia_progress",
        F::DpiaReference => "dpia_reference",
        F::Notes => "notes",
        F::NotRecorded(n) if n > 100 => return format!("ico_processor_column_{}", n - 100),
        F::NotRecorded(n) => return format!("ico_column_{n}"),
    };
    name.to_string()
}

/// Every field that a mapping file may name, with its name.
pub fn all_fields() -> impl Iterator<Item = Field> {
    let mut seen = std::collections::BTreeSet::new();
    CNIL.iter()
        .chain(ICO)
        .map(|c| c.field)
        .chain([F::Purposes, F::Recipients, F::Measures(None)])
        .filter(move |f| seen.insert(*f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_names_its_own_field() {
        for c in CNIL.iter().chain(ICO) {
            for h in [c.en, c.fr] {
                let found = field_of(h).unwrap_or_else(|| panic!("{h}"));
                // The same heading may stand in both layouts; it must mean the same there.
                assert_eq!(found, c.field, "{h}");
            }
        }
    }

    #[test]
    fn headings_compare_without_case_accents_or_colons() {
        assert_eq!(field_of("  FINALITE PRINCIPALE :"), Some(F::MainPurpose));
        assert_eq!(field_of("Durée de conservation*"), Some(F::Retention));
        assert_eq!(
            field_of("Catégories de\npersonnes concernées"),
            Some(F::DataSubjects)
        );
        assert_eq!(field_of("Something else"), None);
    }

    #[test]
    fn field_names_are_unique() {
        let names: std::collections::BTreeSet<String> = all_fields().map(field_name).collect();
        assert_eq!(names.len(), all_fields().count());
    }
}
