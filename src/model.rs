//! The register as plain data: organisation, catalogues and processing activities, with the serde and
//! schemars derives that make the YAML format and its published JSON Schemas.
//!
//! Field names follow the words of the Regulation (Art. 30, Art. 28(3)), the CNIL "fiche de registre"
//! and the annexes of the Commission's standard contractual clauses, so that documents can be made
//! from them. Every doc comment here becomes a `description` in schemas/.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod publication;
pub use publication::{
    DataProvision, ProvisionRequirement, PublishedNotice, SupervisoryAuthority, Visibility,
};
/// Name of the file that marks a register directory.
pub const REGISTER_FILE: &str = "ropa.yaml";
/// Name of the vendors catalogue.
pub const VENDORS_FILE: &str = "vendors.yaml";
/// Name of the measures catalogue.
pub const MEASURES_FILE: &str = "measures.yaml";
/// Folder of activity files.
pub const ACTIVITIES_DIR: &str = "activities";

/// A stable identifier: lower-case letters, digits and dashes. Used in file names and references.
pub type Id = String;

/// An ISO 3166-1 alpha-2 country code in capitals, for example `FR`, `US`, `NO` (Norway).
pub type CountryCode = String;

/// An ISO-8601 duration such as `P3Y`, `P12M`, `P90D` or `PT36H`.
pub type IsoDuration = String;

// ---------------------------------------------------------------------------------------------
// ropa.yaml
// ---------------------------------------------------------------------------------------------

/// `ropa.yaml`: the organisation that keeps the register, its representative and DPO, and the
/// register's settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    /// The organisation that keeps this record (Art. 30(1)(a) / 30(2)(a)).
    pub organisation: Organisation,
    /// The representative in the Union under Art. 27, where the organisation is established outside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Party>,
    /// The data protection officer (Art. 37-39), with contact details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Party>,
    /// How this register is checked and rendered.
    #[serde(default)]
    pub settings: Settings,
}

/// The organisation keeping the record: the controller for controller records, the processor for
/// processor records.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Legal name, as registered.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Legal form, for example `SAS`, `GmbH`, `Ltd`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<String>,
    /// Company registration number and registry, for example `RCS Marseille 538 371 816`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    /// Share capital as written in the company's documents, for example `30,000 euros`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_capital: Option<String>,
    /// Postal address of the registered office, one line per line break.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// General contact e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// General telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// VAT identification number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    /// The person at the head of the organisation (CNIL: "responsable de l'organisme").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Person>,
    /// True when the organisation is a public authority or body: it cannot rely on legitimate
    /// interests for the performance of its tasks (Art. 6(1) last subparagraph).
    #[serde(default, skip_serializing_if = "is_false")]
    pub public_authority: bool,
    /// Number of persons employed (relevant to the Art. 30(5) exemption).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<u32>,
    /// Free notes about the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A natural person named in the register.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Position or function, for example `Managing director`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// A party with contact details: a DPO, a representative, a joint controller, a controller on whose
/// behalf a processor acts.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name of the person or organisation.
    #[schemars(length(min = 1))]
    pub name: String,
    /// What this party is, where the name alone does not say it (for example "each merchant that
    /// subscribes to the service").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Contact person, where the party is an organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Person>,
    /// The party's own data protection officer, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Person>,
}

/// Register settings.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Maximum months between two reviews of an activity (default 12).
    #[serde(default = "default_review_interval")]
    pub review_interval_months: u32,
    /// Maximum months before a DPIA is reviewed again (default 36).
    #[serde(default = "default_dpia_interval")]
    pub dpia_review_interval_months: u32,
    /// Severity per rule, by code or name: `error`, `warning`, `info` or `off`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Default language of rendered documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The information notices (Art. 13/14) already published, one per data-subject category.
    /// When set (even empty), the check reports activities whose subjects no notice covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notices: Option<Vec<PublishedNotice>>,
    /// The supervisory authority named in notices for the right to lodge a complaint (Art. 77).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisory_authority: Option<SupervisoryAuthority>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            review_interval_months: default_review_interval(),
            dpia_review_interval_months: default_dpia_interval(),
            rules: BTreeMap::new(),
            language: None,
            notices: None,
            supervisory_authority: None,
        }
    }
}

