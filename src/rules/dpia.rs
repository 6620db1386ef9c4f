//! Data protection impact assessments (Art. 35): required when the processing is likely to result
//! in a high risk, and kept up to date.

use chrono::{Months, NaiveDate};

use super::{Context, Rule};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, Art35Case, CnilDpiaType, Wp248Criterion};

pub(super) const RULES: &[&dyn Rule] = &[&DpiaRequiredMissing, &DpiaOutdated];

/// A WP248 criterion the activity meets, and why: declared in `dpia.criteria`, or inferred from a
/// node of the activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MetCriterion {
    /// The criterion.
    pub criterion: Wp248Criterion,
    /// `None` when declared; else the JSON pointer of the node it is inferred from.
    pub inferred_from: Option<String>,
}

/// The key of a criterion as written in YAML.
pub(crate) fn criterion_key(c: Wp248Criterion) -> &'static str {
    match c {
        Wp248Criterion::EvaluationScoring => "evaluation_scoring",
        Wp248Criterion::AutomatedDecision => "automated_decision",
        Wp248Criterion::SystematicMonitoring => "systematic_monitoring",
        Wp248Criterion::SensitiveData => "sensitive_data",
        Wp248Criterion::LargeScale => "large_scale",
        Wp248Criterion::MatchingCombining => "matching_combining",
        Wp248Criterion::VulnerableSubjects => "vulnerable_subjects",
        Wp248Criterion::InnovativeTechnology => "innovative_technology",
        Wp248Criterion::PreventsRights => "prevents_rights",
    }
}

fn case_key(c: Art35Case) -> &'static str {
    match c {
        Art35Case::SystematicEvaluation => "systematic_evaluation (Art. 35(3)(a))",
        Art35Case::LargeScaleSpecialData => "large_scale_special_data (Art. 35(3)(b))",
        Art35Case::PublicMonitoring => "public_monitoring (Art. 35(3)(c))",
    }
}

/// The WP248 criteria the activity meets: those declared in `dpia.criteria`, plus sensitive data
/// (a special category of Art. 9(1) or Art. 10 data) and vulnerable data subjects inferred from
/// the data and subject categories. Each criterion once, declared ones first.
pub(crate) fn met_criteria(act: &Activity) -> Vec<MetCriterion> {
    let mut out: Vec<MetCriterion> = Vec::new();
    let mut add = |criterion: Wp248Criterion, inferred_from: Option<String>| {
        if !out.iter().any(|m| m.criterion == criterion) {
            out.push(MetCriterion {
                criterion,
                inferred_from,
            });
        }
    };
    if let Some(dpia) = &act.dpia {
        for c in &dpia.criteria {
            add(*c, None);
        }
    }
    for (i, c) in act.data_categories.iter().enumerate() {
        if c.special_category.is_some() {
            add(
                Wp248Criterion::SensitiveData,
                Some(format!("/data_categories/{i}/special_category")),
            );
        } else if c.criminal_data {
            add(
                Wp248Criterion::SensitiveData,
                Some(format!("/data_categories/{i}/criminal_data")),
            );
        }
    }
    for (i, s) in act.data_subjects.iter().enumerate() {
        if s.vulnerable {
            add(
                Wp248Criterion::VulnerableSubjects,
                Some(format!("/data_subjects/{i}/vulnerable")),
            );
        }
    }
    if let Some(adm) = act
        .automated_decision_making
        .as_ref()
        .and_then(|m| m.decisions())
    {
        if adm.profiling {
            add(
                Wp248Criterion::EvaluationScoring,
                Some("/automated_decision_making/profiling".to_string()),
            );
        }
        if adm.significant_effect {
            add(
                Wp248Criterion::AutomatedDecision,
                Some("/automated_decision_making/significant_effect".to_string()),
            );
        }
    }
    out
}

