//! Retention (Art. 5(1)(e), Art. 30(1)(f)): every category of data has a time limit, written as a
//! valid ISO 8601 duration or an end event, and ends in deletion or anonymisation.

mod archive_without_deletion;
mod final_archive_without_purpose;
mod invalid_retention_duration;
mod open_ended_retention;
mod retention_missing;
mod retention_over_reference;

use super::Rule;
pub use archive_without_deletion::ArchiveWithoutDeletion;
pub use invalid_retention_duration::InvalidRetentionDuration;
pub use open_ended_retention::OpenEndedRetention;
pub use retention_missing::RetentionMissing;

pub(super) const RULES: &[&dyn Rule] = &[
    &RetentionMissing,
    &InvalidRetentionDuration,
    &OpenEndedRetention,
    &ArchiveWithoutDeletion,
    &final_archive_without_purpose::FinalArchiveWithoutPurpose,
    &retention_over_reference::RetentionOverReference,
];
