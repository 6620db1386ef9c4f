//! `measures.yaml`: the catalogue of technical and organisational security measures (Art. 32).

use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