fn default_review_interval() -> u32 {
    12
}
fn default_dpia_interval() -> u32 {
    36
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_public(v: &Visibility) -> bool {
    v.is_public()
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RuleLevel {
    /// Fails the check.
    Error,
    /// Reported, fails only with `--fail-on warning`.
    Warning,
    /// Reported for information.
    Info,
    /// Not run.
    Off,
}

/// A document language.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// French.
    Fr,
}

// ---------------------------------------------------------------------------------------------
// vendors.yaml
// ---------------------------------------------------------------------------------------------

/// `vendors.yaml`: the catalogue of vendors, processors, sub-processors and other third parties
/// that activities name as recipients.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VendorsFile {
    /// The vendors, each with a unique id.
    pub vendors: Vec<Vendor>,
}

/// A vendor or other third party that receives personal data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Stable identifier, referenced by activities.
    pub id: Id,
    /// Name as commonly known, for example `Brevo (ex Sendinblue)`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Registered legal name, where it differs from the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    /// The vendor's role towards the organisation.
    pub role: VendorRole,
    /// The service it performs ("nature de la prestation"), for example `E-mail routing`.
    #[schemars(length(min = 1))]
    pub service: String,
    /// What the vendor does with the personal data, with a clear delimitation of responsibilities
    /// (SCC Annex IV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_description: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Contact person's name, position and contact details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Person>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Countries and places from which the vendor processes the data, including remote access.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    /// The Art. 28 contract (or other binding legal act) that binds the vendor as processor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Contract>,
    /// Certifications and attestations, for example `ISO/IEC 27001`, `HDS`, `SOC 2 Type II`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certifications: Vec<String>,
    /// True when the vendor is self-certified under the EU-US Data Privacy Framework (needed for the
    /// US adequacy decision to cover it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub dpf_certified: bool,
    /// True when the vendor is a commercial organisation subject to Canada's PIPEDA (needed for the
    /// Canadian adequacy decision to cover it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub subject_to_pipeda: bool,
    /// Safeguards that frame the vendor's transfers outside the EEA, per destination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfer_safeguards: Vec<Safeguard>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// `internal` keeps the vendor out of public documents (`ropa site --public`).
    #[serde(default, skip_serializing_if = "is_public")]
    pub visibility: Visibility,
}

/// A vendor's role towards the organisation keeping the register.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum VendorRole {
    /// Processes personal data on behalf of the organisation acting as controller (Art. 28).
    #[default]
    Processor,
    /// Processes personal data on behalf of the organisation acting as processor (Art. 28(2), (4)).
    SubProcessor,
    /// Receives personal data as an independent controller.
    Controller,
    /// Determines purposes and means jointly with the organisation (Art. 26).
    JointController,
    /// A public authority receiving data under a legal obligation.
    Authority,
}

impl VendorRole {
    /// Whether the vendor processes on the organisation's behalf and needs an Art. 28 contract.
    pub fn is_processor(self) -> bool {
        matches!(self, VendorRole::Processor | VendorRole::SubProcessor)
    }
}

/// A place where data is processed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// ISO 3166-1 alpha-2 country code, for example `FR`, `US`, `NO`. Leave it out only when the
    /// source names a region and no country (the checker then asks for the country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<CountryCode>,
    /// A region named instead of a country, as written (for example `Europe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// City, region or data centre, for example `Paris` or `eu-west-3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// What happens there, for example "servers" or "remote support access".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A written contract.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Title or reference of the contract, for example `AWS Data Processing Addendum`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date the contract was signed or accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where the contract can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A transfer safeguard for one destination country.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Safeguard {
    /// Destination country (ISO 3166-1 alpha-2).
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: CountryCode,
    /// The transfer mechanism relied on (Chapter V).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<TransferMechanism>,
    /// The SCC 2021/914 module, when the mechanism is `scc_2021_914`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scc_module: Option<SccModule>,
    /// Reference of the document that records the safeguard (signed clauses, BCR approval,
    /// transfer impact assessment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date of that document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Supplementary measures taken with the mechanism (encryption, transfer impact assessment...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplementary_measures: Vec<String>,
    /// For transfers under the second subparagraph of Art. 49(1): the documentation of the
    /// assessment and suitable safeguards (Art. 30(1)(e), 49(6)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
}

