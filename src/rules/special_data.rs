//! Special categories of data (Art. 9) and data relating to criminal convictions and offences
//! (Art. 10): each needs its own condition on top of an Art. 6(1) basis.

use super::completeness::filled;
use super::{Context, Rule};
use crate::diagnostics::Diagnostic;
use crate::model::{Art9Condition, LegalBasis};

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

declare_rule! {
    /// ## What it checks
    /// That every data category of a controller record marked with a `special_category` names the
    /// Art. 9(2) condition it is processed under (`art9_condition`). Processor records are not
    /// checked: the condition is the controller's.
    ///
    /// ## Why
    /// Art. 9(1) prohibits processing data revealing racial or ethnic origin, political opinions,
    /// religious or philosophical beliefs or trade-union membership, and genetic, biometric
    /// (for unique identification), health and sex life or sexual orientation data. The
    /// prohibition is lifted only by one of the ten conditions of Art. 9(2), which comes on top of
    /// an Art. 6(1) legal basis.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: sick-leave
    ///     name: Sick leave certificates
    ///     special_category: health
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// data_categories:
    ///   - id: sick-leave
    ///     name: Sick leave certificates
    ///     special_category: health
    ///     art9_condition: employment_social_security
    /// ```
    pub struct SpecialCategoryWithoutCondition { code: "RP300", name: "special-category-without-condition", severity: Error, summary: "Special-category data has no Art. 9(2) condition" }
}

impl Rule for SpecialCategoryWithoutCondition {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, c) in a.item.data_categories.iter().enumerate() {
                if let Some(special) = c.special_category
                    && c.art9_condition.is_none()
                {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}/special_category"),
                                format!(
                                    "data category `{}` is special-category data (`{}`) but no Art. 9(2) condition is recorded",
                                    c.id,
                                    yaml_key(&special)
                                ),
                            )
                            .help("add `art9_condition:` with the Art. 9(2) condition relied on, for example `explicit_consent`, `employment_social_security` or `health_or_social_care`"),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every data category of a controller record marked `criminal_data: true` says, in
    /// `art10_authorisation`, under which official authority or which law it is processed.
    /// Processor records are not checked.
    ///
    /// ## Why
    /// Art. 10: personal data relating to criminal convictions and offences or related security
    /// measures may be processed "only under the control of official authority or when the
    /// processing is authorised by Union or Member State law providing for appropriate
    /// safeguards". An Art. 6(1) basis is not enough, and the Art. 9(2) conditions do not apply.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: criminal-record
    ///     name: Criminal record extract
    ///     criminal_data: true
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// data_categories:
    ///   - id: criminal-record
    ///     name: Criminal record extract
    ///     criminal_data: true
    ///     art10_authorisation: Code de l'éducation, art. L212-9 (checks before hiring teachers)
    /// ```
    pub struct CriminalDataWithoutAuthorisation { code: "RP301", name: "criminal-data-without-authorisation", severity: Error, summary: "Criminal-offence data has no Art. 10 authorisation" }
}

impl Rule for CriminalDataWithoutAuthorisation {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, c) in a.item.data_categories.iter().enumerate() {
                if c.criminal_data && !filled(&c.art10_authorisation) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}/criminal_data"),
                                format!(
                                    "data category `{}` relates to criminal convictions or offences but no Art. 10 authorisation is recorded",
                                    c.id
                                ),
                            )
                            .help("add `art10_authorisation:` naming the official authority in control, or the Union or Member State law that authorises the processing"),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That when a data category of a controller record relies on `art9_condition:
    /// explicit_consent`, at least one purpose of the activity has `legal_basis: consent`.
    ///
    /// ## Why
    /// Explicit consent under Art. 9(2)(a) lifts the prohibition on special-category data, but
    /// the processing still needs an Art. 6(1) basis. A controller that collects explicit consent
    /// for the sensitive data while telling data subjects it relies on a contract or on
    /// legitimate interests risks misleading them about their rights, such as withdrawing
    /// consent (Art. 7(3)). The combination is not always wrong, hence a warning: check that the
    /// two are consistent.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Personalised coaching
    ///     legal_basis: contract
    /// data_categories:
    ///   - id: health
    ///     name: Health questionnaire
    ///     special_category: health
    ///     art9_condition: explicit_consent
    /// ```
    ///
    /// ## How to fix
    /// Rely on consent for the purpose that uses the data:
    /// ```yaml
    /// purposes:
    ///   - description: Personalised coaching based on the health questionnaire
    ///     legal_basis: consent
    ///     consent_record: Signed questionnaire, stored in the client file
    /// ```
    /// or choose the Art. 9(2) condition that matches the basis actually relied on.
    pub struct ExplicitConsentWithoutConsentBasis { code: "RP302", name: "explicit-consent-without-consent-basis", severity: Warning, summary: "Explicit consent under Art. 9(2)(a) with no purpose based on consent" }
}

impl Rule for ExplicitConsentWithoutConsentBasis {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            if !act.role.is_controller() {
                continue;
            }
            if act
                .purposes
                .iter()
                .any(|p| p.legal_basis == Some(LegalBasis::Consent))
            {
                continue;
            }
            for (i, c) in act.data_categories.iter().enumerate() {
                if c.art9_condition == Some(Art9Condition::ExplicitConsent) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}/art9_condition"),
                                format!(
                                    "data category `{}` relies on explicit consent (Art. 9(2)(a)) but no purpose of the activity relies on consent (Art. 6(1)(a))",
                                    c.id
                                ),
                            )
                            .help("set `legal_basis: consent` on the purpose that uses this data, or choose the `art9_condition:` that matches the basis relied on"),
                    );
                }
            }
        }
    }
}
