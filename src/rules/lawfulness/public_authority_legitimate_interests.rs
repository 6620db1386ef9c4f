//! RP202 `public-authority-legitimate-interests`: a public authority relies on legitimate interests.

use crate::diagnostics::Diagnostic;
use crate::model::LegalBasis;
use crate::rules::{Context, Rule};

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
