//! RP605: a processor engages sub-processors without a recorded authorisation of the controller.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{AuthorisationKind, RecipientKind};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// For a processor record (role `processor`) whose recipients include a catalogued vendor
    /// that processes the data on the organisation's behalf (role `processor` or
    /// `sub_processor`): that `processing_agreement.sub_processor_authorisation` records the
    /// controller's authorisation (an error when it does not), and, for a general
    /// authorisation, the `notice` the controller is given of an intended change (a warning when
    /// it does not).
    ///
    /// ## Why
    /// "The processor shall not engage another processor without prior specific or general
    /// written authorisation of the controller. In the case of general written authorisation,
    /// the processor shall inform the controller of any intended changes concerning the addition
    /// or replacement of other processors, thereby giving the controller the opportunity to
    /// object to such changes" (Art. 28(2)). The Commission's clauses set the notice as a
    /// period agreed in advance (Decision (EU) 2021/915, Clause 7.7(a), Option 2); without one,
    /// the controller's right to object has no time to be used.
    ///
    /// ## Example
    /// ```yaml
    /// role: processor
    /// recipients:
    ///   - kind: vendor
    ///     vendor: hosting
    /// processing_agreement:
    ///   reference: Terms of service, data processing annex
    /// ```
    ///
    /// ## How to fix
    /// Record the authorisation the contract gives:
    /// ```yaml
    ///   sub_processor_authorisation:
    ///     kind: general
    ///     notice: P30D
    ///     text: The processor informs the customer 30 days before adding a sub-processor.
    /// ```
    /// If the contract gives none, obtain it from each controller before engaging the
    /// sub-processor.
    pub struct SubProcessorAuthorisationMissing { code: "RP605", name: "sub-processor-authorisation-missing", severity: Error, summary: "A processor engages sub-processors without a recorded authorisation or notice of changes" }
}

impl Rule for SubProcessorAuthorisationMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            if act.role.is_controller() {
                continue;
            }
            let engaged: Vec<&str> = act
                .recipients
                .iter()
                .filter(|r| r.kind == RecipientKind::Vendor)
                .filter_map(|r| r.vendor.as_deref())
                .filter(|id| {
                    ctx.register
                        .vendor(id)
                        .is_some_and(|v| v.item.role.is_processor())
                })
                .collect();
            let Some(first) = engaged.first() else {
                continue;
            };
            let authorisation = act
                .processing_agreement
                .as_ref()
                .and_then(|p| p.sub_processor_authorisation.as_ref());
            let Some(authorisation) = authorisation else {
                let pointer = if act.processing_agreement.is_some() {
                    "/processing_agreement"
                } else {
                    ""
                };
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            pointer,
                            format!(
                                "the organisation processes on behalf of controllers and engages {} sub-processor{} (`{first}`{}), but the record does not state the controllers' prior specific or general written authorisation (Art. 28(2))",
                                engaged.len(),
                                if engaged.len() == 1 { "" } else { "s" },
                                if engaged.len() > 1 { ", ..." } else { "" }
                            ),
                        )
                        .help("add `processing_agreement.sub_processor_authorisation` with its `kind` (`specific` or `general`), the `notice` of changes and the contract's words in `text`"),
                );
                continue;
            };
            if authorisation.kind == AuthorisationKind::General && authorisation.notice.is_none() {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/processing_agreement/sub_processor_authorisation",
                            "the general authorisation to engage sub-processors states no notice of intended changes, so the controller's opportunity to object (Art. 28(2)) has no period",
                        )
                        .help("write in `notice` how long before a change the controller is informed (ISO 8601, for example `P30D`); if the contract sets none, have it amended")
                        .severity(Severity::Warning),
                );
            }
        }
    }
}
