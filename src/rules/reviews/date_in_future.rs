//! RP801 `date-in-future`: a date lies after the check date.

use crate::diagnostics::Diagnostic;
use crate::model::{Activity, Vendor};
use crate::rules::{Context, Rule};
use chrono::NaiveDate;

declare_rule! {
    /// ## What it checks
    /// That no date of the record lies after the check date: an activity's `created`, `updated`,
    /// `reviewed`, `dpia.date` and `processing_agreement.date`, and a vendor's `contract.date`
    /// and `transfer_safeguards[].date`. Also that an activity was not `created` after it was
    /// `updated`. (`next_review` and waivers' `expires` are meant to be in the future.)
    ///
    /// ## Why
    /// The record documents what has been done (Art. 5(2)); a date in the future is a typo or a
    /// plan written as a fact, and it silently defeats the review and DPIA checks, which measure
    /// time from these dates.
    ///
    /// ## Example
    /// ```yaml
    /// created: 2024-03-14
    /// updated: 2042-03-14
    /// ```
    ///
    /// ## How to fix
    /// Correct the date. A planned review belongs in `next_review`.
    pub struct DateInFuture { code: "RP801", name: "date-in-future", severity: Error, summary: "A date lies after the check date" }
}

fn future(date: NaiveDate, as_of: NaiveDate) -> bool {
    date > as_of
}

const HELP: &str = "correct the date: it cannot be after the day the register is checked";

impl Rule for DateInFuture {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let as_of = ctx.as_of;
        for a in &ctx.register.activities {
            let act = &a.item;
            for (pointer, what, date) in activity_dates(act) {
                if future(date, as_of) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                pointer,
                                format!("{what}, {date}, is after the check date {as_of}"),
                            )
                            .help(HELP),
                    );
                }
            }
            if act.created > act.updated {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/created",
                            format!(
                                "the activity was created on {}, after it was last updated on {}",
                                act.created, act.updated
                            ),
                        )
                        .help("correct `created` or `updated`: a record is updated on or after the day it is created"),
                );
            }
        }
        for v in &ctx.register.vendors {
            for (pointer, what, date) in vendor_dates(&v.item) {
                if future(date, as_of) {
                    out.push(
                        Self::META
                            .diagnostic(format!(
                                "vendor `{}`: {what}, {date}, is after the check date {as_of}",
                                v.item.id
                            ))
                            .at(v.file.clone(), v.at(&pointer))
                            .help(HELP),
                    );
                }
            }
        }
    }
}

/// The dates an activity records: where, what, when.
fn activity_dates(act: &Activity) -> Vec<(&'static str, &'static str, NaiveDate)> {
    let mut dates = vec![
        ("/created", "the creation date", act.created),
        ("/updated", "the date of the last update", act.updated),
    ];
    if let Some(r) = act.reviewed {
        dates.push(("/reviewed", "the date of the last review", r));
    }
    if let Some(d) = act.dpia.as_ref().and_then(|d| d.date) {
        dates.push(("/dpia/date", "the DPIA's date", d));
    }
    if let Some(d) = act.processing_agreement.as_ref().and_then(|p| p.date) {
        dates.push((
            "/processing_agreement/date",
            "the processing agreement's date",
            d,
        ));
    }
    dates
}

/// The dates a vendor records: where, what, when.
fn vendor_dates(v: &Vendor) -> Vec<(String, String, NaiveDate)> {
    let mut dates = Vec::new();
    if let Some(d) = v.contract.as_ref().and_then(|c| c.date) {
        dates.push((
            "/contract/date".to_string(),
            "the contract's date".to_string(),
            d,
        ));
    }
    for (i, s) in v.transfer_safeguards.iter().enumerate() {
        if let Some(d) = s.date {
            dates.push((
                format!("/transfer_safeguards/{i}/date"),
                format!("the date of the transfer safeguard for {}", s.country),
                d,
            ));
        }
    }
    dates
}