/// A transfer mechanism under Chapter V of the GDPR.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum TransferMechanism {
    /// Art. 45: an adequacy decision of the Commission for the destination.
    AdequacyDecision,
    /// Art. 46(2)(c): standard contractual clauses whose version the record does not state.
    StandardContractualClauses,
    /// Art. 46(2)(c): standard contractual clauses of Decision (EU) 2021/914.
    #[serde(rename = "scc_2021_914")]
    Scc2021914,
    /// Former SCCs of Decision 2001/497/EC (no longer valid after 27 December 2022).
    #[serde(rename = "scc_2001_497")]
    Scc2001497,
    /// Former SCCs of Decision 2004/915/EC (no longer valid after 27 December 2022).
    #[serde(rename = "scc_2004_915")]
    Scc2004915,
    /// Former SCCs of Decision 2010/87/EU (no longer valid after 27 December 2022).
    #[serde(rename = "scc_2010_87")]
    Scc201087,
    /// Art. 46(2)(b), 47: binding corporate rules.
    BindingCorporateRules,
    /// Art. 46(2)(a): a legally binding instrument between public authorities or bodies.
    PublicAuthorityInstrument,
    /// Art. 46(2)(d): standard clauses adopted by a supervisory authority.
    SupervisoryAuthorityClauses,
    /// Art. 46(2)(e): an approved code of conduct with binding commitments of the importer.
    CodeOfConduct,
    /// Art. 46(2)(f): an approved certification with binding commitments of the importer.
    Certification,
    /// Art. 46(3)(a): ad-hoc contractual clauses authorised by the supervisory authority.
    AdHocClauses,
    /// Art. 46(3)(b): administrative arrangements between public authorities.
    AdministrativeArrangement,
    /// Art. 49(1)(a): explicit consent after being informed of the risks.
    DerogationExplicitConsent,
    /// Art. 49(1)(b): necessary for a contract with the data subject.
    DerogationContract,
    /// Art. 49(1)(c): necessary for a contract in the data subject's interest.
    DerogationContractInInterest,
    /// Art. 49(1)(d): important reasons of public interest.
    DerogationPublicInterest,
    /// Art. 49(1)(e): legal claims.
    DerogationLegalClaims,
    /// Art. 49(1)(f): vital interests.
    DerogationVitalInterests,
    /// Art. 49(1)(g): transfer from a public register.
    DerogationPublicRegister,
    /// Art. 49(1) second subparagraph: compelling legitimate interests (needs `documentation`).
    CompellingLegitimateInterests,
    /// The invalidated EU-US Privacy Shield (CJEU C-311/18, 16 July 2020). Not a mechanism.
    PrivacyShield,
}

/// A module of the SCC of Decision (EU) 2021/914.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SccModule {
    /// Module one: controller to controller.
    One,
    /// Module two: controller to processor.
    Two,
    /// Module three: processor to processor.
    Three,
    /// Module four: processor to controller.
    Four,
}

// ---------------------------------------------------------------------------------------------
// measures.yaml
// ---------------------------------------------------------------------------------------------

/// `measures.yaml`: the catalogue of technical and organisational security measures (Art. 32).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MeasuresFile {
    /// The measures, each with a unique id.
    pub measures: Vec<Measure>,
}

/// A technical or organisational measure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable identifier, referenced by activities.
    pub id: Id,
    /// Heading of Annex III of the SCC Decision (EU) 2021/915 under which the measure falls.
    pub category: MeasureCategory,
    /// Heading of the CNIL register sheet ("mesures de sécurité") under which the measure falls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnil_heading: Option<CnilHeading>,
    /// Short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The measure, described concretely and not in a generic manner.
    #[schemars(length(min = 1))]
    pub description: String,
}

