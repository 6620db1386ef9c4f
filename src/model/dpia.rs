//! Data protection impact assessments (Art. 35): the record of one, the WP248 criteria and the
//! cases of Art. 35(3).

use super::*;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
    /// The types of processing of the CNIL's Art. 35(4) list the processing falls under (each
    /// requires a DPIA in France).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cnil_list: Vec<CnilDpiaType>,
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

/// The fourteen types of processing of the CNIL's list under Art. 35(4) (Délibération
/// n° 2018-327 of 11 October 2018) for which a DPIA is required.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CnilDpiaType {
    /// 1. Health data processed by health or medico-social establishments for patient care.
    HealthCareEstablishments,
    /// 2. Genetic data of vulnerable persons.
    GeneticVulnerable,
    /// 3. Profiling for human-resources management.
    HrProfiling,
    /// 4. Constant monitoring of employees' activity.
    EmployeeMonitoring,
    /// 5. Alerts and reports in social and health matters.
    AlertsSocialHealth,
    /// 6. Professional alerts and reports (whistleblowing).
    AlertsProfessional,
    /// 7. Health data warehouses or registries.
    HealthWarehouses,
    /// 8. Profiling that may exclude a person from a contract or suspend or end it.
    ContractExclusionProfiling,
    /// 9. Pooled files of contractual breaches leading to exclusion.
    PooledBreachFiles,
    /// 10. Profiling using data from external sources.
    ExternalProfiling,
    /// 11. Biometric recognition including vulnerable persons.
    BiometricVulnerable,
    /// 12. Social-housing applications and management.
    SocialHousing,
    /// 13. Social or medico-social support.
    SocialSupport,
    /// 14. Large-scale location data.
    LargeScaleLocation,
}
