//! Transfers to third countries (Chapter V): an activity's declared transfers and a vendor's
//! recorded safeguards, with their mechanism and SCC module.

use super::*;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    /// Reference of the transfer impact assessment made for this destination (EDPB
    /// Recommendations 01/2020).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_impact_assessment: Option<String>,
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

/// Processing that an adequacy decision leaves out of its scope.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum AdequacyExclusion {
    /// Korea, Decision (EU) 2022/254: personal credit information processed under the Credit
    /// Information Act by controllers supervised by the Financial Services Commission.
    KrCreditInformation,
    /// Korea, Decision (EU) 2022/254: processing for missionary activities by religious
    /// organisations.
    KrMissionaryActivities,
    /// Korea, Decision (EU) 2022/254: processing for the nomination of candidates by political
    /// parties.
    KrCandidateNomination,
    /// Japan, Decision (EU) 2019/419: processing by the recipients of Article 76 of the APPI
    /// (press, professional writing, academic studies, religious and political bodies) for those
    /// purposes.
    #[serde(rename = "jp_appi_article_76")]
    JpAppiArticle76,
    /// United Kingdom, Decision (EU) 2021/1772 (until its renewal of 19 December 2025): transfers
    /// for the purposes of UK immigration control.
    GbImmigrationControl,
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
    /// Reference of the transfer impact assessment made for this transfer (EDPB Recommendations
    /// 01/2020).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_impact_assessment: Option<String>,
    /// The categories of data subjects whose data is transferred, by id (SCC Annex I.B); left
    /// out, the record does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<Id>,
    /// The categories of personal data transferred, by id (SCC Annex I.B); left out, the record
    /// does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<Id>,
    /// The purposes of the transfer and further processing, as written (SCC Annex I.B); left
    /// out, the record does not say.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
    /// The period for which the data will be retained by the importer, or the criteria used to
    /// determine it, as written (SCC Annex I.B).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
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
