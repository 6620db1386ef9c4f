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
