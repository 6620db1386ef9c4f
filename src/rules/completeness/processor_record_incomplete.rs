//! RP102 `processor-record-incomplete`: a processor record lacks an item of Art. 30(2).

use super::*;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::ActivityRole;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every processor record (role `processor`) names the `controllers` on whose behalf the
    /// organisation acts (an error when it names none), gives each one's contact details (a
    /// warning when a controller has none), states the categories of processing
    /// (`processing_categories`, or at least a `description`; an error), and lists
    /// `security_measures` (a warning).
    ///
    /// ## Why
    /// Art. 30(2) lists what a processor's record contains: (a) the name and contact details of
    /// each controller on whose behalf the processor acts, (b) the categories of processing
    /// carried out on behalf of each controller, (c) where applicable, transfers to third
    /// countries (checked by RP500 to RP502), and, "where possible", (d) a general description of
    /// the security measures of Art. 32(1). A processor serving many customers often describes
    /// them as a class and keeps their contact details in its customer records; a controller
    /// named without contact details is therefore a warning, to be checked, not an error.
    ///
    /// ## Example
    /// ```yaml
    /// id: sms-sending
    /// name: Sending SMS for customers
    /// role: processor
    /// created: 2026-01-10
    /// updated: 2026-01-10
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// controllers:
    ///   - name: Each customer subscribing to the service
    ///     description: The customer's contact details are in its account
    ///     email: contracts@customers.example
    /// processing_categories:
    ///   - Routing of SMS campaigns to mobile operators
    /// security_measures: [access-control]
    /// ```
    pub struct ProcessorRecordIncomplete { code: "RP102", name: "processor-record-incomplete", severity: Error, summary: "A processor record lacks an item of Art. 30(2)" }
}

impl Rule for ProcessorRecordIncomplete {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            if act.role != ActivityRole::Processor {
                continue;
            }
            if act.controllers.is_empty() {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "",
                            "the processor record names no controller on whose behalf the processing is carried out (Art. 30(2)(a))",
                        )
                        .help("add `controllers:` with the `name:` and `address:`, `email:`, `phone:` or `contact:` of each controller (or a `description:` of the class of customers)"),
                );
            }
            for (i, p) in act.controllers.iter().enumerate() {
                if !party_reachable(p) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/controllers/{i}"),
                                format!(
                                    "controller `{}` has no contact details (Art. 30(2)(a))",
                                    p.name.trim()
                                ),
                            )
                            .help("add `address:`, `email:`, `phone:` or a `contact:` person")
                            .severity(Severity::Warning),
                    );
                }
            }
            let has_categories = act
                .processing_categories
                .iter()
                .any(|c| !c.trim().is_empty());
            if !has_categories && !filled(&act.description) {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "",
                            "the processor record states no categories of processing carried out for the controllers (Art. 30(2)(b))",
                        )
                        .help("add `processing_categories:` listing what is done on the controllers' behalf"),
                );
            }
            if act.security_measures.is_empty() {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "",
                            "the processor record describes no security measures (Art. 30(2)(d))",
                        )
                        .help("add `security_measures:` listing ids from measures.yaml")
                        .severity(Severity::Warning),
                );
            }
        }
    }
}