/// The seventeen example headings of Annex III of Decision (EU) 2021/915.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum MeasureCategory {
    /// (1) Pseudonymisation and encryption of personal data.
    PseudonymisationEncryption,
    /// (2) Ongoing confidentiality, integrity, availability and resilience of systems and services.
    ConfidentialityIntegrityAvailability,
    /// (3) Timely restoration of availability and access after an incident.
    Restoration,
    /// (4) Regular testing, assessing and evaluating of effectiveness.
    Testing,
    /// (5) User identification and authorisation.
    IdentificationAuthorisation,
    /// (6) Protection of data during transmission.
    TransmissionProtection,
    /// (7) Protection of data during storage.
    StorageProtection,
    /// (8) Physical security of locations where data is processed.
    PhysicalSecurity,
    /// (9) Events logging.
    EventsLogging,
    /// (10) System configuration, including default configuration.
    SystemConfiguration,
    /// (11) Internal IT and IT security governance and management.
    ItGovernance,
    /// (12) Certification and assurance of processes and products.
    CertificationAssurance,
    /// (13) Data minimisation.
    DataMinimisation,
    /// (14) Data quality.
    DataQuality,
    /// (15) Limited data retention.
    LimitedRetention,
    /// (16) Accountability.
    Accountability,
    /// (17) Data portability and ensuring erasure.
    PortabilityErasure,
}

/// Security headings of the CNIL register sheet.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum CnilHeading {
    /// Contrôle d'accès des utilisateurs.
    AccessControl,
    /// Mesures de traçabilité.
    Traceability,
    /// Mesures de protection des logiciels.
    SoftwareProtection,
    /// Sauvegarde des données.
    Backup,
    /// Chiffrement des données.
    Encryption,
    /// Contrôle des sous-traitants.
    ProcessorOversight,
    /// Autres mesures.
    Other,
}

// ---------------------------------------------------------------------------------------------
// activities/*.yaml
// ---------------------------------------------------------------------------------------------

/// `activities/<id>.yaml`: one processing activity, as a controller record (Art. 30(1)) or a
/// processor record (Art. 30(2)).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Stable identifier: lower-case letters, digits and dashes; the file is named after it.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: Id,
    /// Name of the activity (CNIL: "nom / sigle").
    #[schemars(length(min = 1))]
    pub name: String,
    /// What the processing is, in a few sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The business function that owns the activity (ICO: "business function").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The organisation's role in this activity.
    pub role: ActivityRole,
    /// Joint controllers (Art. 26), when the role is `joint_controller`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_controllers: Vec<Party>,
    /// Controllers on whose behalf the organisation acts, when the role is `processor`
    /// (Art. 30(2)(a)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controllers: Vec<Party>,
    /// Categories of processing carried out on behalf of each controller (Art. 30(2)(b)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processing_categories: Vec<String>,
    /// Date the record was created.
    pub created: NaiveDate,
    /// Date the record was last updated.
    pub updated: NaiveDate,
    /// Date the record was last reviewed as accurate (defaults to `updated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<NaiveDate>,
    /// Date of the next planned review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<NaiveDate>,
    /// Purposes of the processing (Art. 30(1)(b)), each with its legal basis.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<Purpose>,
    /// Nature of the processing: the operations performed (Art. 4(2)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<Operation>,
    /// Categories of data subjects (Art. 30(1)(c)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<DataSubjectCategory>,
    /// Categories of personal data (Art. 30(1)(c)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<DataCategory>,
    /// What the record says about special categories of data, as written (CNIL: "données
    /// sensibles"), for example a statement that none are processed and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_categories_statement: Option<String>,
    /// Where the data comes from, when not collected from the data subject (ICO: "source").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Recipients of the data (Art. 30(1)(d)): internal functions, vendors, authorities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Recipient>,
    /// Retention rules: envisaged time limits for erasure per data category (Art. 30(1)(f)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<RetentionRule>,
    /// Transfers to third countries or international organisations (Art. 30(1)(e), 30(2)(c)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<Transfer>,
    /// Security measures, by id in the measures catalogue (Art. 30(1)(g), 30(2)(d)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_measures: Vec<Id>,
    /// The Art. 28(3) terms under which the organisation processes as processor, or has a
    /// processor process, this data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_agreement: Option<ProcessingAgreement>,
    /// Whether decisions are made by automated means, including profiling (Art. 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated_decision_making: Option<String>,
    /// Whether the data subject must provide the data, and what happens if not (Art. 13(2)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_provision: Option<DataProvision>,
    /// Data protection impact assessment screening and result (Art. 35).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<Dpia>,
    /// Accepted exceptions to rules, with a reason, an approver and an expiry date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// `internal` keeps the activity out of public documents (`ropa site --public`); notes,
    /// waivers and security details are never published.
    #[serde(default, skip_serializing_if = "is_public")]
    pub visibility: Visibility,
}

