//! `activities/<id>.yaml`: one processing activity (Art. 30(1) for a controller, 30(2) for a
//! processor): purposes, data, recipients, the Art. 28 agreement and waivers.

use super::*;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `activities/<id>.yaml`: one processing activity, as a controller record (Art. 30(1)) or a
/// processor record (Art. 30(2)).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    // The rare blocks (joint arrangement, processing agreement, automated decisions, data
    // provision, DPIA) are boxed: inline, they made every activity 1,176 bytes instead of 616,
    // whether it had them or not (56 MB at 100,000 activities). The schemas do not change.
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
    /// The arrangement between joint controllers that sets their respective responsibilities
    /// (Art. 26(1)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_arrangement: Option<Box<JointArrangement>>,
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
    pub processing_agreement: Option<Box<ProcessingAgreement>>,
    /// Decisions made by automated means, including profiling (Art. 22, 35(3)(a)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated_decision_making: Option<Box<AutomatedDecisionMaking>>,
    /// The record's statement that the data has no recipient, with why. With neither
    /// `recipients` nor this, documents print "Not stated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients_statement: Option<String>,
    /// The record's statement that no data is transferred outside the EEA, with why. With
    /// neither `transfers` nor this, documents print "Not stated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfers_statement: Option<String>,
    /// The record's statement that no processor (for a processor record: no sub-processor)
    /// handles the data, with why. With neither a processor among `recipients` nor this,
    /// documents print "Not stated", never "None".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processors_statement: Option<String>,
    /// What the record says of retention where no rule sets a period, as written (for example
    /// "nothing is stored: messages are relayed and not kept"). With neither `retention` nor
    /// this, documents print "Not stated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_statement: Option<String>,
    /// Whether the data subject must provide the data, and what happens if not (Art. 13(2)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_provision: Option<Box<DataProvision>>,
    /// Data protection impact assessment screening and result (Art. 35).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<Box<Dpia>>,
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

/// The arrangement between joint controllers (Art. 26).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct JointArrangement {
    /// Title or reference of the arrangement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Date of the arrangement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Who does what, in particular for the exercise of data subjects' rights and the
    /// information of Art. 13 and 14, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<String>,
    /// Where the essence of the arrangement is made available to data subjects (Art. 26(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essence_published: Option<String>,
}

/// What the record says about automated decision-making: a statement as written, or the
/// decisions described field by field.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum AutomatedDecisionMaking {
    /// A statement as written, for example "No decision is made by automated means."
    Statement(String),
    /// The decisions, described so that Art. 22 and 35(3)(a) can be checked.
    Decisions(AutomatedDecision),
}

impl AutomatedDecisionMaking {
    /// The described decisions, when the record describes them.
    pub fn decisions(&self) -> Option<&AutomatedDecision> {
        match self {
            AutomatedDecisionMaking::Statement(_) => None,
            AutomatedDecisionMaking::Decisions(d) => Some(d),
        }
    }

    /// The text to print: the statement, or the decisions' description.
    pub fn text(&self) -> &str {
        match self {
            AutomatedDecisionMaking::Statement(s) => s,
            AutomatedDecisionMaking::Decisions(d) => &d.description,
        }
    }
}

/// Decisions based on automated processing (Art. 22).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AutomatedDecision {
    /// What is decided and how, as written.
    #[schemars(length(min = 1))]
    pub description: String,
    /// True when the processing evaluates personal aspects, including profiling (Art. 4(4)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub profiling: bool,
    /// True when the decision is based solely on automated processing, with no meaningful human
    /// involvement.
    #[serde(default, skip_serializing_if = "is_false")]
    pub solely_automated: bool,
    /// True when the decision produces legal effects concerning the person or similarly
    /// significantly affects them (Art. 22(1)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub significant_effect: bool,
    /// The exception of Art. 22(2) relied on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<Art22Exception>,
    /// For `law`: the Union or Member State law that authorises the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_reference: Option<String>,
    /// The suitable measures of Art. 22(3): at least the right to obtain human intervention, to
    /// express one's point of view and to contest the decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub safeguards: Vec<String>,
}

/// The exceptions of Art. 22(2).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Art22Exception {
    /// (a) necessary for entering into, or performance of, a contract with the data subject.
    Contract,
    /// (b) authorised by Union or Member State law with suitable safeguards.
    Law,
    /// (c) based on the data subject's explicit consent.
    ExplicitConsent,
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
    /// True for archiving in the public interest, scientific or historical research or
    /// statistical purposes (Art. 89(1)): the only purposes for which data may be kept in a final
    /// archive.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archiving_research_statistics: bool,
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
    /// The Union or Member State law (or collective agreement, for point (b)) the condition rests
    /// on, for the conditions of Art. 9(2)(b), (g), (h), (i) and (j).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art9_reference: Option<String>,
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
    /// The published retention reference of `settings.jurisdiction` this category falls under
    /// (for the CNIL: `prospects`, `unsuccessful_candidates`, `cctv`); its retention is then
    /// checked against the reference's maximum (`ropa explain RP405`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_reference: Option<String>,
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
    /// Country where a recipient that is not a catalogued vendor (a partner, an authority,
    /// another recipient) receives the data (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<CountryCode>,
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
    #[schemars(url)]
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
    /// The breach-notification commitment as written, for example "as soon as possible after
    /// becoming aware of it".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach_notification_text: Option<String>,
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
