//! RP502 `undocumented-compelling-interests`: a transfer on compelling legitimate interests is not documented.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::model::Language;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That a transfer relying on the compelling legitimate interests of the second
    /// subparagraph of Art. 49(1) (`mechanism: compelling_legitimate_interests`) has its
    /// `documentation`: in the activity's transfer or in the vendor's safeguard for that
    /// country.
    ///
    /// ## Why
    /// This derogation is the last resort: such a transfer "may take place only if the transfer is
    /// not repetitive, concerns only a limited number of data subjects, is necessary for the
    /// purposes of compelling legitimate interests pursued by the controller which are not
    /// overridden by the interests or rights and freedoms of the data subject, and the controller
    /// has assessed all the circumstances surrounding the data transfer and has on the basis of
    /// that assessment provided suitable safeguards with regard to the protection of personal
    /// data." (Art. 49(1), second subparagraph); the supervisory authority and the data subject
    /// are informed of it. "The controller or processor shall document the assessment as well as
    /// the suitable safeguards referred to in the second subparagraph of paragraph 1 of this
    /// Article in the records referred to in Article 30." (Art. 49(6)). The controller's record
    /// contains, "in the case of transfers referred to in the second subparagraph of
    /// Article 49(1), the documentation of suitable safeguards" (Art. 30(1)(e)); the processor's
    /// likewise (Art. 30(2)(c)).
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: IN
    ///     importer: Forensic lab
    ///     mechanism: compelling_legitimate_interests
    /// ```
    ///
    /// ## How to fix
    /// Write the assessment and the safeguards, or where they are recorded, in `documentation`:
    /// ```yaml
    ///     documentation: >-
    ///       Assessment TIA-2026-04 (one-off transfer of 12 records; encrypted, deleted after
    ///       analysis); supervisory authority informed on 2026-04-12.
    /// ```
    /// If another mechanism is available (SCCs, an adequacy decision), use it instead.
    pub struct UndocumentedCompellingInterests { code: "RP502", name: "undocumented-compelling-interests", severity: Error, summary: "A transfer on compelling legitimate interests is not documented" }
}

impl Rule for UndocumentedCompellingInterests {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            let info = legal::mechanism_info(r.mechanism);
            if !info.needs_documentation || r.documentation.is_some_and(|d| !d.trim().is_empty()) {
                continue;
            }
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on `{}` ({}) without `documentation` of the assessment and safeguards (Art. 30(1)(e), 49(6))",
                        r.destination(),
                        crate::model::yaml_name(&r.mechanism),
                        info.article(Language::En)
                    ),
                )
                .help("describe in `documentation` the assessment of the transfer's circumstances and the safeguards provided, or name the document that records them"),
            );
        }
    }
}
