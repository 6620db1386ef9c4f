//! RP509: a module of the 2021/914 clauses that contradicts the parties' roles.

use super::{module_hint, recorded, usual_module};
use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::model::{Language, TransferMechanism};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That the `scc_module` of a transfer on the clauses of Decision (EU) 2021/914 fits the
    /// parties' roles: the organisation's role in the activity (controller or processor) as
    /// exporter, and the importer's `role` in vendors.yaml. Module one is controller to
    /// controller, two controller to processor, three processor to processor, four processor to
    /// controller. Checked on an activity's transfers (where the organisation's role is known)
    /// whose importer is a catalogued vendor.
    ///
    /// ## Why
    /// "In the absence of a decision pursuant to Article 45(3), a controller or processor may
    /// transfer personal data to a third country or an international organisation only if the
    /// controller or processor has provided appropriate safeguards, and on condition that
    /// enforceable data subject rights and effective legal remedies for data subjects are
    /// available." (Art. 46(1)). Those safeguards may be provided for by "standard data protection
    /// clauses adopted by the Commission in accordance with the examination procedure referred to
    /// in Article 93(2)" (Art. 46(2)(c)), such as the clauses of Decision (EU) 2021/914. Each
    /// module of the 2021/914 clauses binds the parties to the obligations of their roles
    /// (Decision (EU) 2021/914, recital 10 and the Annex, Section II). Clauses signed under a
    /// module that does not match the roles leave the actual obligations unframed: for instance
    /// module one with an importer that processes on the exporter's behalf lacks the instructions,
    /// sub-processing and return-of-data clauses of Art. 28.
    ///
    /// ## Example
    /// ```yaml
    /// role: controller
    /// transfers:
    ///   - country: US
    ///     vendor: mailer          # role: processor in vendors.yaml
    ///     mechanism: scc_2021_914
    ///     scc_module: one
    /// ```
    ///
    /// ## How to fix
    /// Check which module was signed. If the record is wrong, correct `scc_module` (or the
    /// vendor's `role`); if the wrong module was signed, sign the module that fits.
    pub struct SccModuleMismatch { code: "RP509", name: "scc-module-mismatch", severity: Error, summary: "The module of the 2021/914 clauses does not fit the parties' roles" }
}

impl Rule for SccModuleMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            if r.mechanism != TransferMechanism::Scc2021914 {
                continue;
            }
            let (Some(module), Some(organisation), Some(vendor)) =
                (r.scc_module, r.organisation, r.vendor)
            else {
                continue;
            };
            let Some(expected) = usual_module(Some(organisation), vendor.item.role) else {
                continue;
            };
            if expected == module {
                continue;
            }
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/scc_module",
                    format!(
                        "the transfer to {} uses module `{}` ({}), but the organisation is {} in this activity and vendor `{}` is its {}, which is module `{}` ({})",
                        r.destination(),
                        crate::model::yaml_name(&module),
                        legal::label(&module, Language::En),
                        legal::label(&organisation, Language::En).to_lowercase(),
                        vendor.item.id,
                        legal::label(&vendor.item.role, Language::En).to_lowercase(),
                        crate::model::yaml_name(&expected),
                        legal::label(&expected, Language::En)
                    ),
                )
                .help(format!(
                    "check the signed clauses: record {} if that is the module signed, or correct the vendor's `role`",
                    module_hint(Some(expected))
                )),
            );
        }
    }
}