/// The organisation's role in an activity.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ActivityRole {
    /// Determines the purposes and means: an Art. 30(1) record.
    Controller,
    /// Determines them jointly with others (Art. 26): an Art. 30(1) record naming them.
    JointController,
    /// Processes on behalf of controllers: an Art. 30(2) record.
    Processor,
}

impl ActivityRole {
    /// Whether the record is an Art. 30(1) controller record.
    pub fn is_controller(self) -> bool {
        !matches!(self, ActivityRole::Processor)
    }
}

/// A purpose of the processing.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// The purpose, as written.
    #[schemars(length(min = 1))]
    pub description: String,
    /// The Art. 6(1) legal basis relied on for this purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<LegalBasis>,
    /// The legitimate interest pursued, in words, when the basis is `legitimate_interests`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legitimate_interest: Option<String>,
    /// Reference of the legitimate interests assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lia_reference: Option<String>,
    /// Where consent is recorded, when the basis is `consent` (Art. 7(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_record: Option<String>,
    /// The legal obligation or task, with its reference, when the basis is `legal_obligation` or
    /// `public_task`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<String>,
}

/// The lawful bases of Art. 6(1).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// Art. 6(1)(a): consent of the data subject.
    Consent,
    /// Art. 6(1)(b): performance of a contract with the data subject or pre-contract steps.
    Contract,
    /// Art. 6(1)(c): a legal obligation of the controller.
    LegalObligation,
    /// Art. 6(1)(d): vital interests.
    VitalInterests,
    /// Art. 6(1)(e): a task in the public interest or official authority.
    PublicTask,
    /// Art. 6(1)(f): legitimate interests of the controller or a third party.
    LegitimateInterests,
}

/// Processing operations (Art. 4(2)).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// Collection.
    Collection,
    /// Recording.
    Recording,
    /// Organisation.
    Organisation,
    /// Structuring.
    Structuring,
    /// Storage.
    Storage,
    /// Adaptation or alteration.
    Adaptation,
    /// Retrieval.
    Retrieval,
    /// Consultation.
    Consultation,
    /// Use.
    Use,
    /// Disclosure by transmission.
    Transmission,
    /// Dissemination or otherwise making available.
    Dissemination,
    /// Alignment or combination.
    Combination,
    /// Restriction.
    Restriction,
    /// Erasure.
    Erasure,
    /// Destruction.
    Destruction,
}

/// A category of data subjects.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DataSubjectCategory {
    /// Identifier, referenced by retention rules.
    pub id: Id,
    /// Name, for example `Customers' end customers`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// True for vulnerable data subjects (children, employees, patients...): a WP248 criterion.
    #[serde(default, skip_serializing_if = "is_false")]
    pub vulnerable: bool,
}

