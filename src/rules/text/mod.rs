//! The register's text itself: no control or bidirectional-control character hides in it.

mod control_character;

use super::Rule;
pub use control_character::ControlCharacter;

pub(super) const RULES: &[&dyn Rule] = &[&ControlCharacter];
