//! RP503 `scc-version-unstated`: standard contractual clauses are named without their decision.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::model::TransferMechanism;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That a transfer or a vendor's safeguard relying on standard contractual clauses names
    /// which ones: `mechanism: standard_contractual_clauses` says that clauses were signed but
    /// not which decision adopted them.
    ///
    /// ## Why
    /// Only the clauses of Decision (EU) 2021/914 provide appropriate safeguards today
    /// (Art. 46(2)(c)); those of Decisions 2001/497/EC, 2004/915/EC and 2010/87/EU stopped
    /// doing so after 27 December 2022. The checker, and anyone reading the record, cannot tell
    /// whether the transfer is lawful until the decision is named, and the module (controller
    /// or processor on each side) says which obligations apply.
    ///
    /// ## Example
    /// ```yaml
    /// transfer_safeguards:
    ///   - country: US
    ///     mechanism: standard_contractual_clauses
    /// ```
    ///
    /// ## How to fix
    /// Check the signed clauses and name their decision and module:
    /// ```yaml
    ///     mechanism: scc_2021_914
    ///     scc_module: two
    /// ```
    /// If they are clauses of an older decision, sign the 2021/914 ones.
    pub struct SccVersionUnstated { code: "RP503", name: "scc-version-unstated", severity: Warning, summary: "Standard contractual clauses are named without their decision" }
}

impl Rule for SccVersionUnstated {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            if r.mechanism != TransferMechanism::StandardContractualClauses {
                continue;
            }
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on standard contractual clauses without saying which decision adopted them",
                        r.destination()
                    ),
                )
                .help(format!(
                    "name the decision of the signed clauses: `mechanism: scc_2021_914` with {}; the clauses of older decisions no longer provide safeguards",
                    r.usual_module_hint()
                )),
            );
        }
    }
}
