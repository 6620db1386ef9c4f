//! RP106: joint controllers without a recorded Art. 26 arrangement.

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::ActivityRole;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That an activity whose role is `joint_controller` records the arrangement between the
    /// joint controllers in `joint_arrangement` (an error when it does not), and where its
    /// essence is made available to data subjects (`essence_published`, a warning when it is
    /// not given).
    ///
    /// ## Why
    /// Joint controllers "shall in a transparent manner determine their respective
    /// responsibilities for compliance with the obligations under this Regulation, in
    /// particular as regards the exercising of the rights of the data subject and their
    /// respective duties to provide the information referred to in Articles 13 and 14, by means
    /// of an arrangement between them" (Art. 26(1)). "The essence of the arrangement shall be
    /// made available to the data subject" (Art. 26(2)).
    ///
    /// ## Example
    /// ```yaml
    /// role: joint_controller
    /// joint_controllers:
    ///   - name: Partner SAS
    ///     email: privacy@partner.example
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// joint_arrangement:
    ///   reference: Joint controllership agreement
    ///   date: 2026-02-01
    ///   responsibilities: Partner SAS answers access requests; we inform the data subjects.
    ///   essence_published: Privacy notice, section 4
    /// ```
    pub struct JointArrangementMissing { code: "RP106", name: "joint-arrangement-missing", severity: Error, summary: "Joint controllers have no recorded Art. 26 arrangement" }
}

impl Rule for JointArrangementMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if a.item.role != ActivityRole::JointController {
                continue;
            }
            match &a.item.joint_arrangement {
                None => out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/role",
                            "the activity is carried out by joint controllers, but the record does not state the arrangement that sets their respective responsibilities (Art. 26(1))",
                        )
                        .help("add `joint_arrangement:` with its `reference`, `date`, the `responsibilities` it sets and where its essence is published (`essence_published`)"),
                ),
                Some(arrangement) if arrangement.essence_published.is_none() => {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                "/joint_arrangement",
                                "the record does not state where the essence of the joint controllers' arrangement is made available to data subjects (Art. 26(2))",
                            )
                            .help("write in `essence_published` where data subjects can read it, for example the section of the privacy notice")
                            .severity(Severity::Warning),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