/// The Art. 35(3) cases the activity falls under: those declared in `dpia.art35_3`, plus
/// (a) when automated decisions with legal or similar effects rest on profiling, and (b) when
/// special-category or criminal data is processed with the criterion `large_scale`. For an
/// individual professional (recital 91) the processing is not on a large scale, so (b) is left
/// out. Each case once.
pub(crate) fn art35_cases(act: &Activity, individual_professional: bool) -> Vec<Art35Case> {
    let mut cases: Vec<Art35Case> = act
        .dpia
        .as_ref()
        .map(|d| d.art35_3.clone())
        .unwrap_or_default();
    let declared_large = act
        .dpia
        .as_ref()
        .is_some_and(|d| d.criteria.contains(&Wp248Criterion::LargeScale));
    let special = act
        .data_categories
        .iter()
        .any(|c| c.special_category.is_some() || c.criminal_data);
    if declared_large && special {
        cases.push(Art35Case::LargeScaleSpecialData);
    }
    if act
        .automated_decision_making
        .as_ref()
        .and_then(|m| m.decisions())
        .is_some_and(|adm| adm.profiling && adm.significant_effect)
    {
        cases.push(Art35Case::SystematicEvaluation);
    }
    if individual_professional {
        cases.retain(|c| *c != Art35Case::LargeScaleSpecialData);
    }
    let mut seen = Vec::new();
    cases.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    cases
}

