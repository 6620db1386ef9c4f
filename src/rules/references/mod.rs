//! Identity and references across files: ids are unique, and every id an activity names resolves
//! to a vendor, a measure, a data category or a data subject category.

mod duplicate_id;
mod unresolved_reference;

use super::Rule;
pub use duplicate_id::DuplicateId;
pub use unresolved_reference::UnresolvedReference;

pub(super) const RULES: &[&dyn Rule] = &[&DuplicateId, &UnresolvedReference];
