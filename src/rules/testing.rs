//! Helpers for the rules' unit tests: the model's in-memory registers, and one rule's findings
//! on them.

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::model::Register;
pub use crate::model::testing::*;
use crate::rules::{Context, Rule};

/// The findings of one rule on a register at a date.
pub fn check(rule: &dyn Rule, register: &Register, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rule.check(&Context { register, as_of }, &mut out);
    out
}
