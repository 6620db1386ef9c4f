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
