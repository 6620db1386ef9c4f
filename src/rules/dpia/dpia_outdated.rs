//! RP701 `dpia-outdated`: a DPIA is undated or due for review.

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};
use chrono::{Months, NaiveDate};

declare_rule! {
    /// ## What it checks
    /// That a DPIA recorded as done has a `date`, and that the date is no older than
    /// `settings.dpia_review_interval_months` (36 by default) before the check date.
    ///
    /// ## Why
    /// A DPIA is not a one-off exercise: the controller must review whether the processing is
    /// still performed as assessed, at least when the risk changes (Art. 35(11)), and the WP248
    /// guidelines call for it to be continuously reviewed and regularly re-assessed. This
    /// register's interval is a setting, three years unless configured otherwise. Without a
    /// date, nobody can tell when the DPIA was last reviewed.
    ///
    /// ## Example
    /// ```yaml
    /// dpia:
    ///   done: true
    ///   reference: DPIA-2019-02
    ///   date: 2019-02-11
    /// ```
    /// checked on 2026-11-25.
    ///
    /// ## How to fix
    /// Review the DPIA against the processing as it is now, and write the date of that review in
    /// `dpia.date`.
    pub struct DpiaOutdated { code: "RP701", name: "dpia-outdated", severity: Warning, summary: "A DPIA is undated or due for review" }
}

/// The date before which a DPIA made with this interval is outdated on `as_of`.
pub(super) fn review_limit(as_of: NaiveDate, months: u32) -> Option<NaiveDate> {
    as_of.checked_sub_months(Months::new(months))
}

impl Rule for DpiaOutdated {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let months = ctx
            .register
            .config
            .item
            .settings
            .dpia_review_interval_months;
        let limit = review_limit(ctx.as_of, months);
        for a in &ctx.register.activities {
            let Some(dpia) = &a.item.dpia else { continue };
            if !dpia.done {
                continue;
            }
            match dpia.date {
                None => out.push(
                    Self::META
                        .on_activity(a, "/dpia/done", "the DPIA is recorded as done but has no date")
                        .help("write the date of the DPIA, or of its last review, in `dpia.date`"),
                ),
                Some(date) if limit.is_some_and(|l| date < l) => out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/dpia/date",
                            format!(
                                "the DPIA dates from {date}, more than {months} months before {} (settings.dpia_review_interval_months)",
                                ctx.as_of
                            ),
                        )
                        .help("review the DPIA against the processing as it is now and write the review's date in `dpia.date`"),
                ),
                Some(_) => {}
            }
        }
    }
}