/// A category of personal data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    /// Identifier, referenced by retention rules and recipients.
    pub id: Id,
    /// Name, for example `Identity and contact details`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The heading the category is listed under in the source (for example the CNIL rows
    /// "Internet" or "Autres catégories de données").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The data items, as written (for example "surname, first name, address, date of birth").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The Art. 9(1) special category this data reveals or is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_category: Option<SpecialCategory>,
    /// The Art. 9(2) condition relied on for a special category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art9_condition: Option<Art9Condition>,
    /// True for personal data relating to criminal convictions and offences (Art. 10).
    #[serde(default, skip_serializing_if = "is_false")]
    pub criminal_data: bool,
    /// For Art. 10 data: the official authority or the Union or Member State law that authorises it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art10_authorisation: Option<String>,
    /// Where this data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Tools or services named as processing this data (for example `Google Analytics`); each must
    /// be a declared recipient.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<String>,
}

/// The special categories of Art. 9(1).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCategory {
    /// Data revealing racial or ethnic origin.
    RacialOrEthnicOrigin,
    /// Data revealing political opinions.
    PoliticalOpinions,
    /// Data revealing religious or philosophical beliefs.
    ReligiousOrPhilosophicalBeliefs,
    /// Data revealing trade-union membership.
    TradeUnionMembership,
    /// Genetic data.
    Genetic,
    /// Biometric data for the purpose of uniquely identifying a natural person.
    Biometric,
    /// Data concerning health.
    Health,
    /// Data concerning a natural person's sex life or sexual orientation.
    SexLifeOrOrientation,
}

/// The conditions of Art. 9(2).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Art9Condition {
    /// (a) explicit consent.
    ExplicitConsent,
    /// (b) employment, social security and social protection law.
    EmploymentSocialSecurity,
    /// (c) vital interests where the data subject cannot consent.
    VitalInterests,
    /// (d) not-for-profit body, for members or regular contacts.
    NotForProfitBody,
    /// (e) data manifestly made public by the data subject.
    ManifestlyPublic,
    /// (f) legal claims or courts acting in their judicial capacity.
    LegalClaims,
    /// (g) substantial public interest under law.
    SubstantialPublicInterest,
    /// (h) preventive or occupational medicine, diagnosis, health or social care.
    HealthOrSocialCare,
    /// (i) public interest in public health.
    PublicHealth,
    /// (j) archiving, scientific or historical research, or statistics.
    ArchivingResearchStatistics,
}

/// A recipient of the data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// What kind of recipient this is.
    pub kind: RecipientKind,
    /// Name of an internal function, authority or partner. For vendors, the catalogue's name is
    /// used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The vendor's id in the vendors catalogue, when `kind` is `vendor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Id>,
    /// What the recipient receives or does, when the catalogue does not say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The data categories it receives (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<Id>,
}

/// Kinds of recipient (CNIL list of recipient types).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    /// An internal department that processes the data.
    #[default]
    Internal,
    /// A vendor from the catalogue (processor, sub-processor or third party).
    Vendor,
    /// A public authority.
    Authority,
    /// An institutional or commercial partner.
    Partner,
    /// Another recipient (say which in `name`).
    Other,
}

/// A retention rule: how long some data is kept, and what happens at the end.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// The rule as written in the source document, kept verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Data categories covered, by id (all categories when both lists are empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<Id>,
    /// Data subject categories covered, by id, when the rule is per group of subjects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<Id>,
    /// What the rule applies to, where it is neither a data category nor a subject category (for
    /// example "technical backups").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Successive periods: active base, then intermediate archive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<RetentionPeriod>,
    /// Circumstances that end retention earlier (for example "on the end customer's request for
    /// deletion").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub early_end: Vec<String>,
    /// What happens when the last period ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_action: Option<EndAction>,
    /// The law, regulation or guideline that justifies the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<String>,
}

/// One period of a retention rule.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetentionPeriod {
    /// Lifecycle phase (CNIL): active base, intermediate archive or final archive. Leave it out
    /// when the source does not say which phase the period is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<RetentionPhase>,
    /// A fixed duration (ISO 8601, for example `P3Y`, `P12M`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<IsoDuration>,
    /// A range of durations, when the period varies between two bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<DurationRange>,
    /// The event that starts the clock (for example "invitation to complete registration").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The event that ends the period, when it lasts until an event rather than for a duration
    /// (for example "end of the contract").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Different durations that apply under a condition (for example the optics sector).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<RetentionVariant>,
}

