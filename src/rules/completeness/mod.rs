//! Completeness of the record against Art. 30: who keeps it and how to reach them (30(1)(a),
//! 30(2)(a)), and the items every controller record (30(1)) and processor record (30(2)) contains.

mod controller_identity_incomplete;
mod controller_record_incomplete;
mod no_dpo_recorded;
mod processor_record_incomplete;
mod subjects_without_notice;

use super::Rule;
use crate::model::Party;
pub use controller_identity_incomplete::ControllerIdentityIncomplete;
pub use controller_record_incomplete::ControllerRecordIncomplete;
pub use no_dpo_recorded::NoDpoRecorded;
pub use processor_record_incomplete::ProcessorRecordIncomplete;
pub use subjects_without_notice::SubjectsWithoutNotice;

pub(super) const RULES: &[&dyn Rule] = &[
    &ControllerIdentityIncomplete,
    &ControllerRecordIncomplete,
    &ProcessorRecordIncomplete,
    &NoDpoRecorded,
    &SubjectsWithoutNotice,
];

/// Whether an optional text is present and not blank.
pub(super) fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Whether a party gives a postal address, an e-mail address or a telephone number, its own or
/// its contact person's.
fn party_reachable(p: &Party) -> bool {
    filled(&p.address)
        || filled(&p.email)
        || filled(&p.phone)
        || p.contact
            .as_ref()
            .is_some_and(|c| filled(&c.email) || filled(&c.phone))
}
