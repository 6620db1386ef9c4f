//! What the register holds for the documents it publishes: the information notices of Art. 13/14
//! already published, the supervisory authority a data subject may complain to (Art. 77), whether
//! providing the data is required (Art. 13(2)(e)), and what may be shown outside the organisation.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Id;

/// An information notice (Art. 13/14) the organisation has published for one category of data
/// subjects.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PublishedNotice {
    /// The data-subject category the notice is addressed to, by the id the activities use in
    /// `data_subjects` (for example `customers`).
    pub subjects: Id,
    /// Where the notice is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub url: Option<String>,
    /// Date of the published version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// The supervisory authority a data subject may lodge a complaint with (Art. 13(2)(d), 77), for
/// example the CNIL.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SupervisoryAuthority {
    /// Name, for example `Commission nationale de l'informatique et des libertés (CNIL)`.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Web site, where complaints can be lodged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(url)]
    pub website: Option<String>,
}

/// Whether providing the personal data is a statutory or contractual requirement, or a
/// requirement necessary to enter into a contract, whether the data subject is obliged to provide
/// it, and the possible consequences of failing to (Art. 13(2)(e)).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DataProvision {
    /// What kind of requirement providing the data is.
    pub requirement: ProvisionRequirement,
    /// The possible consequences of not providing the data, as written (for example "the account
    /// cannot be opened").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<String>,
}

/// The kinds of requirement of Art. 13(2)(e).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionRequirement {
    /// Required by law (a statutory requirement).
    Statutory,
    /// Required by a contract with the data subject.
    Contractual,
    /// Necessary to enter into a contract.
    ContractPrerequisite,
    /// Not required: the data subject may choose not to provide it.
    #[default]
    Voluntary,
}

/// Who may see an item of the register.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// May be published (the default).
    #[default]
    Public,
    /// Internal to the organisation: left out of public documents (`ropa site --public`).
    Internal,
}

impl Visibility {
    /// Whether the item may be published.
    pub fn is_public(self) -> bool {
        self == Visibility::Public
    }
}
