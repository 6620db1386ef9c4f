//! Lawfulness (Art. 6, Art. 7): every purpose of a controller record has a legal basis, and the
//! basis chosen is documented as the Regulation requires.

mod automated_decision_without_exception;
mod consent_by_inactivity;
mod consent_not_recorded;
mod legal_reference_missing;
mod legitimate_interest_unstated;
mod missing_legal_basis;
mod public_authority_legitimate_interests;

use super::Rule;
pub use consent_not_recorded::ConsentNotRecorded;
pub use legitimate_interest_unstated::LegitimateInterestUnstated;
pub use missing_legal_basis::MissingLegalBasis;
pub use public_authority_legitimate_interests::PublicAuthorityLegitimateInterests;

pub(super) const RULES: &[&dyn Rule] = &[
    &MissingLegalBasis,
    &LegitimateInterestUnstated,
    &PublicAuthorityLegitimateInterests,
    &ConsentNotRecorded,
    &consent_by_inactivity::ConsentByInactivity,
    &legal_reference_missing::LegalReferenceMissing,
    &automated_decision_without_exception::AutomatedDecisionWithoutException,
];

const BASES: &str =
    "consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests";
