//! RP201 `legitimate-interest-unstated`: a purpose relies on legitimate interests without saying which.

use crate::diagnostics::Diagnostic;
use crate::model::LegalBasis;
use crate::rules::completeness::filled;
use crate::rules::{Context, Rule};

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