/// A retention lifecycle phase.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RetentionPhase {
    /// Active base: the data is used for the purpose.
    #[default]
    Active,
    /// Intermediate archive: closed file kept for litigation or a legal obligation, access limited.
    IntermediateArchive,
    /// Final archive: public-interest archiving, research or statistics only.
    FinalArchive,
}

/// A range of durations.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DurationRange {
    /// Shortest duration (ISO 8601).
    pub min: IsoDuration,
    /// Longest duration (ISO 8601).
    pub max: IsoDuration,
}

/// A conditional variant of a retention period.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetentionVariant {
    /// When the variant applies.
    pub condition: String,
    /// Its duration (ISO 8601).
    pub duration: IsoDuration,
}

/// What happens to data at the end of retention.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum EndAction {
    /// Deleted.
    Delete,
    /// Irreversibly anonymised.
    Anonymise,
    /// Moved to the next phase (only for periods before the last).
    Archive,
}

/// A transfer to a third country or international organisation.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// Destination country (ISO 3166-1 alpha-2), or omitted for an international organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<CountryCode>,
    /// Name of the international organisation, when the destination is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_organisation: Option<String>,
    /// The importer, by vendor id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Id>,
    /// The importer by name, when it is not in the vendors catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importer: Option<String>,
    /// What is transferred, as written (for example "data of the platform's users").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Frequency of the transfer (SCC Annex I.B).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<TransferFrequency>,
    /// The safeguard relied on; when omitted, the vendor's safeguard for the country applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<TransferMechanism>,
    /// The SCC 2021/914 module, when the mechanism is `scc_2021_914`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scc_module: Option<SccModule>,
    /// For Art. 49(1) second-subparagraph transfers: the documented assessment and safeguards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    /// Supplementary measures taken with the mechanism (transfer impact assessment, encryption...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplementary_measures: Vec<String>,
}

/// How often data is transferred.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TransferFrequency {
    /// A single transfer.
    OneOff,
    /// Continuous transfers.
    Continuous,
}

/// Terms of the Art. 28(3) contract under which the data is processed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProcessingAgreement {
    /// Title and version of the contract, for example "General terms of service, Annex - Protection
    /// of personal data".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date of the contract or of the version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Subject-matter of the processing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_matter: Option<String>,
    /// Duration of the processing, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Art. 28(3)(a)-(h) stipulations the contract contains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub obligations: Vec<ProcessorObligation>,
    /// Deadline for notifying the controller of a personal data breach (ISO 8601, for example
    /// `PT36H`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach_notification: Option<IsoDuration>,
    /// How sub-processors are authorised (Art. 28(2); SCC clause 7.7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
    /// What happens to the data at the end of the services (Art. 28(3)(g)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_of_services: Option<String>,
    /// Other commitments that matter to the register, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<String>,
}

/// The stipulations of Art. 28(3).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ProcessorObligation {
    /// (a) processes only on documented instructions.
    DocumentedInstructions,
    /// (b) authorised persons are bound to confidentiality.
    Confidentiality,
    /// (c) takes all Art. 32 measures.
    Security,
    /// (d) respects the conditions for engaging sub-processors.
    SubProcessors,
    /// (e) assists with data subjects' rights.
    DataSubjectRights,
    /// (f) assists with Arts. 32-36.
    Assistance,
    /// (g) deletes or returns the data at the end of the services.
    DeletionOrReturn,
    /// (h) makes information available and allows audits.
    AuditsAndInformation,
}

/// How the controller authorises sub-processors.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SubProcessorAuthorisation {
    /// Prior specific or general written authorisation.
    pub kind: AuthorisationKind,
    /// For general authorisation: how long before a change the controller is informed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<IsoDuration>,
    /// The terms, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Kinds of sub-processor authorisation.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AuthorisationKind {
    /// Prior specific authorisation (SCC 7.7 option 1): the list is agreed.
    Specific,
    /// General written authorisation (SCC 7.7 option 2) with notice of changes.
    #[default]
    General,
}

