//! RP100 `controller-identity-incomplete`: the organisation, its DPO or its representative has no contact details.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That `ropa.yaml` gives the organisation's name and at least one contact detail (`address`,
    /// `email` or `phone`), and that a DPO or representative, where one is recorded, has one too
    /// (its own or its `contact` person's e-mail or phone).
    ///
    /// ## Why
    /// Art. 30(1)(a) and 30(2)(a) require the record to contain the name **and contact details**
    /// of the controller or processor and, where applicable, of its representative and its data
    /// protection officer. A name alone does not let a supervisory authority or a data subject
    /// reach anyone.
    ///
    /// ## Example
    /// ```yaml
    /// organisation:
    ///   name: Acme SAS
    /// dpo:
    ///   name: Jane Doe
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// organisation:
    ///   name: Acme SAS
    ///   address: 1 rue de la Paix, 75002 Paris
    ///   email: privacy@acme.example
    /// dpo:
    ///   name: Jane Doe
    ///   email: dpo@acme.example
    /// ```
    pub struct ControllerIdentityIncomplete { code: "RP100", name: "controller-identity-incomplete", severity: Error, summary: "The organisation, its DPO or its representative has no contact details" }
}

impl Rule for ControllerIdentityIncomplete {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        let file = &config.item;
        let org = &file.organisation;
        if org.name.trim().is_empty() {
            out.push(
                Self::META
                    .diagnostic("the organisation has no name")
                    .at(config.file.clone(), config.at("/organisation/name"))
                    .help("write the legal name in `organisation.name`"),
            );
        }
        if !(filled(&org.address) || filled(&org.email) || filled(&org.phone)) {
            out.push(
                Self::META
                    .diagnostic(format!(
                        "the organisation `{}` has no contact details: no address, e-mail or phone",
                        org.name.trim()
                    ))
                    .at(config.file.clone(), config.at("/organisation"))
                    .help("add `address:`, `email:` or `phone:` under `organisation`"),
            );
        }
        for (key, what, party) in [
            ("dpo", "data protection officer", &file.dpo),
            ("representative", "representative", &file.representative),
        ] {
            if let Some(p) = party
                && !party_reachable(p)
            {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "the {what} `{}` has no contact details: no address, e-mail or phone",
                            p.name.trim()
                        ))
                        .at(config.file.clone(), config.at(&format!("/{key}")))
                        .help(format!(
                            "add `address:`, `email:` or `phone:` under `{key}`"
                        )),
                );
            }
        }
    }
}
