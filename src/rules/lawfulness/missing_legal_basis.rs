//! RP200 `missing-legal-basis`: a purpose has no legal basis.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

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