/// DPIA screening and result (Art. 35).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dpia {
    /// The WP248 criteria the processing meets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Wp248Criterion>,
    /// The Art. 35(3) cases the processing falls under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub art35_3: Vec<Art35Case>,
    /// Whether a DPIA was carried out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
    /// Reference of the DPIA document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date of the DPIA or of its last review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Why no DPIA is needed, or the conclusion of the one made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
}

/// The nine criteria of the WP248 rev.01 guidelines.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Wp248Criterion {
    /// 1. Evaluation or scoring, including profiling and predicting.
    EvaluationScoring,
    /// 2. Automated decision-making with legal or similar significant effect.
    AutomatedDecision,
    /// 3. Systematic monitoring.
    SystematicMonitoring,
    /// 4. Sensitive or highly personal data.
    SensitiveData,
    /// 5. Data processed on a large scale.
    LargeScale,
    /// 6. Matching or combining datasets.
    MatchingCombining,
    /// 7. Data concerning vulnerable data subjects.
    VulnerableSubjects,
    /// 8. Innovative use or new technological or organisational solutions.
    InnovativeTechnology,
    /// 9. Processing that prevents data subjects from exercising a right or using a service.
    PreventsRights,
}

/// The cases of Art. 35(3) where a DPIA is always required.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Art35Case {
    /// (a) systematic and extensive evaluation with legal or similarly significant effects.
    SystematicEvaluation,
    /// (b) large-scale processing of Art. 9(1) or Art. 10 data.
    LargeScaleSpecialData,
    /// (c) large-scale systematic monitoring of a publicly accessible area.
    PublicMonitoring,
}

/// An accepted exception to a rule for this activity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule waived, by code (`RP200`) or name (`missing-legal-basis`).
    pub rule: String,
    /// Why the finding is accepted.
    #[schemars(length(min = 1))]
    pub reason: String,
    /// Who approved the waiver.
    #[schemars(length(min = 1))]
    pub approved_by: String,
    /// Date after which the waiver no longer applies.
    pub expires: NaiveDate,
    /// Restrict the waiver to findings at or under this JSON pointer (for example `/purposes/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// A loaded register
// ---------------------------------------------------------------------------------------------

/// An item of the register with the file it came from and its JSON pointer inside that file, so
/// that findings about it can be reported at the right line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    /// The file, as the user named it (relative paths stay relative).
    pub file: std::path::PathBuf,
    /// JSON pointer of the item inside the file: `""` for a whole file, `/vendors/3` for an entry.
    pub pointer: String,
    /// The item.
    pub item: T,
}

impl<T> Sourced<T> {
    /// The pointer of a field or sub-item of this item, e.g. `at("/purposes/0")`.
    pub fn at(&self, suffix: &str) -> String {
        format!("{}{}", self.pointer, suffix)
    }
}

/// One register: a directory with `ropa.yaml`, its catalogues and its activities.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// The register's directory.
    pub root: std::path::PathBuf,
    /// `ropa.yaml`.
    pub config: Sourced<RegisterFile>,
    /// `vendors.yaml` entries.
    pub vendors: Vec<Sourced<Vendor>>,
    /// `measures.yaml` entries.
    pub measures: Vec<Sourced<Measure>>,
    /// `activities/*.yaml`, sorted by file name.
    pub activities: Vec<Sourced<Activity>>,
}

impl Register {
    /// The vendor with this id.
    pub fn vendor(&self, id: &str) -> Option<&Sourced<Vendor>> {
        self.vendors.iter().find(|v| v.item.id == id)
    }
    /// The measure with this id.
    pub fn measure(&self, id: &str) -> Option<&Sourced<Measure>> {
        self.measures.iter().find(|m| m.item.id == id)
    }
    /// The activity with this id.
    pub fn activity(&self, id: &str) -> Option<&Sourced<Activity>> {
        self.activities.iter().find(|a| a.item.id == id)
    }
}
