//! RP604: an Art. 28 contract that sets no deadline for notifying a personal data breach.

use crate::diagnostics::{Diagnostic, Severity};
use crate::duration::Duration;
use crate::model::Language;
use crate::rules::{Context, Rule};

/// The controller's own deadline for notifying the supervisory authority (Art. 33(1)), in hours.
const CONTROLLER_HOURS: f64 = 72.0;

declare_rule! {
    /// ## What it checks
    /// That an activity's `processing_agreement` records the deadline within which the
    /// processor notifies the controller of a personal data breach: `breach_notification`, an
    /// ISO 8601 duration such as `PT24H` or `P2D`, optionally with the contract's words in
    /// `breach_notification_text`.
    /// - an error when `breach_notification` is not a valid ISO 8601 duration;
    /// - a warning when neither `breach_notification` nor `breach_notification_text` is given:
    ///   the record does not state the deadline;
    /// - a warning when the deadline is longer than 72 hours, the controller's own deadline.
    ///
    /// ## Why
    /// "The processor shall notify the controller without undue delay after becoming aware of a
    /// personal data breach" (Art. 33(2)); the controller must notify the supervisory authority
    /// "without undue delay and, where feasible, not later than 72 hours after having become
    /// aware of it" (Art. 33(1)); the processor assists the controller with it (Art. 28(3)(f)).
    /// A contract that gives the processor longer than the controller has makes the controller's
    /// deadline impossible to keep.
    ///
    /// ## Example
    /// ```yaml
    /// processing_agreement:
    ///   reference: Data processing agreement
    ///   breach_notification: 36 hours
    /// ```
    ///
    /// ## How to fix
    /// Write the contract's deadline as an ISO 8601 duration, with its words:
    /// ```yaml
    ///   breach_notification: PT36H
    ///   breach_notification_text: within 36 hours after becoming aware of it
    /// ```
    /// Where the contract says only "without undue delay", write that in
    /// `breach_notification_text`.
    pub struct BreachNotificationDeadline { code: "RP604", name: "breach-notification-deadline", severity: Warning, summary: "An Art. 28 contract sets no valid breach-notification deadline, or one beyond 72 hours" }
}

impl Rule for BreachNotificationDeadline {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (a, agreement) in super::with_agreement(ctx.register) {
            let Some(deadline) = agreement.breach_notification.as_deref() else {
                if agreement.breach_notification_text.is_none() {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                "/processing_agreement",
                                "the record does not state within what time the processor notifies the controller of a personal data breach (Art. 33(2), 28(3)(f))",
                            )
                            .help("write the contract's deadline in `breach_notification` (ISO 8601, for example `PT24H`) and its words in `breach_notification_text`"),
                    );
                }
                continue;
            };
            match Duration::parse(deadline) {
                Err(e) => {
                    let mut d = Self::META
                        .on_activity(
                            a,
                            "/processing_agreement/breach_notification",
                            format!("the breach-notification deadline `{deadline}` is not an ISO 8601 duration: {e}"),
                        )
                        .help("write it as `PT24H`, `PT36H`, `P2D`...; keep the contract's words in `breach_notification_text`");
                    d.severity = Severity::Error;
                    out.push(d);
                }
                Ok(duration) if duration.approx_days() * 24.0 > CONTROLLER_HOURS => {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                "/processing_agreement/breach_notification",
                                format!(
                                    "the processor has {} to notify a personal data breach, longer than the 72 hours the controller has to notify the supervisory authority (Art. 33(1), 33(2))",
                                    duration.spell(Language::En)
                                ),
                            )
                            .help("agree a deadline that leaves the controller time to notify within 72 hours, for example `PT24H` or `PT48H`"),
                    );
                }
                Ok(_) => {}
            }
        }
    }
}
