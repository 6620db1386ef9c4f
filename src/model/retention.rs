//! Retention of a data category: periods, phases (active, intermediate archive, final archive)
//! and what happens at the end (Art. 5(1)(e)).

use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
