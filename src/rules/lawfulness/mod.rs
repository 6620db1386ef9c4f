//! Lawfulness (Art. 6, Art. 7): every purpose of a controller record has a legal basis, and the
//! basis chosen is documented as the Regulation requires.

mod consent_not_recorded;
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
];

const BASES: &str =
    "consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests";
