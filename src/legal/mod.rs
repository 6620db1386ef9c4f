//! Dated legal facts (EEA, adequacy, SCCs, GDPR labels) from `eu.json`, embedded in the binary.
//!
//! Legal facts change: adequacy decisions are adopted, renewed and struck down, and standard
//! contractual clauses are replaced. They are kept here as data with a date, a source (URL or
//! ELI) and a tag saying how well each was verified, never as constants in the rules. The data
//! file is `src/legal/eu.json`; [`eu()`] parses it once. Its tables are keyed by the serde names
//! of the enums of [`crate::model`], and [`parse`] checks that every variant has an entry.

mod data;
mod labels;
mod queries;
mod retention_references;

use crate::model::{AdequacyExclusion, Language, SccModule, TransferMechanism};
use chrono::NaiveDate;
pub use data::*;
pub use labels::*;
pub use queries::*;
pub use retention_references::*;
use serde::{Deserialize, Serialize};

/// The embedded data file.
const EU_JSON: &str = include_str!("eu.json");

/// Returned by [`label`] for a value without an entry; [`parse`] rejects such data, so it is
/// never seen with the embedded file.
const MISSING_LABEL: &str = "?";

/// How well a fact was verified (the tags of the project's GDPR reference notes).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Checked against the legal text or an official copy of it.
    #[serde(rename = "V")]
    Verified,
    /// From secondary sources only (commentary, press, other projects' notes).
    #[serde(rename = "S")]
    Secondary,
    /// Unverified: a default that a user can override, never settled law.
    #[serde(rename = "U")]
    Unverified,
}

/// A text in English and French.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        }
    }
}

/// A document the data was gathered from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short identifier.
    pub id: String,
    /// Title of the document.
    pub title: String,
    /// URL or ELI.
    pub url: String,
}

/// A country (or territory) with its names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code in capitals.
    pub code: String,
    /// Short name in English and French.
    pub name: Text,
    /// Member State of the European Union.
    pub eu: bool,
    /// Member of the European Economic Area (the EU-27 plus Iceland, Liechtenstein and Norway).
    pub eea: bool,
    /// Other codes accepted for it: `UK` for `GB`, `EL` (the EU's code) for `GR`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The Member State a region with its own ISO code belongs to: the outermost regions
    /// (Art. 349, 355(1) TFEU) and the Åland Islands (Art. 355(4) TFEU) are inside the Union.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How well the membership and names were verified.
    pub tag: Tag,
    /// Source (URL or ELI).
    pub source: String,
}

/// What an adequacy decision covers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum JurisdictionKind {
    /// A country.
    Country,
    /// A territory (Crown dependency, autonomous territory).
    Territory,
    /// An international organisation.
    InternationalOrganisation,
}

/// A condition the importer must meet for an adequacy decision to cover it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Self-certified on the EU-US Data Privacy Framework List (`Vendor::dpf_certified`).
    DpfCertified,
    /// A commercial organisation subject to Canada's PIPEDA (`Vendor::subject_to_pipeda`).
    SubjectToPipeda,
    /// Self-certified under the former Safe Harbour principles (history only).
    SafeHarbourCertified,
    /// Self-certified under the former EU-US Privacy Shield (history only).
    PrivacyShieldCertified,
    /// A private-sector operator, not a public authority (the Japanese decision covers only
    /// business operators under the APPI).
    PrivateSector,
}

/// A judgment that invalidated a decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Invalidation {
    /// Date of the judgment.
    pub date: NaiveDate,
    /// The case, with its ECLI.
    pub case: String,
    /// Source (URL).
    pub source: String,
}

/// An Art. 45 adequacy decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Adequacy {
    /// Unique identifier of the entry, for example `us-2023-1795`.
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the country or territory, or an identifier (`EPO`) for an
    /// international organisation.
    pub jurisdiction: String,
    /// Country, territory or international organisation.
    pub kind: JurisdictionKind,
    /// Name, for international organisations (countries take theirs from [`LegalData::countries`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Other names an international organisation is known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Decision number, for example `(EU) 2023/1795`; `None` where it is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Date of adoption.
    pub adopted: NaiveDate,
    /// Date from which the decision applies (the adoption date unless the source gives another).
    pub in_force: NaiveDate,
    /// Last day the decision applies (inclusive), for decisions that expire or were invalidated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The judgment that invalidated it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalidated: Option<Invalidation>,
    /// A condition the importer must meet to be covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirement>,
    /// The part of the jurisdiction's recipients the decision covers, where it is limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// Processing the decision leaves out of its scope, by key of
    /// [`LegalData::adequacy_exclusions`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<AdequacyExclusion>,
    /// Notes for maintainers (renewals, pending challenges, unverified details).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (ELI or URL).
    pub source: String,
}

