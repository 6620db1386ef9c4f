//! Special categories of data (Art. 9) and data relating to criminal convictions and offences
//! (Art. 10): each needs its own condition on top of an Art. 6(1) basis.

mod criminal_data_without_authorisation;
mod explicit_consent_without_consent_basis;
mod special_category_without_condition;

use super::Rule;
pub use criminal_data_without_authorisation::CriminalDataWithoutAuthorisation;
pub use explicit_consent_without_consent_basis::ExplicitConsentWithoutConsentBasis;
pub use special_category_without_condition::SpecialCategoryWithoutCondition;

pub(super) const RULES: &[&dyn Rule] = &[
    &SpecialCategoryWithoutCondition,
    &CriminalDataWithoutAuthorisation,
    &ExplicitConsentWithoutConsentBasis,
];

/// The YAML spelling of a model enum value, for example `health`.
fn yaml_key<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
