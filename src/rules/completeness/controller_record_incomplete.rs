//! RP101 `controller-record-incomplete`: a controller record lacks an item of Art. 30(1).

use super::*;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, ActivityRole, Sourced};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every controller record (role `controller` or `joint_controller`) states its
    /// `purposes`, `data_subjects`, `data_categories` and `recipients` (errors), has at least one
    /// `retention` rule and one of the `security_measures` (warnings), and that a joint controller
    /// record names the `joint_controllers`, each with contact details (errors).
    ///
    /// ## Why
    /// Art. 30(1) lists what a controller's record contains: (a) the name and contact details of
    /// the controller and, where applicable, of the joint controllers, (b) the purposes, (c) the
    /// categories of data subjects and of personal data, (d) the categories of recipients. The
    /// time limits for erasure (f) and the security measures (g) are due only "where possible",
    /// so their absence is a warning. Transfers to third countries (e), due "where applicable",
    /// are checked by RP500 to RP502.
    ///
    /// ## Example
    /// ```yaml
    /// id: newsletter
    /// name: Newsletter
    /// role: joint_controller
    /// created: 2026-01-10
    /// updated: 2026-01-10
    /// purposes:
    ///   - description: Sending the monthly newsletter
    ///     legal_basis: consent
    ///     consent_record: Sign-up form log
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// joint_controllers:
    ///   - name: Partner SA
    ///     email: privacy@partner.example
    /// data_subjects:
    ///   - id: subscribers
    ///     name: Newsletter subscribers
    /// data_categories:
    ///   - id: contact
    ///     name: E-mail address
    /// recipients:
    ///   - kind: internal
    ///     name: Marketing department
    /// retention:
    ///   - periods:
    ///       - until: unsubscription
    ///     end_action: delete
    /// security_measures: [access-control]
    /// ```
    pub struct ControllerRecordIncomplete { code: "RP101", name: "controller-record-incomplete", severity: Error, summary: "A controller record lacks an item of Art. 30(1)" }
}

/// The Art. 30(1) items a controller record must state: whether the record lacks it, how bad
/// that is, the message and the help.
type Requirement = (fn(&Activity) -> bool, Severity, &'static str, &'static str);

const REQUIRED: [Requirement; 6] = [
    (
        |a| a.purposes.is_empty(),
        Severity::Error,
        "the controller record states no purposes (Art. 30(1)(b))",
        "add `purposes:` with a `description:` and a `legal_basis:` for each purpose",
    ),
    (
        |a| a.data_subjects.is_empty(),
        Severity::Error,
        "the controller record states no categories of data subjects (Art. 30(1)(c))",
        "add `data_subjects:` with an `id:` and a `name:` for each category",
    ),
    (
        |a| a.data_categories.is_empty(),
        Severity::Error,
        "the controller record states no categories of personal data (Art. 30(1)(c))",
        "add `data_categories:` with an `id:` and a `name:` for each category",
    ),
    (
        |a| a.recipients.is_empty(),
        Severity::Error,
        "the controller record states no recipients (Art. 30(1)(d))",
        "add `recipients:`, at least the internal department that processes the data (`kind: internal`, `name:`)",
    ),
    (
        |a| a.retention.is_empty(),
        Severity::Warning,
        "the controller record states no time limit for erasure (Art. 30(1)(f))",
        "add `retention:` with `periods:` (a `duration:` such as `P3Y`, or `until:` an event) and an `end_action:`",
    ),
    (
        |a| a.security_measures.is_empty(),
        Severity::Warning,
        "the controller record describes no security measures (Art. 30(1)(g))",
        "add `security_measures:` listing ids from measures.yaml",
    ),
];

impl Rule for ControllerRecordIncomplete {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            if !act.role.is_controller() {
                continue;
            }
            for (lacks, severity, message, help) in REQUIRED {
                if lacks(act) {
                    let mut d = Self::META.on_activity(a, "", message).help(help);
                    d.severity = severity;
                    out.push(d);
                }
            }
            if act.role == ActivityRole::JointController {
                joint_controllers(a, out);
            }
        }
    }
}

/// A joint controllers' record names them, each with contact details.
fn joint_controllers(a: &Sourced<Activity>, out: &mut Vec<Diagnostic>) {
    if a.item.joint_controllers.is_empty() {
        out.push(
            ControllerRecordIncomplete::META
                .on_activity(
                    a,
                    "/role",
                    "the record's role is `joint_controller` but it names no joint controllers (Art. 30(1)(a))",
                )
                .help("add `joint_controllers:` with the `name:` and `address:`, `email:` or `phone:` of each"),
        );
    }
    // Contact details are required by Art. 30(1)(a), not "where possible": an error, like a
    // DPO's or representative's (RP100).
    for (i, p) in a.item.joint_controllers.iter().enumerate() {
        if !party_reachable(p) {
            out.push(
                ControllerRecordIncomplete::META
                    .on_activity(
                        a,
                        &format!("/joint_controllers/{i}"),
                        format!(
                            "joint controller `{}` has no contact details (Art. 30(1)(a))",
                            p.name.trim()
                        ),
                    )
                    .help("add `address:`, `email:`, `phone:` or a `contact:` person"),
            );
        }
    }
}