impl Adequacy {
    /// Whether the decision applies on `date`: in force, and not expired or invalidated.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force <= date && self.valid_until.is_none_or(|end| date <= end)
    }

    /// The jurisdiction's name in `lang` (its code when no name is known).
    pub fn name(&self, lang: Language) -> &str {
        match &self.name {
            Some(name) => name.get(lang),
            None => country_name(&self.jurisdiction, lang).unwrap_or(&self.jurisdiction),
        }
    }
}

/// A set of standard contractual clauses adopted by the Commission.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SccSet {
    /// Decision number, for example `(EU) 2021/914`.
    pub id: String,
    /// The transfer mechanism these clauses are, `None` for clauses that are not a Chapter V
    /// mechanism (the controller-processor clauses of Decision (EU) 2021/915).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<TransferMechanism>,
    /// Title.
    pub title: Text,
    /// Date of adoption.
    pub adopted: NaiveDate,
    /// Date from which the clauses can be used.
    pub applies_from: NaiveDate,
    /// Contracts had to be concluded before this date (exclusive) to keep their effect until
    /// `valid_until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concluded_before: Option<NaiveDate>,
    /// Last day the clauses provide appropriate safeguards (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Whether the set is a transfer mechanism (Art. 46(2)(c), or 46(5) for the pre-GDPR sets).
    pub transfer_mechanism: bool,
    /// Its modules (2021/914 only).
    #[serde(default)]
    pub modules: Vec<SccModule>,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (ELI).
    pub source: String,
}

impl SccSet {
    /// Whether the clauses can be relied on on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.applies_from <= date && self.valid_until.is_none_or(|end| date <= end)
    }
}

/// The family a transfer mechanism belongs to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MechanismKind {
    /// Art. 45 adequacy decision.
    Adequacy,
    /// Art. 46 appropriate safeguards.
    AppropriateSafeguard,
    /// Art. 49 derogation for specific situations.
    Derogation,
    /// An invalidated mechanism that can no longer be relied on.
    Invalidated,
}

/// A Chapter V transfer mechanism.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MechanismInfo {
    /// The mechanism.
    pub key: TransferMechanism,
    /// Label in English and French.
    pub label: Text,
    /// The GDPR article, in English and French citation form.
    pub article: Text,
    /// Family of the mechanism.
    pub kind: MechanismKind,
    /// The DPV IRI, where DPV has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpv: Option<String>,
    /// Whether it is a set of standard contractual clauses (including SCCs whose version the
    /// record does not state).
    pub scc: bool,
    /// The SCC set (its id in [`LegalData::scc_sets`]) whose dates govern validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scc_set: Option<String>,
    /// False for a mechanism that can never be relied on (the Privacy Shield).
    pub valid: bool,
    /// Needs the authorisation of the supervisory authority (Art. 46(3)).
    #[serde(default)]
    pub needs_authorisation: bool,
    /// Not available to public authorities exercising their public powers (Art. 49(3)).
    #[serde(default)]
    pub not_for_public_authorities: bool,
    /// The assessment and safeguards must be documented in the record (Art. 30(1)(e), 49(6)).
    #[serde(default)]
    pub needs_documentation: bool,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (ELI or URL).
    pub source: String,
}

impl MechanismInfo {
    /// Label in `lang`.
    pub fn label(&self, lang: Language) -> &str {
        self.label.get(lang)
    }

    /// Article in `lang`, for example `Art. 46(2)(c)` or `article 46, paragraphe 2, point c)`.
    pub fn article(&self, lang: Language) -> &str {
        self.article.get(lang)
    }

    /// Whether it is an Art. 49 derogation (including the compelling legitimate interests of the
    /// second subparagraph of Art. 49(1)).
    pub fn is_derogation(&self) -> bool {
        self.kind == MechanismKind::Derogation
    }

    /// Whether it is a set of standard contractual clauses (including SCCs whose version the
    /// record does not state, which have no [`SccSet`]).
    pub fn is_scc(&self) -> bool {
        self.scc
    }
}

/// An entry of a label table: one variant of a model enum with its labels and, where the law
/// gives them, its article, letter or number and DPV IRI.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Term<K> {
    /// The variant.
    pub key: K,
    /// Label in English and French.
    pub label: Text,
    /// The article, in English and French citation form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Text>,
    /// The letter of the point in the article, for example `a` for Art. 6(1)(a).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    /// The number in a numbered list, for example 3 for the third WP248 criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u8>,
    /// The DPV IRI, where the reference gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpv: Option<String>,
    /// The words of the provision in the English text of the Regulation, where a finding
    /// quotes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (URL or ELI).
    pub source: String,
}

impl<K> Term<K> {
    /// Label in `lang`.
    pub fn label(&self, lang: Language) -> &str {
        self.label.get(lang)
    }

    /// Article in `lang`, where the entry has one.
    pub fn article(&self, lang: Language) -> Option<&str> {
        self.article.as_ref().map(|a| a.get(lang))
    }
}

#[cfg(test)]
mod tests;
