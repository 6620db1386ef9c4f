//! Dates of the record: activities are reviewed on time, and no date lies after the check date.

use chrono::{Months, NaiveDate};

use super::{Context, Rule};
use crate::diagnostics::Diagnostic;

pub(super) const RULES: &[&dyn Rule] = &[&ReviewOverdue, &DateInFuture];

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

impl Rule for DateInFuture {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let as_of = ctx.as_of;
        let help = "correct the date: it cannot be after the day the register is checked";
        for a in &ctx.register.activities {
            let act = &a.item;
            let mut dates: Vec<(&str, &str, NaiveDate)> = vec![
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
            for (pointer, what, date) in dates {
                if future(date, as_of) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                pointer,
                                format!("{what}, {date}, is after the check date {as_of}"),
                            )
                            .help(help),
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
            let mut dates: Vec<(String, String, NaiveDate)> = Vec::new();
            if let Some(d) = v.item.contract.as_ref().and_then(|c| c.date) {
                dates.push((
                    "/contract/date".to_string(),
                    "the contract's date".to_string(),
                    d,
                ));
            }
            for (i, s) in v.item.transfer_safeguards.iter().enumerate() {
                if let Some(d) = s.date {
                    dates.push((
                        format!("/transfer_safeguards/{i}/date"),
                        format!("the date of the transfer safeguard for {}", s.country),
                        d,
                    ));
                }
            }
            for (pointer, what, date) in dates {
                if future(date, as_of) {
                    out.push(
                        Self::META
                            .diagnostic(format!(
                                "vendor `{}`: {what}, {date}, is after the check date {as_of}",
                                v.item.id
                            ))
                            .at(v.file.clone(), v.at(&pointer))
                            .help(help),
                    );
                }
            }
        }
    }
}

/// Helpers for the rules' unit tests: small registers built in memory.
#[cfg(test)]
pub(crate) mod testing {
    use chrono::NaiveDate;

    use crate::diagnostics::Diagnostic;
    use crate::model::{Activity, Register, RegisterFile, Sourced, Vendor};
    use crate::rules::{Context, Rule};

    /// A date.
    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A minimal activity `a`, created 2024-01-01 and updated 2026-01-01.
    pub fn activity() -> Activity {
        serde_json::from_value(serde_json::json!({
            "id": "a",
            "name": "A",
            "role": "controller",
            "created": "2024-01-01",
            "updated": "2026-01-01",
        }))
        .unwrap()
    }

    /// An activity from its YAML fields as JSON, on top of [`activity`]'s required ones.
    pub fn activity_with(fields: serde_json::Value) -> Activity {
        let mut base = serde_json::to_value(activity()).unwrap();
        if let (Some(b), Some(f)) = (base.as_object_mut(), fields.as_object()) {
            for (k, v) in f {
                b.insert(k.clone(), v.clone());
            }
        }
        serde_json::from_value(base).unwrap()
    }

    /// A vendor from its YAML fields as JSON.
    pub fn vendor(fields: serde_json::Value) -> Vendor {
        serde_json::from_value(fields).unwrap()
    }

    /// A register with these vendors and activities.
    pub fn register(vendors: Vec<Vendor>, activities: Vec<Activity>) -> Register {
        Register {
            root: "reg".into(),
            config: Sourced {
                file: "reg/ropa.yaml".into(),
                pointer: String::new(),
                item: RegisterFile::default(),
            },
            vendors: vendors
                .into_iter()
                .enumerate()
                .map(|(i, item)| Sourced {
                    file: "reg/vendors.yaml".into(),
                    pointer: format!("/vendors/{i}"),
                    item,
                })
                .collect(),
            measures: Vec::new(),
            activities: activities
                .into_iter()
                .map(|item| Sourced {
                    file: format!("reg/activities/{}.yaml", item.id).into(),
                    pointer: String::new(),
                    item,
                })
                .collect(),
            index: Default::default(),
            partial: false,
        }
    }

    /// The findings of one rule on a register at a date.
    pub fn check(rule: &dyn Rule, register: &Register, as_of: NaiveDate) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        rule.check(&Context { register, as_of }, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::diagnostics::Severity;
    use serde_json::json;

    #[test]
    fn review_is_due_strictly_after_the_interval() {
        let as_of = d(2026, 11, 25);
        let on_limit = activity_with(json!({"updated": "2025-11-25"}));
        assert!(check(&ReviewOverdue, &register(vec![], vec![on_limit]), as_of).is_empty());
        let past = activity_with(json!({"updated": "2025-11-24"}));
        let found = check(&ReviewOverdue, &register(vec![], vec![past]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/updated"));
    }

    #[test]
    fn reviewed_takes_precedence_over_updated() {
        let as_of = d(2026, 11, 25);
        let a = activity_with(json!({"updated": "2020-01-01", "reviewed": "2026-06-01"}));
        assert!(check(&ReviewOverdue, &register(vec![], vec![a]), as_of).is_empty());
        let a = activity_with(json!({"updated": "2026-06-01", "reviewed": "2024-06-01"}));
        let found = check(&ReviewOverdue, &register(vec![], vec![a]), as_of);
        assert_eq!(found[0].pointer.as_deref(), Some("/reviewed"));
    }

    #[test]
    fn interval_follows_settings() {
        let as_of = d(2026, 11, 25);
        let mut reg = register(
            vec![],
            vec![activity_with(json!({"updated": "2026-04-30"}))],
        );
        assert!(check(&ReviewOverdue, &reg, as_of).is_empty());
        reg.config.item.settings.review_interval_months = 6;
        assert_eq!(check(&ReviewOverdue, &reg, as_of).len(), 1);
    }

    #[test]
    fn next_review_in_the_past_is_overdue_but_not_today() {
        let as_of = d(2026, 11, 25);
        let today = activity_with(json!({"updated": "2026-06-01", "next_review": "2026-11-25"}));
        assert!(check(&ReviewOverdue, &register(vec![], vec![today]), as_of).is_empty());
        let past = activity_with(json!({"updated": "2026-06-01", "next_review": "2026-11-24"}));
        let found = check(&ReviewOverdue, &register(vec![], vec![past]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/next_review"));
    }

    #[test]
    fn future_dates_and_inverted_creation() {
        let as_of = d(2026, 11, 25);
        let today = activity_with(json!({"created": "2026-11-25", "updated": "2026-11-25"}));
        assert!(check(&DateInFuture, &register(vec![], vec![today]), as_of).is_empty());
        let a = activity_with(json!({
            "created": "2026-11-26",
            "updated": "2026-11-20",
            "dpia": {"done": true, "date": "2027-01-01"},
        }));
        let v = vendor(json!({
            "id": "v", "name": "V", "role": "processor", "service": "S",
            "contract": {"reference": "DPA", "date": "2030-01-01"},
            "transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "date": "2026-11-25"}],
        }));
        let found = check(&DateInFuture, &register(vec![v], vec![a]), as_of);
        let pointers: Vec<_> = found.iter().filter_map(|f| f.pointer.as_deref()).collect();
        assert_eq!(
            pointers,
            [
                "/created",
                "/dpia/date",
                "/created",
                "/vendors/0/contract/date"
            ]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Error));
    }
}
