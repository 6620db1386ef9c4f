//! RP103 `no-dpo-recorded`: no data protection officer is recorded.

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That `ropa.yaml` records a data protection officer (`dpo`).
    ///
    /// ## Why
    /// Where a DPO is designated (mandatory in the cases of Art. 37(1), voluntary otherwise), the
    /// record must give the DPO's name and contact details (Art. 30(1)(a), 30(2)(a)). Many
    /// organisations need none; this finding only asks to confirm it.
    ///
    /// ## Example
    /// A `ropa.yaml` with `organisation:` and no `dpo:` key.
    ///
    /// ## How to fix
    /// Record the DPO:
    /// ```yaml
    /// dpo:
    ///   name: Jane Doe
    ///   email: dpo@acme.example
    /// ```
    /// or, when none is designated, turn the rule off in `settings.rules` (`RP103: off`).
    pub struct NoDpoRecorded { code: "RP103", name: "no-dpo-recorded", severity: Info, summary: "No data protection officer is recorded" }
}

impl Rule for NoDpoRecorded {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        if config.item.dpo.is_none() {
            out.push(
                Self::META
                    .diagnostic("no data protection officer is recorded")
                    .at(config.file.clone(), config.at(""))
                    .help("where a DPO is designated, add `dpo:` with `name:` and `email:`; otherwise set `RP103: off` under `settings.rules`"),
            );
        }
    }
}
