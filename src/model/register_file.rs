//! `ropa.yaml`: the organisation keeping the register, its DPO and representative, and the
//! settings of the checks.

use super::*;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// The record's statement that no DPO is designated, with why (for example "not required:
    /// no core activity of Art. 37(1)(b) or (c)"). Documents print « Néant » / "None" only when
    /// it is given; with neither `dpo` nor this, they print "Not stated".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_dpo: Option<String>,
    /// The record's statement that no representative is designated, with why (for example
    /// "Art. 27(2)(a): occasional processing").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_representative: Option<String>,
    /// A "correspondant informatique et libertés" (CIL) the organisation designated under the
    /// French law before 25 May 2018; printed as such, never as a DPO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_cil: Option<FormerCil>,
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
    /// Country of the organisation's establishment (ISO 3166-1 alpha-2); one outside the Union
    /// needs a representative in the Union (Art. 27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: Option<CountryCode>,
    /// True for an individual physician, other health professional or lawyer practising alone:
    /// the processing of their patients' or clients' data is not on a large scale (recital 91).
    #[serde(default, skip_serializing_if = "is_false")]
    pub individual_professional: bool,
    /// Free notes about the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A French "correspondant informatique et libertés" designated before the GDPR applied.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FormerCil {
    /// Name of the person or organisation.
    #[schemars(length(min = 1))]
    pub name: String,
    /// What the source says of the CIL, where the name alone does not say it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Date of the designation, as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub designated: Option<NaiveDate>,
    /// Date the designation ended, where the record says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
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
    /// The Member State whose supervisory authority's published references are checked (an
    /// opt-in rule pack): `fr` checks retention against the CNIL's references (RP405).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Jurisdiction>,
}

/// A Member State with a rule pack of its supervisory authority's published references.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    /// France: the CNIL's references.
    Fr,
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
            jurisdiction: None,
        }
    }
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
