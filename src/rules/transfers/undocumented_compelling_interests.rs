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
    /// This derogation is the last resort: a transfer that is not repetitive, concerns a limited
    /// number of data subjects, is necessary for compelling legitimate interests not overridden
    /// by theirs, and for which the controller has assessed all the circumstances and provided
    /// suitable safeguards. The record must document that assessment and those safeguards
    /// (Art. 30(1)(e), 30(2)(c) and 49(6)), and the supervisory authority and the data subjects
    /// must be informed.
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
                        key(&r.mechanism),
                        info.article(Language::En)
                    ),
                )
                .help("describe in `documentation` the assessment of the transfer's circumstances and the safeguards provided, or name the document that records them"),
            );
        }
    }
}