fn describe_criterion(act: &Activity, m: &MetCriterion) -> String {
    let key = criterion_key(m.criterion);
    let Some(pointer) = &m.inferred_from else {
        return key.to_string();
    };
    // Name the category the criterion comes from: `/data_categories/2/...` -> its id.
    let mut parts = pointer.split('/').skip(1);
    let (list, index) = (
        parts.next(),
        parts.next().and_then(|i| i.parse::<usize>().ok()),
    );
    let source = match (list, index) {
        (Some("data_categories"), Some(i)) => act
            .data_categories
            .get(i)
            .map(|c| format!("data category `{}`", c.id)),
        (Some("data_subjects"), Some(i)) => act
            .data_subjects
            .get(i)
            .map(|s| format!("data subjects `{}`", s.id)),
        _ => None,
    };
    match source {
        Some(s) => format!("{key} ({s})"),
        None => key.to_string(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

declare_rule! {
    /// ## What it checks
    /// Whether the activity needs a DPIA that it does not record as done. The WP248 criteria met
    /// are those listed in `dpia.criteria` plus two the checker infers: `sensitive_data` when a
    /// data category is a special category (Art. 9(1)) or criminal data (Art. 10), and
    /// `vulnerable_subjects` when a data subject category is `vulnerable`. A DPIA is required when
    /// the activity falls under a case of Art. 35(3) or a type of the CNIL's Art. 35(4) list
    /// (`dpia.cnil_list`), or meets two criteria or more, and `dpia.done` is not `true`: an
    /// error. The Art. 35(3) cases are those of `dpia.art35_3` plus two the checker infers:
    /// (a) when `automated_decision_making` records `profiling` and a `significant_effect`, and
    /// (b) when special-category or criminal data is processed with the criterion
    /// `large_scale`. `automated_decision_making` also gives the criteria `evaluation_scoring`
    /// (profiling) and `automated_decision` (a significant effect). When two criteria are met,
    /// no Art. 35(3) or Art. 35(4) case applies and `dpia.conclusion` records why no DPIA is
    /// needed, the finding is a warning so that the reasoning gets reviewed; a conclusion never
    /// lowers an Art. 35(3) or 35(4) case. For an individual professional
    /// (`organisation.individual_professional`) the processing is not on a large scale
    /// (recital 91): `large_scale` and case (b) are not counted. Processor records (role
    /// `processor`) are not checked: the DPIA is the controller's.
    ///
    /// ## Why
    /// The controller must carry out a DPIA before processing that is likely to result in a high
    /// risk (Art. 35(1)), and always in the cases of Art. 35(3). The WP248 rev.01 guidelines,
    /// endorsed by the EDPB, say that processing meeting two of their nine criteria will in most
    /// cases require one; a controller that decides otherwise must document why. Supervisory
    /// authorities' lists under Art. 35(4) (the CNIL's, for instance) add further cases. A
    /// processor does not carry out the DPIA of its customers' processing; it assists the
    /// controller with it (Art. 28(3)(f)).
    ///
    /// ## Example
    /// ```yaml
    /// data_subjects:
    ///   - id: patients
    ///     name: Patients
    ///     vulnerable: true
    /// data_categories:
    ///   - id: health
    ///     name: Medical records
    ///     special_category: health
    /// dpia:
    ///   done: false
    /// ```
    /// meets `sensitive_data` and `vulnerable_subjects`.
    ///
    /// ## How to fix
    /// Carry out the DPIA and record it:
    /// ```yaml
    /// dpia:
    ///   criteria: [sensitive_data, vulnerable_subjects]
    ///   done: true
    ///   reference: DPIA-2026-03
    ///   date: 2026-03-02
    /// ```
    /// If, having assessed the processing, you conclude that it is not likely to result in a
    /// high risk, write why in `dpia.conclusion`, and accept the remaining warning with a waiver
    /// approved by the DPO.
    pub struct DpiaRequiredMissing { code: "RP700", name: "dpia-required-missing", severity: Error, summary: "The activity needs a DPIA that is not done" }
}

impl Rule for DpiaRequiredMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            // Art. 35(1) binds the controller; a processor only assists (Art. 28(3)(f)).
            if !act.role.is_controller() || act.dpia.as_ref().is_some_and(|d| d.done) {
                continue;
            }
            let individual = ctx
                .register
                .config
                .item
                .organisation
                .individual_professional;
            let mut met = met_criteria(act);
            if individual {
                // Recital 91: an individual professional's processing is not on a large scale.
                met.retain(|m| m.criterion != Wp248Criterion::LargeScale);
            }
            let cases = art35_cases(act, individual);
            let cnil: Vec<CnilDpiaType> = act
                .dpia
                .as_ref()
                .map(|d| d.cnil_list.clone())
                .unwrap_or_default();
            if met.len() < 2 && cases.is_empty() && cnil.is_empty() {
                continue;
            }
            let listed: Vec<String> = met.iter().map(|m| describe_criterion(act, m)).collect();
            let mut reasons = Vec::new();
            if !cases.is_empty() {
                let cases: Vec<&str> = cases.iter().map(|c| case_key(*c)).collect();
                reasons.push(format!("falls under {}", cases.join(", ")));
            }
            if !cnil.is_empty() {
                let types: Vec<String> = cnil
                    .iter()
                    .map(|t| format!("`{}`", crate::legal::serde_name(t)))
                    .collect();
                reasons.push(format!(
                    "is on the CNIL's Art. 35(4) list ({})",
                    types.join(", ")
                ));
            }
            if !met.is_empty() {
                reasons.push(format!(
                    "meets {} WP248 criteri{}, {},",
                    met.len(),
                    if met.len() == 1 { "on" } else { "a" },
                    and_list(&listed)
                ));
            }
            let pointer = match (&act.dpia, met.first()) {
                (Some(_), _) => "/dpia".to_string(),
                (
                    None,
                    Some(MetCriterion {
                        inferred_from: Some(p),
                        ..
                    }),
                ) => p.clone(),
                (None, _) => String::new(),
            };
            let mut reasons = reasons.join(" and ");
            if !reasons.ends_with(',') {
                reasons.push(',');
            }
            // Art. 35(3) and the supervisory authority's list leave no room for a conclusion.
            let justified = cases.is_empty()
                && cnil.is_empty()
                && act
                    .dpia
                    .as_ref()
                    .and_then(|d| d.conclusion.as_deref())
                    .is_some_and(|c| !c.trim().is_empty());
            let mut d = Self::META.on_activity(
                a,
                &pointer,
                if justified {
                    format!(
                        "the activity {} yet records no DPIA, only a conclusion that none is needed (WP248: two criteria generally require a DPIA)",
                        reasons.trim_end_matches(',')
                    )
                } else {
                    let basis = if !cases.is_empty() {
                        "Art. 35(1), 35(3)"
                    } else if !cnil.is_empty() {
                        "Art. 35(1), 35(4)"
                    } else {
                        "Art. 35(1); WP248: two criteria generally require a DPIA"
                    };
                    format!(
                        "the activity {reasons} but no DPIA is recorded as done ({basis})"
                    )
                },
            );
            if justified {
                d.severity = Severity::Warning;
                d = d.help("have the DPO review the conclusion; carry out the DPIA and set `dpia.done: true`, or accept the finding with a waiver");
            } else {
                d = d.help("carry out the DPIA, then set `dpia.done: true` with its `reference` and `date`; list the criteria under `dpia.criteria`");
            }
            out.push(d);
        }
    }
}

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
fn review_limit(as_of: NaiveDate, months: u32) -> Option<NaiveDate> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DataCategory, DataSubjectCategory, Dpia, SpecialCategory};
    use crate::rules::reviews::testing::{activity, activity_with, check, register};
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn review_limit_uses_calendar_months() {
        assert_eq!(review_limit(d(2026, 11, 25), 36), Some(d(2023, 11, 25)));
        // End of month clamps to the last day of the shorter month.
        assert_eq!(review_limit(d(2024, 3, 31), 1), Some(d(2024, 2, 29)));
        assert_eq!(review_limit(d(2026, 11, 25), 0), Some(d(2026, 11, 25)));
    }

    #[test]
    fn criteria_are_declared_then_inferred_once() {
        let act = Activity {
            dpia: Some(Dpia {
                criteria: vec![Wp248Criterion::LargeScale, Wp248Criterion::SensitiveData],
                ..Dpia::default()
            }),
            data_categories: vec![
                DataCategory {
                    id: "health".into(),
                    special_category: Some(SpecialCategory::Health),
                    ..DataCategory::default()
                },
                DataCategory {
                    id: "convictions".into(),
                    criminal_data: true,
                    ..DataCategory::default()
                },
            ],
            data_subjects: vec![DataSubjectCategory {
                id: "children".into(),
                vulnerable: true,
                ..DataSubjectCategory::default()
            }],
            ..activity()
        };
        let met = met_criteria(&act);
        let keys: Vec<_> = met.iter().map(|m| criterion_key(m.criterion)).collect();
        assert_eq!(
            keys,
            ["large_scale", "sensitive_data", "vulnerable_subjects"]
        );
        assert_eq!(met[1].inferred_from, None);
        assert_eq!(
            describe_criterion(&act, &met[2]),
            "vulnerable_subjects (data subjects `children`)"
        );
    }

    #[test]
    fn criminal_data_alone_is_sensitive() {
        let act = Activity {
            data_categories: vec![DataCategory {
                id: "convictions".into(),
                criminal_data: true,
                ..DataCategory::default()
            }],
            ..activity()
        };
        let met = met_criteria(&act);
        assert_eq!(met.len(), 1);
        assert_eq!(
            describe_criterion(&act, &met[0]),
            "sensitive_data (data category `convictions`)"
        );
    }

    #[test]
    fn one_criterion_is_not_enough_two_are() {
        let as_of = d(2026, 11, 25);
        let one = activity_with(json!({"dpia": {"criteria": ["large_scale"]}}));
        assert!(check(&DpiaRequiredMissing, &register(vec![], vec![one]), as_of).is_empty());
        let two = activity_with(json!({
            "data_subjects": [{"id": "kids", "name": "Children", "vulnerable": true}],
            "dpia": {"criteria": ["large_scale"]},
        }));
        let found = check(&DpiaRequiredMissing, &register(vec![], vec![two]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].pointer.as_deref(), Some("/dpia"));
        let expected =
            "2 WP248 criteria, large_scale and vulnerable_subjects (data subjects `kids`), but";
        assert!(found[0].message.contains(expected), "{}", found[0].message);
    }

    #[test]
    fn processor_records_are_not_screened() {
        let as_of = d(2026, 11, 25);
        let fields = |role: &str| {
            json!({
                "role": role,
                "data_subjects": [{"id": "kids", "name": "Children", "vulnerable": true}],
                "data_categories": [{"id": "health", "name": "Health", "special_category": "health"}],
                "dpia": {"art35_3": ["large_scale_special_data"]},
            })
        };
        let processor = activity_with(fields("processor"));
        assert!(
            check(
                &DpiaRequiredMissing,
                &register(vec![], vec![processor]),
                as_of
            )
            .is_empty()
        );
        for role in ["controller", "joint_controller"] {
            let a = activity_with(fields(role));
            assert_eq!(
                check(&DpiaRequiredMissing, &register(vec![], vec![a]), as_of).len(),
                1,
                "{role}"
            );
        }
    }

    #[test]
    fn inferred_criteria_alone_point_at_their_source() {
        let as_of = d(2026, 11, 25);
        let a = activity_with(json!({
            "data_subjects": [{"id": "kids", "name": "Children", "vulnerable": true}],
            "data_categories": [{"id": "health", "name": "Health", "special_category": "health"}],
        }));
        let found = check(&DpiaRequiredMissing, &register(vec![], vec![a]), as_of);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/data_categories/0/special_category")
        );
    }

    #[test]
    fn art35_case_alone_requires_a_dpia_even_with_a_conclusion() {
        let as_of = d(2026, 11, 25);
        let a = activity_with(
            json!({"dpia": {"art35_3": ["public_monitoring"], "conclusion": "Not needed"}}),
        );
        let found = check(&DpiaRequiredMissing, &register(vec![], vec![a]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0]
                .message
                .contains("public_monitoring (Art. 35(3)(c))")
        );
        let done = activity_with(json!({"dpia": {"art35_3": ["public_monitoring"], "done": true}}));
        assert!(check(&DpiaRequiredMissing, &register(vec![], vec![done]), as_of).is_empty());
    }

    #[test]
    fn documented_decision_not_to_assess_is_a_warning() {
        let as_of = d(2026, 11, 25);
        let a = activity_with(json!({"dpia": {
            "criteria": ["large_scale", "matching_combining"],
            "conclusion": "Pseudonymised aggregates only; no high risk (DPO opinion 2026-02)",
        }}));
        let found = check(&DpiaRequiredMissing, &register(vec![], vec![a]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn dpia_outdated_after_the_interval_or_undated() {
        let as_of = d(2026, 11, 25);
        let on_limit = activity_with(json!({"dpia": {"done": true, "date": "2023-11-25"}}));
        assert!(check(&DpiaOutdated, &register(vec![], vec![on_limit]), as_of).is_empty());
        let old = activity_with(json!({"dpia": {"done": true, "date": "2023-11-24"}}));
        let found = check(&DpiaOutdated, &register(vec![], vec![old]), as_of);
        assert_eq!(found[0].pointer.as_deref(), Some("/dpia/date"));
        let undated = activity_with(json!({"dpia": {"done": true}}));
        let found = check(&DpiaOutdated, &register(vec![], vec![undated]), as_of);
        assert_eq!(found[0].pointer.as_deref(), Some("/dpia/done"));
        let not_done = activity_with(json!({"dpia": {"date": "2001-01-01"}}));
        assert!(check(&DpiaOutdated, &register(vec![], vec![not_done]), as_of).is_empty());
        let mut reg = register(
            vec![],
            vec![activity_with(
                json!({"dpia": {"done": true, "date": "2025-10-01"}}),
            )],
        );
        reg.config.item.settings.dpia_review_interval_months = 12;
        assert_eq!(check(&DpiaOutdated, &reg, as_of).len(), 1);
    }
}
