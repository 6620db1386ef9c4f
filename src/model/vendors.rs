//! `vendors.yaml`: the catalogue of vendors (processors, sub-processors, third parties), where
//! they process data and under which contract.

use super::*;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    #[schemars(url)]
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
    /// Which exclusions of an adequacy decision's scope apply to what the vendor does with the
    /// data (for example `kr_credit_information` for a Korean lender supervised by the Financial
    /// Services Commission); `[]` states that none applies. Left out, the record does not say,
    /// and the checker cannot rely on a decision that has exclusions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adequacy_exclusions: Option<Vec<AdequacyExclusion>>,
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
    #[schemars(url)]
    pub url: Option<String>,
}
