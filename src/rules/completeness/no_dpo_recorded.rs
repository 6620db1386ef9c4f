//! RP103 `no-dpo-recorded`: no data protection officer is recorded.

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That `ropa.yaml` records a data protection officer (`dpo`), or states that none is
    /// designated (`no_dpo`). When Art. 37(1) makes a DPO mandatory, `dpo-mandatory` reports it
    /// as an error.
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
    /// or, when none is designated, say so and why in `no_dpo` (documents then print "None"
    /// rather than "Not stated").
    pub struct NoDpoRecorded { code: "RP103", name: "no-dpo-recorded", severity: Info, summary: "No data protection officer is recorded" }
}

impl Rule for NoDpoRecorded {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        if config.item.dpo.is_none() && config.item.no_dpo.is_none() {
            out.push(
                Self::META
                    .diagnostic("the record does not state whether a data protection officer is designated")
                    .at(config.file.clone(), config.at(""))
                    .help("where a DPO is designated, add `dpo:` with `name:` and `email:`; otherwise state it and why in `no_dpo:`"),
            );
        }
    }
}
