//! Unit tests of the dpia rules on registers built in memory.

use super::dpia_outdated::review_limit;
use super::*;
use crate::diagnostics::Severity;
use crate::model::{DataCategory, DataSubjectCategory, Dpia, SpecialCategory};
use crate::rules::testing::{activity, activity_with, check, register};
use chrono::NaiveDate;
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
        dpia: Some(Box::new(Dpia {
            criteria: vec![Wp248Criterion::LargeScale, Wp248Criterion::SensitiveData],
            ..Dpia::default()
        })),
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
    let keys: Vec<_> = met
        .iter()
        .map(|m| crate::model::yaml_name(&m.criterion))
        .collect();
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

#[test]
fn automated_decisions_with_profiling_are_an_art35_3_a_case_and_wp248_criteria() {
    let as_of = d(2026, 11, 25);
    let decisions = |profiling: bool, significant_effect: bool| {
        activity_with(json!({
            "automated_decision_making": {
                "description": "Applications scoring below the threshold are rejected.",
                "profiling": profiling,
                "solely_automated": true,
                "significant_effect": significant_effect,
            },
            "dpia": {"conclusion": "Not needed"},
        }))
    };
    let keys = |act: &Activity| -> Vec<String> {
        met_criteria(act)
            .iter()
            .map(|m| crate::model::yaml_name(&m.criterion))
            .collect()
    };
    let both = decisions(true, true);
    assert_eq!(keys(&both), ["evaluation_scoring", "automated_decision"]);
    assert_eq!(
        met_criteria(&both)[1].inferred_from.as_deref(),
        Some("/automated_decision_making/significant_effect")
    );
    assert_eq!(art35_cases(&both, false), [Art35Case::SystematicEvaluation]);
    // Case (a) leaves no room for the conclusion: an error.
    let found = check(&DpiaRequiredMissing, &register(vec![], vec![both]), as_of);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0]
            .message
            .contains("systematic_evaluation (Art. 35(3)(a))"),
        "{}",
        found[0].message
    );
    // Without a significant effect, profiling alone is one criterion and no Art. 35(3) case.
    let profiling = decisions(true, false);
    assert_eq!(keys(&profiling), ["evaluation_scoring"]);
    assert!(art35_cases(&profiling, false).is_empty());
    assert!(
        check(
            &DpiaRequiredMissing,
            &register(vec![], vec![profiling]),
            as_of
        )
        .is_empty()
    );
    // A statement in words describes no decision to screen.
    let statement = activity_with(
        json!({"automated_decision_making": "No decision is made by automated means."}),
    );
    assert!(met_criteria(&statement).is_empty());
}

#[test]
fn an_individual_professional_processes_nothing_on_a_large_scale() {
    let as_of = d(2026, 11, 25);
    let patients = || {
        activity_with(json!({
            "data_categories": [{"id": "health", "name": "Health", "special_category": "health"}],
            "dpia": {"criteria": ["large_scale"]},
        }))
    };
    // A clinic: large-scale health data is case (b) of Art. 35(3).
    let clinic = register(vec![], vec![patients()]);
    let found = check(&DpiaRequiredMissing, &clinic, as_of);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0]
            .message
            .contains("large_scale_special_data (Art. 35(3)(b))"),
        "{}",
        found[0].message
    );
    // A general practitioner (recital 91): no case (b), and `large_scale` is not counted, so
    // health data alone is one criterion and no DPIA is required.
    let mut practice = register(vec![], vec![patients()]);
    practice.config.item.organisation.individual_professional = true;
    assert!(art35_cases(&practice.activities[0].item, true).is_empty());
    assert!(check(&DpiaRequiredMissing, &practice, as_of).is_empty());
}

#[test]
fn a_type_of_the_cnil_list_requires_a_dpia_whatever_the_conclusion() {
    let as_of = d(2026, 11, 25);
    let listed = activity_with(
        json!({"dpia": {"cnil_list": ["employee_monitoring"], "conclusion": "Not needed"}}),
    );
    let found = check(&DpiaRequiredMissing, &register(vec![], vec![listed]), as_of);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(
        found[0]
            .message
            .contains("is on the CNIL's Art. 35(4) list (`employee_monitoring`)"),
        "{}",
        found[0].message
    );
    assert!(found[0].message.contains("Art. 35(1), 35(4)"));
    let done = activity_with(json!({"dpia": {"cnil_list": ["employee_monitoring"], "done": true}}));
    assert!(check(&DpiaRequiredMissing, &register(vec![], vec![done]), as_of).is_empty());
}
