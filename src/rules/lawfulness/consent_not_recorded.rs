//! RP203 `consent-not-recorded`: a purpose relies on consent without saying where it is recorded.

use crate::diagnostics::Diagnostic;
use crate::model::LegalBasis;
use crate::rules::completeness::filled;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That a purpose whose `legal_basis` is `consent` says where consent is recorded
    /// (`consent_record`).
    ///
    /// ## Why
    /// "Where processing is based on consent, the controller shall be able to demonstrate that the
    /// data subject has consented" (Art. 7(1)). The record should say where that proof is kept:
    /// the form, the log or the consent management platform.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Sending the monthly newsletter
    ///     legal_basis: consent
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// purposes:
    ///   - description: Sending the monthly newsletter
    ///     legal_basis: consent
    ///     consent_record: Double opt-in log in the CRM (date, time, IP, form version)
    /// ```
    pub struct ConsentNotRecorded { code: "RP203", name: "consent-not-recorded", severity: Warning, summary: "A purpose relies on consent without saying where it is recorded" }
}

impl Rule for ConsentNotRecorded {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, p) in a.item.purposes.iter().enumerate() {
                if p.legal_basis == Some(LegalBasis::Consent) && !filled(&p.consent_record) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/purposes/{i}/legal_basis"),
                                format!(
                                    "purpose `{}` relies on consent but the record does not say where consent is recorded (Art. 7(1))",
                                    p.description.trim()
                                ),
                            )
                            .help("add `consent_record:` naming where the proof of each consent is kept"),
                    );
                }
            }
        }
    }
}
