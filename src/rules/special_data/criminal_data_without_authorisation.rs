//! RP301 `criminal-data-without-authorisation`: criminal-offence data has no Art. 10 authorisation.

use crate::diagnostics::Diagnostic;
use crate::rules::completeness::filled;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every data category of a controller record marked `criminal_data: true` says, in
    /// `art10_authorisation`, under which official authority or which law it is processed.
    /// Processor records are not checked.
    ///
    /// ## Why
    /// Art. 10: personal data relating to criminal convictions and offences or related security
    /// measures may be processed "only under the control of official authority or when the
    /// processing is authorised by Union or Member State law providing for appropriate
    /// safeguards". An Art. 6(1) basis is not enough, and the Art. 9(2) conditions do not apply.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: criminal-record
    ///     name: Criminal record extract
    ///     criminal_data: true
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// data_categories:
    ///   - id: criminal-record
    ///     name: Criminal record extract
    ///     criminal_data: true
    ///     art10_authorisation: Code de l'éducation, art. L212-9 (checks before hiring teachers)
    /// ```
    pub struct CriminalDataWithoutAuthorisation { code: "RP301", name: "criminal-data-without-authorisation", severity: Error, summary: "Criminal-offence data has no Art. 10 authorisation" }
}

impl Rule for CriminalDataWithoutAuthorisation {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, c) in a.item.data_categories.iter().enumerate() {
                if c.criminal_data && !filled(&c.art10_authorisation) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}/criminal_data"),
                                format!(
                                    "data category `{}` relates to criminal convictions or offences but no Art. 10 authorisation is recorded",
                                    c.id
                                ),
                            )
                            .help("add `art10_authorisation:` naming the official authority in control, or the Union or Member State law that authorises the processing"),
                    );
                }
            }
        }
    }
}
