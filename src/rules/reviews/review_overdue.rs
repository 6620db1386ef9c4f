//! RP800 `review-overdue`: an activity is due for review.

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};
use chrono::Months;

declare_rule! {
    /// ## What it checks
    /// That each activity was reviewed recently enough: its last review (`reviewed`, or `updated`
    /// when it has no `reviewed`) is no older than `settings.review_interval_months` (12 by
    /// default) before the check date, and its `next_review`, when it gives one, is not past.
    ///
    /// ## Why
    /// The record must be kept up to date (Art. 30; accountability, Art. 5(2) and 24(1): measures
    /// are "reviewed and updated where necessary"). Supervisory authorities expect a periodic
    /// review; a record nobody has looked at for years no longer describes the processing.
    ///
    /// ## Example
    /// ```yaml
    /// updated: 2024-03-14
    /// next_review: 2025-03-14
    /// ```
    /// checked on 2026-11-25.
    ///
    /// ## How to fix
    /// Review the activity with its owner, correct what changed, and write the date of the
    /// review in `reviewed` (and the next one in `next_review`).
    pub struct ReviewOverdue { code: "RP800", name: "review-overdue", severity: Warning, summary: "An activity is due for review" }
}

impl Rule for ReviewOverdue {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let months = ctx.register.config.item.settings.review_interval_months;
        let limit = ctx.as_of.checked_sub_months(Months::new(months));
        for a in &ctx.register.activities {
            let act = &a.item;
            let (last, pointer, field) = match act.reviewed {
                Some(r) => (r, "/reviewed", "reviewed"),
                None => (act.updated, "/updated", "updated"),
            };
            if limit.is_some_and(|l| last < l) {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            pointer,
                            format!(
                                "the activity was last {field} on {last}, more than {months} months before {} (settings.review_interval_months)",
                                ctx.as_of
                            ),
                        )
                        .help("review the activity and write the review's date in `reviewed`"),
                );
            }
            if let Some(next) = act.next_review
                && next < ctx.as_of
            {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/next_review",
                            format!("the review planned for {next} is past"),
                        )
                        .help("review the activity, write the date in `reviewed` and plan the next review in `next_review`"),
                );
            }
        }
    }
}
