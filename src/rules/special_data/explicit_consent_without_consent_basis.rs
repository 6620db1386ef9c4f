//! RP302 `explicit-consent-without-consent-basis`: explicit consent under Art. 9(2)(a) with no purpose based on consent.

use crate::diagnostics::Diagnostic;
use crate::model::{Art9Condition, LegalBasis};
use crate::rules::{Context, Rule};

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
