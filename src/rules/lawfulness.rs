//! Lawfulness (Art. 6, Art. 7): every purpose of a controller record has a legal basis, and the
//! basis chosen is documented as the Regulation requires.

use super::completeness::filled;
use super::{Context, Rule};
use crate::diagnostics::Diagnostic;
use crate::model::LegalBasis;

mod automated_decision_without_exception;
mod consent_by_inactivity;
mod legal_reference_missing;

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

declare_rule! {
    /// ## What it checks
    /// That every purpose of a controller record (role `controller` or `joint_controller`) names
    /// its `legal_basis`. Processor records are not checked: the basis is the controller's choice.
    ///
    /// ## Why
    /// Processing is lawful only on one of the six bases of Art. 6(1); the controller must be
    /// able to show which one it relies on for each purpose (Art. 5(2), accountability). Without
    /// it, no other rule about consent, contracts or legitimate interests can be checked.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Sending the monthly newsletter
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// purposes:
    ///   - description: Sending the monthly newsletter
    ///     legal_basis: consent
    ///     consent_record: Sign-up form log, table newsletter_optins
    /// ```
    pub struct MissingLegalBasis { code: "RP200", name: "missing-legal-basis", severity: Error, summary: "The record does not state the legal basis of a purpose" }
}

impl Rule for MissingLegalBasis {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, p) in a.item.purposes.iter().enumerate() {
                if p.legal_basis.is_none() {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/purposes/{i}"),
                                format!(
                                    "the record does not state a legal basis for purpose `{}` (Art. 6(1))",
                                    p.description.trim()
                                ),
                            )
                            .help(format!("add `legal_basis:` with one of {BASES}")),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That a purpose whose `legal_basis` is `legitimate_interests` states the interest pursued in
    /// `legitimate_interest`.
    ///
    /// ## Why
    /// Art. 6(1)(f) allows processing necessary for "the purposes of the legitimate interests
    /// pursued by the controller or by a third party", unless overridden by the data subjects'
    /// interests or rights. The interest must be identified before it can be balanced; the data
    /// subjects must be told what it is (Art. 13(1)(d), 14(2)(b)), and the record is where it is
    /// written down.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Fraud prevention
    ///     legal_basis: legitimate_interests
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// purposes:
    ///   - description: Fraud prevention
    ///     legal_basis: legitimate_interests
    ///     legitimate_interest: Preventing payment fraud against the company and its customers
    ///     lia_reference: LIA-2026-03
    /// ```
    pub struct LegitimateInterestUnstated { code: "RP201", name: "legitimate-interest-unstated", severity: Error, summary: "A purpose relies on legitimate interests without saying which" }
}

impl Rule for LegitimateInterestUnstated {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, p) in a.item.purposes.iter().enumerate() {
                if p.legal_basis == Some(LegalBasis::LegitimateInterests)
                    && !filled(&p.legitimate_interest)
                {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/purposes/{i}/legal_basis"),
                                format!(
                                    "purpose `{}` relies on legitimate interests but does not say which interest is pursued (Art. 6(1)(f))",
                                    p.description.trim()
                                ),
                            )
                            .help("add `legitimate_interest:` stating the interest, and `lia_reference:` pointing to the balancing test"),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That an organisation marked `public_authority: true` in `ropa.yaml` does not rely on
    /// `legitimate_interests` for a purpose of a controller record.
    ///
    /// ## Why
    /// The last subparagraph of Art. 6(1) says point (f), legitimate interests, "shall not apply to
    /// processing carried out by public authorities in the performance of their tasks". A public
    /// body relies instead on a task in the public interest (Art. 6(1)(e)) or a legal obligation
    /// (Art. 6(1)(c)), with the law that lays it down (Art. 6(3)).
    ///
    /// ## Example
    /// ```yaml
    /// # ropa.yaml
    /// organisation:
    ///   name: Ville de Lyon
    ///   public_authority: true
    /// ```
    /// ```yaml
    /// # activities/library-loans.yaml
    /// purposes:
    ///   - description: Lending books to registered readers
    ///     legal_basis: legitimate_interests
    ///     legitimate_interest: Running the municipal library
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// purposes:
    ///   - description: Lending books to registered readers
    ///     legal_basis: public_task
    ///     legal_reference: Code du patrimoine, art. L310-1
    /// ```
    /// Where the processing really falls outside the authority's public tasks (some internal
    /// management, for instance), add a waiver that says so.
    pub struct PublicAuthorityLegitimateInterests { code: "RP202", name: "public-authority-legitimate-interests", severity: Error, summary: "A public authority relies on legitimate interests" }
}

impl Rule for PublicAuthorityLegitimateInterests {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let org = &ctx.register.config.item.organisation;
        if !org.public_authority {
            return;
        }
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, p) in a.item.purposes.iter().enumerate() {
                if p.legal_basis == Some(LegalBasis::LegitimateInterests) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/purposes/{i}/legal_basis"),
                                format!(
                                    "purpose `{}` relies on legitimate interests, which a public authority cannot do for its tasks (Art. 6(1), last subparagraph)",
                                    p.description.trim()
                                ),
                            )
                            .help("use `legal_basis: public_task` or `legal_obligation` with the law in `legal_reference:`; if the processing is outside the authority's tasks, add a waiver saying so"),
                    );
                }
            }
        }
    }
}

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
