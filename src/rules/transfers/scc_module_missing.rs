//! RP504 `scc-module-missing`: the 2021/914 clauses are named without their module.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That a transfer or a vendor's safeguard relying on the clauses of Decision (EU) 2021/914
    /// (`mechanism: scc_2021_914`) says which module applies (`scc_module`: `one` to `four`).
    ///
    /// ## Why
    /// The 2021/914 clauses are four sets in one: controller to controller, controller to
    /// processor, processor to processor and processor to controller. Each module imposes
    /// different obligations and annexes; the record, and the transfer's Annex I, must say
    /// which one was signed.
    ///
    /// ## Example
    /// ```yaml
    /// transfer_safeguards:
    ///   - country: US
    ///     mechanism: scc_2021_914
    /// ```
    ///
    /// ## How to fix
    /// Add the module of the signed clauses:
    /// ```yaml
    ///     scc_module: two   # controller to processor
    /// ```
    pub struct SccModuleMissing { code: "RP504", name: "scc-module-missing", severity: Warning, summary: "The 2021/914 clauses are named without their module" }
}

impl Rule for SccModuleMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            let modules = legal::scc_set(r.mechanism).map(|s| &s.modules);
            if r.scc_module.is_some() || modules.is_none_or(|m| m.is_empty()) {
                continue;
            }
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on the clauses of Decision {} without saying which module was signed",
                        r.destination(),
                        legal::scc_set(r.mechanism).map_or("", |s| s.id.as_str())
                    ),
                )
                .help(format!(
                    "add {}, after checking the signed clauses",
                    r.usual_module_hint()
                )),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RP505, RP506
// ---------------------------------------------------------------------------------------------
